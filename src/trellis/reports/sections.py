"""The needs-profile section of an organization's page."""

from __future__ import annotations

from django.http import HttpRequest

from trellis.orgs.models import Organization
from trellis.orgs.sections import Section
from trellis.reports.needs import needs_profile


def needs_section(request: HttpRequest, org: Organization) -> Section | None:
    profile = needs_profile(request.user, org)
    if profile.empty:
        return None
    return Section("reports/_needs_section.html", {"profile": profile}, order=15)
