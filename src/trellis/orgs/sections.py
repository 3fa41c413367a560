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


def sections_for(request: HttpRequest, org: Organization) -> list[Section]:
    found = [s for s in (f(request, org) for f in _SECTIONS) if s is not None]
    return sorted(found, key=lambda s: s.order)
