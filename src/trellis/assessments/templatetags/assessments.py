"""Template helpers for assessment pages."""

from __future__ import annotations

from typing import Any

from django import template

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
