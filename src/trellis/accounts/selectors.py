"""Reads about people, scoped by the policy."""

from __future__ import annotations

from django.db.models import QuerySet

from trellis.accounts.models import Membership, User
from trellis.orgs.models import Kind, Organization

# Which organization a user lands on: the broadest level they belong to.
_LEVEL_ORDER = {Kind.STATE: 0, Kind.AGENCY: 1, Kind.REGION: 2, Kind.COE: 3, Kind.LEA: 4, Kind.SCHOOL: 5}


def home_organization(user: User) -> Organization | None:
    orgs = [m.organization for m in Membership.objects.filter(user=user).select_related("organization")]
    if not orgs:
        return None
    return min(orgs, key=lambda o: (_LEVEL_ORDER[Kind(o.kind)], o.name))


def memberships_of(org: Organization) -> QuerySet[Membership]:
    return Membership.objects.filter(organization=org).select_related("user").order_by("role", "user__full_name")
