from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from trellis.accounts import policy
from trellis.accounts.audit import log_action
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.accounts.models import Membership
from trellis.lib.errors import ImportFailed
from trellis.orgs.actions import state_ensure
from trellis.orgs.models import Kind, Organization
from trellis.outcomes import display, selectors
from trellis.outcomes.actions import dashboard_import
from trellis.outcomes.core.codes import STUDENT_GROUPS
from trellis.outcomes.forms import DashboardImportForm
from trellis.outcomes.models import DaDetermination, DashboardImport, IndicatorResult


def _org(request: AuthenticatedHttpRequest, pk: int) -> Organization:
    return policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=pk)


def _outcomes_context(request: AuthenticatedHttpRequest, org: Organization) -> dict[str, object]:
    years = selectors.years_of(org)
    year = selectors.chosen_year(request.GET.get("year"), years)
    table = selectors.outcomes_table(org, year) if year is not None else None
    return {"org": org, "years": years, "year": year, "table": table}


@login_required
def organization(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An organization's Dashboard results: student groups × indicators for a year."""
    org = _org(request, pk)
    return render(request, "outcomes/organization.html", _outcomes_context(request, org))


@login_required
def organization_section(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The summary shown on the organization page (loaded by htmx)."""
    org = _org(request, pk)
    context = _outcomes_context(request, org)
    year = selectors.chosen_year(request.GET.get("year"), selectors.years_of(org))
    context["da"] = DaDetermination.objects.filter(organization=org, year=year).first() if year else None
    return render(request, "outcomes/_section.html", context)


@login_required
def da_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A county office's (region's, the state's) LEAs eligible for differentiated assistance."""
    org = _org(request, pk)
    if org.kind not in selectors.DA_LIST_KINDS:
        raise Http404("No such list")
    years = selectors.da_years()
    year = selectors.chosen_year(request.GET.get("year"), years)
    determinations = list(selectors.da_scope(request.user, org, year)) if year else []
    eligible = [d for d in determinations if d.eligible]
    undecided = [d for d in determinations if d.eligible is None]
    from trellis.reports.assistance import assistance_rows

    # Needs, engagements and (for a county office's list) suggestions per eligible LEA.
    rows = (
        assistance_rows(request.user, eligible, year, suggest=org.kind == Kind.COE, region_id=org.region_id)
        if year
        else []
    )
    return render(
        request,
        "outcomes/da_list.html",
        {
            "org": org,
            "years": years,
            "year": year,
            "eligible": eligible,
            "rows": rows,
            "undecided": undecided,
            "total": len(determinations),
        },
    )


@login_required
def statewide(request: AuthenticatedHttpRequest) -> HttpResponse:
    """DA counts by year and the distribution of colors, for state users."""
    state = Organization.objects.filter(kind=Kind.STATE).first()
    if state is None:
        raise Http404("No state")
    policy.require(request.user, "org.view", state)
    if not Membership.objects.filter(user=request.user, organization=state).exists():
        raise Http404("State users only")
    years = sorted(set(IndicatorResult.objects.values_list("year", flat=True)), reverse=True)
    year = selectors.chosen_year(request.GET.get("year"), years)
    counts = selectors.statewide_counts(year) if year else {"by_year": [], "distribution": []}
    colors = [(display.COLOR_CLASSES[c], display.color_name(c), display.COLOR_LETTERS[c]) for c in (1, 2, 3, 4, 5, 0)]
    return render(
        request,
        "outcomes/statewide.html",
        {
            "state": state,
            "years": years,
            "year": year,
            "colors": colors,
            "can_import": policy.can(request.user, "org.import", state),
            **counts,
        },
    )


@login_required
def explain(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Why a cell has its color: its place in the 5×5 grid and the cut scores behind it."""
    row = policy.get_object_or_404_for(
        request.user,
        "outcomes.view",
        IndicatorResult.objects.filter(organization__isnull=False).select_related("organization"),
        pk=pk,
    )
    cell = selectors.cell_of(row)
    status = display.status_label(
        row.indicator, row.statuslevel if row.statuslevel is not None else row.statuslevel_calc
    )
    change = display.change_label(
        row.indicator, row.changelevel if row.changelevel is not None else row.changelevel_calc
    )
    box = row.box if row.box else row.box_calc
    explanation = display.explain(row.indicator, row.year, row.cutset or row.type, status, change, box)
    return render(
        request,
        "outcomes/explain.html",
        {
            "row": row,
            "org": row.organization,
            "cell": cell,
            "group_name": STUDENT_GROUPS.get(row.studentgroup, row.studentgroup),
            "x": explanation,
            "unverified": not (
                explanation.verified_status
                and explanation.verified_change
                and explanation.verified_grid
                and explanation.verified_year
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request: AuthenticatedHttpRequest) -> HttpResponse:
    """State administrators upload Dashboard files; nothing is imported unless every row is valid."""
    state = state_ensure()
    policy.require(request.user, "org.import", state)
    form = DashboardImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = dashboard_import(
                upload.name,
                upload.read(),
                indicator=form.cleaned_data["indicator"] or None,
                year=form.cleaned_data["year"],
                user=request.user,
            )
        except ImportFailed as failure:
            problems = [str(issue) for issue in failure.issues[:50]]
            log_action("trellis.outcomes.import_failed", user=request.user, target=state, data={"file": upload.name})
        else:
            messages.success(request, str(summary))
            return redirect("outcomes:import")
    recent = DashboardImport.objects.select_related("imported_by")[:20]
    return render(request, "outcomes/import.html", {"form": form, "problems": problems, "recent": recent})
