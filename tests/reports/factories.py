"""DA determinations, engagements and feedback for the reports tests (mini California)."""

from __future__ import annotations

from datetime import date

from tests.factories import alameda_engagement, org
from trellis.orgs.models import Organization
from trellis.support.actions import engagement_close, engagement_create, feedback_submit

SWD_REASON = (
    "Students with Disabilities: red in English language arts and mathematics (priority 4) "
    "and in chronic absenteeism (priority 5)."
)
EL_REASON = "English Learners: red in English language arts (priority 4) and in suspension rate (priority 6)."


def determination(name: str, year: int, *, eligible: bool, reasons: list[str], groups: dict[str, object]) -> object:
    from trellis.outcomes.models import DaDetermination

    lea: Organization = org(name)
    return DaDetermination.objects.create(
        year=year,
        cds=lea.cds_code or f"{lea.pk:014d}",
        organization=lea,
        name=lea.name,
        kind="coe" if lea.kind == "coe" else "district",
        considered=True,
        eligible=eligible,
        met_this_year=eligible,
        reasons=reasons if eligible else [],
        groups=groups if eligible else {},
    )


SWD_GROUPS = {"SWD": [{"priority": 4, "indicators": ["ELA", "MATH"]}, {"priority": 5, "indicators": ["CHRON"]}]}
EL_GROUPS = {"EL": [{"priority": 4, "indicators": ["ELA"]}, {"priority": 6, "indicators": ["SUSP"]}]}


def alameda_da() -> None:
    """2025: Alameda Unified (with an engagement) and Oakland Unified (none) eligible under the
    Alameda county office; Fresno Unified and Big Creek left assistance since 2024 (peers);
    the Alameda county office has rated, closed engagements on students with disabilities."""
    determination("Alameda Unified", 2025, eligible=True, reasons=[SWD_REASON], groups=SWD_GROUPS)
    determination(
        "Oakland Unified", 2025, eligible=True, reasons=[SWD_REASON, EL_REASON], groups={**SWD_GROUPS, **EL_GROUPS}
    )
    for peer in ("Fresno Unified", "Big Creek Elementary"):
        determination(peer, 2024, eligible=True, reasons=[SWD_REASON], groups=SWD_GROUPS)
        determination(peer, 2025, eligible=False, reasons=[], groups={})
    alameda_engagement()
    for recipient in ("Fresno Unified", "Big Creek Elementary"):
        engagement = engagement_create(
            provider=org("C10"),
            recipient=org(recipient),
            level=2,
            title="Students with disabilities",
            student_groups=["SWD"],
            priorities=[4, 5],
            starts_on=date(2024, 8, 1),
        )
        for i in range(3):
            feedback_submit(
                engagement=engagement,
                respondent_id=-(engagement.pk * 10 + i),
                answers={"progress": 5, "trust": 4},
                today=date(2025, 3, 1),
            )
        engagement_close(engagement=engagement, outcome_note="Done.", closed_on=date(2025, 6, 1))
