from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from trellis.accounts import policy
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.networks import actions, selectors
from trellis.networks.forms import ConsultancyForm, ConveningForm, LibraryEntryForm, LibrarySearchForm
from trellis.networks.models import Convening, LibraryEntry, Network
from trellis.orgs.models import Organization


def _network(request: AuthenticatedHttpRequest, pk: int, action: str = "networks.view") -> Network:
    return policy.get_object_or_404_for(request.user, action, Network.objects.select_related("host"), pk=pk)


def _members(network: Network) -> list[Organization]:
    return [m.organization for m in network.memberships.select_related("organization")]


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "networks/index.html", {"networks": selectors.networks_visible(request.user)})


def _library(request: AuthenticatedHttpRequest, network: Network) -> dict[str, object]:
    form = LibrarySearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results: list[tuple[LibraryEntry, float | None]]
    if query:
        results = list(selectors.library_search(network, query))
    else:
        results = [(e, None) for e in network.library.select_related("contributed_by")[:50]]
    return {"network": network, "search_form": form, "query": query, "results": results}


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk)
    context = {
        **_library(request, network),
        "members": _members(network),
        "teams": network.teams.select_related("organization"),
        "convenings": network.convenings.annotate(people=Sum("attendance__people")),
        "can_manage": policy.can(request.user, "networks.manage", network),
        "can_contribute": policy.can(request.user, "networks.contribute", network),
        "entry_form": LibraryEntryForm(),
    }
    return render(request, "networks/detail.html", context)


@login_required
def library(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The library's results alone (htmx swaps them in as one searches); the full page otherwise."""
    if not request.htmx:
        return detail(request, pk)
    network = _network(request, pk)
    return render(request, "networks/_library_results.html", _library(request, network))


@login_required
@require_http_methods(["GET", "POST"])
def library_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk, "networks.contribute")
    form = LibraryEntryForm(request.POST or None)
    if request.method == "GET":
        return render(request, "networks/library_form.html", {"network": network, "form": form})
    if form.is_valid():
        mine = [m for m in _members(network) if policy.relations(request.user, m).get("own")]
        actions.library_entry_create(
            network=network, contributed_by=mine[0] if mine else None, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("Added to the library."))
    else:
        messages.error(request, _("Give the entry a title and a description."))
    return redirect("networks:detail", network.pk)


@login_required
@require_http_methods(["GET", "POST"])
def convening_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request, pk, "networks.manage")
    form = ConveningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        convening = actions.convening_create(network=network, **form.cleaned_data)
        return redirect("networks:convening", convening.pk)
    return render(request, "networks/convening_form.html", {"network": network, "form": form})


@login_required
def convening(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = policy.get_object_or_404_for(
        request.user, "networks.view", Convening.objects.select_related("network__host"), pk=pk
    )
    can_contribute = policy.can(request.user, "networks.contribute", item)
    return render(
        request,
        "networks/convening.html",
        {
            "convening": item,
            "network": item.network,
            "attendance": item.attendance.select_related("organization"),
            "consultancies": item.consultancies.select_related("presenting"),
            "can_contribute": can_contribute,
            "form": ConsultancyForm(members=Organization.objects.filter(network_memberships__network=item.network))
            if can_contribute
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultancy_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = policy.get_object_or_404_for(
        request.user, "networks.contribute", Convening.objects.select_related("network"), pk=pk
    )
    members = Organization.objects.filter(network_memberships__network=item.network)
    form = ConsultancyForm(request.POST or None, members=members)
    if request.method == "GET":
        return render(request, "networks/consultancy_form.html", {"convening": item, "form": form})
    if form.is_valid():
        actions.consultancy_note_add(convening=item, user=request.user, **form.cleaned_data)
        messages.success(request, _("Consultancy notes saved."))
    else:
        messages.error(request, _("Name the presenting team and its focusing question."))
    return redirect("networks:convening", item.pk)
