"""Differentiated assistance by year: the two-priority rule and its variants, with reasons in
words."""

from __future__ import annotations

import polars as pl

from trellis.outcomes.core.codes import BLUE, GREEN, ORANGE, RED, YELLOW
from trellis.outcomes.core.eligibility import Hit, LeaResult, determine
from trellis.outcomes.core.reasons import group_sentence, lea_sentences

DISTRICT = "19647330000000"
COE = "19101990000000"
CHARTER = "19647330120000"


def frame(
    rows: list[tuple[str, str, int, int]],
    *,
    rtype: str = "D",
    charter: bool = False,
    coe: bool = False,
) -> pl.DataFrame:
    """Published-color rows (cds, group, statuslevel, color) of LEA records."""
    return pl.DataFrame(
        {
            "cds": [r[0] for r in rows],
            "rtype": [rtype] * len(rows),
            "schoolname": ["Charter School" if rtype == "S" else ""] * len(rows),
            "districtname": ["Los Angeles Unified"] * len(rows),
            "charter_flag": [charter] * len(rows),
            "coe_flag": [coe] * len(rows),
            "studentgroup": [r[1] for r in rows],
            "statuslevel": [r[2] for r in rows],
            "color": [r[3] for r in rows],
            "statuslevel_calc": [r[2] for r in rows],
            "color_calc": [r[3] for r in rows],
        }
    )


def only(results: list[LeaResult], cds: str) -> LeaResult:
    return next(r for r in results if r.cds == cds)


def test_it_needs_the_same_group_in_two_priority_areas() -> None:
    frames = {
        "ela": frame([(DISTRICT, "SWD", 1, RED), (DISTRICT, "EL", 1, RED)]),
        "math": frame([(DISTRICT, "SWD", 1, ORANGE), (DISTRICT, "EL", 2, YELLOW)]),
        "chronic": frame([(DISTRICT, "SWD", 1, GREEN), (DISTRICT, "EL", 1, RED)]),
    }
    # SWD meets priority 4 only; EL meets priority 5 only: different groups, so not eligible.
    result = only(determine(2019, frames), DISTRICT)
    assert result.eligible is False
    frames["chronic"] = frame([(DISTRICT, "SWD", 1, RED), (DISTRICT, "EL", 1, RED)])
    result = only(determine(2019, frames), DISTRICT)
    assert result.eligible is True
    assert list(result.groups) == ["SWD"]
    assert lea_sentences(result) == [
        "Students with Disabilities: Red in ELA and Orange in Mathematics (Priority 4) "
        "and Red in Chronic Absenteeism (Priority 5)"
    ]


def test_it_counts_red_and_orange_on_ela_and_math_but_not_orange_twice() -> None:
    def priority4(ela: int, math: int) -> bool:
        frames = {
            "ela": frame([(DISTRICT, "HI", 1, ela)]),
            "math": frame([(DISTRICT, "HI", 1, math)]),
            "susp": frame([(DISTRICT, "HI", 1, RED)]),
        }
        return bool(only(determine(2018, frames), DISTRICT).eligible)

    assert priority4(RED, RED)
    assert priority4(RED, ORANGE)
    assert priority4(ORANGE, RED)
    assert not priority4(ORANGE, ORANGE)
    assert not priority4(RED, YELLOW)


def test_it_uses_elpi_only_for_english_learners() -> None:
    frames = {"elpi": frame([(DISTRICT, "EL", 1, RED)]), "grad": frame([(DISTRICT, "EL", 1, RED)])}
    assert only(determine(2023, frames), DISTRICT).eligible is True
    frames = {
        "elpi": frame([(DISTRICT, "SED", 1, RED)]),
        "grad": frame([(DISTRICT, "SED", 1, RED)]),
    }
    assert only(determine(2023, frames), DISTRICT).eligible is False


def test_it_uses_very_low_elpi_status_in_2019() -> None:
    # ELPI was status only in 2019: Very Low status stands in for Red (leaproposedcrit.asp 2019-20).
    frames = {"elpi": frame([(DISTRICT, "EL", 1, 0)]), "susp": frame([(DISTRICT, "EL", 1, RED)])}
    result = only(determine(2019, frames), DISTRICT)
    assert result.eligible is True
    assert lea_sentences(result) == [
        "English Learners: Very Low status in English Learner Progress (Priority 4) "
        "and Red in Suspension Rate (Priority 6)"
    ]


def test_it_applies_the_2022_status_only_rule() -> None:
    # 2022: Very Low status on ELA and math; Very High chronic status (code 1 for chronic).
    frames = {
        "ela": frame([(DISTRICT, "AA", 1, 0)]),
        "math": frame([(DISTRICT, "AA", 1, 0)]),
        "chronic": frame([(DISTRICT, "AA", 1, 0)]),
        "cci": frame([(DISTRICT, "AA", 1, RED)]),  # not a 2022 criterion
    }
    result = only(determine(2022, frames), DISTRICT)
    assert result.eligible is True
    assert lea_sentences(result) == [
        "Black/African American: Very Low status in ELA and Mathematics (Priority 4) "
        "and Very High status in Chronic Absenteeism (Priority 5)"
    ]
    frames["math"] = frame([(DISTRICT, "AA", 2, 0)])
    assert only(determine(2022, frames), DISTRICT).eligible is False


def test_it_counts_local_indicators_for_every_group() -> None:
    frames = {"susp": frame([(DISTRICT, "WH", 1, RED)])}
    local = pl.DataFrame({"cds": [DISTRICT], "priority": [2]})
    result = only(determine(2023, frames, local_not_met=local), DISTRICT)
    assert result.eligible is True
    assert lea_sentences(result) == [
        "White: Red in Suspension Rate (Priority 6) and Local indicators Not Met for Two or More Years (Priority 2)"
    ]
    # A local indicator in the same priority as the group's does not make a second area.
    local = pl.DataFrame({"cds": [DISTRICT], "priority": [6]})
    assert only(determine(2023, frames, local_not_met=local), DISTRICT).eligible is False
    # Two local priorities alone qualify; in 2022 local indicators were not used.
    local = pl.DataFrame({"cds": [DISTRICT, DISTRICT], "priority": [1, 3]})
    assert only(determine(2023, frames, local_not_met=local), DISTRICT).eligible is True
    assert (
        only(
            determine(2022, {"susp": frame([(DISTRICT, "WH", 1, 0)])}, local_not_met=local),
            DISTRICT,
        ).eligible
        is False
    )


def test_it_keeps_priorities_9_and_10_for_county_offices() -> None:
    local = pl.DataFrame({"cds": [DISTRICT, DISTRICT, COE, COE], "priority": [9, 10, 9, 10]})
    frames = {"susp": pl.concat([frame([(DISTRICT, "ALL", 3, YELLOW)]), frame([(COE, "ALL", 3, YELLOW)], coe=True)])}
    results = determine(2019, frames, local_not_met=local)
    assert only(results, DISTRICT).eligible is False
    assert only(results, COE).eligible is True
    assert only(results, COE).kind == "coe"


def test_it_applies_the_charter_rule_of_the_year() -> None:
    rows = [(CHARTER, "SED", 1, RED)]
    frames = {
        "ela": frame(rows, rtype="S", charter=True),
        "math": frame(rows, rtype="S", charter=True),
        "chronic": frame(rows, rtype="S", charter=True),
    }
    # 2022: charters were not considered.
    result = only(determine(2022, frames), CHARTER)
    assert (result.considered, result.eligible) == (False, False)
    # 2025: the same criteria in two consecutive years.
    assert only(determine(2025, frames), CHARTER).eligible is None
    assert only(determine(2025, frames, prior_met={CHARTER: True}), CHARTER).eligible is True
    assert only(determine(2025, frames, prior_met={CHARTER: False}), CHARTER).eligible is False


def test_it_judges_long_term_english_learners_on_elpi_only_in_2025() -> None:
    frames = {
        "ela": frame([(DISTRICT, "LTEL", 1, RED)]),
        "math": frame([(DISTRICT, "LTEL", 1, RED)]),
        "elpi": frame([(DISTRICT, "LTEL", 2, ORANGE)]),
        "susp": frame([(DISTRICT, "LTEL", 1, RED)]),
    }
    result = only(determine(2025, frames), DISTRICT)
    assert result.eligible is True
    assert result.groups["LTEL"][0] == Hit(4, ("elpi",), ("Orange",))
    frames["elpi"] = frame([(DISTRICT, "LTEL", 3, YELLOW)])
    assert only(determine(2025, frames), DISTRICT).eligible is False


def test_it_adds_the_calpads_route_from_2024() -> None:
    frames = {"susp": frame([(DISTRICT, "ALL", 3, BLUE)])}
    assert only(determine(2024, frames, calpads_late=[DISTRICT]), DISTRICT).eligible is True
    assert only(determine(2023, frames, calpads_late=[DISTRICT]), DISTRICT).eligible is False


def test_it_writes_the_reason_sentence_of_the_issue() -> None:
    hits = [Hit(4, ("ela", "math"), ("Red", "Red")), Hit(5, ("chronic",), ("Red",))]
    assert group_sentence("SWD", hits) == (
        "Students with Disabilities: Red in ELA and Mathematics (Priority 4) and in Chronic Absenteeism (Priority 5)"
    )


def test_it_uses_published_colors_unless_asked_to_recompute() -> None:
    ela = frame([(DISTRICT, "SWD", 1, RED)]).with_columns(pl.lit(YELLOW).cast(pl.Int64).alias("color_calc"))
    frames = {
        "ela": ela,
        "math": frame([(DISTRICT, "SWD", 1, RED)]),
        "susp": frame([(DISTRICT, "SWD", 1, RED)]),
    }
    assert only(determine(2019, frames), DISTRICT).eligible is True
    assert only(determine(2019, frames, source="computed"), DISTRICT).eligible is False
