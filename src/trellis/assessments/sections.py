"""The organization page's "Self-assessments" section, scoped to what the viewer may see."""

from __future__ import annotations

from django.http import HttpRequest

from trellis.assessments import selectors
from trellis.orgs.models import Organization
from trellis.orgs.sections import Section, register_section


@register_section
def assessments_section(request: HttpRequest, org: Organization) -> Section:
    user = request.user
    return Section(
        "assessments/_org_section.html",
        {
            "assessments": list(selectors.assessments_for_org(user, org)[:20]),
            "shared": list(selectors.shared_with_org(user, org)[:20]),
            "reciprocals": list(selectors.reciprocals_for_org(user, org)[:20]),
            "can_start": selectors.can_start(user, org),
        },
        order=30,
    )
