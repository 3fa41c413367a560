"""ESSA identification (labelled unverified) and equity gaps / bright spots."""

from __future__ import annotations

import polars as pl

from trellis.outcomes.core.codes import BLUE, GREEN, ORANGE, RED, YELLOW
from trellis.outcomes.core.equity import bright_spots, gaps
from trellis.outcomes.core.essa import identify

A, B, C = "01611760130001", "01611760130002", "01611760130003"


def school_rows(rows: list[tuple[str, str, int]], level: int = 1) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "cds": [r[0] for r in rows],
            "rtype": ["S"] * len(rows),
            "schoolname": ["School"] * len(rows),
            "studentgroup": [r[1] for r in rows],
            "statuslevel": [level] * len(rows),
            "color": [r[2] for r in rows],
            "statuslevel_calc": [level] * len(rows),
            "color_calc": [r[2] for r in rows],
        }
    )


def test_it_identifies_csi_low_performing_patterns() -> None:
    frames = {
        "ela": school_rows([(A, "ALL", RED), (B, "ALL", RED), (C, "ALL", RED), (C, "SWD", RED)]),
        "math": school_rows([(A, "ALL", RED), (B, "ALL", YELLOW), (C, "ALL", GREEN), (C, "SWD", RED)]),
        "susp": school_rows([(A, "ALL", ORANGE), (B, "ALL", GREEN), (C, "ALL", BLUE), (C, "SWD", RED)]),
    }
    out = {r["cds"]: r for r in identify(frames, 2019).to_dicts()}
    assert out[A]["status"] == "CSI Low Perform"
    assert out[A]["reason"] == "All Students: all Red but one"
    assert out[B]["status"] == "No Status"  # one Red, one Yellow, one Green
    assert out[C]["status"] == "ATSI"
    assert out[C]["reason"] == "SWD: all Red"
    assert not any(r["verified"] for r in out.values())


def test_it_identifies_low_graduation_on_a_two_year_average() -> None:
    grad = pl.DataFrame(
        {
            "cds": [A, B],
            "rtype": ["S", "S"],
            "schoolname": ["X", "Y"],
            "studentgroup": ["ALL", "ALL"],
            "currnumer": [60.0, 70.0],
            "currdenom": [100.0, 100.0],
            "priornumer": [70.0, 66.0],
            "priordenom": [100.0, 100.0],
            "currstatus": [60.0, 70.0],
            "priorstatus": [70.0, 66.0],
        }
    )
    out = {r["cds"]: r for r in identify({"grad": grad}, 2019).to_dicts()}
    assert out[A]["status"] == "CSI Grad"
    assert "65.0%" in out[A]["reason"]
    assert out[B]["status"] == "No Status"  # 68.0% on average


def test_it_measures_gaps_in_the_worse_direction() -> None:
    frame = pl.DataFrame(
        {
            "cds": [A] * 3,
            "rtype": ["S"] * 3,
            "studentgroup": ["ALL", "SWD", "AS"],
            "currstatus": [8.0, 20.0, 3.0],
            "change": [0.0, 0.0, 0.0],
            "currdenom": [500.0, 60.0, 80.0],
        }
    )
    out = gaps(frame, "chronic", 2023)
    assert out.select("studentgroup", "gap", "gap_worse", "levels_below").rows() == [
        ("AS", -5.0, -5.0, -1),
        ("SWD", 12.0, 12.0, 1),
    ]


def test_it_finds_groups_that_rose_two_colors_or_improved_most() -> None:
    now = school_rows([(A, "ALL", GREEN), (A, "EL", YELLOW), (A, "SWD", ORANGE)]).with_columns(
        pl.Series("currstatus", [10.0, 0.0, -50.0]),
        pl.Series("changelevel", [3, 5, 3]),
        pl.Series("changelevel_calc", [3, 5, 3]),
    )
    before = school_rows([(A, "ALL", ORANGE), (A, "EL", YELLOW), (A, "SWD", ORANGE)]).with_columns(
        pl.lit(3).alias("changelevel_calc")
    )
    out = bright_spots(now, before, "ela", 2019)
    assert out.select("studentgroup", "reason").rows() == [
        ("ALL", "rose two or more colors"),
        ("EL", "best change level"),
    ]
