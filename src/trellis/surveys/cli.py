"""`trellis survey …` and `trellis measures …`: survey scoring and psychometrics from CSV files.

These commands only compute; they never touch the database.

RESPONSES.csv (``trellis survey score``), one row per respondent:
    respondent_id   optional, ignored in scoring
    org             the organization the respondent belongs to (required)
    wave            optional; every row is wave "1" without it
    <subgroups>     any columns named with --subgroup (e.g. role, years); blank = not stated
    <items>         one column per item, named ``measure.item`` (e.g. ``trust.t1``), holding the
                    response value (1..5 by default); blank = missing.
                    With --items ITEMS.csv (columns item, measure[, condition]) any names work.
ORGS.csv (--orgs): org, parent[, invited] — the hierarchy for roll-ups and response rates.

ITEMS.csv (``trellis measures …``): one row per respondent, one numeric column per item;
columns listed with --exclude (e.g. an id) are ignored; blanks are missing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import numpy as np
import polars as pl

from trellis.surveys.core import rasch
from trellis.surveys.core.rasch_mml import calibrate_mml
from trellis.surveys.core.reliability import (
    NanPolicy,
    cronbach_alpha,
    item_statistics,
    mcdonald_omega,
)
from trellis.surveys.core.scale import Benchmark, Instrument, Item
from trellis.surveys.core.scoring import calibrate_benchmark, measure_changes, score_survey
from trellis.surveys.core.suppression import SuppressionPolicy


def _read_csv(path: Path) -> pl.DataFrame:
    try:
        return pl.read_csv(path, infer_schema_length=0, encoding="utf8-lossy")
    except Exception as error:  # polars raises several error types for malformed files
        raise click.ClickException(f"{path.name}: could not read the file as CSV ({error})") from None


def _numeric(frame: pl.DataFrame, columns: list[str], name: str) -> np.ndarray:
    """Columns as floats; a non-numeric entry is reported with its line (header = line 1)."""
    out = np.empty((frame.height, len(columns)))
    for j, column in enumerate(columns):
        raw = frame[column].str.strip_chars()
        values = raw.cast(pl.Float64, strict=False)
        bad = values.is_null() & raw.is_not_null() & (raw != "")
        if bad.any():
            line = int(bad.arg_max() or 0) + 2
            raise click.ClickException(f"{name}, line {line}, column {column!r}: {raw[line - 2]!r} is not a number")
        out[:, j] = values.fill_null(np.nan).to_numpy()
    return out


def _emit(payload: Any, frame: pl.DataFrame | None, fmt: str) -> None:
    if fmt == "csv":
        if frame is None:
            raise click.ClickException("this output has no CSV form; use --format json")
        sys.stdout.write(frame.write_csv())
    else:
        click.echo(json.dumps(payload, indent=2, default=_jsonable))


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(type(value))


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


@click.group(name="survey")
def survey() -> None:
    """Score staff surveys into Rasch measures on the 1–99 scale, with suppression."""


@survey.command(name="score")
@click.argument("responses", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--items",
    "items_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with columns item, measure[, condition].",
)
@click.option(
    "--orgs",
    "orgs_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with columns org, parent[, invited].",
)
@click.option("--subgroup", "subgroups", multiple=True, help="A subgroup column (repeatable).")
@click.option("--benchmark-wave", default=None, help="Wave to calibrate on (default: first).")
@click.option(
    "--benchmark",
    "benchmark_in",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use a saved benchmark (JSON) instead of calibrating.",
)
@click.option(
    "--save-benchmark",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the benchmark used to this JSON file.",
)
@click.option("--min-value", default=1, show_default=True, help="Lowest response value.")
@click.option("--max-value", default=5, show_default=True, help="Highest response value.")
@click.option(
    "--favorable-min",
    default=4,
    show_default=True,
    help="Responses at or above this count as favorable.",
)
@click.option("--model", type=click.Choice(["rsm", "pcm"]), default="rsm", show_default=True)
@click.option(
    "-k",
    "--min-respondents",
    "k",
    default=5,
    show_default=True,
    help="Minimum respondents per reported cell (never below 3).",
)
@click.option(
    "--min-units",
    default=5,
    show_default=True,
    help="Minimum member units with data for a roll-up.",
)
@click.option(
    "--table",
    type=click.Choice(["measures", "conditions", "items", "cells", "changes"]),
    default="measures",
    show_default=True,
    help="Table written with --format csv.",
)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def score(
    responses: Path,
    items_file: Path | None,
    orgs_file: Path | None,
    subgroups: tuple[str, ...],
    benchmark_wave: str | None,
    benchmark_in: Path | None,
    save_benchmark: Path | None,
    min_value: int,
    max_value: int,
    favorable_min: int,
    model: str,
    k: int,
    min_units: int,
    table: str,
    fmt: str,
) -> None:
    """Organization measure scores (every level, every wave) with suppression applied."""
    try:
        policy = SuppressionPolicy(k=k, min_units=min_units)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    frame = _read_csv(responses)
    if "org" not in frame.columns:
        raise click.ClickException(f"{responses.name}, line 1: the column 'org' is missing")
    options: dict[str, Any] = {
        "min_value": min_value,
        "max_value": max_value,
        "favorable_min": favorable_min,
        "model": model,
    }
    if items_file is not None:
        spec = _read_csv(items_file)
        missing = {"item", "measure"} - set(spec.columns)
        if missing:
            raise click.ClickException(f"{items_file.name}, line 1: missing column(s) {', '.join(sorted(missing))}")
        instrument = Instrument(
            items=tuple(Item(r["item"], r["measure"], r.get("condition") or "") for r in spec.iter_rows(named=True)),
            **options,
        )
    else:
        instrument = Instrument.from_columns(frame.columns, **options)
    if not instrument.items:
        raise click.ClickException("no item columns: name them measure.item or give --items")
    absent = [i.item_id for i in instrument.items if i.item_id not in frame.columns]
    if absent:
        raise click.ClickException(f"{responses.name}, line 1: item column(s) not found: {', '.join(absent)}")
    for column in subgroups:
        if column not in frame.columns:
            raise click.ClickException(f"{responses.name}, line 1: no column {column!r}")
    ids = [i.item_id for i in instrument.items]
    values = _numeric(frame, ids, responses.name)
    frame = frame.with_columns([pl.Series(c, values[:, j]) for j, c in enumerate(ids)])
    hierarchy = None
    if orgs_file is not None:
        hierarchy = _read_csv(orgs_file)
        if not {"org", "parent"} <= set(hierarchy.columns):
            raise click.ClickException(f"{orgs_file.name}, line 1: needs columns org, parent")
        if "invited" in hierarchy.columns:
            invited = _numeric(hierarchy, ["invited"], orgs_file.name)[:, 0]
            hierarchy = hierarchy.with_columns(pl.Series("invited", invited).fill_nan(None))
    try:
        if benchmark_in is not None:
            benchmark = Benchmark.from_dict(json.loads(benchmark_in.read_text()))
        else:
            benchmark = calibrate_benchmark(frame, instrument, benchmark_wave, policy)
        report = score_survey(frame, instrument, benchmark, hierarchy, list(subgroups), policy)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if save_benchmark is not None:
        save_benchmark.write_text(json.dumps(benchmark.to_dict(), indent=2))
    changes = measure_changes(report.measures, benchmark)
    tables = {
        "measures": report.measures.drop("score_exact"),
        "conditions": report.conditions.drop("score_exact"),
        "items": report.items,
        "cells": report.cells,
        "changes": changes,
    }
    payload = {
        "benchmark": {
            name: {
                "wave": benchmark.wave,
                "mean_logits": mb.mean,
                "sd_logits": mb.sd,
                "basis": mb.basis,
                "n_units": mb.n_units,
            }
            for name, mb in benchmark.measures.items()
        },
        "policy": {
            "k": policy.k,
            "min_units": policy.min_units,
            "min_response_rate": policy.min_response_rate,
        },
        **{
            name: [{k2: _clean(v) for k2, v in row.items()} for row in t.iter_rows(named=True)]
            for name, t in tables.items()
        },
    }
    _emit(payload, tables[table], fmt)


@survey.command(name="score-window")
@click.argument("window_ids", type=int, nargs=-1, required=True)
@click.option("--title", default="", help="Title of the result set (default: from the windows).")
def score_window(window_ids: tuple[int, ...], title: str) -> None:
    """Score closed windows (annual waves; the earliest is the benchmark) and store the suppressed results."""
    from trellis.cli.main import setup_django

    setup_django()
    from trellis.surveys.models import SurveyWindow
    from trellis.surveys.scoring import score_windows

    windows = list(SurveyWindow.objects.filter(pk__in=window_ids).select_related("instrument"))
    missing = sorted(set(window_ids) - {w.pk for w in windows})
    if missing:
        raise click.ClickException("no such window: " + ", ".join(str(i) for i in missing))
    try:
        result_set = score_windows(windows, title=title)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    cells = result_set.cells.count()
    published = result_set.cells.filter(published=True).count()
    click.echo(
        f"result set {result_set.pk}: {cells} organization-waves, {published} published, "
        f"{cells - published} suppressed, in {result_set.seconds:.1f} s"
    )


@click.group(name="measures")
def measures() -> None:
    """Psychometrics of one multi-item measure: reliability and Rasch."""


def _items(path: Path, exclude: tuple[str, ...]) -> tuple[list[str], np.ndarray]:
    frame = _read_csv(path)
    columns = [c for c in frame.columns if c not in set(exclude) and c.strip() not in ("",)]
    if len(columns) < 2:
        raise click.ClickException(f"{path.name}: at least two item columns are needed")
    return columns, _numeric(frame, columns, path.name)


@measures.command(name="reliability")
@click.argument("items_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--exclude", multiple=True, help="A non-item column to ignore (repeatable).")
@click.option(
    "--nan-policy",
    type=click.Choice(["pairwise", "listwise"]),
    default="pairwise",
    show_default=True,
)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def reliability(items_csv: Path, exclude: tuple[str, ...], nan_policy: str, fmt: str) -> None:
    """Alpha (raw, standardized, Feldt 95% CI), item-rest r, alpha if dropped, omega."""
    columns, x = _items(items_csv, exclude)
    policy: NanPolicy = "listwise" if nan_policy == "listwise" else "pairwise"
    alpha = cronbach_alpha(x, policy)
    stats = item_statistics(x, policy)
    omega = mcdonald_omega(x, policy)
    rows = [
        {
            "item": c,
            "item_rest_r": float(stats.item_rest_r[i]),
            "alpha_if_dropped": _clean(float(stats.alpha_if_dropped[i])),
            "loading": float(omega.loadings[i]),
        }
        for i, c in enumerate(columns)
    ]
    payload = {
        "n_respondents": alpha.n_respondents,
        "n_items": alpha.n_items,
        "nan_policy": policy,
        "alpha": alpha.alpha,
        "standardized_alpha": alpha.standardized_alpha,
        "alpha_ci95": [alpha.ci_low, alpha.ci_high],
        "omega": omega.omega,
        "items": rows,
    }
    _emit(payload, pl.DataFrame(rows), fmt)


@measures.command(name="rasch")
@click.argument("items_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--exclude", multiple=True, help="A non-item column to ignore (repeatable).")
@click.option("--model", type=click.Choice(["rsm", "pcm"]), default="rsm", show_default=True)
@click.option(
    "--min-value",
    type=int,
    default=None,
    help="Lowest response category (default: the lowest value seen).",
)
@click.option("--compare-mml", is_flag=True, help="Also estimate by MML and report the largest difference.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def rasch_command(
    items_csv: Path,
    exclude: tuple[str, ...],
    model: str,
    min_value: int | None,
    compare_mml: bool,
    fmt: str,
) -> None:
    """Item difficulties and thresholds (CML), WLE person measures, infit/outfit."""
    columns, x = _items(items_csv, exclude)
    low = min_value if min_value is not None else int(np.nanmin(x))
    chosen: rasch.Model = "pcm" if model == "pcm" else "rsm"
    try:
        cal = rasch.calibrate(x - low, columns, chosen)
        persons = rasch.person_measures(x - low, cal)
        fit = rasch.item_fit(x - low, cal, persons)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    items = [
        {
            "item": c,
            "difficulty": float(cal.difficulty[i]),
            "thresholds": cal.thresholds[i].tolist(),
            "infit": _clean(float(fit.infit[i])),
            "outfit": _clean(float(fit.outfit[i])),
            "n": int(fit.n[i]),
        }
        for i, c in enumerate(columns)
    ]
    payload: dict[str, Any] = {
        "model": chosen,
        "method": "cml",
        "n_respondents": cal.n_respondents,
        "categories": [low + c for c in range(cal.n_categories)],
        "tau": cal.tau.tolist(),
        "items": items,
        "persons": [
            {
                "row": r + 2,
                "theta": _clean(float(persons.theta[r])),
                "se": _clean(float(persons.se[r])),
                "raw_score": int(persons.raw_score[r]),
                "extreme": bool(persons.extreme[r]),
            }
            for r in range(x.shape[0])
        ],
    }
    if compare_mml:
        mml = calibrate_mml(x - low, columns, chosen, cal.n_categories)
        payload["mml_max_threshold_difference"] = float(np.abs(mml.thresholds - cal.thresholds).max())
    _emit(
        payload,
        pl.DataFrame([{k: v for k, v in r.items() if k != "thresholds"} for r in items]),
        fmt,
    )
