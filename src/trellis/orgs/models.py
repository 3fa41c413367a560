"""The organization hierarchy: state → region → county office (COE) → LEA → school.

Every organization stores its ancestors (`region`, `coe`, `lea`) as well as its `parent`, so that
"everything under X" is one indexed equality, not a recursive walk; this is what keeps scoping a
user's view of 10,000 schools fast on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    STATE = "state", _("State")
    REGION = "region", _("Region")
    COE = "coe", _("County office of education")
    LEA = "lea", _("Local educational agency")
    SCHOOL = "school", _("School")
    AGENCY = "agency", _("State agency")


class LeaType(models.TextChoices):
    ELEMENTARY = "elementary", _("Elementary school district")
    HIGH = "high", _("High school district")
    UNIFIED = "unified", _("Unified school district")
    CHARTER = "charter", _("Charter school")
    COE = "coe", _("County office of education (as LEA)")
    OTHER = "other", _("Other LEA")


class SchoolLevel(models.TextChoices):
    ELEMENTARY = "elementary", _("Elementary")
    MIDDLE = "middle", _("Middle")
    HIGH = "high", _("High")
    K12 = "k12", _("K-12")
    ALTERNATIVE = "alternative", _("Alternative")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Organization(models.Model):
    kind = models.CharField(max_length=8, choices=Kind.choices)
    name = models.CharField(max_length=200)
    # 14 digits kept as text: county (2), district (5), school (7). Blank for the state, regions and
    # agencies. A charter school appears twice — as its own LEA and as the school that LEA runs — so
    # the code is unique per kind, not globally.
    cds_code = models.CharField("CDS code", max_length=14, blank=True, default="")
    code = models.CharField(
        max_length=24,
        unique=True,
        help_text="Stable key: 'CA', 'R04', or the CDS code (with '-lea' for a charter's LEA).",
    )
    lea_type = models.CharField(max_length=10, choices=LeaType.choices, blank=True, default="")
    is_charter = models.BooleanField(default=False)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.ACTIVE)
    school_level = models.CharField(max_length=11, choices=SchoolLevel.choices, blank=True, default="")
    school_level_source = models.CharField(
        max_length=12, blank=True, default="", help_text="'directory' when from CDE's directory, 'heuristic' otherwise."
    )
    county_name = models.CharField(max_length=40, blank=True, default="")
    grades_offered = models.CharField(max_length=20, blank=True, default="")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    region = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    coe = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lea = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    authorizer = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="authorized_charters",
        help_text="For a charter LEA: the district or county office that authorized it.",
    )
    # Lower-cased, accent-free name and code, for the directory search.
    search_text = models.CharField(max_length=260, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "cds_code"], condition=~Q(cds_code=""), name="orgs_unique_cds_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(cds_code="") | Q(cds_code__regex=r"^[0-9]{14}$"), name="orgs_cds_is_14_digits"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["cds_code"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def directory_group(self) -> str:
        """The heading this organization is listed under on its parent's page."""
        if self.kind == Kind.LEA:
            return str(_("Charter schools") if self.lea_type == LeaType.CHARTER else _("School districts"))
        return str(
            {
                Kind.REGION: _("Regions"),
                Kind.AGENCY: _("State agencies"),
                Kind.COE: _("County offices of education"),
                Kind.SCHOOL: _("Schools"),
                Kind.STATE: _("State"),
            }[Kind(self.kind)]
        )

    @property
    def kind_label(self) -> str:
        """'Unified school district', 'Elementary school · charter', 'County office of education', …"""
        if self.kind == Kind.LEA:
            return str(LeaType(self.lea_type).label) if self.lea_type else str(Kind.LEA.label)
        if self.kind == Kind.SCHOOL:
            level = SchoolLevel(self.school_level).label if self.school_level else ""
            label = _("%(level)s school") % {"level": level} if level else _("School")
            return str(label) + (" · " + str(_("charter")) if self.is_charter else "")
        return str(Kind(self.kind).label)

    def ancestors(self) -> list[Organization]:
        """From the state down to the parent, for breadcrumbs."""
        chain: list[Organization] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def descendants_q(self, prefix: str = "") -> Q:
        """A filter for every organization under this one (not including it)."""
        field = {Kind.REGION: "region", Kind.COE: "coe", Kind.LEA: "lea"}.get(Kind(self.kind))
        if self.kind == Kind.STATE:
            return ~Q(**{f"{prefix}id": self.id})
        if field is None:
            return Q(pk__in=[])
        return Q(**{f"{prefix}{field}_id": self.id})


class RelationshipKind(models.TextChoices):
    GEOGRAPHIC_LEAD = "geographic_lead", _("Geographic lead agency")
    STATE_AGENCY = "state_agency", _("State agency support")
    NETWORK = "network", _("Network")
    COE_LEA = "coe_lea", _("County office support to an LEA outside its county")
    PARTNER = "partner", _("Other partner")


class SupportRelationship(models.Model):
    """An explicit provider → recipient relationship. A COE supporting its own LEAs is implicit."""

    provider = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="support_provided")
    recipient = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="support_received")
    kind = models.CharField(max_length=16, choices=RelationshipKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "recipient", "kind", "starts_on"], name="orgs_unique_support"),
            models.CheckConstraint(condition=~Q(provider=models.F("recipient")), name="orgs_support_not_self"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="orgs_support_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} → {self.recipient} ({self.get_kind_display()})"


class StaffRole(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    ADMINISTRATOR = "administrator", _("Administrator")
    COUNSELOR = "counselor", _("Counselor or specialist")
    CLASSIFIED = "classified", _("Classified staff")
    OTHER = "other", _("Other")


class StaffMember(models.Model):
    """A person on an organization's staff roster (not necessarily a Trellis user)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="staff")
    full_name = models.CharField(max_length=120)
    email = models.EmailField()
    role = models.CharField(max_length=14, choices=StaffRole.choices)
    years_in_organization = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "email"], name="orgs_unique_staff_email")]

    def __str__(self) -> str:
        return self.full_name
