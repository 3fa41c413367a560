"""The batch path gives exactly what the single-series engine gives, row by row."""

from __future__ import annotations

import numpy as np
import pytest

from trellis.spc.core.batch import BATCH_CHARTS, analyze_batch
from trellis.spc.core.engine import analyze

WITH_DENOMINATOR = {"p", "pp", "u", "up", "ip"}


@pytest.mark.parametrize("chart", sorted(BATCH_CHARTS))
def test_it_matches_the_engine_row_by_row(chart: str) -> None:
    rng = np.random.default_rng(7)
    rows, width = 40, 30
    n = rng.integers(40, 200, (rows, width)).astype(float) if chart in WITH_DENOMINATOR else None
    if n is not None:
        y = rng.binomial(n.astype(int), 0.2).astype(float)
    else:
        y = rng.poisson(10, (rows, width)).astype(float) + 1
    y[3, 5] = np.nan
    batch = analyze_batch(y, chart=chart, n=n, freeze=20)
    for i in range(rows):
        one = analyze(y[i], n=None if n is None else n[i], chart=chart, freeze=20)
        for line in ("y", "cl", "lcl", "ucl", "lcl_95", "ucl_95"):
            np.testing.assert_allclose(getattr(batch, line)[i], getattr(one, line), rtol=1e-12, equal_nan=True)
        np.testing.assert_array_equal(batch.sigma_signal[i], one.sigma_signal)
        runs = one.runs[0]
        assert batch.runs.runs_signal[i] == runs.runs_signal
        assert batch.runs.n_crossings[i] == runs.n_crossings
        assert batch.runs.longest_run[i] == runs.longest_run


def test_it_refuses_charts_that_need_raw_subgroups() -> None:
    with pytest.raises(ValueError, match="not available in batch"):
        analyze_batch(np.ones((2, 5)), chart="xbar")
