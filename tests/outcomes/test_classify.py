"""Colors against published CDE values: the verified chronic table, live placements, real 2018
rows."""

from __future__ import annotations

import polars as pl
import pytest

from trellis.outcomes.core.classify import classify, mismatch_report
from trellis.outcomes.core.codes import BLUE, GREEN, ORANGE, RED, YELLOW
from trellis.outcomes.core.cutsets import with_inferred_cutsets

# Chronic absenteeism codes run the other way round: status 1 = Very High … 5 = Very Low,
# change 1 = Increased Significantly … 5 = Declined Significantly (chronic22.asp).
CHRONIC_STATUS = {"VH": 1, "H": 2, "M": 3, "L": 4, "VL": 5}
CHRONIC_CHANGE = {"IS": 1, "I": 2, "M": 3, "D": 4, "DS": 5}
COLORS = {"Red": RED, "Orange": ORANGE, "Yellow": YELLOW, "Green": GREEN, "Blue": BLUE}


def rows(indicator: str, year: int, cases: list[tuple[float, float]], **extra: list[object]) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "studentgroup": ["ALL"] * len(cases),
            "currstatus": [c[0] for c in cases],
            "change": [c[1] for c in cases],
            "currdenom": [500.0] * len(cases),
            **extra,
        }
    )
    return classify(frame, indicator, year)


# Reference §1.2, verified table (fivebyfivecolortables23.asp): status rows × change columns.
CHRONIC_TABLE = {
    "VL": ["Yellow", "Green", "Blue", "Blue", "Blue"],
    "L": ["Orange", "Yellow", "Green", "Green", "Blue"],
    "M": ["Orange", "Orange", "Yellow", "Green", "Green"],
    "H": ["Red", "Orange", "Orange", "Yellow", "Yellow"],
    "VH": ["Red", "Red", "Red", "Orange", "Yellow"],
}
# A representative rate inside each status band and a change inside each change band (2023+).
STATUS_AT = {"VL": 1.0, "L": 4.0, "M": 7.5, "H": 15.0, "VH": 30.0}
CHANGE_AT = {"IS": 5.0, "I": 1.0, "M": 0.0, "D": -1.0, "DS": -5.0}


def test_it_reproduces_every_cell_of_the_verified_chronic_table() -> None:
    cases, expected = [], []
    for status, colors in CHRONIC_TABLE.items():
        for change, color in zip(["IS", "I", "M", "D", "DS"], colors, strict=True):
            cases.append((STATUS_AT[status], CHANGE_AT[change]))
            expected.append((CHRONIC_STATUS[status], CHRONIC_CHANGE[change], COLORS[color]))
    out = rows("chronic", 2023, cases)
    got = list(zip(out["statuslevel_calc"], out["changelevel_calc"], out["color_calc"], strict=True))
    assert got == expected


@pytest.mark.parametrize(
    ("status", "change", "expected"),
    [
        # Reference §5.3, derived from the verified 2023+ table.
        (2.5, -3.0, ("VL", "DS", "Blue")),
        (2.6, 3.1, ("L", "IS", "Orange")),
        (10.0, 0.4, ("M", "M", "Yellow")),
        (10.1, 3.0, ("H", "I", "Orange")),
        (20.1, -3.0, ("VH", "DS", "Yellow")),
        (20.1, 0.5, ("VH", "I", "Red")),
        (5.0, -0.5, ("L", "D", "Green")),
    ],
)
def test_it_classifies_the_chronic_boundary_cases(status: float, change: float, expected: tuple[str, str, str]) -> None:
    out = rows("chronic", 2023, [(status, change)])
    s, c, color = expected
    assert out.row(0, named=True)["statuslevel_calc"] == CHRONIC_STATUS[s]
    assert out.row(0, named=True)["changelevel_calc"] == CHRONIC_CHANGE[c]
    assert out.row(0, named=True)["color_calc"] == COLORS[color]


def test_it_puts_a_rise_of_exactly_three_points_in_increased_significantly_only_in_2018() -> None:
    # 2018: "by 3.0% or more"; 2019 and 2023: "greater than 3.0%" (reference §1.2).
    assert rows("chronic", 2018, [(15.0, 3.0)])["changelevel_calc"][0] == CHRONIC_CHANGE["IS"]
    assert rows("chronic", 2019, [(15.0, 3.0)])["changelevel_calc"][0] == CHRONIC_CHANGE["I"]


@pytest.mark.parametrize(
    ("indicator", "status", "change", "color"),
    [
        # Reference §5.2: 2024 placements on CDE's live grid pages. Values chosen inside the named
        # bands.
        (
            "chronic",
            15.0,
            -1.0,
            "Yellow",
        ),  # High / Declined (All Students, EL, Hispanic at 0139105)
        ("chronic", 15.0, 1.0, "Orange"),  # High / Increased (SWD)
        ("chronic", 30.0, -1.0, "Orange"),  # Very High / Declined (SED)
    ],
)
def test_it_reproduces_the_live_2024_chronic_placements(
    indicator: str, status: float, change: float, color: str
) -> None:
    assert rows(indicator, 2024, [(status, change)])["color_calc"][0] == COLORS[color]


def test_it_reproduces_the_live_2024_suspension_placement() -> None:
    # School 0139212: Very High / Declined → Orange for All Students, SED and Hispanic (§5.2).
    out = rows("susp", 2024, [(12.0, -1.0)], type=["HS"])
    assert (out["statuslevel_calc"][0], out["color_calc"][0]) == (1, ORANGE)


def test_it_reproduces_the_2023_state_suspension_report() -> None:
    # www6.cde.ca.gov/californiamodel/report?cdcode=0000000&indicator=susp&year=2023 (Unified
    # table).
    published = [  # (rate, change, color)
        (3.5, 0.4, "Orange"),
        (13.6, 1.2, "Red"),
        (1.1, 0.2, "Green"),
        (2.9, 0.2, "Yellow"),
        (4.9, 0.4, "Orange"),
        (8.8, 0.9, "Red"),
        (7.4, 1.0, "Orange"),
        (6.5, 1.0, "Orange"),
    ]
    out = rows("susp", 2023, [(r, c) for r, c, _ in published], type=["UD"] * len(published))
    assert out["color_calc"].to_list() == [COLORS[c] for _, _, c in published]


def test_it_numbers_boxes_like_the_suspension_layout() -> None:
    # suspindicatorspring17.asp: 10 = Very Low/Increased Significantly … 250 = Very High/Declined
    # Sig.
    out = rows("susp", 2019, [(0.9, 0.5), (12.0, -3.0)], type=["UD", "UD"])
    assert out["box_calc"].to_list() == [20, 250]


def test_it_gives_no_change_or_color_in_status_only_years() -> None:
    out = rows("chronic", 2022, [(25.0, -5.0)])
    assert out.select("statuslevel_calc", "changelevel_calc", "color_calc").row(0) == (1, 0, 0)
    out = rows("ela", 2020, [(25.0, -5.0)], hscutpoints=[False])
    assert out.select("statuslevel_calc", "color_calc").row(0) == (0, 0)


def test_it_withholds_levels_below_the_n_size() -> None:
    frame = pl.DataFrame(
        {
            "studentgroup": ["ALL", "ALL", "FOS"],
            "currstatus": [25.0] * 3,
            "change": [1.0] * 3,
            "currdenom": [29.0, 30.0, 15.0],
        }
    )
    assert classify(frame, "chronic", 2023)["color_calc"].to_list() == [0, RED, RED]


def test_it_reports_a_row_whose_published_color_differs() -> None:
    frame = pl.DataFrame(
        {
            "studentgroup": ["ALL", "ALL"],
            "currstatus": [25.0, 25.0],
            "change": [1.0, 1.0],
            "currdenom": [500.0, 500.0],
            "statuslevel": [1, 1],
            "changelevel": [2, 2],
            "color": [1, 3],
        }
    )
    report = mismatch_report(classify(frame, "chronic", 2023))
    assert report.height == 1
    assert report["mismatch"][0] == "color"


def test_it_reproduces_every_determinable_2018_academic_status(
    ela_2018: pl.DataFrame, math_2018: pl.DataFrame, directory_2018: pl.DataFrame
) -> None:
    undetermined = {}
    for indicator, frame, other in (("ela", ela_2018, math_2018), ("math", math_2018, ela_2018)):
        inferred = with_inferred_cutsets(frame, indicator, 2018, other=other, directory=directory_2018)
        out = classify(inferred, indicator, 2018)
        checked = out.filter(pl.col("statuslevel_calc").is_not_null())
        assert checked.filter(pl.col("statuslevel_calc") != pl.col("statuslevel")).height == 0
        undetermined[indicator] = out.height - checked.height
    # These counts are documented in docs/methods/dashboard.md; a change means the method changed.
    assert undetermined == {"ela": 2182, "math": 2356}


@pytest.mark.parametrize(
    ("indicator", "status", "hs", "level"),
    [
        # Reference §5.1 boundary rows (published 2018 levels).
        ("ela", -5.0, False, 3),
        ("ela", -5.0, True, 2),
        ("ela", -0.1, False, 3),
        ("ela", -0.1, True, 2),
        ("ela", 45.0, False, 5),
        ("ela", 45.0, True, 4),
        ("ela", 74.9, False, 5),
        ("ela", 74.9, True, 4),
        ("ela", -45.0, True, 2),
        ("ela", -45.1, False, 2),
        ("ela", -3.6, True, 2),
        ("ela", 96.2, False, 5),
        ("math", 35.0, False, 5),
        ("math", 25.0, False, 4),
        ("math", -25.0, True, 3),
        ("math", -25.0, False, 3),
        ("math", -95.0, True, 2),
        ("math", -95.1, False, 1),
        ("math", -115.0, True, 2),
        ("math", -115.1, False, 1),
    ],
)
def test_it_places_the_2018_boundary_rows(indicator: str, status: float, hs: bool, level: int) -> None:
    frame = pl.DataFrame({"studentgroup": ["ALL"], "currstatus": [status], "hscutpoints": [hs]})
    assert classify(frame, indicator, 2018)["statuslevel_calc"][0] == level
