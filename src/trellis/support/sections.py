"""The support section of an organization's page: engagements it provides and receives."""

from __future__ import annotations

from django.http import HttpRequest

from trellis.orgs.models import Organization
from trellis.orgs.sections import Section
from trellis.support import selectors
from trellis.support.models import EngagementStatus


def support_section(request: HttpRequest, org: Organization) -> Section | None:
    provided, received = selectors.engagements_of(request.user, org)
    provided_count, received_count = provided.count(), received.count()
    if not provided_count and not received_count:
        return None
    return Section(
        "support/_org_section.html",
        {
            "org": org,
            "provided": provided.exclude(status=EngagementStatus.CLOSED)[:5],
            "received": received.exclude(status=EngagementStatus.CLOSED)[:5],
            "total": provided_count + received_count,
        },
        order=70,
    )
