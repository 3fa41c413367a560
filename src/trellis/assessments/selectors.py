"""Permission-scoped reads of assessments, and the computed views of one assessment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from trellis.accounts import policy
from trellis.accounts.models import Membership, User
from trellis.assessments.core import consensus as consensus_core
from trellis.assessments.core import results as results_core
from trellis.assessments.core.exports import ExportDocument, ExportRow
from trellis.assessments.core.items import AssessmentItem, assessment_items, level_for_kind, reciprocal_items
from trellis.assessments.models import Assessment, Consensus, EvidenceFile, Rating, ReciprocalAssessment, Scope, Status
from trellis.framework.core import SHIPPED, load_framework
from trellis.framework.core.schema import Framework
from trellis.orgs.models import Kind, Organization, SupportRelationship


def framework_of(assessment: Assessment) -> Framework:
    """Exactly the framework version the assessment was made with."""
    return load_framework(assessment.framework_slug, assessment.framework_version)


def items_of(assessment: Assessment) -> list[AssessmentItem]:
    framework = framework_of(assessment)
    if assessment.scope == Scope.RECIPROCAL:
        reciprocal = assessment.reciprocal
        assert reciprocal is not None
        return reciprocal_items(
            framework, level_for_kind(reciprocal.recipient.kind), level_for_kind(reciprocal.provider.kind)
        )
    return assessment_items(framework, assessment.level, assessment.scope)  # type: ignore[arg-type]


def assessments_for_org(user: Any, org: Organization) -> QuerySet[Assessment]:
    """The organization's assessments the user may see (its own people; others only if shared)."""
    visible = policy.filter_allowed(user, "assessment.view", Assessment.objects.filter(organization=org))
    return (
        Assessment.objects.filter(pk__in=visible.values("pk"))
        .select_related("organization", "reciprocal__provider", "reciprocal__recipient", "counterpart")
        .order_by("-school_year", "-created_at")
    )


def shared_with_org(user: Any, org: Organization) -> QuerySet[Assessment]:
    """Assessments other organizations shared with `org` that the user may see."""
    ids = Assessment.objects.filter(Q(shares__organization=org)).values("pk")
    visible = policy.filter_allowed(user, "assessment.view", Assessment.objects.filter(pk__in=ids))
    return Assessment.objects.filter(pk__in=visible.values("pk")).select_related("organization")


def reciprocals_for_org(user: Any, org: Organization) -> QuerySet[ReciprocalAssessment]:
    mine = ReciprocalAssessment.objects.filter(Q(provider=org) | Q(recipient=org))
    visible = policy.filter_allowed(user, "reciprocal.view", mine)
    return ReciprocalAssessment.objects.filter(pk__in=visible.values("pk")).select_related("provider", "recipient")


def is_on_team(assessment: Assessment, user: Any) -> bool:
    return assessment.team.filter(user_id=user.pk).exists()


def can_start(user: Any, org: Organization) -> bool:
    """Leaders and administrators of the organization itself start its assessments."""
    return bool(policy.relations(user, org).get("own", set()) & policy.LEADERS) and org.kind in (
        Kind.SCHOOL,
        Kind.LEA,
        Kind.COE,
        Kind.REGION,
        Kind.STATE,
        Kind.AGENCY,
    )


def organization_members(org: Organization) -> QuerySet[User]:
    ids = Membership.objects.filter(organization=org).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("full_name")


def my_ratings(assessment: Assessment, user: Any) -> dict[str, Rating]:
    return {r.item_id: r for r in Rating.objects.filter(assessment=assessment, user_id=user.pk)}


def consensus_by_item(assessment: Assessment) -> dict[str, Consensus]:
    return {c.item_id: c for c in assessment.consensus.all()}


@dataclass(frozen=True)
class SpreadRow:
    item: AssessmentItem
    spread: consensus_core.Spread
    ratings: list[tuple[str, int | None, str]]  # (member name, rank, note), one per member who rated
    consensus: Consensus | None
    files: list[EvidenceFile]


def spread_rows(assessment: Assessment) -> list[SpreadRow]:
    """Every item with who rated what, the spread, and any consensus (three queries in all)."""
    items = items_of(assessment)
    by_item: dict[str, list[tuple[str, int | None, str]]] = {}
    ranks: dict[str, list[int]] = {}
    for rating in Rating.objects.filter(assessment=assessment).select_related("user").order_by("user__full_name"):
        by_item.setdefault(rating.item_id, []).append((str(rating.user), rating.rank, rating.note))
        if rating.rank is not None:
            ranks.setdefault(rating.item_id, []).append(rating.rank)
    agreed = consensus_by_item(assessment)
    files: dict[str, list[EvidenceFile]] = {}
    for evidence in assessment.evidence_files.all():
        files.setdefault(evidence.item_id, []).append(evidence)
    spreads = consensus_core.spreads([i.id for i in items], ranks)
    return [
        SpreadRow(item, s, by_item.get(item.id, []), agreed.get(item.id), files.get(item.id, []))
        for item, s in zip(items, spreads, strict=True)
    ]


def consensus_ranks(assessment: Assessment) -> dict[str, int]:
    return dict(assessment.consensus.values_list("item_id", "rank"))


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The organization's latest earlier submitted self-assessment at the same level."""
    if assessment.scope == Scope.RECIPROCAL:
        return None
    return (
        Assessment.objects.filter(
            organization_id=assessment.organization_id,
            level=assessment.level,
            framework_slug=assessment.framework_slug,
            status=Status.SUBMITTED,
            created_at__lt=assessment.created_at,
        )
        .exclude(scope=Scope.RECIPROCAL)
        .exclude(pk=assessment.pk)
        .order_by("-school_year", "-created_at")
        .first()
    )


@dataclass(frozen=True)
class Results:
    framework: Framework
    items: list[AssessmentItem]
    ranks: dict[str, int]
    heatmap: list[results_core.HeatmapRow]
    capacities: list[results_core.HeatmapRow]
    previous: Assessment | None
    change: results_core.ChangeReport | None
    titles: dict[str, str]


def results(assessment: Assessment, language: str = "en") -> Results:
    framework = framework_of(assessment)
    items = items_of(assessment)
    ranks = consensus_ranks(assessment)
    names = results_core.level_names(framework, language)
    previous = previous_assessment(assessment)
    change = None
    titles = {i.id: i.title for i in items}
    if previous is not None:
        mapping = SHIPPED.id_map(previous.framework_slug, previous.framework_version, assessment.framework_version)
        previous_ranks = consensus_ranks(previous)
        change = results_core.change_since(previous_ranks, {k: v for k, v in ranks.items() if k in titles}, mapping)
    return Results(
        framework,
        items,
        ranks,
        results_core.heatmap(items, ranks, names),
        results_core.capacities_by_role(items, ranks, names),
        previous,
        change,
        titles,
    )


def export_document(assessment: Assessment) -> ExportDocument:
    computed = results(assessment)
    names = results_core.level_names(computed.framework)
    rows = []
    for row in spread_rows(assessment):
        agreed = row.consensus
        evidence = agreed.evidence if agreed else ""
        if agreed and agreed.link_list:
            evidence = (evidence + "\n" if evidence else "") + "\n".join(agreed.link_list)
        if row.files:
            evidence = (evidence + "\n" if evidence else "") + "\n".join(f"File: {f.name}" for f in row.files)
        rows.append(
            ExportRow(
                item_id=row.item.id,
                kind=row.item.kind,
                group=row.item.group_title,
                title=row.item.title,
                about=row.item.about,
                ratings=row.spread.count,
                lowest=row.spread.low,
                highest=row.spread.high,
                divergent=row.spread.divergent,
                rank=agreed.rank if agreed else None,
                level_name=names.get(agreed.rank, "") if agreed else "",
                evidence=evidence,
                next_steps=agreed.next_steps if agreed else "",
            )
        )
    status = "submitted" if assessment.is_locked else "in progress"
    return ExportDocument(
        title=f"{assessment.organization.name}: self-assessment {assessment.school_year}",
        subtitle=f"{computed.framework.title.en} {assessment.framework_version}, {assessment.level} level, "
        f"{assessment.get_scope_display().lower()}; {status}",
        rows=rows,
        heatmap=computed.heatmap,
        capacities=computed.capacities,
    )


def share_candidates(org: Organization) -> list[Organization]:
    """Organizations an assessment is usually shared with: its support providers and the hierarchy above."""
    ancestors = [a for a in org.ancestors() if a.kind != Kind.STATE]
    recipients = [org.pk, *(a.pk for a in org.ancestors())]
    providers = Organization.objects.filter(
        pk__in=SupportRelationship.objects.filter(recipient_id__in=recipients).values("provider_id")
    )
    seen: dict[int, Organization] = {}
    for candidate in [*reversed(ancestors), *providers]:
        seen.setdefault(candidate.pk, candidate)
    return list(seen.values())


def reciprocal_partners(org: Organization) -> list[tuple[Organization, Organization, SupportRelationship | None]]:
    """(provider, recipient, relationship) pairs `org` may start a reciprocal assessment for."""
    pairs: list[tuple[Organization, Organization, SupportRelationship | None]] = []
    if org.kind == Kind.LEA and org.coe_id is not None:
        coe = Organization.objects.get(pk=org.coe_id)
        pairs.append((coe, org, None))
    if org.kind == Kind.COE:
        for lea in Organization.objects.filter(coe=org, kind=Kind.LEA, status="active").order_by("name")[:500]:
            pairs.append((org, lea, None))
    for rel in SupportRelationship.objects.filter(Q(provider=org) | Q(recipient=org)).select_related(
        "provider", "recipient"
    ):
        pairs.append((rel.provider, rel.recipient, rel))
    return pairs


def visible_sides(user: Any, reciprocal: ReciprocalAssessment) -> dict[str, Assessment]:
    """Each side's assessment the user may see: their own side; the other only once both submitted."""
    sides = policy.filter_allowed(user, "assessment.view", reciprocal.sides.all())
    return {a.side: a for a in Assessment.objects.filter(pk__in=sides.values("pk")).select_related("organization")}
