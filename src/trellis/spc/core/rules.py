"""Named rule profiles: which patterns count as a signal, evaluated on an analysed chart.

Each profile is a function `ChartResult -> list[Signal]`, registered in `PROFILES`.  Rules are
applied per part, to included points with a value; the sources and the exact treatment of ties
and of points on the centre line are in docs/methods/spc.md.

* `anhoej` (default): qicharts2's Anhøj rules (unusually long run, unusually few crossings)
  plus points outside the 3-sigma limits.
* `ihi-run`: IHI run-chart rules, shift of 6 and trend of 5 (Perla, Provost & Murray 2011).
  The "too many or too few runs" table is NOT implemented: its values could not be sourced
  (see docs); astronomical points are a judgement and are not automated.
* `ihi-shewhart`: Provost & Murray's control-chart rules: outside 3 sigma, 8 on one side,
  6 increasing or decreasing, 2 of 3 beyond 2 sigma on one side, 15 in the inner third.
* `mdc`: NHS Making Data Count as NHSRplotthedots 0.2.2: outside, 7-point trend, 2 of 3 near
  the limits, 7 on one side (`trellis.spc.core.mdc`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from trellis.spc.core import mdc
from trellis.spc.core.engine import ChartResult

Array = NDArray[np.float64]

IHI_SHIFT = 6  # Perla, Provost & Murray 2011, BMJ Qual Saf 20:46, Table 1 / Fig. 2
IHI_TREND = 5  # ibid.
SHEWHART_SHIFT = 8  # Provost & Murray, The Health Care Data Guide (2011), rule 2
SHEWHART_TREND = 6  # ibid., rule 3
SHEWHART_TWO_OF_THREE = (2, 3)  # ibid., rule 4: 2 of 3 beyond 2 sigma, same side
SHEWHART_INNER_THIRD = 15  # ibid., rule 5: 15 consecutive within 1 sigma of the centre line


@dataclass(frozen=True)
class Signal:
    """One detected pattern. Positions are 0-based indices into the chart's points."""

    rule: str
    """outside_limits, long_run, few_crossings, shift, trend, two_of_three, inner_third."""
    part: int
    points: tuple[int, ...]
    direction: int
    """+1 above / increasing, -1 below / decreasing, 0 for patterns without a side."""

    @property
    def start(self) -> int:
        return self.points[0]

    @property
    def end(self) -> int:
        return self.points[-1]


def _parts(result: ChartResult) -> list[tuple[int, NDArray[np.int64]]]:
    """Each part's usable positions: included and with a value."""
    usable = result.include & ~np.isnan(result.y)
    return [(runs.part, np.flatnonzero((result.part == runs.part) & usable)) for runs in result.runs]


def outside_limits(result: ChartResult) -> list[Signal]:
    """Every point beyond its 3-sigma limits (excluded points too, as qicharts2 flags them)."""
    return [
        Signal(
            "outside_limits",
            int(result.part[i]),
            (int(i),),
            1 if result.y[i] > result.ucl[i] else -1,
        )
        for i in np.flatnonzero(result.sigma_signal)
    ]


def side_runs(
    side: Array, positions: NDArray[np.int64], min_points: int, *, zero_breaks: bool
) -> list[tuple[tuple[int, ...], int]]:
    """Maximal runs of >= min_points on one side.  Points with side 0 (on the line) either
    break the run or are skipped (neither add nor break)."""
    if not zero_breaks:
        keep = side != 0
        side, positions = side[keep], positions[keep]
    found = []
    start = 0
    for i in range(1, side.size + 1):
        if i == side.size or side[i] != side[start]:
            if side[start] != 0 and i - start >= min_points:
                found.append((tuple(int(p) for p in positions[start:i]), int(side[start])))
            start = i
    return found


def monotone_runs(
    y: Array, positions: NDArray[np.int64], min_points: int, *, ties_break: bool
) -> list[tuple[tuple[int, ...], int]]:
    """Maximal strictly increasing or decreasing sequences of >= min_points points.

    With `ties_break` False a value equal to the previous one is skipped (only one of them
    counts), as IHI and Life QI describe; with True it ends the trend (NHSRplotthedots).
    """
    if not ties_break and y.size:
        keep = np.r_[True, np.diff(y) != 0]
        y, positions = y[keep], positions[keep]
    found = []
    steps = np.sign(np.diff(y))
    start = 0  # index into steps
    for i in range(1, steps.size + 1):
        if i == steps.size or steps[i] != steps[start]:
            if steps.size and steps[start] != 0 and i - start + 1 >= min_points:
                found.append((tuple(int(p) for p in positions[start : i + 1]), int(steps[start])))
            start = i
    return found


def _segments(rule: str, part: int, runs: list[tuple[tuple[int, ...], int]]) -> list[Signal]:
    return [Signal(rule, part, points, direction) for points, direction in runs]


def profile_anhoej(result: ChartResult) -> list[Signal]:
    signals = outside_limits(result)
    for runs in result.runs:
        if not runs.runs_signal:
            continue
        if runs.long_run_signal and runs.longest_run_start is not None:
            points = _run_points(result, runs.part, runs.longest_run_start, runs.longest_run_end)
            signals.append(Signal("long_run", runs.part, points, runs.longest_run_side))
        if runs.few_crossings_signal:
            positions = next(p for number, p in _parts(result) if number == runs.part)
            signals.append(Signal("few_crossings", runs.part, tuple(int(p) for p in positions), 0))
    return signals


def _run_points(result: ChartResult, part: int, start: int, end: int | None) -> tuple[int, ...]:
    """The counted points of a run: included, with a value, off the centre line."""
    stop = start if end is None else end
    span = np.arange(start, stop + 1)
    keep = result.include[span] & ~np.isnan(result.y[span]) & (result.y[span] != result.cl[span])
    return tuple(int(p) for p in span[keep])


def profile_ihi_run(result: ChartResult) -> list[Signal]:
    signals: list[Signal] = []
    for part, positions in _parts(result):
        side = np.sign(result.y[positions] - result.cl[positions])
        signals += _segments("shift", part, side_runs(side, positions, IHI_SHIFT, zero_breaks=False))
        signals += _segments(
            "trend",
            part,
            monotone_runs(result.y[positions], positions, IHI_TREND, ties_break=False),
        )
    return signals


def profile_ihi_shewhart(result: ChartResult) -> list[Signal]:
    signals = outside_limits(result)
    for part, positions in _parts(result):
        y, cl = result.y[positions], result.cl[positions]
        side = np.sign(y - cl)
        signals += _segments("shift", part, side_runs(side, positions, SHEWHART_SHIFT, zero_breaks=False))
        signals += _segments("trend", part, monotone_runs(y, positions, SHEWHART_TREND, ties_break=False))
        with np.errstate(invalid="ignore"):
            beyond_two = np.where(y > result.ucl_95[positions], 1, np.where(y < result.lcl_95[positions], -1, 0))
            # Inner third: within one sigma, i.e. a third of the way from CL to each limit.
            upper = cl + (result.ucl[positions] - cl) / 3
            lower = cl - (cl - result.lcl[positions]) / 3
            inner = ((y <= upper) & (y >= lower)).astype(np.float64)
        signals += _two_of_three(part, positions, beyond_two)
        signals += _segments(
            "inner_third",
            part,
            side_runs(inner, positions, SHEWHART_INNER_THIRD, zero_breaks=True),
        )
    return signals


def _two_of_three(part: int, positions: NDArray[np.int64], beyond: NDArray[np.int64]) -> list[Signal]:
    """Points beyond 2 sigma that share a window of 3 with another such point on their side."""
    needed, window = SHEWHART_TWO_OF_THREE
    signals: list[Signal] = []
    for direction in (1, -1):
        hits = (beyond == direction).astype(np.float64)
        if hits.size < window:
            continue
        full = np.convolve(hits, np.ones(window), "valid") >= needed
        padded = np.r_[np.zeros(window - 1, bool), full, np.zeros(window - 1, bool)]
        in_window = np.lib.stride_tricks.sliding_window_view(padded, window).any(axis=1)
        flagged = in_window & (hits == 1)
        signals += _flag_segments(
            "two_of_three",
            part,
            positions,
            flagged,
            np.full(hits.size, direction),
            max_gap=window - 1,
        )
    return signals


def profile_mdc(result: ChartResult) -> list[Signal]:
    """MDC rules on the chart's own limits (use chart `xmr` for MDC's 2.66 limits).

    Each rule is reported on its own; the single label per point (first rule wins) is
    `mdc.special_cause_type`, used for MDC's point colours and icons.
    """
    signals: list[Signal] = []
    for part, positions in _parts(result):
        y, cl = result.y[positions], result.cl[positions]
        with np.errstate(invalid="ignore"):
            outside = (y > result.ucl[positions]) | (y < result.lcl[positions])
            close = ~outside & ((y > result.ucl_95[positions]) | (y < result.lcl_95[positions]))
        side = np.nan_to_num(np.sign(y - cl)).astype(np.int64)
        trend_points = mdc.part_of_seven(mdc.seven_point_trend(y))
        trend = trend_points.astype(bool)
        step_direction = mdc.trend_direction(y, trend_points)
        pair = mdc.part_of_two_in_three(mdc.two_in_three(close, side), close).astype(bool)
        shift = mdc.part_of_seven(mdc.seven_point_one_side_mean(side)).astype(bool)
        signals += [Signal("outside_limits", part, (int(positions[i]),), int(side[i])) for i in np.flatnonzero(outside)]
        signals += _flag_segments("trend", part, positions, trend, step_direction, max_gap=1)
        signals += _flag_segments("two_of_three", part, positions, pair, side, max_gap=2)
        signals += _flag_segments("shift", part, positions, shift, side, max_gap=1)
    return signals


def _flag_segments(
    rule: str,
    part: int,
    positions: NDArray[np.int64],
    flagged: NDArray[np.bool_],
    direction: NDArray[np.int64],
    *,
    max_gap: int,
) -> list[Signal]:
    """Group flagged points of one direction into signals; a gap longer than `max_gap`
    positions, or a change of direction, starts a new one."""
    signals: list[Signal] = []
    current: list[int] = []
    for i in np.flatnonzero(flagged):
        same = bool(current) and direction[i] == direction[current[0]]
        if current and same and i - current[-1] <= max_gap:
            current.append(int(i))
            continue
        if current:
            signals.append(_segment(rule, part, positions, current, direction))
        current = [int(i)]
    if current:
        signals.append(_segment(rule, part, positions, current, direction))
    return signals


def _segment(
    rule: str,
    part: int,
    positions: NDArray[np.int64],
    members: list[int],
    direction: NDArray[np.int64],
) -> Signal:
    return Signal(rule, part, tuple(int(positions[j]) for j in members), int(direction[members[0]]))


Profile = Callable[[ChartResult], list[Signal]]

PROFILES: dict[str, Profile] = {
    "anhoej": profile_anhoej,
    "ihi-run": profile_ihi_run,
    "ihi-shewhart": profile_ihi_shewhart,
    "mdc": profile_mdc,
}

PROFILE_TITLES: dict[str, str] = {
    "anhoej": "Anhøj rules (qicharts2): long runs, few crossings, points outside the limits",
    "ihi-run": "IHI run-chart rules: shift of 6, trend of 5 (runs table not implemented)",
    "ihi-shewhart": "IHI Shewhart rules: outside 3σ, 8 on one side, 6 up or down, "
    "2 of 3 beyond 2σ, 15 in the inner third",
    "mdc": "NHS Making Data Count: outside the limits, 7-point trend, 2 of 3 near the limits, 7 on one side",
}


PROFILE_NOTES: dict[str, str] = {
    "ihi-run": "The IHI too-many/too-few-runs table is not applied: its critical values "
    "(Perla, Provost & Murray 2011, Table 1) could not be sourced. The anhoej profile's "
    "crossings rule answers the same question. Astronomical points are left to judgement.",
    "mdc": "MDC rules as NHSRplotthedots 0.2.2; use chart xmr for MDC's 2.66 limits.",
}
"""What a reader of a profile's results should know about what it does not check."""


def detect(result: ChartResult, profile: str = "anhoej") -> list[Signal]:
    """Signals of `result` under a named profile, in the order of their first point."""
    if profile not in PROFILES:
        raise ValueError(f"unknown rule profile {profile!r}; choose one of {', '.join(PROFILES)}")
    return sorted(PROFILES[profile](result), key=lambda s: (s.start, s.rule))
