"""Improvement projects: team, aim, root causes, driver diagram, measures and their data, PDSA cycles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trellis.orgs.models import Organization


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")


class Project(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="improvement_projects")
    title = models.CharField(_("title"), max_length=160)
    problem = models.TextField(_("problem of practice"), blank=True, default="")
    aim = models.TextField(_("aim statement"), blank=True, default="")
    status = models.CharField(max_length=9, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    started_on = models.DateField()
    progress_override = models.DecimalField(
        max_digits=2, decimal_places=1, null=True, blank=True, help_text="A score the team set by hand (0.5-5.0)."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_override__isnull=True)
                | (Q(progress_override__gte=0.5) & Q(progress_override__lte=5)),
                name="improvement_progress_on_scale",
            )
        ]

    def __str__(self) -> str:
        return self.title


class TeamRole(models.TextChoices):
    SPONSOR = "sponsor", _("Sponsor")
    LEAD = "lead", _("Lead or facilitator")
    MEMBER = "member", _("Member")
    COACH = "coach", _("Coach")


class TeamMember(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="improvement_teams")
    role = models.CharField(max_length=7, choices=TeamRole.choices)

    class Meta:
        ordering = ["role", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="improvement_one_team_role")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ProjectShare(models.Model):
    """The project is shared with another organization (its support provider, a network)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="shares")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "organization"], name="improvement_one_share")]

    def __str__(self) -> str:
        return f"{self.project} → {self.organization}"


class CauseKind(models.TextChoices):
    FISHBONE = "fishbone", _("Fishbone cause")
    WHY = "why", _("Why (5 whys)")
    EMPATHY = "empathy", _("Empathy interview")


class FishboneCategory(models.TextChoices):
    STUDENTS = "students", _("Students")
    STAFF = "staff", _("Teachers and staff")
    INSTRUCTION = "instruction", _("Curriculum and instruction")
    POLICIES = "policies", _("Policies and procedures")
    FAMILIES = "families", _("Families and community")
    RESOURCES = "resources", _("Time, tools and environment")


class RootCause(models.Model):
    """One fishbone cause, one answer in a 5-whys chain, or the notes of one empathy interview."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="root_causes")
    kind = models.CharField(max_length=8, choices=CauseKind.choices)
    category = models.CharField(max_length=11, choices=FishboneCategory.choices, blank=True, default="")
    interviewee = models.CharField(
        max_length=120, blank=True, default="", help_text="Who was interviewed, by role or grade — never by name."
    )
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "category", "position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class DriverKind(models.TextChoices):
    PRIMARY = "primary", _("Primary driver")
    SECONDARY = "secondary", _("Secondary driver")
    CHANGE = "change", _("Change idea")


class DriverNode(models.Model):
    """A node of the driver diagram; the aim is the root, so primary drivers have no parent."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="drivers")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(max_length=9, choices=DriverKind.choices)
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="primary", parent__isnull=True) | (~Q(kind="primary") & Q(parent__isnull=False)),
                name="improvement_driver_parent_by_kind",
            )
        ]

    def __str__(self) -> str:
        return self.text


class MeasureKind(models.TextChoices):
    OUTCOME = "outcome", _("Outcome")
    PROCESS = "process", _("Process")
    BALANCING = "balancing", _("Balancing")


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    TERM = "term", _("Each term or grading period")
    CYCLE = "cycle", _("Each PDSA cycle")


class ChartType(models.TextChoices):
    RUN = "run", _("Run chart (median; for any measure)")
    I = "i", _("I chart (individual values with limits)")  # noqa: E741 - the chart's name
    P = "p", _("P chart (proportions: a count out of a denominator)")
    PP = "pp", _("P′ chart (proportions, large denominators)")
    C = "c", _("C chart (counts of events)")
    U = "u", _("U chart (rates: events per unit)")


class Measure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("type of measure"), max_length=9, choices=MeasureKind.choices)
    definition = models.TextField(
        _("operational definition"), help_text=_("Exactly what is counted, from which source, by whom, how often.")
    )
    frequency = models.CharField(max_length=7, choices=Frequency.choices, default=Frequency.WEEKLY)
    unit = models.CharField(_("unit"), max_length=40, blank=True, default="", help_text=_("e.g. %, students, days"))
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    target = models.FloatField(null=True, blank=True)
    chart = models.CharField(_("chart"), max_length=3, choices=ChartType.choices, default=ChartType.RUN)
    baseline_points = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Freeze the centre line on the first N points (the baseline before any change)."),
    )
    as_percent = models.BooleanField(default=False, help_text=_("Show proportions as percentages."))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_points__isnull=True) | Q(baseline_points__gte=2), name="improvement_baseline_2"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DataPoint(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points")
    on = models.DateField()
    value = models.FloatField()
    denominator = models.FloatField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "on"], name="improvement_one_point_per_date"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0), name="improvement_positive_denominator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on}: {self.value:g}"


class Decision(models.TextChoices):
    ADOPT = "adopt", _("Adopt")
    ADAPT = "adapt", _("Adapt")
    ABANDON = "abandon", _("Abandon")


class PdsaCycle(models.Model):
    """One Plan-Do-Study-Act cycle testing a change idea; `previous` links the cycles of a ramp."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="cycles")
    change_idea = models.ForeignKey(DriverNode, null=True, blank=True, on_delete=models.SET_NULL, related_name="cycles")
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_cycles")
    measures = models.ManyToManyField(Measure, blank=True, related_name="cycles")
    title = models.CharField(_("title"), max_length=160)
    # Plan
    question = models.TextField(_("question"), help_text=_("What do we want to learn from this test?"))
    prediction = models.TextField(_("prediction"), help_text=_("What do we expect to happen, and why?"))
    plan = models.TextField(_("plan: who, what, when, where"), blank=True, default="")
    data_plan = models.TextField(_("data to collect"), blank=True, default="")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # Do, Study, Act
    observations = models.TextField(_("do: what happened"), blank=True, default="")
    results = models.TextField(_("study: results against the prediction"), blank=True, default="")
    decision = models.CharField(_("act: decision"), max_length=7, choices=Decision.choices, blank=True, default="")
    next_steps = models.TextField(_("act: next cycle"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="improvement_pdsa_dates"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def stage(self) -> str:
        """Plan, Do, Study or Act: the first stage not yet written up, or 'Done'."""
        if self.decision:
            return "Done"
        if self.results:
            return "Act"
        if self.observations:
            return "Study"
        return "Do" if self.starts_on else "Plan"


class ChartNote(models.Model):
    """A note on a measure's time axis ("new bell schedule", "testing week")."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="notes")
    on = models.DateField()
    text = models.CharField(max_length=120)

    class Meta:
        ordering = ["on"]

    def __str__(self) -> str:
        return f"{self.on}: {self.text}"
