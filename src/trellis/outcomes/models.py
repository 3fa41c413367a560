"""California School Dashboard rows as CDE published them, with our computed values beside them,
and differentiated-assistance determinations per LEA and year.

One `IndicatorResult` per (year, indicator, CDS code, student group, suspension type): the key of
CDE's files, so re-importing a file updates rows in place and changes nothing when the file is the
same. Published values are stored as given (null when suppressed or absent from that year's layout);
the `*_calc` columns hold what `trellis.outcomes.core.classify` computes from the same row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from trellis.orgs.models import Organization


class IndicatorResult(models.Model):
    year = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=8)
    cds = models.CharField("CDS code", max_length=14)
    rtype = models.CharField(max_length=1, help_text="S school, D district or county office, X state.")
    studentgroup = models.CharField(max_length=5)
    type = models.CharField(max_length=2, blank=True, default="", help_text="Suspension table type (ES, MS, …).")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="dashboard_results"
    )
    charter_flag = models.BooleanField(null=True)
    coe_flag = models.BooleanField(null=True)
    dass_flag = models.BooleanField(null=True)
    smalldenom = models.BooleanField(null=True)
    hscutpoints = models.BooleanField(null=True)
    dataerrorflag = models.BooleanField(null=True)
    currdenom = models.FloatField(null=True)
    currstatus = models.FloatField(null=True)
    priorstatus = models.FloatField(null=True)
    change = models.FloatField(null=True)
    # As published (null when the year's file does not carry the column).
    statuslevel = models.SmallIntegerField(null=True)
    changelevel = models.SmallIntegerField(null=True)
    color = models.SmallIntegerField(null=True)
    box = models.SmallIntegerField(null=True)
    # As computed by the core (null when the row cannot be classified).
    statuslevel_calc = models.SmallIntegerField(null=True)
    changelevel_calc = models.SmallIntegerField(null=True)
    color_calc = models.SmallIntegerField(null=True)
    box_calc = models.SmallIntegerField(null=True)
    cutset = models.CharField(max_length=8, blank=True, default="")
    mismatch = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        constraints = [
            # CDS code first: the same index finds an organization's rows (by code, or code and year).
            models.UniqueConstraint(
                fields=["cds", "year", "indicator", "studentgroup", "type"], name="outcomes_unique_result"
            )
        ]
        # Few indexes on purpose: each one slows the statewide import (about a million rows a year).
        indexes = [models.Index(fields=["year", "rtype"])]

    def __str__(self) -> str:
        return f"{self.year} {self.indicator} {self.cds} {self.studentgroup}"

    @property
    def color_shown(self) -> int:
        """The published color where there is one, else the computed one (0 = no color)."""
        if self.color is not None:
            return self.color
        return self.color_calc or 0


class DashboardImport(models.Model):
    """One imported file: what, when, by whom, and what it changed."""

    year = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=8)
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    created = models.PositiveIntegerField()
    updated = models.PositiveIntegerField()
    unchanged = models.PositiveIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.year} {self.indicator})"


class DaDetermination(models.Model):
    """Differentiated-assistance eligibility of one LEA in one year, with its reasons."""

    year = models.PositiveSmallIntegerField()
    cds = models.CharField("CDS code", max_length=14)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="da_determinations"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, help_text="district, coe or charter")
    considered = models.BooleanField()
    eligible = models.BooleanField(null=True, help_text="Null: a charter whose prior year is unknown.")
    met_this_year = models.BooleanField()
    reasons = models.JSONField(default=list, help_text="Sentences, one per qualifying student group.")
    groups = models.JSONField(default=dict, help_text="Student group → hits (priority, indicators, values).")
    local_priorities = models.JSONField(default=list)
    determined_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["year", "cds"], name="outcomes_unique_determination")]
        indexes = [models.Index(fields=["year", "eligible"])]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"
