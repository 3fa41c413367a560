"""Every write to improvement projects goes through here (keyword-only, atomic, audited where it matters)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from trellis.accounts.audit import log_action
from trellis.accounts.models import User
from trellis.improvement.core.names import name_warning
from trellis.improvement.core.series_input import PointInput
from trellis.improvement.models import (
    ChartNote,
    DataPoint,
    DriverKind,
    DriverNode,
    Measure,
    PdsaCycle,
    Project,
    ProjectShare,
    RootCause,
    TeamMember,
    TeamRole,
)
from trellis.orgs.models import Organization

# Which kind of node may sit under which: aim -> primary -> secondary -> change idea.
CHILD_KIND = {
    None: DriverKind.PRIMARY,
    DriverKind.PRIMARY: DriverKind.SECONDARY,
    DriverKind.SECONDARY: DriverKind.CHANGE,
}


def check_no_student_names(text: str, *, confirmed: bool) -> None:
    """Refuse text that looks like it names a student, unless the author confirmed it does not."""
    warning = name_warning(text)
    if warning and not confirmed:
        raise ValidationError(warning, code="student_name")


@transaction.atomic
def project_create(
    *, organization: Organization, title: str, problem: str, aim: str, started_on: dt.date, user: User
) -> Project:
    """A new project; whoever starts it leads its team."""
    project = Project(
        organization=organization, title=title, problem=problem, aim=aim, started_on=started_on, created_by=user
    )
    project.full_clean()
    project.save()
    TeamMember.objects.create(project=project, user=user, role=TeamRole.LEAD)
    log_action("trellis.improvement.project.created", user=user, target=project, data={"title": title})
    return project


def project_update(*, project: Project, user: User, **fields: Any) -> Project:
    for name, value in fields.items():
        setattr(project, name, value)
    project.full_clean()
    project.save(update_fields=list(fields))
    return project


@transaction.atomic
def team_member_set(*, project: Project, member: User, role: str, user: User) -> TeamMember:
    """Add someone to the team, or change their role."""
    found, created = TeamMember.objects.update_or_create(project=project, user=member, defaults={"role": role})
    log_action(
        "trellis.improvement.team.added" if created else "trellis.improvement.team.changed",
        user=user,
        target=project,
        data={"member": member.pk, "role": role},
    )
    return found


@transaction.atomic
def team_member_remove(*, project: Project, member: User, user: User) -> None:
    leads = TeamMember.objects.filter(project=project, role=TeamRole.LEAD)
    if leads.count() == 1 and leads.filter(user=member).exists():
        raise ValidationError("A project needs a lead: name another lead before removing this one.")
    TeamMember.objects.filter(project=project, user=member).delete()
    log_action("trellis.improvement.team.removed", user=user, target=project, data={"member": member.pk})


@transaction.atomic
def project_share(*, project: Project, organization: Organization, user: User) -> ProjectShare:
    """Share the project with a support provider or network; audited."""
    if organization.pk == project.organization_id:
        raise ValidationError("A project is always visible to its own organization's leaders.")
    share, _ = ProjectShare.objects.get_or_create(
        project=project, organization=organization, defaults={"shared_by": user}
    )
    log_action("trellis.improvement.project.shared", user=user, target=project, data={"organization": organization.pk})
    return share


@transaction.atomic
def project_unshare(*, project: Project, organization: Organization, user: User) -> None:
    ProjectShare.objects.filter(project=project, organization=organization).delete()
    log_action(
        "trellis.improvement.project.unshared", user=user, target=project, data={"organization": organization.pk}
    )


def root_cause_add(
    *, project: Project, kind: str, text: str, category: str = "", interviewee: str = "", confirmed: bool = False
) -> RootCause:
    check_no_student_names(f"{interviewee}\n{text}", confirmed=confirmed)
    position = RootCause.objects.filter(project=project, kind=kind).count()
    cause = RootCause(
        project=project, kind=kind, category=category, interviewee=interviewee, text=text, position=position
    )
    cause.full_clean()
    cause.save()
    return cause


def root_cause_remove(*, cause: RootCause) -> None:
    cause.delete()


def driver_add(*, project: Project, parent: DriverNode | None, text: str) -> DriverNode:
    kind = CHILD_KIND.get(DriverKind(parent.kind) if parent else None)
    if kind is None:
        raise ValidationError("Change ideas are the last level of a driver diagram.")
    if parent is not None and parent.project_id != project.pk:
        raise ValidationError("That driver belongs to another project.")
    position = DriverNode.objects.filter(project=project, parent=parent).count()
    node = DriverNode(project=project, parent=parent, kind=kind, text=text, position=position)
    node.full_clean()
    node.save()
    return node


def driver_update(*, node: DriverNode, text: str) -> DriverNode:
    node.text = text
    node.full_clean()
    node.save(update_fields=["text"])
    return node


def driver_remove(*, node: DriverNode) -> None:
    node.delete()  # its children go with it (CASCADE); PDSA cycles keep their record (SET_NULL)


def measure_save(*, measure: Measure) -> Measure:
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def measure_points_merge(*, measure: Measure, points: Sequence[PointInput], user: User, source: str) -> int:
    """Add the points; a date already present takes the new value. All or nothing (atomic)."""
    existing = {p.on: p for p in measure.points.all()}
    new, changed = [], []
    for point in points:
        found = existing.get(point.on)
        if found is None:
            new.append(
                DataPoint(
                    measure=measure, on=point.on, value=point.value, denominator=point.denominator, note=point.note
                )
            )
        else:
            found.value, found.denominator = point.value, point.denominator
            found.note = point.note or found.note
            changed.append(found)
    DataPoint.objects.bulk_create(new)
    DataPoint.objects.bulk_update(changed, ["value", "denominator", "note"])
    log_action(
        "trellis.improvement.data.entered",
        user=user,
        target=measure.project,
        data={"measure": measure.pk, "source": source, "added": len(new), "updated": len(changed)},
    )
    return len(points)


@transaction.atomic
def measure_points_replace(*, measure: Measure, points: Sequence[PointInput], user: User) -> int:
    """The grid: the submitted rows become the measure's data."""
    measure.points.all().delete()
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, on=p.on, value=p.value, denominator=p.denominator, note=p.note) for p in points
    )
    log_action(
        "trellis.improvement.data.entered",
        user=user,
        target=measure.project,
        data={"measure": measure.pk, "source": "grid", "points": len(points)},
    )
    return len(points)


def chart_note_add(*, measure: Measure, on: dt.date, text: str) -> ChartNote:
    note = ChartNote(measure=measure, on=on, text=text)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def pdsa_save(*, cycle: PdsaCycle, measures: Sequence[Measure], confirmed: bool = False) -> PdsaCycle:
    """Create or update a cycle; its notes must not name students."""
    check_no_student_names(
        "\n".join((cycle.plan, cycle.observations, cycle.results, cycle.next_steps)), confirmed=confirmed
    )
    if cycle.previous_id is not None and cycle.previous_id == cycle.pk:
        raise ValidationError("A cycle cannot follow itself.")
    cycle.full_clean()
    cycle.save()
    cycle.measures.set(measures)
    return cycle
