"""PDSA cycles: plan (question, prediction, who/what/when/where, data), do, study, act."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from trellis.accounts import policy
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.improvement import actions
from trellis.improvement.forms import PdsaForm
from trellis.improvement.models import PdsaCycle, Project

CYCLES = PdsaCycle.objects.select_related("project__organization", "change_idea", "previous")


def _save(request: AuthenticatedHttpRequest, form: PdsaForm, project: Project) -> PdsaCycle | None:
    cycle = form.save(commit=False)
    cycle.project = project
    try:
        return actions.pdsa_save(
            cycle=cycle, measures=list(form.cleaned_data["measures"]), confirmed=form.cleaned_data["confirmed"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def pdsa_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = policy.get_object_or_404_for(request.user, "improvement.edit", Project.objects.all(), pk=pk)
    latest = project.cycles.order_by("-starts_on", "-id").first()
    initial = {"starts_on": timezone.localdate(), "previous": latest, "measures": list(project.measures.all())}
    form = PdsaForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid() and (cycle := _save(request, form, project)):
        messages.success(request, _("PDSA cycle saved. It is marked on the charts of its project."))
        return redirect("improvement:pdsa", pk=cycle.pk)
    return render(request, "improvement/pdsa_form.html", {"form": form, "project": project})


@login_required
@require_GET
def pdsa_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = policy.get_object_or_404_for(request.user, "improvement.view", CYCLES, pk=pk)
    return render(
        request,
        "improvement/pdsa.html",
        {
            "cycle": cycle,
            "project": cycle.project,
            "measures": cycle.measures.all(),
            "next_cycles": cycle.next_cycles.all(),
            "can_edit": policy.can(request.user, "improvement.edit", cycle),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pdsa_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = policy.get_object_or_404_for(request.user, "improvement.edit", CYCLES, pk=pk)
    form = PdsaForm(
        request.POST or None, project=cycle.project, instance=cycle, initial={"measures": list(cycle.measures.all())}
    )
    if request.method == "POST" and form.is_valid() and _save(request, form, cycle.project):
        return redirect("improvement:pdsa", pk=cycle.pk)
    return render(request, "improvement/pdsa_form.html", {"form": form, "project": cycle.project, "cycle": cycle})
