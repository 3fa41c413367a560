"""Anhøj runs analysis: critical values and the treatment of points on the centre line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from trellis.spc.core.runs import (
    crossings_limit,
    longest_run_limit,
    runs_analysis,
    runs_analysis_batch,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc" / "qicharts2"


def test_it_reproduces_the_vignette_critical_values_for_10_to_100_points() -> None:
    table = pd.read_csv(FIXTURES / "anhoej_critical_values_vignette_appendix2.csv")
    assert len(table) == 91
    for _, row in table.iterrows():
        n = int(row["n_useful"])
        assert longest_run_limit(n) == row["longest_run_upper_limit"], n
        assert crossings_limit(n) == row["crossings_lower_limit"], n


def analyse(values: list[float], centre: float = 0.0) -> tuple[int, int, int]:
    y = np.asarray(values, dtype=float)
    summary = runs_analysis(y, np.full(y.size, centre), np.ones(y.size, dtype=bool))
    assert summary.longest_run is not None
    assert summary.n_crossings is not None
    return summary.n_useful, summary.longest_run, summary.n_crossings


def test_it_drops_points_on_the_centre_line_before_counting() -> None:
    # "+, on-line, -" is one crossing and a run bridges over on-line points.
    assert analyse([1, 0, -1]) == (2, 1, 1)
    assert analyse([1, 0, 1, 1]) == (3, 3, 0)


def test_it_drops_missing_values_but_counts_them_as_observations() -> None:
    y = np.array([1.0, np.nan, -1.0, 2.0])
    summary = runs_analysis(y, np.zeros(4), np.ones(4, dtype=bool))
    assert (summary.n_obs, summary.n_useful, summary.n_crossings) == (4, 3, 2)


def test_it_signals_only_a_run_longer_than_the_limit() -> None:
    # 24 useful points: limit 8. A run of 8 is not a signal, a run of 9 is.
    eight = [1.0] * 8 + [-1.0, 1.0] * 8
    nine = [1.0] * 9 + [-1.0, 1.0] * 7 + [-1.0]
    for values, signal in ((eight, False), (nine, True)):
        y = np.asarray(values)
        summary = runs_analysis(y, np.zeros(y.size), np.ones(y.size, dtype=bool))
        assert summary.longest_run_max == 8
        assert summary.runs_signal is signal


def test_it_reports_where_the_longest_run_lies() -> None:
    y = np.array([1.0, -1, 1, -1, -1, 0, -1, -1, 1])
    summary = runs_analysis(y, np.zeros(y.size), np.ones(y.size, dtype=bool), offset=10)
    assert (summary.longest_run_start, summary.longest_run_end) == (13, 17)
    assert summary.longest_run_side == -1


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([-2.0, -1.0, 0.0, 1.0, 2.0, np.nan]), min_size=12, max_size=12),
        min_size=1,
        max_size=8,
    )
)
def test_it_gives_the_same_answer_in_batch_as_one_series_at_a_time(rows: list[list[float]]) -> None:
    y = np.asarray(rows)
    batch = runs_analysis_batch(y, np.zeros(len(rows)))
    for i, values in enumerate(y):
        one = runs_analysis(values, np.zeros(values.size), np.ones(values.size, dtype=bool))
        assert batch.n_useful[i] == one.n_useful
        if one.n_useful:
            assert batch.longest_run[i] == one.longest_run
            assert batch.n_crossings[i] == one.n_crossings
            assert batch.longest_run_max[i] == one.longest_run_max
            assert batch.n_crossings_min[i] == one.n_crossings_min
        assert bool(batch.runs_signal[i]) == one.runs_signal
