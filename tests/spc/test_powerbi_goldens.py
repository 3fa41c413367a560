"""Golden tests: PowerBI-SPC's qicharts2 0.8.1 goldens, to their printed rounding.

Each value was rounded by the generator (precision + 2 decimals); we accept a difference of at
most half a unit in the last printed decimal.  ul95/ll95 are the generator's CL +/- 2/3 of the
3-sigma distance, which equals qicharts2's lcl.95/ucl.95 wherever no limit was clamped.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from trellis.spc.core.engine import ChartResult, analyze

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc" / "powerbi_spc_golden_qicharts2"
COLUMNS = {
    "exp_targets": "cl",
    "exp_values": "y",
    "exp_ul99": "ucl",
    "exp_ll99": "lcl",
    "exp_ul95": "ucl_95",
    "exp_ll95": "lcl_95",
}


def decimals(text: pd.Series) -> int:
    return max(len(v.split(".")[1]) if "." in v else 0 for v in text)


def run(name: str, frame: pd.DataFrame) -> ChartResult:
    chart = {"run_basic": "run", "i_basic-ratio": "i", "c_basic-group1": "c"}.get(name, name.split("_")[0])
    if name == "i_basic-ratio":
        return analyze(frame["in_numerators"] / frame["in_denominators"], chart="i")
    if "in_denominators" in frame:
        return analyze(frame["in_numerators"], n=frame["in_denominators"], chart=chart)
    return analyze(frame["in_numerators"], chart=chart)


@pytest.mark.parametrize("name", ["run_basic", "i_basic-ratio", "c_basic-group1", "p_basic", "u_basic"])
def test_it_matches_the_powerbi_qicharts2_golden(name: str) -> None:
    frame = pd.read_csv(FIXTURES / f"{name}.csv")
    text = pd.read_csv(FIXTURES / f"{name}.csv", dtype=str)
    result = run(name, frame)
    checked = 0
    for column, ours in COLUMNS.items():
        if column not in frame:
            continue
        tolerance = 0.5 * 10 ** -decimals(text[column]) + 1e-12
        np.testing.assert_allclose(
            getattr(result, ours),
            frame[column].to_numpy(float),
            rtol=0,
            atol=tolerance,
            err_msg=column,
        )
        checked += 1
    assert checked >= 2


def test_it_finds_the_run_chart_median_of_fourteen() -> None:
    frame = pd.read_csv(FIXTURES / "run_basic.csv")
    assert run("run_basic", frame).cl[0] == 14
