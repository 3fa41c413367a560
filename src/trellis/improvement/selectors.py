"""Permission-scoped reads of improvement projects, and the facts their pages compute from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from trellis.accounts import policy
from trellis.accounts.models import Membership, User
from trellis.improvement.core.aim import check_aim
from trellis.improvement.core.charting import ChartView, Marker, MeasureSettings, Point, build_chart, summary_sentence
from trellis.improvement.core.progress_state import MeasureFacts, ProjectFacts, project_progress
from trellis.improvement.models import Decision, DriverKind, DriverNode, Measure, PdsaCycle, Project
from trellis.orgs.models import Organization, SupportRelationship
from trellis.spc.core.progress import ProgressScore


def projects_for(user: Any, organization: Organization | None = None) -> QuerySet[Project]:
    """Projects the user may see (of one organization, when given), newest first."""
    projects = policy.filter_allowed(user, "improvement.view", Project.objects.all())
    if organization is not None:
        projects = projects.filter(organization=organization)
    return projects.select_related("organization").annotate(
        n_measures=Count("measures", distinct=True), n_cycles=Count("cycles", distinct=True)
    )


def measures_for(user: Any, project: Project | None = None) -> QuerySet[Measure]:
    measures = policy.filter_allowed(user, "improvement.view", Measure.objects.all())
    if project is not None:
        measures = measures.filter(project=project)
    return measures.select_related("project")


def _ancestor_ids(org: Organization) -> set[int]:
    return {i for i in (org.parent_id, org.lea_id, org.coe_id, org.region_id) if i is not None}


def _provider_ids(org: Organization) -> set[int]:
    today = timezone.localdate()
    return set(
        SupportRelationship.objects.filter(recipient_id__in={org.pk, *_ancestor_ids(org)}, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("provider_id", flat=True)
    )


def share_targets(project: Project) -> QuerySet[Organization]:
    """Where a project may be shared: up its hierarchy (district, county office, region) and its providers."""
    org = project.organization
    ids = (_ancestor_ids(org) | _provider_ids(org)) - set(project.shares.values_list("organization_id", flat=True))
    return Organization.objects.filter(pk__in=ids).order_by("kind", "name")


def team_candidates(project: Project) -> QuerySet[User]:
    """Who may join the team: people of the organization, and coaches and leaders of those who support it."""
    org = project.organization
    supporters = _ancestor_ids(org) | _provider_ids(org)
    members = Membership.objects.filter(
        Q(organization=org) | Q(organization_id__in=supporters, role__in=["coach", "leader", "administrator"])
    ).values("user_id")
    return (
        User.objects.filter(pk__in=members, is_active=True)
        .exclude(improvement_teams__project=project)
        .order_by("full_name")
    )


def project_markers(project: Project) -> list[Marker]:
    """Short labels on the chart ("PDSA 2"); the page lists each number with its cycle's title."""
    return [Marker(c.starts_on, f"PDSA {i}", "pdsa") for i, c in enumerate(project.cycles.all(), start=1)]


def measure_chart(measure: Measure, markers: list[Marker] | None = None, *, chart_id: str = "") -> ChartView | None:
    """The measure's chart with the project's PDSA cycles and the measure's notes on the time axis."""
    points = [Point(p.on, p.value, p.denominator) for p in measure.points.all()]
    cycle_markers = markers if markers is not None else project_markers(measure.project)
    notes = [Marker(n.on, n.text, "note") for n in measure.notes.all()]
    settings = MeasureSettings(
        chart=measure.chart,
        direction=1 if measure.higher_is_better else -1,
        target=measure.target,
        baseline_points=measure.baseline_points,
        multiply=100.0 if measure.as_percent and measure.chart in ("p", "pp") else 1.0,
    )
    return build_chart(
        settings,
        points,
        [*cycle_markers, *notes],
        title=measure.name,
        y_label=measure.unit,
        chart_id=chart_id or f"measure-{measure.pk}",
    )


@dataclass
class MeasureCard:
    measure: Measure
    view: ChartView | None
    summary: str


def measure_cards(project: Project) -> list[MeasureCard]:
    markers = project_markers(project)
    cards = []
    for measure in project.measures.prefetch_related("points", "notes"):
        measure.project = project
        view = measure_chart(measure, markers)
        summary = (
            summary_sentence(view, 1 if measure.higher_is_better else -1, measure.target)
            if view
            else "Not enough data for a chart yet: enter at least two points."
        )
        cards.append(MeasureCard(measure, view, summary))
    return cards


def project_progress_score(project: Project, cards: list[MeasureCard]) -> ProgressScore:
    facts = ProjectFacts(
        team_size=project.team.count(),
        aim_measurable=check_aim(project.aim).measurable,
        drivers=project.drivers.count(),
        measures=[
            MeasureFacts(
                kind=c.measure.kind,
                points=len(c.view.result) if c.view else c.measure.points.count(),
                has_target=c.measure.target is not None,
                improving=bool(c.view and c.view.improving),
                goal_fraction=c.view.goal_fraction if c.view else 0.0,
                sustained=bool(c.view and c.view.sustained),
            )
            for c in cards
        ],
        cycles_studied=project.cycles.exclude(results="").count(),
        adopted_changes=project.cycles.filter(decision=Decision.ADOPT).count(),
        completed=project.status == "completed",
    )
    return project_progress(facts)


@dataclass
class DriverTree:
    node: DriverNode
    children: list[DriverTree]


def driver_tree(project: Project) -> list[DriverTree]:
    nodes = list(project.drivers.all())
    by_parent: dict[int | None, list[DriverNode]] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)

    def grow(parent: int | None) -> list[DriverTree]:
        return [DriverTree(n, grow(n.pk)) for n in by_parent.get(parent, [])]

    return grow(None)


def change_ideas(project: Project) -> QuerySet[DriverNode]:
    return project.drivers.filter(kind=DriverKind.CHANGE)


@dataclass(frozen=True)
class TimelineEvent:
    on: Any
    kind: str
    text: str
    url: str = ""


def timeline(project: Project) -> list[TimelineEvent]:
    """The project's story in date order: start, PDSA cycles and their decisions, chart notes."""
    from django.urls import reverse

    events = [TimelineEvent(project.started_on, "start", f"Project started: {project.title}")]
    for cycle in PdsaCycle.objects.filter(project=project):
        url = reverse("improvement:pdsa", args=[cycle.pk])
        events.append(TimelineEvent(cycle.starts_on, "pdsa", f"PDSA cycle began: {cycle.title}", url))
        if cycle.decision and cycle.ends_on:
            events.append(
                TimelineEvent(cycle.ends_on, "decision", f"{cycle.get_decision_display()}: {cycle.title}", url)
            )
    for measure in project.measures.all():
        for note in measure.notes.all():
            events.append(TimelineEvent(note.on, "note", f"{measure.name}: {note.text}"))
    return sorted(events, key=lambda e: (e.on, e.kind))


def driver_svg(project: Project, tree: list[DriverTree]) -> str:
    from trellis.improvement.core.driver_svg import Node, render_driver_svg

    def convert(branch: DriverTree) -> Node:
        return Node(branch.node.text, [convert(child) for child in branch.children])

    return render_driver_svg(Node(project.aim or project.title, [convert(b) for b in tree]))
