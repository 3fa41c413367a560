"""NHS Making Data Count ("plot the dots") as NHSRplotthedots 0.2.2 implements it.

Sources: `R/ptd_spc_standard.R` (limits), `R/ptd_calculate_point_type.R` (rules and point
types), `R/ptd_calculate_assurance_type.R` and `R/geom_ptd_icon.R` (icons).  The rule helpers
below keep NHSRplotthedots' names so they can be checked against its unit tests.

Rules, first match wins: a point outside the limits; part of a 7-point trend (6 strictly
increasing or decreasing differences; equal values break it); part of "2 in 3" (2 of 3
consecutive points between the near and the process limits, all 3 on the same side of the mean);
part of 7 consecutive points on one side of the mean (a point on the mean breaks it).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from trellis.spc.core.charts import ChartLines, PartData, chart_xmr
from trellis.spc.core.engine import ChartResult, part_numbers

Array = NDArray[np.float64]
Improvement = Literal["increase", "decrease", "neutral"]
IMPROVEMENT_SIGN: dict[str, int] = {"increase": 1, "decrease": -1, "neutral": 0}

MDC_RUN_LENGTH = 7  # NHSRplotthedots: 7 points on one side of the mean
MDC_TREND_LENGTH = 7  # NHSRplotthedots: 7 points, i.e. 6 consecutive increases or decreases
SMALL_GROUP_WARNING = 13  # getOption("ptd_spc.warning_threshold", 13): "trial limits" below


def seven_point_one_side_mean(side: ArrayLike) -> NDArray[np.int64]:
    """1 where this point and the 6 before it share the same non-zero side of the mean."""
    v = np.asarray(side, dtype=np.float64)
    flags = np.zeros(v.size, dtype=np.int64)
    for i in range(MDC_RUN_LENGTH - 1, v.size):
        window = v[i - MDC_RUN_LENGTH + 1 : i + 1]
        flags[i] = int(v[i] != 0 and bool(np.all(window == v[i])))
    return flags


def part_of_seven(ends: ArrayLike) -> NDArray[np.int64]:
    """1 where this point or one of the next 6 ends a 7-point pattern.

    NHSRplotthedots `ptd_part_of_seven_trend`, used for both trends and runs."""
    v = np.abs(np.asarray(ends, dtype=np.float64)) == 1
    padded = np.r_[v, np.zeros(MDC_RUN_LENGTH - 1, dtype=bool)]
    windows = np.lib.stride_tricks.sliding_window_view(padded, MDC_RUN_LENGTH)
    return np.asarray(windows.any(axis=1), dtype=np.int64)


def seven_point_trend(y: ArrayLike) -> NDArray[np.int64]:
    """+1 / -1 where this point ends 6 strictly increasing / decreasing differences."""
    values = np.asarray(y, dtype=np.float64)
    out = np.zeros(values.size, dtype=np.int64)
    if values.size < MDC_TREND_LENGTH:
        return out
    steps = np.sign(np.diff(values))
    windows = np.lib.stride_tricks.sliding_window_view(steps, MDC_TREND_LENGTH - 1)
    out[MDC_TREND_LENGTH - 1 :] = np.where(
        np.all(windows == 1, axis=1), 1, np.where(np.all(windows == -1, axis=1), -1, 0)
    )
    return out


def two_in_three(close: ArrayLike, side: ArrayLike) -> NDArray[np.int64]:
    """1 where a point lies in a window of 3 with >= 2 close points, all 3 on one side."""
    c = np.r_[0, 0, np.asarray(close, dtype=np.float64), 0, 0]
    s = np.r_[0, 0, np.asarray(side, dtype=np.float64), 0, 0]
    if c.size == 4:
        return np.zeros(0, dtype=np.int64)
    hit = (np.convolve(c, np.ones(3), "valid") >= 2) & (np.abs(np.convolve(s, np.ones(3), "valid")) == 3)
    # Window j covers padded points j..j+2; point i (padded i+2) is in windows i, i+1, i+2.
    return np.asarray(hit[:-2] | hit[1:-1] | hit[2:], dtype=np.int64)


def part_of_two_in_three(pattern: ArrayLike, close: ArrayLike) -> NDArray[np.int64]:
    """Only the close points of a 2-in-3 pattern are flagged."""
    flags = (np.asarray(pattern) == 1) & (np.abs(np.asarray(close)) == 1)
    return np.asarray(flags, dtype=np.int64)


def trend_direction(y: Array, trend: NDArray[np.int64]) -> NDArray[np.int64]:
    """+1 / -1 for each point of a trend: the step to its left, or, when the next point is in
    a trend too, the step to its right (NHSRplotthedots issues #167 and #171)."""
    steps = np.sign(np.diff(y))
    right = np.r_[steps, steps[-1:]] if steps.size else np.zeros(y.size)
    left = np.r_[0.0, steps]
    both = np.r_[trend[1:], 0].astype(bool) & trend.astype(bool)
    return np.nan_to_num(np.where(both, right, left)).astype(np.int64)


def special_cause_type(y: Array, side: Array, close: NDArray[np.bool_], outside: NDArray[np.bool_]) -> list[str]:
    """NHSRplotthedots' label for every point, e.g. "Above UCL", "7 Point Trend (Increasing)"."""
    trend = part_of_seven(seven_point_trend(y))
    pair = part_of_two_in_three(two_in_three(close, side), close)
    shift = part_of_seven(seven_point_one_side_mean(side))
    direction = trend_direction(y, trend)
    labels = []
    for i in range(y.size):
        where = "Above" if side[i] > 0 else "Below"
        if outside[i]:
            labels.append("Above UCL" if side[i] == 1 else "Below LCL")
        elif trend[i]:
            labels.append(f"7 Point Trend ({'In' if direction[i] == 1 else 'De'}creasing)")
        elif pair[i]:
            labels.append(f"2 in 3 {where} CL")
        elif shift[i]:
            labels.append(f"7 Points {where} CL")
        else:
            labels.append("Common Cause")
    return labels


def point_type(label: str, improvement: Improvement) -> str:
    """common_cause, special_cause_improvement / _concern, or special_cause_neutral_high / _low."""
    high = any(word in label for word in ("Above", "Increasing"))
    low = any(word in label for word in ("Below", "Decreasing"))
    value = 1 if high else -1 if low else 0
    sign = IMPROVEMENT_SIGN[improvement]
    if sign == 0:
        return {1: "special_cause_neutral_high", -1: "special_cause_neutral_low"}.get(value, "common_cause")
    return {1: "special_cause_improvement", -1: "special_cause_concern"}.get(value * sign, "common_cause")


def assurance_type(lpl: float, upl: float, target: float, improvement: Improvement) -> str | None:
    """Where the target sits against the limits: consistent_pass / _fail, or inconsistent."""
    sign = IMPROVEMENT_SIGN[improvement]
    if sign == 0:
        return None
    if target > upl:
        return "consistent_fail" if sign == 1 else "consistent_pass"
    if target < lpl:
        return "consistent_pass" if sign == 1 else "consistent_fail"
    return "inconsistent"


def variation_icon(last_point_type: str, improvement: Improvement) -> str:
    """The variation icon comes from the last point (MDC, NHSRplotthedots issue #71)."""
    increase = improvement == "increase"
    return {
        "common_cause": "common_cause",
        "special_cause_improvement": "improvement_high" if increase else "improvement_low",
        "special_cause_concern": "concern_low" if increase else "concern_high",
        "special_cause_neutral_high": "neutral_high",
        "special_cause_neutral_low": "neutral_low",
    }[last_point_type]


@dataclass(frozen=True)
class MdcResult:
    x: tuple[Hashable, ...]
    y: Array
    mean: Array
    lpl: Array
    upl: Array
    near_lpl: Array
    near_upl: Array
    part: NDArray[np.int64]
    special_cause: tuple[str, ...]
    point_type: tuple[str, ...]
    variation_icon: str
    assurance_icon: str | None
    trial_limits: bool
    """The latest part has fewer than 13 points: limits are provisional."""


def mdc_analyze(
    y: ArrayLike,
    *,
    x: Sequence[Hashable] | None = None,
    improvement: Improvement = "increase",
    target: float | None = None,
    fix_after: int | None = None,
    parts: Sequence[int] = (),
    screen_outliers: bool = True,
) -> MdcResult:
    """XmR limits, point types and icons per rebase part (`fix_after` counts within each part)."""
    values = np.asarray(y, dtype=np.float64)
    keys = tuple(x) if x is not None else tuple(range(1, values.size + 1))
    part = part_numbers(parts, values.size)
    mean, lpl, upl, near_lpl, near_upl = (np.empty(values.size) for _ in range(5))
    labels: list[str] = []
    for number in range(1, int(part.max()) + 1):
        where = np.flatnonzero(part == number)
        segment = values[where]
        base = np.arange(segment.size) < (fix_after or segment.size)
        row = segment[None, :]
        nan = np.full(row.shape, np.nan)
        lines = chart_xmr(PartData(row, nan, nan, nan, nan, nan, base[None, :], screen_mr=screen_outliers))
        mean[where], lpl[where], upl[where] = lines.cl[0], lines.lcl[0], lines.ucl[0]
        near_lpl[where], near_upl[where] = lines.lcl_95[0], lines.ucl_95[0]
        lines = ChartLines(*(v[0] for v in (lines.y, lines.cl, lines.lcl, lines.ucl, lines.lcl_95, lines.ucl_95)))
        with np.errstate(invalid="ignore"):
            outside = (segment > lines.ucl) | (segment < lines.lcl)
            close = ~outside & ((segment < lines.lcl_95) | (segment > lines.ucl_95))
        side = np.nan_to_num(np.sign(segment - lines.cl))
        labels += special_cause_type(segment, side, close, outside)
    types = tuple(point_type(label, improvement) for label in labels)
    last_part = part == part.max()
    assurance = None
    if target is not None:
        assurance = assurance_type(float(lpl[-1]), float(upl[-1]), target, improvement)
    return MdcResult(
        keys,
        values,
        mean,
        lpl,
        upl,
        near_lpl,
        near_upl,
        part,
        tuple(labels),
        types,
        variation_icon(types[-1], improvement),
        assurance,
        bool(last_part.sum() < SMALL_GROUP_WARNING),
    )


@dataclass(frozen=True)
class Icons:
    variation: str
    assurance: str | None


def chart_icons(result: ChartResult, improvement: Improvement, target: float | None = None) -> Icons:
    """MDC's two summary icons for any analysed chart, from its latest part.

    Variation: the point type of the last point (MDC rules on the chart's own limits; use chart
    `xmr` to get MDC's 2.66 limits).  Assurance: the target against the last point's limits.
    """
    where = np.flatnonzero(result.part == result.part[-1])
    y, cl = result.y[where], result.cl[where]
    with np.errstate(invalid="ignore"):
        outside = (y > result.ucl[where]) | (y < result.lcl[where])
        close = ~outside & ((y > result.ucl_95[where]) | (y < result.lcl_95[where]))
    side = np.nan_to_num(np.sign(y - cl))
    labels = special_cause_type(y, side, close, outside)
    variation = variation_icon(point_type(labels[-1], improvement), improvement)
    assurance = None
    if target is not None and np.isfinite(result.ucl[-1]) and np.isfinite(result.lcl[-1]):
        assurance = assurance_type(float(result.lcl[-1]), float(result.ucl[-1]), target, improvement)
    return Icons(variation, assurance)
