"""The statewide batch path: many equally long series of one chart type, analysed at once.

Same chart functions as the single-series engine (they work row-wise), same runs analysis in
vectorized form.  One observation per subgroup, no parts or exclusions: the shape of a measure
tracked by every school.  Xbar and S charts need raw subgroups and are not offered here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from trellis.spc.core.charts import CHARTS, NO_RUNS_SIGNAL, PartData
from trellis.spc.core.runs import BatchRuns, runs_analysis_batch

Array = NDArray[np.float64]
BATCH_CHARTS = frozenset(CHARTS) - {"xbar", "s"}


@dataclass(frozen=True)
class BatchResult:
    """Lines and signals of k series (rows) of m points (columns)."""

    chart: str
    y: Array
    cl: Array
    lcl: Array
    ucl: Array
    lcl_95: Array
    ucl_95: Array
    sigma_signal: NDArray[np.bool_]
    runs: BatchRuns


def analyze_batch(
    y: ArrayLike,
    *,
    chart: str,
    n: ArrayLike | None = None,
    freeze: int | None = None,
    screen_mr: bool = True,
) -> BatchResult:
    """Analyse each row of `y` (values, or counts when `n` holds the denominators)."""
    if chart not in BATCH_CHARTS:
        raise ValueError(f"chart {chart!r} is not available in batch; use one of {', '.join(sorted(BATCH_CHARTS))}")
    values = np.atleast_2d(np.asarray(y, dtype=np.float64))
    width = values.shape[1]
    if n is None:
        sizes = np.full(values.shape, np.nan)
        plotted = values
    else:
        sizes = np.atleast_2d(np.asarray(n, dtype=np.float64))
        missing = np.isnan(values) | np.isnan(sizes)
        values = np.where(missing, np.nan, values)
        sizes = np.where(missing, np.nan, sizes)
        with np.errstate(invalid="ignore", divide="ignore"):
            plotted = values / sizes
    present = (~np.isnan(values)).astype(np.float64)
    base = np.broadcast_to(np.arange(width) < (freeze or width), values.shape)
    lines = CHARTS[chart](
        PartData(
            plotted,
            values,
            present,
            values,
            np.full(values.shape, np.nan),
            sizes,
            base,
            screen_mr=screen_mr,
        )
    )
    runs = runs_analysis_batch(lines.y, lines.cl)
    if chart in NO_RUNS_SIGNAL:
        runs = BatchRuns(
            runs.n_useful,
            runs.longest_run,
            runs.longest_run_max,
            runs.n_crossings,
            runs.n_crossings_min,
            np.zeros_like(runs.runs_signal),
        )
    lcl, ucl, lcl_95, ucl_95 = (
        np.where(np.isfinite(v), v, np.nan) for v in (lines.lcl, lines.ucl, lines.lcl_95, lines.ucl_95)
    )
    with np.errstate(invalid="ignore"):
        sigma = (lines.y > ucl) | (lines.y < lcl)
    return BatchResult(chart, lines.y, lines.cl, lcl, ucl, lcl_95, ucl_95, sigma, runs)
