"""A project at Alameda High for tests: a team, a share with the county office, data and a cycle."""

from __future__ import annotations

import datetime as dt

from tests.factories import org
from trellis.accounts.models import User
from trellis.improvement import actions
from trellis.improvement.models import (
    CauseKind,
    DataPoint,
    DriverNode,
    Measure,
    MeasureKind,
    PdsaCycle,
    Project,
    TeamRole,
)

AIM = "Increase the share of 9th-grade students on track from 62% to 80% by June 2027."
START = dt.date(2025, 8, 18)


def weekly(count: int, start: dt.date = START) -> list[dt.date]:
    return [start + dt.timedelta(weeks=i) for i in range(count)]


SHIFTED = [61, 63, 60, 62, 64, 59, 62, 61, 63, 60, 62, 61, 63, 60, 64, 62, 61, 60, 63, 62,
           70, 72, 71, 73, 70, 72, 74, 71, 73, 72]  # fmt: skip
"""20 baseline weeks around 62, then 10 weeks around 72 after a change: a clear shift."""


def alameda_project() -> Project:
    """Get or build the project (idempotent, so permission-matrix entries can call it)."""
    found = Project.objects.filter(title="On track in 9th grade").first()
    if found is not None:
        return found
    lead = User.objects.get(email="school.member@example.org")
    project = actions.project_create(
        organization=org("Alameda High"),
        title="On track in 9th grade",
        problem="Too many 9th graders fail a core class in the first semester.",
        aim=AIM,
        started_on=START,
        user=lead,
    )
    actions.project_share(project=project, organization=org("C01"), user=lead)
    measure = Measure.objects.create(
        project=project,
        name="Students on track",
        kind=MeasureKind.OUTCOME,
        definition="Percent of 9th graders with no D or F, from the gradebook every Friday.",
        unit="%",
        target=80,
        chart="i",
    )
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, on=d, value=v) for d, v in zip(weekly(30), SHIFTED, strict=True)
    )
    primary = actions.driver_add(project=project, parent=None, text="Students know where they stand")
    secondary = actions.driver_add(project=project, parent=primary, text="Weekly grade checks")
    idea = actions.driver_add(project=project, parent=secondary, text="Advisory grade conferences")
    cycle = PdsaCycle.objects.create(
        project=project,
        change_idea=idea,
        title="Grade conferences in one advisory",
        question="Will students read their grade report?",
        prediction="Most students will.",
        starts_on=weekly(21)[-1],
    )
    cycle.measures.set([measure])
    actions.root_cause_add(project=project, kind=CauseKind.WHY, text="Students do not see their grades until too late.")
    return project


def member(project: Project, email: str, role: str = TeamRole.MEMBER) -> User:
    user = User.objects.get(email=email)
    actions.team_member_set(project=project, member=user, role=role, user=user)
    return user


def first_measure(project: Project) -> Measure:
    found = project.measures.first()
    assert found is not None
    return found


def first_cycle(project: Project) -> PdsaCycle:
    found = project.cycles.first()
    assert found is not None
    return found


def first_driver(project: Project) -> DriverNode:
    found = project.drivers.first()
    assert found is not None
    return found
