"""Support engagements (provider → recipient), their activity log, and recipients' feedback.

The reciprocal assessment that closes an engagement belongs to the assessments app, which points at
`Engagement` from its side (a foreign key with related name `reciprocal_assessments`), so nothing
here depends on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trellis.orgs.models import Organization


class Level(models.IntegerChoices):
    # The three levels of California's System of Support (Education Code §52059.5; CDE, "System of Support").
    UNIVERSAL = 1, _("Level 1: support for all")
    DIFFERENTIATED = 2, _("Level 2: differentiated assistance")
    INTENSIVE = 3, _("Level 3: intensive intervention")


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Engagement(models.Model):
    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="engagements_provided")
    recipient = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="engagements_received")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    title = models.CharField(max_length=200)
    problem_of_practice = models.TextField(blank=True, default="")
    goals = models.TextField(blank=True, default="")
    student_groups = models.JSONField(default=list, blank=True, help_text="Dashboard student-group codes.")
    priorities = models.JSONField(default=list, blank=True, help_text="LCFF priority areas, 1–10.")
    elements = models.JSONField(default=list, blank=True, help_text="Framework element IDs.")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=7, choices=EngagementStatus.choices, default=EngagementStatus.PLANNED)
    outcome_note = models.TextField(blank=True, default="")
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(provider=models.F("recipient")), name="support_engagement_not_self"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="support_engagement_period",
            ),
            models.CheckConstraint(condition=Q(level__in=[1, 2, 3]), name="support_engagement_level"),
        ]
        indexes = [models.Index(fields=["provider", "status"]), models.Index(fields=["recipient", "status"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.provider} → {self.recipient})"

    @property
    def organization(self) -> Organization:
        """The owner, for the audit log."""
        return self.recipient


class ActivityKind(models.TextChoices):
    COACHING = "coaching", _("Coaching session")
    INQUIRY = "inquiry", _("Needs assessment or root-cause session")
    CONVENING = "convening", _("Convening")
    RESOURCE = "resource", _("Resource shared")


class Activity(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=9, choices=ActivityKind.choices)
    occurred_on = models.DateField()
    minutes = models.PositiveIntegerField(help_text="Time spent, in minutes.")
    note = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(minutes__lte=24 * 60), name="support_activity_minutes")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"


class FeedbackResponse(models.Model):
    """One recipient staff member's ratings of an engagement for one term.

    `respondent_key` is a keyed hash of (person, engagement, term): it stops a second response in the
    same term without storing who answered, so no result can ever be traced to a person.
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="feedback")
    term = models.CharField(max_length=16)
    respondent_key = models.CharField(max_length=64)
    answers = models.JSONField()
    submitted_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engagement", "term", "respondent_key"], name="support_feedback_once")
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.engagement_id} ({self.term})"


class SupportProvider(Organization):
    """An organization seen as a provider of support: the policy subject for its feedback results."""

    class Meta:
        proxy = True
