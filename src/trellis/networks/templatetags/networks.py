"""The networks section of an organization's page: `{% networks_section org %}`."""

from __future__ import annotations

from typing import Any

from django import template

from trellis.networks import selectors
from trellis.orgs.models import Organization

register = template.Library()


@register.inclusion_tag("networks/_org_section.html", takes_context=True)
def networks_section(context: dict[str, Any], org: Organization) -> dict[str, Any]:
    return {"org": org, "networks": list(selectors.networks_of(context["request"].user, org)[:10])}
