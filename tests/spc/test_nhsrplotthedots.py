"""Golden tests: NHS Making Data Count as NHSRplotthedots 0.2.2 computes it.

Snapshots print about 7 significant figures, so limits are compared at 5e-7 relative; the
vignette's figure captions print 2 or 3 figures.  Rule helpers are checked against the unit
cases of test-ptd_calculate_point_type.R and test-ptd_calculate_assurance_type.R.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from trellis.spc.core import mdc
from trellis.spc.core.engine import analyze

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc" / "nhsrplotthedots"
SNAPSHOT = 5e-7
RNORM = pd.read_csv(FIXTURES / "rnorm20_seed123.csv")


def test_it_reproduces_the_screened_limits_snapshot() -> None:
    result = mdc.mdc_analyze(RNORM["y"])
    assert result.mean[0] == pytest.approx(0.1416238, rel=SNAPSHOT)
    assert result.lpl[0] == pytest.approx(-3.01138, rel=SNAPSHOT)
    assert result.upl[0] == pytest.approx(3.294627, rel=SNAPSHOT)
    assert set(result.point_type) == {"common_cause"}


def test_it_screens_the_outlier_out_of_the_moving_ranges() -> None:
    y = RNORM["y_with_point15_set_to_10"]
    screened = mdc.mdc_analyze(y)
    unscreened = mdc.mdc_analyze(y, screen_outliers=False)
    assert screened.mean[0] == pytest.approx(0.6694159, rel=SNAPSHOT)
    assert screened.lpl[0] == pytest.approx(-2.383666, rel=SNAPSHOT)
    assert screened.upl[0] == pytest.approx(3.722497, rel=SNAPSHOT)
    assert unscreened.lpl[0] == pytest.approx(-4.596625, rel=SNAPSHOT)
    assert unscreened.upl[0] == pytest.approx(5.935457, rel=SNAPSHOT)
    assert unscreened.upl[0] - unscreened.lpl[0] > screened.upl[0] - screened.lpl[0]


def test_it_reproduces_the_summary_and_rebased_facets() -> None:
    whole = mdc.mdc_analyze(RNORM["y"])
    assert (round(whole.mean[0], 3), round(whole.lpl[0], 2), round(whole.upl[0], 2)) == (
        0.142,
        -3.01,
        3.29,
    )
    halves = mdc.mdc_analyze(RNORM["y"], parts=[10])
    printed = [
        halves.mean[0],
        halves.lpl[0],
        halves.upl[0],
        halves.mean[10],
        halves.lpl[10],
        halves.upl[10],
    ]
    # The snapshot prints 3 significant figures.
    assert [float(f"{v:.3g}") for v in printed] == [0.0746, -2.60, 2.75, 0.209, -3.28, 3.70]


def test_it_uses_two_point_six_six_not_three_over_d2() -> None:
    # qicharts2's I chart on the same data: 3 / 1.128 = 2.6596 gives 3.7220089013016273.
    y = RNORM["y_with_point15_set_to_10"]
    assert analyze(y, chart="i").ucl[0] == pytest.approx(3.7220089013016273, rel=1e-12)
    assert analyze(y, chart="xmr").ucl[0] == pytest.approx(3.722497, rel=SNAPSHOT)


@pytest.mark.parametrize(
    ("screen", "upl", "lpl"), [(True, 4.6, -0.72), (False, 6.95, -3.06)], ids=["screened", "excel"]
)
def test_it_reproduces_the_deviations_vignette(screen: bool, upl: float, lpl: float) -> None:
    data = pd.read_csv(FIXTURES / "vignette_deviations_outlier_screening.csv")["data"]
    result = mdc.mdc_analyze(data, screen_outliers=screen)
    assert round(result.upl[0], 2) == upl
    assert round(result.lpl[0], 2) == lpl
    assert round(result.mean[0], 2) == 1.94
    assert [i for i, t in enumerate(result.point_type) if t != "common_cause"] == [4]
    assert result.point_type[4] == "special_cause_improvement"


def test_it_ignores_two_near_points_on_opposite_sides() -> None:
    frame = pd.read_csv(FIXTURES / "two_in_three_opposite_sides.csv")
    result = mdc.mdc_analyze(frame["data"])
    assert list(result.point_type[-2:]) == list(frame["expected_point_type"].iloc[-2:])


CASES = pd.read_csv(FIXTURES / "rule_unit_cases.csv")


def _vectors(text: str) -> list[list[int]]:
    return [json.loads(part.split("=")[1]) for part in text.split("; ")]


@pytest.mark.parametrize("row", [r for _, r in CASES.iterrows()], ids=lambda r: r["function"][:30])
def test_it_reproduces_the_rule_unit_case(row: pd.Series) -> None:
    function, given, expected = row["function"], row["input"], row["expected"]
    if function.startswith("ptd_calculate_assurance_type"):
        direction = function.split("=")[1].rstrip(")")
        got = [mdc.assurance_type(lo, hi, 4, direction) for lo, hi in [(1, 3), (5, 7), (1, 5)]]
        assert "[" + ",".join("NA" if g is None else g for g in got) + "]" == expected
        return
    if function.startswith("ptd_two_in_three"):
        close, side = _vectors(given)
        got = mdc.two_in_three(close, side)
    elif function.startswith("ptd_part_of_two_in_three"):
        close, side = _vectors(given)
        got = mdc.part_of_two_in_three(mdc.two_in_three(close, side), close)
    else:
        helper = {
            "ptd_seven_point_one_side_mean": mdc.seven_point_one_side_mean,
            "ptd_part_of_seven_trend": mdc.part_of_seven,
            "ptd_seven_point_trend": mdc.seven_point_trend,
        }[function]
        got = helper(json.loads(given))
    assert got.tolist() == json.loads(expected)


def test_it_gives_icons_from_the_last_point_and_the_target() -> None:
    y = [float(v) for v in RNORM["y"]] + [v + 5 for v in RNORM["y"][:12]]
    up = mdc.mdc_analyze(y, improvement="increase", target=-3, parts=[20])
    down = mdc.mdc_analyze(y, improvement="decrease", target=-3, parts=[20])
    assert up.variation_icon == "common_cause"  # a new part: its own limits
    whole_up = mdc.mdc_analyze(y, improvement="increase", target=-3)
    whole_down = mdc.mdc_analyze(y, improvement="decrease", target=-3)
    assert whole_up.variation_icon == "improvement_high"
    assert whole_down.variation_icon == "concern_high"
    assert up.assurance_icon == "consistent_pass"
    assert down.assurance_icon == "consistent_fail"
    assert mdc.mdc_analyze(y, improvement="neutral", target=1).assurance_icon is None
    assert up.trial_limits  # 12 points in the latest part: fewer than 13
