"""Team self-assessments and reciprocal assessments.

An assessment keeps the framework version it used (`framework_slug` + `framework_version`) and is
never rewritten when the framework changes; comparisons across versions map IDs explicitly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from trellis.orgs.models import Organization, SupportRelationship


class Scope(models.TextChoices):
    CONDITIONS = "conditions", "Enabling conditions"
    CAPACITIES = "capacities", "Capacities"
    BOTH = "both", "Conditions and capacities"
    RECIPROCAL = "reciprocal", "Reciprocal (support provider and recipient)"


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class Side(models.TextChoices):
    PROVIDER = "provider", "Support provider"
    RECIPIENT = "recipient", "Support recipient"


class ReciprocalAssessment(models.Model):
    """A provider and a recipient each rate themselves and the other, for one support period."""

    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    relationship = models.ForeignKey(
        SupportRelationship,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for the implicit county office → LEA relationship.",
    )
    period_start = models.DateField()
    period_end = models.DateField()
    revealed_at = models.DateTimeField(
        null=True, blank=True, help_text="When both sides had submitted; each side's ratings open to the other then."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(condition=~Q(provider=models.F("recipient")), name="assess_reciprocal_two_sides"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="assess_reciprocal_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} ↔ {self.recipient} ({self.period_start:%Y-%m}–{self.period_end:%Y-%m})"


class Assessment(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="assessments")
    school_year = models.CharField(max_length=7, help_text="e.g. 2025-26")
    framework_slug = models.CharField(max_length=60)
    framework_version = models.CharField(max_length=20)
    level = models.CharField(max_length=20, help_text="The framework level: school, district, coe, …")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    status = models.CharField(max_length=11, choices=Status.choices, default=Status.IN_PROGRESS)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reciprocal = models.ForeignKey(
        ReciprocalAssessment, null=True, blank=True, on_delete=models.CASCADE, related_name="sides"
    )
    side = models.CharField(max_length=9, choices=Side.choices, blank=True, default="")
    counterpart = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The other side of a reciprocal assessment.",
    )
    shared_with: models.ManyToManyField[Organization, Share] = models.ManyToManyField(
        Organization, through="Share", related_name="assessments_shared_with_me"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="in_progress", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="assess_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=(Q(scope="reciprocal") & Q(reciprocal__isnull=False) & ~Q(side=""))
                | (~Q(scope="reciprocal") & Q(reciprocal__isnull=True) & Q(side="")),
                name="assess_reciprocal_has_side",
            ),
            models.UniqueConstraint(fields=["reciprocal", "side"], name="assess_one_per_side"),
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return f"{self.organization} {self.get_scope_display().lower()} {self.school_year}"

    @property
    def framework_key(self) -> str:
        return f"{self.framework_slug}@{self.framework_version}"

    @property
    def is_locked(self) -> bool:
        return self.status == Status.SUBMITTED


class Share(models.Model):
    """The owner shared a submitted assessment with another organization (a provider, a network)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="shares")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "organization"], name="assess_share_once")]

    def __str__(self) -> str:
        return f"{self.assessment} → {self.organization}"


class TeamMember(models.Model):
    """Who rates: the leader who started it and the members they invited."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "user"], name="assess_member_once")]

    def __str__(self) -> str:
        return f"{self.user} on {self.assessment}"


class Rating(models.Model):
    """One member's independent rating of one item (a rubric rank, 1–5), with a note."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item_id = models.CharField(max_length=120)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, default="", max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user", "item_id"], name="assess_one_rating"),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1, rank__lte=9), name="assess_rating_rank"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.item_id} = {self.rank}"


class Consensus(models.Model):
    """The team's agreed rating of one item, with its evidence and next steps."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="consensus")
    item_id = models.CharField(max_length=120)
    rank = models.PositiveSmallIntegerField()
    evidence = models.TextField(blank=True, default="", max_length=4000)
    links = models.TextField(blank=True, default="", help_text="One web address per line.")
    next_steps = models.TextField(blank=True, default="", max_length=4000)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item_id"], name="assess_one_consensus"),
            models.CheckConstraint(condition=Q(rank__gte=1, rank__lte=9), name="assess_consensus_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} = {self.rank}"

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def _evidence_path(instance: EvidenceFile, filename: str) -> str:
    return f"assessments/{instance.assessment_id}/{filename}"


class EvidenceFile(models.Model):
    """A file of evidence for one item (served only through the policy, never from MEDIA_URL)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence_files")
    item_id = models.CharField(max_length=120)
    file = models.FileField(upload_to=_evidence_path, max_length=255)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name
