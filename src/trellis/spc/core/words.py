"""Signals in words a teacher understands: "6 points above the median since March 2024: a shift."

Points are named by their x label: dates as "March 2024" (monthly data) or "4 March 2024",
anything else as written, and plain positions as "point 12".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence

import numpy as np

from trellis.spc.core.charts import CENTRE_LINE_NAMES
from trellis.spc.core.engine import ChartResult
from trellis.spc.core.rules import Signal


def as_date(value: Hashable) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def point_labels(x: Sequence[Hashable]) -> list[str]:
    """How each point is named in a sentence."""
    dates = [as_date(v) for v in x]
    if x and all(d is not None for d in dates):
        monthly = all(d is not None and d.day == 1 for d in dates)
        return [f"{d:%B %Y}" if monthly else f"{d.day} {d:%B %Y}" for d in dates if d is not None]
    return [_position_label(v) for v in x]


def _position_label(value: Hashable) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        return str(value)
    number = float(value)
    return f"point {int(number)}" if number.is_integer() else f"point {number:g}"


def format_value(value: float) -> str:
    """A number for a sentence: three significant figures, no exponent."""
    size = abs(value)
    if size >= 100:
        return f"{value:,.0f}"
    if size >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def describe(signal: Signal, result: ChartResult, labels: Sequence[str] | None = None) -> str:
    """One sentence for one signal."""
    sentence = _sentence(signal, result, labels)
    return sentence[:1].upper() + sentence[1:]


def _sentence(signal: Signal, result: ChartResult, labels: Sequence[str] | None) -> str:
    names = list(labels) if labels is not None else point_labels(result.x)
    centre = CENTRE_LINE_NAMES.get(result.chart, "mean")
    last = len(result) - 1
    count = len(signal.points)
    start, end = names[signal.start], names[signal.end]
    period = f"since {start}" if signal.end == last else f"from {start} to {end}"
    side = "above" if signal.direction > 0 else "below"
    if signal.rule in ("long_run", "shift"):
        limit = result.runs_for_point(signal.start).longest_run_max
        chance = f" (more than {limit} in a row is unlikely by chance)" if signal.rule == "long_run" and limit else ""
        return f"{count} points in a row {side} the {centre} {period}: a shift{chance}."
    if signal.rule == "trend":
        way = "going up" if signal.direction > 0 else "going down"
        return f"{count} points in a row {way} {period}: a trend."
    if signal.rule == "outside_limits":
        i = signal.start
        limit_name, limit = ("upper", result.ucl[i]) if signal.direction > 0 else ("lower", result.lcl[i])
        return (
            f"{names[i]}: {format_value(float(result.y[i]))} is {side} the {limit_name} limit "
            f"({format_value(float(limit))}): an unusual point worth asking about."
        )
    if signal.rule == "few_crossings":
        runs = result.runs_for_point(signal.start)
        return (
            f"The data cross the {centre} only {runs.n_crossings} times in "
            f"{runs.n_useful} points {period} (at least {runs.n_crossings_min} expected by "
            "chance): the process has probably shifted."
        )
    if signal.rule == "two_of_three":
        near = "upper" if signal.direction > 0 else "lower"
        howmany = "2 of 3 points" if count == 2 else f"{count} points, 2 or more in every 3,"
        return f"{howmany} close to the {near} limit {period}: an early sign of a shift."
    if signal.rule == "inner_third":
        return (
            f"{count} points in a row close to the {centre} {period}: less variation than "
            "expected; check how the data are collected or grouped."
        )
    raise ValueError(f"no wording for rule {signal.rule!r}")


def describe_all(result: ChartResult, signals: Sequence[Signal]) -> list[str]:
    """Sentences for every signal, or one sentence saying there is none."""
    if not signals:
        centre = CENTRE_LINE_NAMES.get(result.chart, "mean")
        return [
            f"No signals: the points vary around the {centre} the way a stable process does (common-cause variation)."
        ]
    labels = point_labels(result.x)
    return [describe(signal, result, labels) for signal in signals]
