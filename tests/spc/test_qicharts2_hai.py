"""Golden tests: qicharts2 0.8.1's test_hai.R (`summary(qic(...))`), to 1e-9 relative.

hospital_infections: 6 hospitals x 3 infections x 24 months; U charts of infections per
risk day, aggregated over all rows, per infection, per hospital and infection, and a funnel
plot (categorical x ordered by mean risk days, as `reorder(hospital, days)` does).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from trellis.spc.core.engine import PartSummary, analyze, summarize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc" / "qicharts2"
HAI = pd.read_csv(FIXTURES / "data" / "hospital_infections.csv")
COLUMNS = {
    "n.obs": lambda s: s.runs.n_obs,
    "n.useful": lambda s: s.runs.n_useful,
    "longest.run": lambda s: s.runs.longest_run,
    "longest.run.max": lambda s: s.runs.longest_run_max,
    "n.crossings": lambda s: s.runs.n_crossings,
    "n.crossings.min": lambda s: s.runs.n_crossings_min,
    "runs.signal": lambda s: int(s.runs.runs_signal),
    "aLCL": lambda s: s.a_lcl,
    "CL": lambda s: s.cl,
    "aUCL": lambda s: s.a_ucl,
    "sigma.signal": lambda s: s.sigma_signals,
}


def u_summary(frame: pd.DataFrame, **options: object) -> PartSummary:
    x = list(frame["hospital"] if options.get("categorical") else frame["month"])
    result = analyze(frame["n"], n=frame["days"], x=x, chart="u", **options)  # type: ignore[arg-type]
    (summary,) = summarize(result)
    return summary


def assert_matches(summary: PartSummary, expected: pd.Series) -> None:
    for column, read in COLUMNS.items():
        assert float(read(summary)) == pytest.approx(float(expected[column]), rel=1e-9, abs=0), column


def test_it_reproduces_hai_1_all_rows_by_month() -> None:
    expected = pd.read_csv(FIXTURES / "expected" / "hai_1.csv").iloc[0]
    assert_matches(u_summary(HAI), expected)


def test_it_reproduces_hai_2_one_chart_per_infection() -> None:
    expected = pd.read_csv(FIXTURES / "expected" / "hai_2.csv")
    for (infection, frame), (_, row) in zip(HAI.groupby("infection"), expected.iterrows(), strict=True):
        assert row["facet1"] == infection
        assert_matches(u_summary(frame), row)


def test_it_reproduces_hai_3_one_chart_per_hospital_and_infection() -> None:
    expected = pd.read_csv(FIXTURES / "expected" / "hai_3.csv")
    groups = HAI.groupby(["hospital", "infection"])
    for (key, frame), (_, row) in zip(groups, expected.iterrows(), strict=True):
        assert key == (row["facet1"], row["facet2"])
        assert_matches(u_summary(frame), row)


def test_it_keeps_longest_runs_of_seven_below_the_limit_of_eight() -> None:
    # qicharts2 signals only when the longest run *exceeds* round(log2 n) + 3 (the ports differ).
    expected = pd.read_csv(FIXTURES / "expected" / "hai_3.csv")
    sevens = expected[expected["longest.run"] == 7]
    assert len(sevens) == 4
    for _, row in sevens.iterrows():
        frame = HAI[(HAI.hospital == row["facet1"]) & (HAI.infection == row["facet2"])]
        assert not u_summary(frame).runs.runs_signal


def test_it_reproduces_hai_4_funnel_plots() -> None:
    expected = pd.read_csv(FIXTURES / "expected" / "hai_4.csv")
    recent = HAI[HAI.month >= "2016-07-01"]
    # reorder(hospital, days): levels sorted by the mean of days over the whole subset.
    order = recent.groupby("hospital")["days"].mean().sort_values().index
    rank = {hospital: i for i, hospital in enumerate(order)}
    for (infection, frame), (_, row) in zip(recent.groupby("infection"), expected.iterrows(), strict=True):
        assert row["facet1"] == infection
        ordered = frame.assign(rank=frame.hospital.map(rank)).sort_values("rank", kind="stable")
        summary = u_summary(ordered, categorical=True, multiply=10000)
        assert_matches(summary, row)
        assert np.isfinite(summary.a_ucl)
