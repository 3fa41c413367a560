"""Every write to assessments: start, invite, rate, agree, submit, share (audit-logged where it matters)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from trellis.accounts.audit import log_action
from trellis.accounts.models import Membership, User
from trellis.assessments.core.items import can_be_reciprocal, level_for_kind
from trellis.assessments.models import (
    Assessment,
    Consensus,
    EvidenceFile,
    Rating,
    ReciprocalAssessment,
    Scope,
    Share,
    Side,
    Status,
    TeamMember,
)
from trellis.assessments.selectors import framework_of, items_of, spread_rows
from trellis.framework.core import load_framework
from trellis.orgs.models import Organization, SupportRelationship

DEFAULT_FRAMEWORK = "capacity-framework"


def school_year_of(day: date) -> str:
    """California school years run July–June: 2025-08-01 → '2025-26'."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _check_open(assessment: Assessment) -> None:
    if assessment.is_locked:
        raise ValidationError("This assessment has been submitted and is locked.")


def _check_rank(assessment: Assessment, rank: int | None) -> None:
    if rank is None:
        return
    rubric = framework_of(assessment).rubric
    ranks = [lv.rank for lv in rubric.levels] if rubric is not None else []
    if rank not in ranks:
        raise ValidationError(f"{rank} is not a level of the rubric.")


def _check_item(assessment: Assessment, item_id: str) -> None:
    if item_id not in {item.id for item in items_of(assessment)}:
        raise ValidationError(f"{item_id!r} is not an item of this assessment.")


@transaction.atomic
def assessment_start(
    *,
    organization: Organization,
    user: User,
    scope: str,
    school_year: str | None = None,
    framework_version: str | None = None,
) -> Assessment:
    """A leader starts a team self-assessment; they join its team."""
    framework = load_framework(DEFAULT_FRAMEWORK, framework_version)
    if scope not in (Scope.CONDITIONS, Scope.CAPACITIES, Scope.BOTH):
        raise ValidationError(f"unknown scope {scope!r}")
    assessment = Assessment(
        organization=organization,
        school_year=school_year or school_year_of(timezone.localdate()),
        framework_slug=framework.slug,
        framework_version=framework.version,
        level=level_for_kind(organization.kind),
        scope=scope,
        started_by=user,
    )
    assessment.full_clean()
    assessment.save()
    TeamMember.objects.create(assessment=assessment, user=user)
    log_action("trellis.assessments.assessment.started", user=user, target=assessment, data={"scope": scope})
    return assessment


def team_member_add(*, assessment: Assessment, member: User, user: User) -> TeamMember:
    """Invite a member of the organization to rate (idempotent)."""
    _check_open(assessment)
    if not Membership.objects.filter(user=member, organization_id=assessment.organization_id).exists():
        raise ValidationError(f"{member} is not a member of {assessment.organization}.")
    team_member, _ = TeamMember.objects.get_or_create(assessment=assessment, user=member)
    return team_member


def rating_save(*, assessment: Assessment, user: User, item_id: str, rank: int | None, note: str = "") -> Rating:
    """Store (or replace) one member's rating of one item; posting it twice changes nothing."""
    _check_open(assessment)
    _check_item(assessment, item_id)
    _check_rank(assessment, rank)
    rating, _ = Rating.objects.update_or_create(
        assessment=assessment, user=user, item_id=item_id, defaults={"rank": rank, "note": note.strip()[:2000]}
    )
    return rating


@transaction.atomic
def consensus_save(
    *,
    assessment: Assessment,
    user: User,
    item_id: str,
    rank: int,
    evidence: str = "",
    links: Sequence[str] = (),
    next_steps: str = "",
    files: Iterable[UploadedFile] = (),
) -> Consensus:
    """Record the team's agreed rating of an item with its evidence (files validated by the form)."""
    _check_open(assessment)
    _check_item(assessment, item_id)
    _check_rank(assessment, rank)
    agreed, _ = Consensus.objects.update_or_create(
        assessment=assessment,
        item_id=item_id,
        defaults={
            "rank": rank,
            "evidence": evidence.strip(),
            "links": "\n".join(link.strip() for link in links if link.strip()),
            "next_steps": next_steps.strip(),
            "updated_by": user,
        },
    )
    for upload in files:
        EvidenceFile.objects.create(
            assessment=assessment,
            item_id=item_id,
            file=upload,
            name=upload.name or "evidence",
            content_type=upload.content_type or "application/octet-stream",
            size=upload.size or 0,
            uploaded_by=user,
        )
    return agreed


@transaction.atomic
def consensus_record_unanimous(*, assessment: Assessment, user: User) -> int:
    """Record the shared rating as consensus wherever every rater agreed and none is recorded yet."""
    _check_open(assessment)
    created = 0
    for row in spread_rows(assessment):
        if row.consensus is None and row.spread.unanimous and row.spread.count >= 2 and row.spread.low is not None:
            Consensus.objects.create(assessment=assessment, item_id=row.item.id, rank=row.spread.low, updated_by=user)
            created += 1
    return created


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user: User) -> Assessment:
    """Lock the assessment. Every item needs a consensus rating first."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_open(assessment)
    agreed = set(assessment.consensus.values_list("item_id", flat=True))
    missing = [item.title for item in items_of(assessment) if item.id not in agreed]
    if missing:
        raise ValidationError(f"{len(missing)} item(s) have no consensus rating yet, e.g. {missing[0]}.")
    assessment.status = Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = user
    assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
    log_action("trellis.assessments.assessment.submitted", user=user, target=assessment, data={})
    reciprocal = assessment.reciprocal
    if reciprocal is not None and not reciprocal.sides.exclude(status=Status.SUBMITTED).exists():
        reciprocal.revealed_at = assessment.submitted_at
        reciprocal.save(update_fields=["revealed_at"])
        log_action(
            "trellis.assessments.reciprocal.revealed",
            user=user,
            target=reciprocal.recipient,
            data={"reciprocal": reciprocal.pk},
        )
    return assessment


@transaction.atomic
def assessment_share(*, assessment: Assessment, organizations: Iterable[Organization], user: User) -> list[Share]:
    """Share a submitted assessment with other organizations (support providers, a network)."""
    if not assessment.is_locked:
        raise ValidationError("Only a submitted assessment can be shared.")
    shares = []
    for org in organizations:
        if org.pk == assessment.organization_id:
            continue
        share, created = Share.objects.get_or_create(
            assessment=assessment, organization=org, defaults={"shared_by": user}
        )
        if created:
            log_action("trellis.assessments.assessment.shared", user=user, target=assessment, data={"with": org.code})
        shares.append(share)
    return shares


def reciprocal_relationship(provider: Organization, recipient: Organization) -> SupportRelationship | None:
    """The explicit relationship between them, or None for the implicit county office → LEA one.

    Raises ValidationError when the two are not provider and recipient at all.
    """
    explicit = SupportRelationship.objects.filter(provider=provider, recipient=recipient).order_by("-starts_on").first()
    if explicit is not None:
        return explicit
    if recipient.coe_id == provider.pk:
        return None
    raise ValidationError(f"{provider} does not support {recipient}: add a support relationship first.")


@transaction.atomic
def reciprocal_start(
    *,
    provider: Organization,
    recipient: Organization,
    period_start: date,
    period_end: date,
    user: User,
    framework_version: str | None = None,
) -> ReciprocalAssessment:
    """Both sides get an assessment of the same items; each side's team rates itself and the other."""
    relationship = reciprocal_relationship(provider, recipient)
    if not can_be_reciprocal(level_for_kind(recipient.kind), level_for_kind(provider.kind)):
        raise ValidationError(f"Trellis has no reciprocal items for {provider.kind_label} → {recipient.kind_label}.")
    framework = load_framework(DEFAULT_FRAMEWORK, framework_version)
    reciprocal = ReciprocalAssessment(
        provider=provider,
        recipient=recipient,
        relationship=relationship,
        period_start=period_start,
        period_end=period_end,
    )
    reciprocal.full_clean()
    reciprocal.save()
    for side, org, other in ((Side.PROVIDER, provider, recipient), (Side.RECIPIENT, recipient, provider)):
        assessment = Assessment.objects.create(
            organization=org,
            school_year=school_year_of(period_end),
            framework_slug=framework.slug,
            framework_version=framework.version,
            level=level_for_kind(org.kind),
            scope=Scope.RECIPROCAL,
            started_by=user,
            reciprocal=reciprocal,
            side=side,
            counterpart=other,
        )
        if Membership.objects.filter(user=user, organization=org).exists():
            TeamMember.objects.create(assessment=assessment, user=user)
    log_action(
        "trellis.assessments.reciprocal.started",
        user=user,
        target=recipient,
        data={"provider": provider.code, "reciprocal": reciprocal.pk},
    )
    return reciprocal
