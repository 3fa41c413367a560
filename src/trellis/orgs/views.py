from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from trellis.accounts import policy
from trellis.accounts.audit import log_action
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.accounts.selectors import memberships_of
from trellis.lib.errors import ImportFailed
from trellis.orgs import importers, selectors
from trellis.orgs.actions import STATE_CODE, state_ensure
from trellis.orgs.forms import DirectorySearchForm, OrganizationImportForm
from trellis.orgs.models import Organization
from trellis.orgs.sections import sections_for


@login_required
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    query = kind = ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    if query or kind:
        page = Paginator(selectors.organization_search(request.user, query, kind=kind), selectors.SEARCH_LIMIT)
        results = page.get_page(request.GET.get("page"))
        top = None
    else:
        results = None
        top = selectors.top_of_directory(request.user)[:200]
    template = "orgs/_results.html" if request.htmx else "orgs/directory.html"
    return render(request, template, {"form": form, "results": results, "top": top, "query": query, "kind": kind})


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.select_related("parent"), pk=pk)
    children = Paginator(selectors.children_of(request.user, org), 100).get_page(request.GET.get("page"))
    visible_ids = set(
        policy.visible_organizations(request.user)
        .filter(pk__in=[a.pk for a in org.ancestors()])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "ancestors": [(a, a.pk in visible_ids) for a in org.ancestors()],
            "children": children,
            "can_view_people": policy.can(request.user, "org.view_people", org),
            "sections": sections_for(request, org),
        },
    )


@login_required
def people(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    org = policy.get_object_or_404_for(request.user, "org.view_people", Organization.objects.all(), pk=pk)
    staff_by_role: dict[str, int] = {}
    for staff in org.staff.order_by("role").values_list("role", flat=True):
        staff_by_role[staff] = staff_by_role.get(staff, 0) + 1
    return render(
        request,
        "orgs/people.html",
        {
            "org": org,
            "memberships": memberships_of(org),
            "staff_count": sum(staff_by_role.values()),
            "staff_by_role": sorted(staff_by_role.items()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: AuthenticatedHttpRequest) -> HttpResponse:
    state = (
        state_ensure()
        if not Organization.objects.filter(code=STATE_CODE).exists()
        else Organization.objects.get(code=STATE_CODE)
    )
    policy.require(request.user, "org.import", state)
    form = OrganizationImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = importers.import_file(upload.name, upload.read(), user=request.user)
        except ImportFailed as failure:
            problems = [str(issue) for issue in failure.issues[:50]]
            log_action("trellis.orgs.import_failed", user=request.user, target=state, data={"file": upload.name})
        else:
            messages.success(request, f"{upload.name}: {summary}.")
            return redirect("orgs:import")
    return render(request, "orgs/import.html", {"form": form, "problems": problems})
