"""The organization page's "Improvement projects" section, scoped to what the viewer may see."""

from __future__ import annotations

from django.http import HttpRequest

from trellis.accounts import policy
from trellis.improvement import selectors
from trellis.orgs.models import Organization
from trellis.orgs.sections import Section, register_section


@register_section
def projects_section(request: HttpRequest, org: Organization) -> Section:
    return Section(
        "improvement/_org_projects.html",
        {
            "projects": list(selectors.projects_for(request.user, org)[:20]),
            "can_start": policy.can(request.user, "improvement.start", org),
        },
        order=40,
    )
