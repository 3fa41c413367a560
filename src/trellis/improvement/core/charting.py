"""A measure's chart: choose the rules, analyse the series, mark PDSA cycles, say what it shows.

Pure: takes the measure's settings and points as plain data and returns everything a page, the
API or a PDF needs (the SVG, the signals in words, a table alternative, and whether the measure
has moved in the desired direction).  The analysis itself is the SPC engine's (`trellis.spc.core`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from trellis.spc.core.charts import CENTRE_LINE_NAMES, NEEDS_DENOMINATOR
from trellis.spc.core.engine import ChartResult, analyze
from trellis.spc.core.rules import Signal, detect
from trellis.spc.core.svg import Annotation, annotate, chart_table, render_svg
from trellis.spc.core.words import describe, describe_all, format_value, point_labels

# Which rules apply when a measure does not name a profile: IHI's run-chart rules for run charts
# (Perla, Provost & Murray 2011), the Shewhart rules of Provost & Murray (2011) for control charts.
DEFAULT_PROFILE = {"run": "ihi-run"}
SHEWHART_DEFAULT_PROFILE = "ihi-shewhart"
MIN_RUN_POINTS = 10  # Perla, Provost & Murray 2011: run-chart rules need at least 10 points
MIN_CONTROL_POINTS = 20  # Provost & Murray 2011: 20-25 subgroups for limits to settle
RECENT_POINTS = 6  # how many latest points stand for "where the measure is now"


@dataclass(frozen=True)
class Point:
    on: dt.date
    value: float
    denominator: float | None = None


@dataclass(frozen=True)
class Marker:
    on: dt.date
    label: str
    kind: str = "pdsa"


@dataclass(frozen=True)
class MeasureSettings:
    chart: str = "run"
    direction: int = 1
    """+1 when higher is better, -1 when lower is better."""
    target: float | None = None
    profile: str = ""
    """A rule profile name (`trellis.spc.core.rules.PROFILES`), or '' for the chart's default."""
    baseline_points: int | None = None
    """Freeze the centre line and limits on the first N points (the baseline before changes)."""
    multiply: float = 1.0
    """100 to show proportions as percentages."""


@dataclass(frozen=True)
class ChartView:
    result: ChartResult
    profile: str
    signals: tuple[Signal, ...]
    sentences: tuple[str, ...]
    svg: str
    table: tuple[dict[str, str], ...]
    cautions: tuple[str, ...]
    improving: bool
    """The latest signal is in the desired direction (a shift or trend, or a point beyond the good limit)."""
    worsening: bool
    baseline_centre: float
    recent: float
    """Median of the latest points, on the chart's scale."""
    goal_fraction: float
    """How far the measure has moved from its baseline centre towards the target, 0 to 1."""
    sustained: bool
    """The latest points all sit on the good side of the baseline centre line, after a signal."""


def profile_for(settings: MeasureSettings) -> str:
    return settings.profile or DEFAULT_PROFILE.get(settings.chart, SHEWHART_DEFAULT_PROFILE)


def build_chart(
    settings: MeasureSettings,
    points: Sequence[Point],
    markers: Sequence[Marker] = (),
    *,
    title: str,
    y_label: str = "",
    chart_id: str = "measure-chart",
) -> ChartView | None:
    """The chart of a measure, or None when it has fewer than two points."""
    ordered = sorted(points, key=lambda p: p.on)
    if len(ordered) < 2:
        return None
    needs_n = settings.chart in NEEDS_DENOMINATOR
    x = [p.on for p in ordered]
    y = np.array([p.value for p in ordered], dtype=np.float64)
    n = np.array([p.denominator if p.denominator else math.nan for p in ordered]) if needs_n else None
    freeze = settings.baseline_points if settings.baseline_points and settings.baseline_points < len(x) else None
    result = analyze(y, chart=settings.chart, x=x, n=n, freeze=freeze, multiply=settings.multiply, y_neg=False)
    profile = profile_for(settings)
    signals = tuple(detect(result, profile))
    sentences = tuple(signal_sentences(result, signals))
    annotations = _annotations(result, markers)
    svg = render_svg(
        result,
        signals=signals,
        title=title,
        y_label=y_label,
        annotations=annotations,
        target=settings.target,
        width=760,
        height=380,
        chart_id=chart_id,
    )
    cautions = _cautions(settings.chart, len(x), freeze)
    latest = _latest_direction(signals)
    baseline_centre = float(result.cl[0])
    finite = result.y[np.isfinite(result.y)]
    recent = float(np.median(finite[-RECENT_POINTS:])) if finite.size else math.nan
    return ChartView(
        result=result,
        profile=profile,
        signals=signals,
        sentences=sentences,
        svg=svg,
        table=tuple(chart_table(result, signals)),
        cautions=cautions,
        improving=latest == settings.direction,
        worsening=latest == -settings.direction,
        baseline_centre=baseline_centre,
        recent=recent,
        goal_fraction=goal_fraction(baseline_centre, recent, settings.target, settings.direction),
        sustained=latest == settings.direction and _sustained(result, settings.direction),
    )


def signal_sentences(result: ChartResult, signals: Sequence[Signal]) -> list[str]:
    """The signals in words, with neighbouring points beyond the same limit told in one sentence.

    After a real change every new point may sit beyond the old limit; ten sentences saying so
    one point at a time would bury the shift, so runs of such points are grouped.
    """
    if not signals:
        return describe_all(result, signals)
    labels = point_labels(result.x)
    sentences: list[str] = []
    group: list[Signal] = []

    def flush() -> None:
        if len(group) == 1:
            sentences.append(describe(group[0], result, labels))
        elif group:
            first, last = group[0].start, group[-1].start
            side, limit = ("above", "upper") if group[0].direction > 0 else ("below", "lower")
            period = f"since {labels[first]}" if last == len(result) - 1 else f"from {labels[first]} to {labels[last]}"
            sentences.append(
                f"{len(group)} points {side} the {limit} limit {period}: unusual points worth asking about."
            )
        group.clear()

    for signal in signals:
        if signal.rule != "outside_limits":
            continue
        if group and (signal.direction != group[-1].direction or signal.start - group[-1].start > 1):
            flush()
        group.append(signal)
    flush()
    outside = {s.start for s in signals if s.rule == "outside_limits"}
    # "2 of 3 near a limit" says nothing new about points already told to be beyond it.
    others = [
        describe(s, result, labels)
        for s in signals
        if s.rule != "outside_limits" and not (s.rule == "two_of_three" and set(s.points) <= outside)
    ]
    return others + sentences


def _latest_direction(signals: Sequence[Signal]) -> int:
    """The direction of the signal that ends last: where the process is now.

    On a run chart of a before-and-after series the early run below the median mirrors the later
    run above it; only the latest says which way the measure has moved.
    """
    sided = [s for s in signals if s.direction != 0]
    if not sided:
        return 0
    return max(sided, key=lambda s: (s.end, len(s.points))).direction


def goal_fraction(baseline: float, recent: float, target: float | None, direction: int) -> float:
    """(recent - baseline) / (target - baseline), kept within 0..1; 0 without a usable target."""
    if target is None or not (math.isfinite(baseline) and math.isfinite(recent)):
        return 0.0
    gap = target - baseline
    if gap == 0 or math.copysign(1, gap) != direction:
        return 1.0 if (recent - target) * direction >= 0 else 0.0
    return min(1.0, max(0.0, (recent - baseline) / gap))


def _sustained(result: ChartResult, direction: int) -> bool:
    finite = np.isfinite(result.y)
    y, cl = result.y[finite], result.cl[finite]
    if y.size < RECENT_POINTS:
        return False
    return bool(np.all((y[-RECENT_POINTS:] - cl[-RECENT_POINTS:]) * direction > 0))


def _annotations(result: ChartResult, markers: Sequence[Marker]) -> list[Annotation]:
    found = []
    for marker in sorted(markers, key=lambda m: m.on):
        try:
            found.append(annotate(result, marker.on, marker.label, marker.kind))
        except ValueError:
            continue  # a cycle after the last point: nothing to mark yet
    return found


def _cautions(chart: str, count: int, freeze: int | None) -> tuple[str, ...]:
    out = []
    if chart == "run" and count < MIN_RUN_POINTS:
        out.append(f"Only {count} points: the run-chart rules need at least {MIN_RUN_POINTS} to say much.")
    if chart != "run" and (freeze or count) < MIN_CONTROL_POINTS:
        out.append(
            f"The limits rest on {freeze or count} points; they settle with {MIN_CONTROL_POINTS} or more, "
            "so treat them as provisional."
        )
    return tuple(out)


def summary_sentence(view: ChartView, direction: int, target: float | None) -> str:
    """One line for lists: where the measure stands against its baseline and target."""
    centre = CENTRE_LINE_NAMES.get(view.result.chart, "mean")
    text = f"Recent median {format_value(view.recent)}; baseline {centre} {format_value(view.baseline_centre)}"
    if target is not None:
        text += f"; target {format_value(target)}"
    if view.improving:
        text += ". Improving (a signal in the desired direction)."
    elif view.worsening:
        text += ". A signal in the wrong direction."
    else:
        text += ". No signal yet."
    return text
