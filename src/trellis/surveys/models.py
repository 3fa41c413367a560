"""Survey collection: instruments, windows, their populations, invitations, drafts and responses.

Privacy is a property of these tables, not only of the pages (docs/methods/survey-collection.md):

* `Response` has no foreign key, token, hash or timestamp that could tie it to an `Invitation` or a
  `Draft`; its primary key is a random UUID, so not even insertion order can be read from it.
* An `Invitation` (confidential mode) learns only that its person *completed*: a boolean.
* Tokens are never stored; invitations and drafts keep SHA-256 hashes of them, under different
  prefixes, so a draft cannot be matched to an invitation from the database alone.
* No table here stores an IP address, and nothing about a response is dated finer than its window.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trellis.orgs.models import Organization


class Level(models.TextChoices):
    """The item bank's organization levels (capacity-survey levels)."""

    SCHOOL = "school", _("School")
    DISTRICT = "district", _("District")
    COE = "coe", _("County office of education")
    REGIONAL_LEAD = "regional-lead", _("Geographic lead agency")
    STATE = "state", _("State agencies")


class Instrument(models.Model):
    """The questions one level answers, generated from one version of the item bank.

    Item texts are not copied: a released bank version never changes, so the instrument records the
    bank's slug and version and the item IDs in the order they are asked, and reads texts from it.
    """

    bank = models.CharField(max_length=40, default="capacity-survey")
    bank_version = models.CharField(max_length=20)
    level = models.CharField(max_length=14, choices=Level.choices)
    include_role = models.BooleanField(default=True)
    include_tenure = models.BooleanField(default=True)
    item_ids = models.JSONField(help_text="Item IDs in the order asked; answers are stored in this order.")
    pages = models.JSONField(help_text="For each page: [condition id, number of items].")
    background_ids = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bank", "bank_version", "level", "include_role", "include_tenure"],
                name="surveys_one_instrument_per_bank_level_options",
            )
        ]

    def __str__(self) -> str:
        return f"{self.bank}@{self.bank_version} ({self.level})"

    @property
    def bank_key(self) -> str:
        return f"{self.bank}@{self.bank_version}"


class Mode(models.TextChoices):
    CONFIDENTIAL = "confidential", _("Confidential: a personal link for each person on a roster")
    ANONYMOUS = "anonymous", _("Anonymous: one link and code per organization, no roster")


class SurveyWindow(models.Model):
    owner = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="survey_windows")
    title = models.CharField(max_length=160)
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="windows")
    mode = models.CharField(max_length=12, choices=Mode.choices)
    opens_on = models.DateField()
    closes_on = models.DateField()
    closed = models.BooleanField(default=False, help_text="Closed early or after its last day; no more answers.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="surveys_window_period")
        ]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """An organization in a window's population, with its headcount and (anonymous mode) its code."""

    window = models.ForeignKey(SurveyWindow, on_delete=models.CASCADE, related_name="participants")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    headcount = models.PositiveIntegerField(
        default=0, help_text="Anonymous mode: staff expected to answer (the response-rate denominator)."
    )
    code = models.CharField(
        max_length=12, blank=True, default="", help_text="Anonymous mode: the organization's public survey code."
    )
    # Kept after a window closes and its roster is deleted, so that rates survive without names.
    final_invited = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["window", "organization"], name="surveys_one_participant_per_org"),
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="surveys_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} in window {self.window_id}"


class Invitation(models.Model):
    """A person on a confidential window's roster. It never learns more than `completed`."""

    window = models.ForeignKey(SurveyWindow, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(max_length=120)
    email = models.EmailField()
    role = models.CharField(max_length=14, blank=True, default="")
    token_hash = models.CharField(max_length=64, unique=True)
    salt = models.CharField(max_length=22, help_text="Random; with the server's secret key it re-derives the link.")
    completed = models.BooleanField(default=False)
    invited_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["window", "email"], name="surveys_one_invitation_per_email")]
        indexes = [models.Index(fields=["window", "organization", "completed"])]

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class Draft(models.Model):
    """Answers in progress, saved on every page. After the final submit only a tombstone remains
    (`submitted`, answers emptied), so that a replayed submit is recognized, not re-counted."""

    window = models.ForeignKey(SurveyWindow, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict)
    page = models.PositiveSmallIntegerField(default=1)
    submitted = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"draft {self.pk}"


class Response(models.Model):
    """One submitted survey. Deliberately unlinkable: no invitation, draft, token or time.

    `answers` holds one byte per instrument item, in `instrument.item_ids` order: 0 when the item was
    not answered, otherwise the option value (1–5). `numpy.frombuffer` turns a window's responses into
    an (n × items) uint8 matrix in one call.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    window = models.ForeignKey(SurveyWindow, on_delete=models.CASCADE, related_name="responses")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    answers = models.BinaryField()
    role = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Index of the chosen role option (self-reported), or null."
    )
    tenure = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Index of the tenure option, or null.")
    comment = models.TextField(blank=True, default="", help_text="Shown only under the comment suppression rules.")

    class Meta:
        indexes = [models.Index(fields=["window", "organization"])]

    def __str__(self) -> str:
        return "a survey response"


# --- Results: what scoring publishes (docs/methods/survey-scoring.md §7) -----------------------------
# Only suppressed, aggregated values are stored here. A cell that the scoring core did not publish
# keeps its reason and nothing else: no count, no score, no item percent.


class ResultSet(models.Model):
    """One scoring of a series of closed windows (annual waves) against one fixed benchmark."""

    title = models.CharField(max_length=160)
    windows = models.ManyToManyField(SurveyWindow, related_name="result_sets")
    benchmark_window = models.ForeignKey(SurveyWindow, on_delete=models.PROTECT, related_name="+")
    benchmark = models.JSONField(help_text="Item calibrations and the scale's mean and SD (no responses).")
    reliability = models.JSONField(default=dict, help_text="Per measure: Cronbach's alpha in the benchmark wave.")
    min_respondents = models.PositiveSmallIntegerField()
    scored_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(default=0.0)

    class Meta:
        ordering = ["-scored_at"]

    def __str__(self) -> str:
        return self.title


class OrgResult(models.Model):
    """One organization in one wave of a result set (the scoring core's "all respondents" cell)."""

    result_set = models.ForeignKey(ResultSet, on_delete=models.CASCADE, related_name="cells")
    window = models.ForeignKey(SurveyWindow, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    published = models.BooleanField()
    reason = models.CharField(max_length=20)
    low_confidence = models.BooleanField(default=False)
    n = models.PositiveIntegerField(null=True, blank=True, help_text="Respondents; only when published.")
    invited = models.PositiveIntegerField(null=True, blank=True)
    items = models.JSONField(default=dict, help_text="Item id → percent favorable; only when published.")
    comments = models.JSONField(default=list, help_text="Only with ≥ k_comments respondents of its own.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["result_set", "window", "organization"], name="surveys_one_result_per_cell")
        ]
        indexes = [models.Index(fields=["result_set", "parent", "window"])]

    def __str__(self) -> str:
        return f"result {self.pk}"

    @property
    def response_rate(self) -> float | None:
        return self.n / self.invited if self.published and self.n is not None and self.invited else None


class ScoreKind(models.TextChoices):
    MEASURE = "measure", _("Measure")
    CONDITION = "condition", _("Condition")


class MeasureScore(models.Model):
    """A published score (1–99) of one measure (framework element) or condition, and its change
    since the previous wave when both waves are published."""

    result = models.ForeignKey(OrgResult, on_delete=models.CASCADE, related_name="scores")
    kind = models.CharField(max_length=10, choices=ScoreKind.choices)
    code = models.CharField(max_length=80)
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=20)
    n = models.PositiveIntegerField()
    se = models.FloatField(null=True, blank=True, help_text="Standard error of the score, in scale points.")
    change = models.FloatField(null=True, blank=True, help_text="Points since the previous wave.")
    change_se = models.FloatField(null=True, blank=True)
    direction = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["result", "kind", "code"], name="surveys_one_score_per_code")]

    def __str__(self) -> str:
        return f"{self.code}: {self.score}"
