"""Permission-scoped reads of the hierarchy."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from trellis.accounts import policy
from trellis.orgs.core.regions import normalize_search
from trellis.orgs.models import Kind, Organization

SEARCH_LIMIT = 50


def organization_search(user: object, query: str, *, kind: str = "") -> QuerySet[Organization]:
    """Organizations the user may see whose name or CDS code contains `query`."""
    orgs = policy.visible_organizations(user).select_related("parent")
    text = normalize_search(query)
    if text:
        digits = text.replace("-", "").replace(" ", "")
        if digits.isdigit():
            orgs = (
                orgs.filter(cds_code__startswith=digits)
                if len(digits) >= 2
                else orgs.filter(search_text__contains=text)
            )
        else:
            for word in text.split():
                orgs = orgs.filter(search_text__contains=word)
    if kind:
        orgs = orgs.filter(kind=kind)
    return orgs.order_by("kind", "name")


def children_of(user: object, org: Organization) -> QuerySet[Organization]:
    """The organizations directly under `org` that the user may see. Regions list their county offices."""
    visible = policy.visible_organizations(user)
    # Grouped for display: regions, agencies, county offices, districts, then charters, then schools.
    return visible.filter(Q(parent=org)).order_by("kind", "is_charter", "name")


def top_of_directory(user: object) -> QuerySet[Organization]:
    """Where browsing starts: the broadest organizations the user can see whose parent they cannot."""
    visible = policy.visible_organizations(user)
    return visible.exclude(parent__in=visible).exclude(kind=Kind.SCHOOL, parent__isnull=False).order_by("kind", "name")
