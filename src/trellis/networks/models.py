"""Networks of organizations learning together: members, teams, convenings and a shared library."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from trellis.orgs.models import Organization


class Network(models.Model):
    name = models.CharField(max_length=200)
    host = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="networks_hosted")
    purpose = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def organization(self) -> Organization:
        return self.host


class NetworkMember(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="network_memberships")
    joined_on = models.DateField()

    class Meta:
        ordering = ["organization__name"]
        constraints = [models.UniqueConstraint(fields=["network", "organization"], name="networks_member_once")]

    def __str__(self) -> str:
        return f"{self.organization} in {self.network}"


class Team(models.Model):
    """A member organization's improvement team taking part in the network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="teams")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="network_teams")
    name = models.CharField(max_length=200)
    focus = models.CharField(max_length=300, blank=True, default="", help_text="The team's problem of practice.")
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="network_teams")

    class Meta:
        ordering = ["organization__name", "name"]

    def __str__(self) -> str:
        return self.name


class ConveningKind(models.TextChoices):
    SUMMIT = "summit", _("Summit")
    WORKSHOP = "workshop", _("Workshop")
    CONSULTANCY = "consultancy", _("Consultancy")
    VIRTUAL = "virtual", _("Virtual session")


class Convening(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="convenings")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=11, choices=ConveningKind.choices, default=ConveningKind.WORKSHOP)
    held_on = models.DateField()
    location = models.CharField(max_length=200, blank=True, default="")
    agenda = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class Attendance(models.Model):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="attendance")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    people = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["organization__name"]
        constraints = [models.UniqueConstraint(fields=["convening", "organization"], name="networks_attended_once")]

    def __str__(self) -> str:
        return f"{self.organization} at {self.convening}"


class ConsultancyNote(models.Model):
    """A consultancy protocol: a team presents a dilemma; critical friends give warm and cool feedback."""

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="consultancies")
    presenting = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    focusing_question = models.TextField()
    warm_feedback = models.TextField(blank=True, default="", help_text="What critical friends found promising.")
    cool_feedback = models.TextField(
        blank=True, default="", help_text="Questions and concerns critical friends raised."
    )
    next_steps = models.TextField(blank=True, default="", help_text="What the presenting team will do next.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Consultancy: {self.presenting}"


class EntryKind(models.TextChoices):
    CHANGE_IDEA = "change_idea", _("Change idea")
    LESSON = "lesson", _("Lesson learned")


class LibraryEntry(models.Model):
    """A change idea or lesson shared with the network; `embedding` is its float32 sentence vector."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="library")
    kind = models.CharField(max_length=11, choices=EntryKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField()
    contributed_by = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(
        max_length=100, blank=True, default="", help_text="Where it came from, e.g. 'pdsa:123' for a shared PDSA cycle."
    )
    embedding = models.BinaryField(blank=True, default=b"")
    embedding_model = models.CharField(max_length=40, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "library entries"

    def __str__(self) -> str:
        return self.title

    @property
    def text(self) -> str:
        return f"{self.title}. {self.body}"
