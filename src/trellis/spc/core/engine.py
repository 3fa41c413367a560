"""Analyse one series: aggregate to subgroups, split into parts, compute lines, runs and signals.

This is qicharts2 0.8.1's `qic()` pipeline (`qic.agg` in `R/helper.functions.R`) without the
plotting:

1. rows sharing an x value form one subgroup (in order of first appearance);
2. the series is cut into parts after the positions in `parts`; each part gets its own centre
   line and limits, estimated from its baseline (positions <= `freeze`) minus `exclude`;
3. Anhøj runs analysis per part (excluded points left out);
4. `multiply` rescales the outputs; non-finite limits become missing;
5. a sigma signal is a point outside its limits, excluded and post-baseline points included.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from trellis.spc.core.charts import CHARTS, NO_RUNS_SIGNAL, ChartLines, PartData
from trellis.spc.core.runs import RunsSummary, runs_analysis

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Subgroups:
    """A series aggregated to one row per x value (see `aggregate`)."""

    x: tuple[Hashable, ...]
    y: Array
    y_sum: Array
    y_len: Array
    y_mean: Array
    y_sd: Array
    n: Array

    def __len__(self) -> int:
        return len(self.x)


@dataclass(frozen=True)
class ChartResult:
    """Per-point lines and signals of one analysed series, and the runs summary of each part."""

    chart: str
    x: tuple[Hashable, ...]
    y: Array
    n: Array
    cl: Array
    lcl: Array
    ucl: Array
    lcl_95: Array
    ucl_95: Array
    part: NDArray[np.int64]
    """1-based part number of each point."""
    baseline: NDArray[np.bool_]
    include: NDArray[np.bool_]
    sigma_signal: NDArray[np.bool_]
    runs: tuple[RunsSummary, ...]

    def __len__(self) -> int:
        return len(self.x)

    def runs_for_point(self, index: int) -> RunsSummary:
        return self.runs[int(self.part[index]) - 1]


def aggregate(y: ArrayLike, *, x: Sequence[Hashable] | None = None, n: ArrayLike | None = None) -> Subgroups:
    """Group observations by x (first-appearance order) the way qicharts2 does.

    With denominators, a row missing either y or n loses both, and the subgroup value is
    sum(y) / sum(n).  Without, it is the mean of y.  y_sd is the sample SD (NaN below 2 values).
    """
    values = np.asarray(y, dtype=np.float64)
    keys: Sequence[Hashable] = list(range(1, values.size + 1)) if x is None else x
    if len(keys) != values.size:
        raise ValueError(f"x has {len(keys)} values but y has {values.size}")
    denominators = np.full(values.size, math.nan) if n is None else np.asarray(n, np.float64)
    if denominators.size != values.size:
        raise ValueError(f"n has {denominators.size} values but y has {values.size}")
    if x is not None:
        # qicharts2 drops rows whose x is missing.
        kept = np.array([not _is_missing(k) for k in keys], dtype=bool)
        if not kept.all():
            keys = [k for k, keep in zip(keys, kept, strict=True) if keep]
            values, denominators = values[kept], denominators[kept]
    if n is not None:
        missing = np.isnan(values) | np.isnan(denominators)
        values = np.where(missing, math.nan, values)
        denominators = np.where(missing, math.nan, denominators)
    if x is None:  # one observation per subgroup: nothing to group
        group = np.arange(values.size)
        labels: tuple[Hashable, ...] = tuple(keys)
    else:
        order: dict[Hashable, int] = {}
        group = np.fromiter((order.setdefault(k, len(order)) for k in keys), np.int64, len(keys))
        labels = tuple(order)
    size = len(labels)
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    count = np.bincount(group, weights=present.astype(np.float64), minlength=size)
    total = np.bincount(group, weights=filled, minlength=size)
    rows = np.bincount(group, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
        squares = np.bincount(group, weights=np.where(present, (values - mean[group]) ** 2, 0.0), minlength=size)
        sd = np.where(count > 1, np.sqrt(squares / (count - 1)), math.nan)
        # R: sum(y, na.rm = length(y) > 1) -- a lone missing value stays missing.
        y_sum = np.where((rows == 1) & (count == 0), math.nan, total)
        if n is None:
            n_sum = np.full(size, math.nan)
            plotted = mean
        else:
            n_sum = np.bincount(group, weights=np.nan_to_num(denominators), minlength=size)
            plotted = total / n_sum
    return Subgroups(labels, plotted, y_sum, count.astype(np.float64), mean, sd, n_sum)


def _is_missing(key: Hashable) -> bool:
    return key is None or (isinstance(key, float) and math.isnan(key))


def part_numbers(breaks: Sequence[int], size: int) -> NDArray[np.int64]:
    """1-based part of each point; a new part starts after each break position (qicharts2)."""
    starts = sorted({0, *(b for b in breaks if 0 <= b < size)})
    part = np.zeros(size, dtype=np.int64)
    for number, start in enumerate(starts, start=1):
        part[start:] = number
    return part


def breaks_from_labels(labels: Sequence[Hashable]) -> list[int]:
    """Break positions where a phase label changes (for a `part` column)."""
    return [i for i in range(1, len(labels)) if labels[i] != labels[i - 1]]


def analyze(
    y: ArrayLike,
    *,
    chart: str = "run",
    x: Sequence[Hashable] | None = None,
    n: ArrayLike | None = None,
    freeze: int | None = None,
    parts: Sequence[int] = (),
    exclude: Sequence[int] = (),
    multiply: float = 1.0,
    screen_mr: bool = True,
    categorical: bool = False,
    y_neg: bool = True,
) -> ChartResult:
    """Analyse a series with qicharts2 semantics.

    `freeze`, `parts` and `exclude` are 1-based subgroup positions, as in qicharts2.  `freeze`
    and `parts` cannot be combined (qicharts2 ignores `freeze` when `part` is given).
    `screen_mr` is qicharts2's `qic.screenedmr` option, on whenever the package is attached.
    """
    if chart not in CHARTS:
        raise ValueError(f"unknown chart type {chart!r}; choose one of {', '.join(CHARTS)}")
    if freeze is not None and parts:
        raise ValueError("freeze and parts cannot be combined; use parts (phases) or freeze")
    groups = aggregate(y, x=x, n=n)
    size = len(groups)
    if size == 0:
        raise ValueError("the series is empty")
    position = np.arange(1, size + 1)
    part = part_numbers(parts, size)
    baseline = position <= (freeze if freeze is not None else size)
    include = ~np.isin(position, np.asarray(exclude, dtype=np.int64))
    lines = [np.empty(size) for _ in range(6)]
    runs: list[RunsSummary] = []
    for number in range(1, int(part.max()) + 1):
        where = part == number
        data = PartData(
            y=groups.y[where][None, :],
            y_sum=groups.y_sum[where][None, :],
            y_len=groups.y_len[where][None, :],
            y_mean=groups.y_mean[where][None, :],
            y_sd=groups.y_sd[where][None, :],
            n=groups.n[where][None, :],
            base=(baseline & include)[where][None, :],
            categorical=categorical,
            screen_mr=screen_mr,
        )
        computed = _first_row(CHARTS[chart](data))
        for target, values in zip(lines, _as_tuple(computed), strict=True):
            target[where] = values
        summary = runs_analysis(
            computed.y,
            computed.cl,
            include[where],
            part=number,
            offset=int(np.flatnonzero(where)[0]),
        )
        if categorical or chart in NO_RUNS_SIGNAL:
            summary = _without_signal(summary)
        runs.append(summary)
    y_out, cl, lcl, ucl, lcl_95, ucl_95 = (
        np.where(np.isfinite(v), v * multiply, math.nan) if i else v * multiply for i, v in enumerate(lines)
    )
    with np.errstate(invalid="ignore"):
        sigma = (y_out > ucl) | (y_out < lcl)
        if not y_neg and not np.any(y_out < 0):
            # qicharts2 y.neg = FALSE: no negative lower limits for non-negative data.
            lcl, lcl_95 = np.where(lcl < 0, 0.0, lcl), np.where(lcl_95 < 0, 0.0, lcl_95)
    return ChartResult(
        chart,
        groups.x,
        y_out,
        groups.n,
        cl,
        lcl,
        ucl,
        lcl_95,
        ucl_95,
        part,
        baseline,
        include,
        sigma,
        tuple(runs),
    )


def _first_row(lines: ChartLines) -> ChartLines:
    return ChartLines(*(values[0] for values in _as_tuple(lines)))


def _as_tuple(lines: ChartLines) -> tuple[Array, ...]:
    return (lines.y, lines.cl, lines.lcl, lines.ucl, lines.lcl_95, lines.ucl_95)


def _without_signal(summary: RunsSummary) -> RunsSummary:
    return replace(summary, runs_signal=False)


@dataclass(frozen=True)
class PartSummary:
    """qicharts2's `summary.qic()` row for one part: runs statistics and average limits."""

    runs: RunsSummary
    a_lcl: float
    cl: float
    a_ucl: float
    sigma_signals: int


def summarize(result: ChartResult) -> list[PartSummary]:
    """One summary per part: mean LCL, mean CL and mean UCL over the part's points."""
    summaries = []
    for runs in result.runs:
        where = result.part == runs.part
        summaries.append(
            PartSummary(
                runs,
                _nanmean(result.lcl[where]),
                _nanmean(result.cl[where]),
                _nanmean(result.ucl[where]),
                int(result.sigma_signal[where].sum()),
            )
        )
    return summaries


def _nanmean(values: Array) -> float:
    finite = values[~np.isnan(values)]
    return float(finite.mean()) if finite.size else math.nan
