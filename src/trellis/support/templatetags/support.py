"""The support section of an organization's page: `{% support_section org %}`."""

from __future__ import annotations

from typing import Any

from django import template

from trellis.orgs.models import Organization
from trellis.support import selectors
from trellis.support.models import EngagementStatus

register = template.Library()


@register.inclusion_tag("support/_org_section.html", takes_context=True)
def support_section(context: dict[str, Any], org: Organization) -> dict[str, Any]:
    user = context["request"].user
    provided, received = selectors.engagements_of(user, org)
    return {
        "org": org,
        "provided": provided.exclude(status=EngagementStatus.CLOSED)[:5],
        "received": received.exclude(status=EngagementStatus.CLOSED)[:5],
        "provided_count": provided.count(),
        "received_count": received.count(),
    }
