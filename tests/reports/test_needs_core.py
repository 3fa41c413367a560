"""The needs profile's pure core: weakest conditions, stalled projects, sentences."""

from __future__ import annotations

from datetime import date

from trellis.reports.core.needs import (
    ConditionScore,
    NeedsProfile,
    ProjectActivity,
    da_focus,
    stalled_projects,
    weakest_conditions,
)

TODAY = date(2026, 3, 1)
REASON = "Students with disabilities: red in ELA and mathematics (priority 4) and in chronic absenteeism (priority 5)."


def test_it_flags_a_project_without_cycles_or_data_for_sixty_days() -> None:
    projects = [
        ProjectActivity(1, "Attendance", date(2025, 9, 1), date(2025, 12, 1), date(2025, 12, 20)),  # 71 days
        ProjectActivity(2, "Math", date(2025, 9, 1), date(2026, 2, 1), None),  # 28 days: active
        ProjectActivity(3, "Families", date(2025, 11, 1), None, None),  # 120 days since start
    ]
    found = stalled_projects(projects, TODAY)
    assert [(s.project_id, s.days) for s in found] == [(3, 120), (1, 71)]
    assert "no PDSA cycle or new data for 71 days (since 20 December 2025)" in found[1].sentence
    assert "since it started 120 days ago" in found[0].sentence


def test_it_takes_the_stall_window_as_a_setting() -> None:
    projects = [ProjectActivity(2, "Math", date(2025, 9, 1), date(2026, 2, 1), None)]
    assert stalled_projects(projects, TODAY, days=28)[0].days == 28
    assert stalled_projects(projects, TODAY, days=29) == []


def test_it_keeps_the_lowest_scores_below_the_middle_of_their_scale() -> None:
    scores = [
        ConditionScore("trust.relational-trust", "Relational trust", 1, "self-assessment", 4),
        ConditionScore("trust.relational-trust", "Relational trust", 2, "staff survey", 5),
        ConditionScore("purpose.equity-focus", "Equity focus", 2, "self-assessment", 4),  # 0.33
        ConditionScore("collaboration.data", "Data", 3, "self-assessment", 5),  # middle: not weak
        ConditionScore("preparation.pl", "Professional learning", 4, "self-assessment", 4),
    ]
    weakest = weakest_conditions(scores)
    assert [(c.element, c.source) for c in weakest] == [
        ("trust.relational-trust", "self-assessment"),
        ("purpose.equity-focus", "self-assessment"),
    ]


def test_it_explains_the_profile_in_words() -> None:
    profile = NeedsProfile(
        da_year=2025,
        da_eligible=True,
        da_reasons=(REASON,),
        weakest=(ConditionScore("trust.relational-trust", "Relational trust", 1, "self-assessment", 4),),
    )
    assert profile.sentences() == [
        "Eligible for differentiated assistance in 2025.",
        REASON,
        "Weakest conditions and capacities: Relational trust (1 of 4, self-assessment).",
    ]
    assert not profile.empty
    assert NeedsProfile().empty


def test_it_reads_groups_and_priorities_from_a_determination() -> None:
    groups = {"SWD": [{"priority": 4, "indicators": ["ELA"]}, {"priority": 5}], "EL": [{"priority": 4}]}
    assert da_focus(groups) == (["EL", "SWD"], [4, 5])
