"""`trellis spc`: run and control charts from a file, without Django or a database."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import click

from trellis.lib.errors import ImportFailed
from trellis.spc.core.charts import CHARTS, NEEDS_DENOMINATOR
from trellis.spc.core.engine import ChartResult, aggregate, analyze, breaks_from_labels
from trellis.spc.core.mdc import chart_icons
from trellis.spc.core.rules import PROFILE_NOTES, PROFILES, Signal, detect
from trellis.spc.core.svg import render_svg
from trellis.spc.core.words import describe_all, point_labels
from trellis.spc.reader import SeriesFile, read_series

POINT_FIELDS = ("x", "y", "cl", "lcl", "ucl", "lcl_95", "ucl_95", "sigma_signal", "part")
RUNS_FIELDS = (
    "part",
    "n_obs",
    "n_useful",
    "longest_run",
    "longest_run_max",
    "n_crossings",
    "n_crossings_min",
    "runs_signal",
)


@click.group()
def spc() -> None:
    """Run and control charts (qicharts2 semantics) with signals in words."""


def _positions(text: str | None) -> list[int]:
    if not text:
        return []
    try:
        return [int(v) for v in text.replace(" ", "").split(",") if v]
    except ValueError:
        raise click.BadParameter(
            f"expected point numbers separated by commas, e.g. 3,7; found {text!r}",
            param_hint="--exclude",
        ) from None


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _subgroup_parts(series: SeriesFile) -> list[str] | None:
    """The phase label of each subgroup (the label of its first row)."""
    if series.part is None:
        return None
    first: dict[Hashable, str] = {}
    for key, label in zip(series.x, series.part, strict=True):
        first.setdefault(key, label)
    return list(first.values())


@spc.command("analyze")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--chart",
    "chart",
    type=click.Choice(sorted(CHARTS)),
    default="run",
    show_default=True,
    help="Chart type (pp = P′, up = U′, ip = I′, xmr = NHS MDC).",
)
@click.option("--x", "x_col", required=True, help="Column with the subgroup (date or number).")
@click.option("--y", "y_col", required=True, help="Column with the values or counts.")
@click.option("--n", "n_col", help="Column with denominators (P, P′, U, U′, I′ charts).")
@click.option("--freeze", type=int, help="Last point of the baseline (1-based).")
@click.option("--part", "part_col", help="Column naming the phase; a new part starts where it changes.")
@click.option("--exclude", help="Points to leave out of the calculations, e.g. 3,7 (1-based).")
@click.option(
    "--rules",
    "profile",
    type=click.Choice(sorted(PROFILES)),
    default="anhoej",
    show_default=True,
    help="Rule profile for signals.",
)
@click.option("--target", type=float, help="Target value (MDC assurance icon, chart line).")
@click.option(
    "--improvement",
    type=click.Choice(["increase", "decrease", "neutral"]),
    default="increase",
    show_default=True,
    help="Which direction is better.",
)
@click.option(
    "--multiply",
    type=float,
    default=1.0,
    show_default=True,
    help="Multiply y and the lines, e.g. 100 for percentages.",
)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option(
    "--svg",
    "svg_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the chart as an SVG file.",
)
def analyze_command(
    file: Path,
    chart: str,
    x_col: str,
    y_col: str,
    n_col: str | None,
    freeze: int | None,
    part_col: str | None,
    exclude: str | None,
    profile: str,
    target: float | None,
    improvement: str,
    multiply: float,
    fmt: str,
    svg_path: Path | None,
) -> None:
    """Analyse FILE (CSV, tab-delimited or xlsx) and print per-point lines and per-part runs."""
    if chart in NEEDS_DENOMINATOR and not n_col:
        raise click.UsageError(f"a {chart} chart needs denominators: add --n COLUMN")
    try:
        series = read_series(file, x=x_col, y=y_col, n=n_col, part=part_col)
    except ImportFailed as failure:
        raise click.ClickException(failure.summary()) from None
    size = len(aggregate(series.y, x=series.x, n=series.n))
    excluded = _positions(exclude)
    bad = [p for p in [*excluded, *([freeze] if freeze is not None else [])] if not 1 <= p <= size]
    if bad:
        raise click.BadParameter(f"point {bad[0]} does not exist: the series has {size} points (numbered 1 to {size})")
    labels = _subgroup_parts(series)
    try:
        result = analyze(
            series.y,
            chart=chart,
            x=series.x,
            n=series.n,
            freeze=freeze,
            parts=breaks_from_labels(labels) if labels else (),
            exclude=excluded,
            multiply=multiply,
        )
    except ValueError as error:
        raise click.ClickException(f"{file.name}: {error}") from None
    signals = detect(result, profile)
    icons = chart_icons(result, improvement, target)  # type: ignore[arg-type]
    if svg_path:
        svg_path.write_text(
            render_svg(
                result,
                signals=signals,
                target=target,
                y_label=y_col,
                show_95=profile in ("ihi-shewhart", "mdc"),
            ),
            encoding="utf-8",
        )
    report = _report(result, signals, profile, icons.variation, icons.assurance)
    click.echo(json.dumps(report, indent=2) if fmt == "json" else _as_csv(report), nl=fmt == "json")


def _report(
    result: ChartResult,
    signals: Sequence[Signal],
    profile: str,
    variation: str,
    assurance: str | None,
) -> dict[str, Any]:
    names = point_labels(result.x)
    sentences = describe_all(result, signals)
    points = [
        {
            "x": result.x[i],
            "y": _number(result.y[i]),
            "cl": _number(result.cl[i]),
            "lcl": _number(result.lcl[i]),
            "ucl": _number(result.ucl[i]),
            "lcl_95": _number(result.lcl_95[i]),
            "ucl_95": _number(result.ucl_95[i]),
            "sigma_signal": bool(result.sigma_signal[i]),
            "part": int(result.part[i]),
        }
        for i in range(len(result))
    ]
    parts = [{field: getattr(runs, field) for field in RUNS_FIELDS} for runs in result.runs]
    found = [
        {
            "rule": s.rule,
            "part": s.part,
            "direction": s.direction,
            "from": names[s.start],
            "to": names[s.end],
            "points": [p + 1 for p in s.points],
            "sentence": sentence,
        }
        for s, sentence in zip(signals, sentences, strict=False)
    ]
    return {
        "chart": result.chart,
        "rules": profile,
        "points": points,
        "parts": parts,
        "signals": found,
        "summary": sentences,
        "notes": PROFILE_NOTES.get(profile),
        "icons": {"variation": variation, "assurance": assurance},
    }


def _as_csv(report: dict[str, Any]) -> str:
    """Points, then a blank line and the per-part runs summary, then the signals."""
    out = io.StringIO()
    blocks: list[tuple[Sequence[str], list[dict[str, Any]]]] = [
        (POINT_FIELDS, report["points"]),
        (RUNS_FIELDS, report["parts"]),
        (("rule", "part", "from", "to", "sentence"), report["signals"]),
    ]
    for number, (fields, rows) in enumerate(blocks):
        if number:
            out.write("\n")
        writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
