"""The state "System of Support" view, regional views and the organization profile (page and PDF)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from trellis.accounts import policy
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.accounts.models import Membership
from trellis.orgs.models import Kind, Organization
from trellis.reports import profile as profile_data
from trellis.reports.system import INDICATORS, quality_by_provider, system_view


def _member_of(request: AuthenticatedHttpRequest, *orgs: Organization) -> bool:
    return Membership.objects.filter(user=request.user, organization__in=orgs).exists()


@login_required
def state(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The System of Support view, for state users only."""
    state_org = Organization.objects.filter(kind=Kind.STATE).first()
    if state_org is None or not _member_of(request, state_org):
        raise Http404("State users only")
    year = request.GET.get("year", "")
    view = system_view(int(year) if year.isdigit() else None, request.GET.get("indicator", "eligible"))
    return render(request, "reports/state.html", {"state": state_org, "view": view, "indicators": INDICATORS})


@login_required
def region(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A region's needs (DA in its LEAs) and the quality of support by its providers."""
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.filter(kind=Kind.REGION), pk=pk)
    state_org = Organization.objects.filter(kind=Kind.STATE).first()
    if not _member_of(request, *(o for o in (org, state_org) if o is not None)):
        raise Http404("Region users only")
    from trellis.outcomes.models import DaDetermination

    members = Organization.objects.filter(region=org)
    latest = DaDetermination.objects.filter(organization__in=members).order_by("-year").values_list("year", flat=True)
    year = latest.first()
    eligible = (
        DaDetermination.objects.filter(organization__in=members, year=year, eligible=True)
        .select_related("organization")
        .order_by("name")
        if year
        else DaDetermination.objects.none()
    )
    providers = Organization.objects.filter(pk__in=members.values("pk")) | Organization.objects.filter(pk=org.pk)
    return render(
        request,
        "reports/region.html",
        {"org": org, "year": year, "eligible": eligible, "quality": quality_by_provider(providers)},
    )


@login_required
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=pk)
    return render(request, "reports/profile.html", {"org": org, "p": profile_data.gather(request.user, org)})


@login_required
def profile_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=pk)
    pdf = profile_data.render_pdf(profile_data.gather(request.user, org))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="profile-{org.pk}.pdf"'
    return response
