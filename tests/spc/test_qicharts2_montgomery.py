"""Golden tests: qicharts2 0.8.1's test_montgomery.R references, reproduced to 1e-9 relative.

Inputs are qicharts2's internal Montgomery tables; expected outputs are its `.rds` references
(`qic(...)$data` without lcl.95/ucl.95), extracted to CSV (tests/fixtures/spc/MANIFEST.csv).
The calls are those of test_montgomery.R.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from trellis.spc.core.engine import ChartResult, analyze

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc" / "qicharts2"
RELATIVE = 1e-9


def table(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "montgomery_tables" / name)


def keys(frame: pd.DataFrame, column: str) -> list[float]:
    return list(frame[column])


def ex_6_3(chart: str) -> ChartResult:
    t = table("tbl_06.03.csv")
    return analyze(t["obs"], x=keys(t, "sample"), chart=chart)


def ex_6_4(chart: str) -> ChartResult:
    t = table("tbl_06.04.csv")
    return analyze(t["obs"], x=keys(t, "sample"), chart=chart)


def ex_6_5(chart: str) -> ChartResult:
    t = table("tbl_06.07.csv")
    return analyze(t["cost"], x=keys(t, "weeks"), chart=chart, freeze=20)


def ex_7_1_5() -> ChartResult:
    t = table("tbl_07.03.csv")
    return analyze(t["count"], n=t["size"], x=keys(t, "sample"), chart="p", exclude=[15, 23], parts=[30])


def tbl_7_4_1() -> ChartResult:
    t = table("tbl_07.04.csv")
    return analyze(t["count"], n=t["size"], x=keys(t, "sample"), chart="p")


def ex_7_3_3() -> ChartResult:
    t = table("tbl_07.08.csv")
    return analyze(t["count"], x=keys(t, "sample"), chart="c", exclude=[6, 20], freeze=26)


def ex_7_4_1() -> ChartResult:
    t = table("tbl_07.10.csv")
    return analyze(t["count"], n=t["size"], x=keys(t, "sample"), chart="u")


def ex_7_5_1() -> ChartResult:
    t = table("tbl_07.11.csv")
    return analyze(t["count"], n=t["meters"], x=keys(t, "roll"), chart="u", multiply=50)


def ex_7_6_1() -> ChartResult:
    t = table("tbl_07.14.csv")
    return analyze(t["hours"], x=keys(t, "failure"), chart="t")


def na_test() -> ChartResult:
    t = table("NA_test.csv")
    return analyze(t["obs"], x=keys(t, "sample"), chart="xbar")


CASES: dict[str, Callable[[], ChartResult]] = {
    "ex_6.3_1": lambda: ex_6_3("xbar"),
    "ex_6.3_2": lambda: ex_6_3("s"),
    "ex_6.4_1": lambda: ex_6_4("xbar"),
    "ex_6.4_2": lambda: ex_6_4("s"),
    "ex_6.5_3": lambda: ex_6_5("i"),
    "ex_6.5_4": lambda: ex_6_5("mr"),
    "ex_7.1_5": ex_7_1_5,
    "tbl_7.4_1": tbl_7_4_1,
    "ex_7.3_3": ex_7_3_3,
    "ex_7.4_1": ex_7_4_1,
    "ex_7.5_1": ex_7_5_1,
    "ex_7.6_1": ex_7_6_1,
    "NA_test": na_test,
}

RUNS_COLUMNS = {
    "n.obs": "n_obs",
    "n.useful": "n_useful",
    "longest.run": "longest_run",
    "longest.run.max": "longest_run_max",
    "n.crossings": "n_crossings",
    "n.crossings.min": "n_crossings_min",
    "runs.signal": "runs_signal",
}


@pytest.fixture(params=sorted(CASES), ids=str)
def case(request: pytest.FixtureRequest) -> tuple[ChartResult, pd.DataFrame]:
    expected = pd.read_csv(FIXTURES / "expected" / f"{request.param}.csv")
    return CASES[request.param](), expected


def test_it_reproduces_every_point_value_and_line(case: tuple[ChartResult, pd.DataFrame]) -> None:
    result, expected = case
    assert len(result) == len(expected)
    for ours, theirs in (("y", "y"), ("cl", "cl"), ("lcl", "lcl"), ("ucl", "ucl")):
        np.testing.assert_allclose(
            getattr(result, ours),
            expected[theirs].to_numpy(float),
            rtol=RELATIVE,
            atol=0,
            equal_nan=True,
            err_msg=ours,
        )


def test_it_reproduces_parts_baseline_and_exclusions(
    case: tuple[ChartResult, pd.DataFrame],
) -> None:
    result, expected = case
    np.testing.assert_array_equal(result.part, expected["part"].to_numpy(int))
    np.testing.assert_array_equal(result.baseline, expected["baseline"].to_numpy(bool))
    np.testing.assert_array_equal(result.include, expected["include"].to_numpy(bool))


def test_it_reproduces_the_sigma_signals(case: tuple[ChartResult, pd.DataFrame]) -> None:
    result, expected = case
    np.testing.assert_array_equal(result.sigma_signal, expected["sigma.signal"].to_numpy(bool))


def test_it_reproduces_the_runs_analysis_of_every_part(
    case: tuple[ChartResult, pd.DataFrame],
) -> None:
    result, expected = case
    for index in range(len(result)):
        runs = result.runs_for_point(index)
        row = expected.iloc[index]
        for theirs, ours in RUNS_COLUMNS.items():
            assert float(getattr(runs, ours)) == float(row[theirs]), (index, ours)


def test_it_flags_excluded_points_but_leaves_them_out_of_the_limits() -> None:
    # ex_7.1_5: samples 15 and 23 are excluded yet still flagged (qicharts2 semantics).
    result = ex_7_1_5()
    assert list(np.flatnonzero(result.sigma_signal) + 1) == [15, 21, 23]
    assert result.runs[0].n_obs == 28


def test_it_depends_on_the_exclusions() -> None:
    t = table("tbl_07.03.csv")
    without = analyze(t["count"], n=t["size"], x=keys(t, "sample"), chart="p", parts=[30])
    assert without.cl[0] != pytest.approx(0.215)
