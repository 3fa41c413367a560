"""The networks section of an organization's page: the networks it belongs to or hosts."""

from __future__ import annotations

from django.http import HttpRequest

from trellis.networks import selectors
from trellis.orgs.models import Organization
from trellis.orgs.sections import Section


def networks_section(request: HttpRequest, org: Organization) -> Section | None:
    networks = list(selectors.networks_of(request.user, org)[:10])
    if not networks:
        return None
    return Section("networks/_org_section.html", {"org": org, "networks": networks}, order=80)
