"""The aim check says in words what a statement lacks to be measurable."""

from __future__ import annotations

import pytest

from trellis.improvement.core.aim import check_aim


def test_it_accepts_a_complete_aim() -> None:
    check = check_aim("Increase the share of 9th-grade students on track from 62% to 80% by June 2027.")
    assert check.measurable
    assert check.missing == ()


@pytest.mark.parametrize(
    ("aim", "missing_word"),
    [
        ("Increase the share of 9th graders on track from 62% to 80%.", "date"),
        ("Increase the share of 9th graders on track by June 2027.", "how much"),
        ("Increase attendance from 88% to 93% by May 2027.", "for whom"),
        ("Ninth graders on track: 80% by June 2027.", "what will change"),
    ],
)
def test_it_names_the_missing_part(aim: str, missing_word: str) -> None:
    check = check_aim(aim)
    assert not check.measurable
    assert len(check.missing) == 1
    assert missing_word in check.missing[0].lower().replace("say what will change", "what will change")


def test_a_year_is_not_an_amount() -> None:
    check = check_aim("Reduce chronic absence for English learners by June 2027.")
    assert check.has_when and not check.has_how_much
    assert check.missing == ("Add how much: a number or a percentage, e.g. 'from 62% to 80%'.",)


def test_an_empty_aim_asks_for_everything() -> None:
    check = check_aim("   ")
    assert not check.measurable
    assert "what will improve, by how much, by when, and for whom" in check.missing[0]


def test_it_reads_school_year_dates_and_counts() -> None:
    check = check_aim(
        "Reduce the number of office referrals for 7th-grade students by 30 by the end of the school year."
    )
    assert check.measurable
