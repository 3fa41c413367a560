"""Template helpers: look up a level name; the organization page's self-assessment section."""

from __future__ import annotations

from typing import Any

from django import template

from trellis.assessments import selectors

register = template.Library()


@register.filter
def lookup(mapping: Any, key: Any) -> Any:
    """{{ names|lookup:rank }} — a dictionary entry in a template ('' when missing)."""
    if not mapping or key is None:
        return ""
    return mapping.get(key, "")


@register.filter
def index(sequence: Any, position: int) -> Any:
    """{{ item.look_fors|index:forloop.counter0 }} — an entry of a list ('' when out of range)."""
    try:
        return sequence[position]
    except (IndexError, TypeError):
        return ""


@register.filter
def minus(value: int, other: int) -> int:
    return int(value) - int(other)


@register.inclusion_tag("assessments/_org_section.html", takes_context=True)
def org_assessments(context: dict[str, Any], org: Any) -> dict[str, Any]:
    """The organization page's "Self-assessments" section, scoped to what the user may see."""
    user = context["request"].user
    return {
        "org": org,
        "assessments": list(selectors.assessments_for_org(user, org)[:20]),
        "shared": list(selectors.shared_with_org(user, org)[:20]),
        "reciprocals": list(selectors.reciprocals_for_org(user, org)[:20]),
        "can_start": selectors.can_start(user, org),
    }
