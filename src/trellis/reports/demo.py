"""Demo step: the Fresno county office's DA list has LEAs with support and LEAs without.

Runs after the Dashboard and support steps. Of Fresno County's LEAs eligible for differentiated
assistance in the latest demo year, the county office engages about half (those it does not
already support) on a problem that matches their DA reasons, and leaves the rest without an
engagement so the "no active engagement" flag shows. If the synthetic Dashboard makes no Fresno LEA
eligible, the step says so in the notes and changes nothing (it never invents determinations).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from trellis.demo.pipeline import DemoContext
from trellis.orgs.models import Kind, Organization

# Student group → (title, problem of practice, LCFF priority areas) for engagements the demo adds.
PROBLEM_BY_GROUP = {
    "SWD": (
        "Students with disabilities",
        "Students with disabilities score far below their peers in ELA and mathematics and are chronically absent.",
        [4, 5],
    ),
    "EL": (
        "English learner progress",
        "English learners rarely reach reclassification; ELA scores of English learners are very low.",
        [4],
    ),
    "HOM": (
        "Students experiencing homelessness",
        "Students experiencing homelessness are chronically absent and suspended more often.",
        [5, 6],
    ),
    "AA": (
        "African American students",
        "African American students are suspended far more often and score low in mathematics.",
        [4, 6],
    ),
}
DEFAULT_PROBLEM = ("Student outcomes", "Several student groups score in the lowest band in ELA and mathematics.", [4])


def _school_year_start(today: date) -> date:
    return date(today.year if today.month >= 7 else today.year - 1, 8, 1)


@transaction.atomic
def demo_needs(context: DemoContext) -> None:
    from trellis.outcomes.models import DaDetermination
    from trellis.reports.core.needs import da_focus
    from trellis.support.actions import engagement_create
    from trellis.support.models import Engagement, EngagementStatus

    fresno = Organization.objects.get(kind=Kind.COE, county_name="Fresno")
    year = DaDetermination.objects.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        context.notes["fresno_da"] = "no determinations"
        return
    eligible = list(
        DaDetermination.objects.filter(year=year, eligible=True, organization__coe=fresno)
        .select_related("organization")
        .order_by("name")
    )
    current = set(
        Engagement.objects.filter(recipient__in=[d.organization for d in eligible])
        .exclude(status=EngagementStatus.CLOSED)
        .values_list("recipient_id", flat=True)
    )
    without = [d for d in eligible if d.organization_id not in current]
    # Engage every other one of those without support, keeping at least one without.
    to_engage = without[::2] if len(without) > 1 else []
    start = _school_year_start(context.today)
    for d in to_engage:
        if d.organization is None:
            continue
        groups, _ = da_focus(d.groups)
        group = next((g for g in groups if g in PROBLEM_BY_GROUP), None)
        title, problem, priorities = PROBLEM_BY_GROUP[group] if group else DEFAULT_PROBLEM
        engagement_create(
            provider=fresno,
            recipient=d.organization,
            level=2,
            title=f"Differentiated assistance: {title.lower()}",
            problem_of_practice=problem,
            goals="Root-cause analysis with the LEA team, then two PDSA cycles on one change idea this year.",
            student_groups=groups[:3],
            priorities=priorities,
            elements=["collaboration.data-infrastructure"],
            starts_on=start,
            status=EngagementStatus.ACTIVE,
        )
    context.notes["fresno_da"] = {
        "year": year,
        "eligible": len(eligible),
        "engaged": len(eligible) - len(without) + len(to_engage),
    }
