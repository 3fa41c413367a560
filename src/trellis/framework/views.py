"""Browse the framework: levels, conditions, elements and capacities, with look-fors and evidence.

The framework is public knowledge shipped with Trellis; any signed-in user may read it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.framework.core import FrameworkNotFoundError, list_frameworks, load_framework, search
from trellis.framework.core.schema import Framework


def _framework(slug: str, version: str) -> Framework:
    try:
        return load_framework(slug, version)
    except FrameworkNotFoundError:
        raise Http404("No such framework") from None


def _rubric(framework: Framework, look_fors: dict[str, str]) -> list[tuple[str, str, str]]:
    """(level name, general summary, this entry's look-for) for each rubric level, lowest first."""
    if framework.rubric is None:
        return []
    levels = sorted(framework.rubric.levels, key=lambda lv: lv.rank)
    return [(lv.name.en, lv.summary, look_fors.get(lv.id, "")) for lv in levels]


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    frameworks = [(info, load_framework(info.slug)) for info in list_frameworks()]
    return render(request, "framework/index.html", {"frameworks": frameworks})


@login_required
@require_GET
def level(request: AuthenticatedHttpRequest, slug: str, version: str, level_id: str) -> HttpResponse:
    framework = _framework(slug, version)
    try:
        org_level = framework.level(level_id)
    except FrameworkNotFoundError:
        raise Http404("No such level") from None
    source = framework.description_level(level_id)
    conditions = [
        (condition, [(element, element.levels.get(source, "")) for element in condition.elements])
        for condition in framework.conditions
    ]
    return render(
        request,
        "framework/level.html",
        {
            "framework": framework,
            "level": org_level,
            "conditions": conditions,
            "roles": framework.roles_for_level(level_id),
        },
    )


@login_required
@require_GET
def condition(request: AuthenticatedHttpRequest, slug: str, version: str, condition_id: str) -> HttpResponse:
    framework = _framework(slug, version)
    try:
        found = framework.condition(condition_id)
    except FrameworkNotFoundError:
        raise Http404("No such condition") from None
    return render(request, "framework/condition.html", {"framework": framework, "condition": found})


@login_required
@require_GET
def element(request: AuthenticatedHttpRequest, slug: str, version: str, element_id: str) -> HttpResponse:
    framework = _framework(slug, version)
    try:
        found = framework.element(element_id)
    except FrameworkNotFoundError:
        raise Http404("No such element") from None
    descriptions = [(lv, found.levels.get(framework.description_level(lv.id), "")) for lv in framework.levels]
    return render(
        request,
        "framework/element.html",
        {
            "framework": framework,
            "element": found,
            "condition": framework.condition_of(found.id),
            "descriptions": descriptions,
            "rubric": _rubric(framework, found.look_fors),
        },
    )


@login_required
@require_GET
def capacity(request: AuthenticatedHttpRequest, slug: str, version: str, capacity_id: str) -> HttpResponse:
    framework = _framework(slug, version)
    try:
        found = framework.capacity(capacity_id)
    except FrameworkNotFoundError:
        raise Http404("No such capacity") from None
    role = framework.role_of(found.id)
    level_id = role.id.split(".", 1)[0]
    return render(
        request,
        "framework/capacity.html",
        {
            "framework": framework,
            "capacity": found,
            "role": role,
            "level": framework.level(level_id),
            "rubric": _rubric(framework, found.look_fors),
        },
    )


@login_required
@require_GET
def search_view(request: AuthenticatedHttpRequest, slug: str, version: str) -> HttpResponse:
    framework = _framework(slug, version)
    query = request.GET.get("q", "")[:200].strip()
    hits = search(framework, query, limit=100) if query.strip() else []
    template = "framework/_hits.html" if request.htmx else "framework/search.html"
    return render(request, template, {"framework": framework, "query": query, "hits": hits, "live_search": True})
