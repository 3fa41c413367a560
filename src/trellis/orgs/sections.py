"""Sections other apps add to an organization's page (outcomes, self-assessments, surveys, projects…).

An app registers a function in its `AppConfig.ready()`; the function receives the request and the
organization and returns a `Section` (a template and its context) or None when it has nothing to show
or the viewer may not see it. The organization page renders them in `order`. This keeps the page one
template while each domain owns its own section and its own access check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from trellis.orgs.models import Organization


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


SectionFunction = Callable[[HttpRequest, Organization], Section | None]
_SECTIONS: list[SectionFunction] = []


def register_section(function: SectionFunction) -> SectionFunction:
    if function not in _SECTIONS:
        _SECTIONS.append(function)
    return function


def sections_for(request: HttpRequest, org: Organization) -> list[SafeString]:
    """Each registered section rendered with its own context (plus `org` and `request`), in order."""
    found = sorted((s for s in (f(request, org) for f in _SECTIONS) if s is not None), key=lambda s: s.order)
    rendered = []
    for section in found:
        context = {"org": org, **section.context}
        # Templates may read their values directly or as `section.<name>`.
        html = render_to_string(section.template, {**context, "section": context}, request=request)
        rendered.append(mark_safe(html))
    return rendered
