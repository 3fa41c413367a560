"""Anhøj runs analysis: unusually long runs and unusually few crossings of the centre line.

Semantics are those of qicharts2 0.8.1 `runs.analysis()` (Anhøj & Olesen 2014):

* excluded points are left out; points exactly on the centre line and missing values are
  dropped *before* counting, so a run bridges over them and "+, on-line, -" is one crossing;
* `n_obs` counts the included points (missing values too), `n_useful` the points left;
* a runs signal is `longest_run > longest_run_max or n_crossings < n_crossings_min`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from trellis.spc.core.constants import CROSSINGS_QUANTILE, RUNS_LONGEST_OFFSET

CROSSINGS_QUANTILE_FRACTION = Fraction(str(CROSSINGS_QUANTILE))


@dataclass(frozen=True)
class RunsSummary:
    """qicharts2's per-part runs summary, plus where the longest run lies (for the words)."""

    part: int
    n_obs: int
    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    n_crossings: int | None
    n_crossings_min: int | None
    runs_signal: bool
    longest_run_start: int | None = None
    """0-based series positions of the first and last point of the (first) longest run."""
    longest_run_end: int | None = None
    longest_run_side: int = 0
    """+1 when the longest run lies above the centre line, -1 below."""

    @property
    def long_run_signal(self) -> bool:
        return (
            self.longest_run is not None
            and self.longest_run_max is not None
            and self.longest_run > self.longest_run_max
        )

    @property
    def few_crossings_signal(self) -> bool:
        return (
            self.n_crossings is not None
            and self.n_crossings_min is not None
            and self.n_crossings < self.n_crossings_min
        )


def longest_run_limit(n_useful: int) -> int:
    """Upper prediction limit for the longest run: round(log2(n)) + 3 (Schilling 2012).

    log2 of an integer n >= 2 is never exactly x.5, so Python's round equals R's here.
    """
    return round(math.log2(n_useful)) + RUNS_LONGEST_OFFSET


@lru_cache(maxsize=4096)
def crossings_limit(n_useful: int) -> int:
    """Lower prediction limit for crossings: qbinom(0.05, n - 1, 0.5) (Chen 2010).

    The smallest k with P(X <= k) >= 0.05 for X ~ Binomial(n - 1, 1/2), computed exactly in
    integers: sum_{j <= k} C(m, j) >= 0.05 * 2^m.  (2^m / 20 is never a whole number, so there
    are no ties to break differently from R's floating-point qbinom.)
    """
    trials = max(n_useful - 1, 0)
    threshold = CROSSINGS_QUANTILE_FRACTION * 2**trials
    total = 0
    for k in range(trials + 1):
        total += math.comb(trials, k)
        if total >= threshold:
            return k
    return trials


def runs_analysis(
    y: NDArray[np.float64],
    cl: NDArray[np.float64],
    include: NDArray[np.bool_],
    *,
    part: int = 1,
    offset: int = 0,
) -> RunsSummary:
    """Runs analysis of one part. `offset` is the series position of the part's first point."""
    positions = np.flatnonzero(include)
    side = np.sign(y[include] - cl[include])
    useful = (side != 0) & ~np.isnan(side)
    side, positions = side[useful], positions[useful]
    n_obs, n_useful = int(include.sum()), int(side.size)
    if n_useful == 0:
        return RunsSummary(part, n_obs, 0, None, None, None, None, False)
    change = np.empty(n_useful, dtype=bool)
    change[0] = True
    np.not_equal(side[1:], side[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    lengths = np.diff(np.append(starts, n_useful))
    longest_index = int(np.argmax(lengths))
    longest = int(lengths[longest_index])
    start = int(starts[longest_index])
    limit_run = longest_run_limit(n_useful)
    crossings = int(starts.size - 1)
    limit_crossings = crossings_limit(n_useful)
    return RunsSummary(
        part=part,
        n_obs=n_obs,
        n_useful=n_useful,
        longest_run=longest,
        longest_run_max=limit_run,
        n_crossings=crossings,
        n_crossings_min=limit_crossings,
        runs_signal=longest > limit_run or crossings < limit_crossings,
        longest_run_start=offset + int(positions[start]),
        longest_run_end=offset + int(positions[start + longest - 1]),
        longest_run_side=int(side[start]),
    )


@dataclass(frozen=True)
class BatchRuns:
    """Runs statistics of many equally long series at once (rows are series)."""

    n_useful: NDArray[np.int64]
    longest_run: NDArray[np.int64]
    longest_run_max: NDArray[np.int64]
    n_crossings: NDArray[np.int64]
    n_crossings_min: NDArray[np.int64]
    runs_signal: NDArray[np.bool_]


def runs_analysis_batch(y: NDArray[np.float64], cl: NDArray[np.float64]) -> BatchRuns:
    """Vectorized runs analysis of a (series x points) matrix against per-row centre lines.

    Same rules as `runs_analysis` with every point included; used by the statewide batch path.
    `cl` may be one value per row (shape (k,)) or per point (shape (k, m)).
    """
    centre = cl[:, None] if cl.ndim == 1 else cl
    side = np.sign(y - centre)
    side[np.isnan(side)] = 0
    rows, width = side.shape
    useful = side != 0
    n_useful = useful.sum(axis=1)
    # Carry the last useful side forward so that on-line points neither break nor add.
    index = np.where(useful, np.arange(width), -1)
    last = np.maximum.accumulate(index, axis=1)
    previous = np.concatenate([np.full((rows, 1), -1), last[:, :-1]], axis=1)
    previous_side = np.where(previous >= 0, np.take_along_axis(side, np.maximum(previous, 0), axis=1), 0)
    crossing = useful & (previous_side != 0) & (previous_side != side)
    n_crossings = crossing.sum(axis=1)
    # Run lengths: label each useful point with its run number, count per (row, run).
    run_id = np.cumsum(crossing, axis=1)
    flat = (np.arange(rows)[:, None] * width + run_id)[useful]
    counts = np.bincount(flat, minlength=rows * width).reshape(rows, width)
    longest = counts.max(axis=1)
    safe_n = np.maximum(n_useful, 1)
    longest_max = np.rint(np.log2(safe_n)).astype(np.int64) + RUNS_LONGEST_OFFSET
    sizes, which = np.unique(n_useful, return_inverse=True)
    crossings_min = np.array([crossings_limit(int(n)) for n in sizes], dtype=np.int64)[which]
    signal = (n_useful > 0) & ((longest > longest_max) | (n_crossings < crossings_min))
    return BatchRuns(
        n_useful=n_useful.astype(np.int64),
        longest_run=longest.astype(np.int64),
        longest_run_max=longest_max,
        n_crossings=n_crossings.astype(np.int64),
        n_crossings_min=crossings_min,
        runs_signal=signal,
    )
