"""The project page, its editing, team, sharing, root causes and driver diagram."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from trellis.accounts import policy
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.accounts.models import User
from trellis.improvement import actions, selectors
from trellis.improvement.core.aim import check_aim
from trellis.improvement.core.fishbone_svg import render_fishbone_svg
from trellis.improvement.forms import DriverForm, ProjectEditForm, ProjectForm, RootCauseForm, ShareForm, TeamForm
from trellis.improvement.models import CauseKind, DriverNode, FishboneCategory, Project, RootCause, TeamMember
from trellis.orgs.models import Organization
from trellis.spc.core.progress import SCALE

PROJECTS = Project.objects.select_related("organization")


def _project(request: AuthenticatedHttpRequest, pk: int, action: str = "improvement.view") -> Project:
    return policy.get_object_or_404_for(request.user, action, PROJECTS, pk=pk)


@login_required
@require_GET
def my_projects(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every project the user may see: on their team, their organizations' own, and shared with them."""
    projects = list(selectors.projects_for(request.user).order_by("organization__name", "title"))
    on_team = set(TeamMember.objects.filter(user=request.user).values_list("project_id", flat=True))
    return render(
        request,
        "improvement/mine.html",
        {
            "on_team": [p for p in projects if p.pk in on_team],
            "others": [p for p in projects if p.pk not in on_team],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org_pk)
    policy.require(request.user, "improvement.start", org)
    form = ProjectForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        project = actions.project_create(organization=org, user=request.user, **form.cleaned_data)
        messages.success(request, _("Project started. Add measures, a driver diagram and your first PDSA cycle."))
        return redirect("improvement:project", pk=project.pk)
    return render(request, "improvement/project_form.html", {"form": form, "org": org, "aim_check": None})


@login_required
@require_GET
def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    cards = selectors.measure_cards(project)
    score = selectors.project_progress_score(project, cards)
    return render(
        request,
        "improvement/project.html",
        {
            "project": project,
            "team": project.team.select_related("user"),
            "shares": project.shares.select_related("organization"),
            "aim_check": check_aim(project.aim),
            "tree": selectors.driver_tree(project),
            "cards": cards,
            "cycles": project.cycles.select_related("change_idea", "previous"),
            "timeline": selectors.timeline(project),
            "score": score,
            "scale": SCALE,
            "can_edit": policy.can(request.user, "improvement.edit", project),
            "can_manage": policy.can(request.user, "improvement.manage", project),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk, "improvement.edit")
    form = ProjectEditForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        actions.project_update(project=project, user=request.user, **form.cleaned_data)
        messages.success(request, _("Project saved."))
        return redirect("improvement:project", pk=project.pk)
    return render(
        request,
        "improvement/project_form.html",
        {"form": form, "project": project, "org": project.organization, "aim_check": check_aim(project.aim)},
    )


@login_required
@require_GET
def aim_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The aim check as the team types (htmx): pure, so open to any signed-in user."""
    return render(request, "improvement/_aim_check.html", {"aim_check": check_aim(request.GET.get("aim", "")[:2000])})


@login_required
@require_http_methods(["GET", "POST"])
def team(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk, "improvement.manage")
    form = TeamForm(request.POST or None, candidates=selectors.team_candidates(project))
    if request.method == "POST":
        if "remove" in request.POST:
            member = get_object_or_404(User, pk=request.POST.get("remove"), improvement_teams__project=project)
            try:
                actions.team_member_remove(project=project, member=member, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("improvement:team", pk=project.pk)
        if form.is_valid():
            actions.team_member_set(project=project, user=request.user, **form.cleaned_data)
            messages.success(request, _("Team updated."))
            return redirect("improvement:team", pk=project.pk)
    return render(
        request,
        "improvement/team.html",
        {"project": project, "form": form, "team": project.team.select_related("user")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sharing(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk, "improvement.manage")
    form = ShareForm(request.POST or None, targets=selectors.share_targets(project))
    if request.method == "POST":
        if "unshare" in request.POST:
            org = get_object_or_404(
                Organization, pk=request.POST.get("unshare"), pk__in=project.shares.values("organization_id")
            )
            actions.project_unshare(project=project, organization=org, user=request.user)
            messages.success(request, _("No longer shared with %(org)s.") % {"org": org.name})
            return redirect("improvement:sharing", pk=project.pk)
        if form.is_valid():
            actions.project_share(project=project, user=request.user, **form.cleaned_data)
            messages.success(request, _("Shared."))
            return redirect("improvement:sharing", pk=project.pk)
    return render(
        request,
        "improvement/sharing.html",
        {"project": project, "form": form, "shares": project.shares.select_related("organization", "shared_by")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def root_causes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    can_edit = policy.can(request.user, "improvement.edit", project)
    form = RootCauseForm(request.POST or None, initial={"kind": request.GET.get("kind", CauseKind.FISHBONE)})
    if request.method == "POST":
        policy.require(request.user, "improvement.edit", project)
        if "remove" in request.POST:
            cause = get_object_or_404(RootCause, pk=request.POST.get("remove"), project=project)
            actions.root_cause_remove(cause=cause)
            return redirect("improvement:root_causes", pk=project.pk)
        if form.is_valid():
            try:
                actions.root_cause_add(project=project, **form.cleaned_data)
            except ValidationError as error:
                form.add_error("text", error)
            else:
                return redirect("improvement:root_causes", pk=project.pk)
    causes = list(project.root_causes.all())
    fishbone = [
        (label, [c for c in causes if c.kind == CauseKind.FISHBONE and c.category == value])
        for value, label in FishboneCategory.choices
    ]
    drawing = render_fishbone_svg(
        project.problem or project.title, [(str(label), [c.text for c in items]) for label, items in fishbone]
    )
    return render(
        request,
        "improvement/root_causes.html",
        {
            "fishbone_svg": drawing,
            "project": project,
            "form": form,
            "can_edit": can_edit,
            "fishbone": fishbone,
            "whys": [c for c in causes if c.kind == CauseKind.WHY],
            "interviews": [c for c in causes if c.kind == CauseKind.EMPATHY],
            "categories": FishboneCategory.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def drivers(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The driver diagram: add, rename and remove nodes; htmx swaps the tree in place."""
    project = _project(request, pk)
    can_edit = policy.can(request.user, "improvement.edit", project)
    error = ""
    if request.method == "POST":
        policy.require(request.user, "improvement.edit", project)
        nodes = DriverNode.objects.filter(project=project)
        target = nodes.filter(pk=request.POST.get("node") or 0).first()
        try:
            if request.POST.get("op") == "remove" and target is not None:
                actions.driver_remove(node=target)
            else:
                form = DriverForm(request.POST)
                form.fields["parent"].queryset = nodes  # type: ignore[attr-defined]
                if not form.is_valid():
                    raise ValidationError(_("Write the driver or change idea first."))
                if request.POST.get("op") == "edit" and target is not None:
                    actions.driver_update(node=target, text=form.cleaned_data["text"])
                else:
                    actions.driver_add(
                        project=project, parent=form.cleaned_data["parent"], text=form.cleaned_data["text"]
                    )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        if not request.htmx and not error:
            return redirect("improvement:drivers", pk=project.pk)
    context = {"project": project, "tree": selectors.driver_tree(project), "can_edit": can_edit, "error": error}
    template = "improvement/_driver_editor.html" if request.htmx else "improvement/drivers.html"
    return render(request, template, context)
