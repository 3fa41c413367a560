"""Self-assessment pages: start, team, rate, consensus, submit, results, share, exports, reciprocal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from trellis.accounts import policy
from trellis.accounts.audit import log_action
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.assessments import actions, selectors
from trellis.assessments.core import exports
from trellis.assessments.core.results import level_names
from trellis.assessments.forms import ConsensusForm, ReciprocalStartForm, ShareForm, StartForm, TeamForm
from trellis.assessments.models import Assessment, ReciprocalAssessment, Side
from trellis.orgs.models import Organization

GET_POST = require_http_methods(["GET", "POST"])


def _assessment(request: AuthenticatedHttpRequest, pk: int, action: str) -> Assessment:
    queryset = Assessment.objects.select_related("organization", "reciprocal__provider", "reciprocal__recipient")
    return policy.get_object_or_404_for(request.user, action, queryset, pk=pk)


def _team_assessment(request: AuthenticatedHttpRequest, pk: int) -> Assessment:
    """Rating and consensus are for the assessment's team (403 for others who may see it)."""
    assessment = _assessment(request, pk, "assessment.rate")
    if not selectors.is_on_team(assessment, request.user):
        raise PermissionDenied
    return assessment


def _levels(assessment: Assessment) -> list[tuple[int, str]]:
    names = level_names(selectors.framework_of(assessment), get_language() or "en")
    return sorted(names.items())


@login_required
@GET_POST
def start(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org_pk)
    if not selectors.can_start(request.user, org):
        raise PermissionDenied
    form = StartForm(request.POST or None, initial={"school_year": actions.school_year_of(timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        assessment = actions.assessment_start(
            organization=org,
            user=request.user,
            scope=form.cleaned_data["scope"],
            school_year=form.cleaned_data["school_year"],
        )
        messages.success(request, _("Self-assessment started. Invite your team, then everyone rates on their own."))
        return redirect("assessments:team", pk=assessment.pk)
    return render(request, "assessments/start.html", {"org": org, "form": form})


@login_required
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk, "assessment.view")
    if not policy.relations(request.user, assessment.organization).get("own"):
        return redirect("assessments:results", pk=pk)  # shared with them: results only
    team = list(assessment.team.select_related("user").order_by("user__full_name"))
    items = selectors.items_of(assessment)
    rated: dict[int, int] = {}
    for user_id in assessment.ratings.filter(rank__isnull=False).values_list("user_id", flat=True):
        rated[user_id] = rated.get(user_id, 0) + 1
    context = {
        "assessment": assessment,
        "team": [(m, rated.get(m.user_id, 0)) for m in team],
        "item_count": len(items),
        "agreed": assessment.consensus.count(),
        "on_team": any(m.user_id == request.user.pk for m in team),
        "can_manage": policy.can(request.user, "assessment.manage", assessment),
    }
    return render(request, "assessments/detail.html", context)


@login_required
@GET_POST
def team(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk, "assessment.manage")
    members = selectors.organization_members(assessment.organization)
    form = TeamForm(
        request.POST or None,
        members=members,
        initial={"members": list(assessment.team.values_list("user_id", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for member in form.cleaned_data["members"]:
                    actions.team_member_add(assessment=assessment, member=member, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The team is updated."))
            return redirect("assessments:detail", pk=pk)
    return render(request, "assessments/team.html", {"assessment": assessment, "form": form})


def _rating_input(request: AuthenticatedHttpRequest, item_id: str) -> tuple[int | None, str]:
    raw = request.POST.get(f"rank-{item_id}", "")
    return (int(raw) if raw.isdigit() else None), request.POST.get(f"note-{item_id}", "")


@login_required
@GET_POST
def rate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The whole form; each item also saves on its own as people go (see `rate_item`)."""
    assessment = _team_assessment(request, pk)
    items = selectors.items_of(assessment)
    errors: dict[str, str] = {}
    if request.method == "POST" and not assessment.is_locked:
        for item in items:
            rank, note = _rating_input(request, item.id)
            if rank is None and not note and f"rank-{item.id}" not in request.POST:
                continue
            try:
                actions.rating_save(assessment=assessment, user=request.user, item_id=item.id, rank=rank, note=note)
            except ValidationError as error:
                errors[item.id] = " ".join(error.messages)
        if not errors:
            messages.success(request, _("Your ratings are saved."))
            return redirect("assessments:detail", pk=pk)
    mine = selectors.my_ratings(assessment, request.user)
    rows = [(item, mine.get(item.id), errors.get(item.id, "")) for item in items]
    framework = selectors.framework_of(assessment)
    return render(
        request,
        "assessments/rate.html",
        {"assessment": assessment, "rows": rows, "levels": _levels(assessment), "framework": framework},
    )


@login_required
@GET_POST
def rate_item(request: AuthenticatedHttpRequest, pk: int, item_id: str) -> HttpResponse:
    """One item's fieldset: htmx posts it on change and swaps the saved version back in."""
    assessment = _team_assessment(request, pk)
    item = next((i for i in selectors.items_of(assessment) if i.id == item_id), None)
    if item is None:
        raise Http404("No such item")
    error = ""
    saved = False
    if request.method == "POST":
        rank, note = _rating_input(request, item_id)
        try:
            actions.rating_save(assessment=assessment, user=request.user, item_id=item_id, rank=rank, note=note)
            saved = True
        except ValidationError as problem:
            error = " ".join(problem.messages)
    rating = selectors.my_ratings(assessment, request.user).get(item_id)
    context = {
        "assessment": assessment,
        "item": item,
        "rating": rating,
        "error": error,
        "saved": saved,
        "levels": _levels(assessment),
        "framework": selectors.framework_of(assessment),
    }
    status = 400 if error else 200
    return render(request, "assessments/_rate_item.html", context, status=status)


@login_required
@GET_POST
def consensus(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who rated what, the spread per item (divergent items flagged), and the consensus so far."""
    assessment = _team_assessment(request, pk)
    if request.method == "POST":
        try:
            created = actions.consensus_record_unanimous(assessment=assessment, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Recorded %(n)d unanimous rating(s) as consensus.") % {"n": created})
        return redirect("assessments:consensus", pk=pk)
    rows = selectors.spread_rows(assessment)
    names = dict(_levels(assessment))
    context = {
        "assessment": assessment,
        "rows": rows,
        "names": names,
        "divergent": sum(1 for r in rows if r.spread.divergent),
        "agreed": sum(1 for r in rows if r.consensus),
        "can_manage": policy.can(request.user, "assessment.manage", assessment),
    }
    return render(request, "assessments/consensus.html", context)


@login_required
@GET_POST
def consensus_item(request: AuthenticatedHttpRequest, pk: int, item_id: str) -> HttpResponse:
    assessment = _team_assessment(request, pk)
    row = next((r for r in selectors.spread_rows(assessment) if r.item.id == item_id), None)
    if row is None:
        raise Http404("No such item")
    initial = {}
    if row.consensus is not None:
        initial = {
            "rank": row.consensus.rank,
            "evidence": row.consensus.evidence,
            "links": row.consensus.links,
            "next_steps": row.consensus.next_steps,
        }
    form = ConsensusForm(request.POST or None, request.FILES or None, levels=_levels(assessment), initial=initial)
    if request.method == "POST" and not assessment.is_locked and form.is_valid():
        data = form.cleaned_data
        actions.consensus_save(
            assessment=assessment,
            user=request.user,
            item_id=item_id,
            rank=data["rank"],
            evidence=data["evidence"],
            links=data["links"],
            next_steps=data["next_steps"],
            files=[data["file"]] if data.get("file") else [],
        )
        messages.success(request, _("Consensus recorded for “%(item)s”.") % {"item": row.item.title})
        return redirect("assessments:consensus", pk=pk)
    framework = selectors.framework_of(assessment)
    entity = framework.get(item_id)
    look_fors = getattr(entity, "look_fors", {})
    rubric = [
        (rank, name, look_fors.get(level_id, ""))
        for (rank, name), level_id in zip(_levels(assessment), framework.rubric_level_ids(), strict=True)
    ]
    return render(
        request,
        "assessments/consensus_item.html",
        {"assessment": assessment, "row": row, "form": form, "names": dict(_levels(assessment)), "rubric": rubric},
    )


@login_required
@require_GET
def evidence(request: AuthenticatedHttpRequest, pk: int, file_pk: int) -> FileResponse:
    assessment = _assessment(request, pk, "assessment.view")
    stored = assessment.evidence_files.filter(pk=file_pk).first()
    if stored is None:
        raise Http404("No such file")
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type
    )
    return response


@login_required
@GET_POST
def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk, "assessment.manage")
    missing = len(selectors.items_of(assessment)) - assessment.consensus.count()
    if request.method == "POST":
        try:
            actions.assessment_submit(assessment=assessment, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Submitted. The assessment is now locked."))
            return redirect("assessments:results", pk=pk)
    return render(request, "assessments/submit.html", {"assessment": assessment, "missing": missing})


@login_required
@require_GET
def results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk, "assessment.view")
    computed = selectors.results(assessment, get_language() or "en")
    names = dict(_levels(assessment))
    context = {
        "assessment": assessment,
        "results": computed,
        "heat_width": max((len(row.cells) for row in computed.heatmap), default=0),
        "names": names,
        "own": policy.can(request.user, "assessment.rate", assessment),
        "can_manage": policy.can(request.user, "assessment.manage", assessment),
        "shares": assessment.shares.select_related("organization")
        if policy.can(request.user, "assessment.manage", assessment)
        else [],
    }
    return render(request, "assessments/results.html", context)


@login_required
@GET_POST
def share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk, "assessment.manage")
    candidates = Organization.objects.filter(pk__in=[o.pk for o in selectors.share_candidates(assessment.organization)])
    form = ShareForm(
        request.POST or None,
        candidates=candidates,
        initial={"organizations": list(assessment.shares.values_list("organization_id", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["organizations"])
        code = form.cleaned_data["code"].strip()
        other = Organization.objects.filter(cds_code=code).order_by("kind").first() if code else None
        if code and other is None:
            form.add_error("code", _("No organization has the CDS code %(code)s.") % {"code": code})
        else:
            try:
                actions.assessment_share(
                    assessment=assessment, organizations=[*chosen, *([other] if other else [])], user=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Sharing is updated."))
                return redirect("assessments:results", pk=pk)
    return render(request, "assessments/share.html", {"assessment": assessment, "form": form})


def _csv_bytes(document: exports.ExportDocument) -> bytes:
    return exports.to_csv(document).encode()


EXPORTS: dict[str, tuple[str, Callable[[exports.ExportDocument], bytes]]] = {
    "csv": ("text/csv; charset=utf-8", _csv_bytes),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.to_xlsx),
    "pdf": ("application/pdf", exports.to_pdf),
}


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("No such format")
    assessment = _assessment(request, pk, "assessment.export")
    content_type, write = EXPORTS[fmt]
    body = write(selectors.export_document(assessment))
    log_action("trellis.assessments.assessment.exported", user=request.user, target=assessment, data={"format": fmt})
    response = HttpResponse(body, content_type=content_type)
    filename = f"self-assessment-{assessment.organization.code}-{assessment.school_year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@GET_POST
def reciprocal_start(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org_pk)
    if not selectors.can_start(request.user, org):
        raise PermissionDenied
    pairs = selectors.reciprocal_partners(org)
    choices = [(str(i), f"{p.name} → {r.name}") for i, (p, r, _rel) in enumerate(pairs)]
    today = timezone.localdate()
    year = today.year if today.month >= 7 else today.year - 1
    form = ReciprocalStartForm(
        request.POST or None,
        pairs=choices,
        initial={"period_start": date(year, 7, 1), "period_end": date(year + 1, 6, 30)},
    )
    if request.method == "POST" and form.is_valid():
        provider, recipient, _rel = pairs[int(form.cleaned_data["pair"])]
        try:
            reciprocal = actions.reciprocal_start(
                provider=provider,
                recipient=recipient,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("Reciprocal assessment started. Each side's team rates itself and the other."))
            return redirect("assessments:reciprocal", pk=reciprocal.pk)
    return render(request, "assessments/reciprocal_start.html", {"org": org, "form": form})


@login_required
@require_GET
def reciprocal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Both sides' consensus ratings side by side — the other side's only once both submitted."""
    pair = policy.get_object_or_404_for(
        request.user, "reciprocal.view", ReciprocalAssessment.objects.select_related("provider", "recipient"), pk=pk
    )
    sides = selectors.visible_sides(request.user, pair)
    all_sides = {a.side: a for a in pair.sides.all()}
    ranks = {side: selectors.consensus_ranks(a) for side, a in sides.items() if a.is_locked or pair.revealed_at}
    any_side = next(iter(all_sides.values()))
    names = dict(_levels(any_side))
    rows = []
    for item in selectors.items_of(any_side):
        provider_rank = ranks.get(Side.PROVIDER, {}).get(item.id)
        recipient_rank = ranks.get(Side.RECIPIENT, {}).get(item.id)
        gap = abs(provider_rank - recipient_rank) if provider_rank and recipient_rank else None
        rows.append((item, provider_rank, recipient_rank, gap))
    context = {
        "pair": pair,
        "sides": sides,
        "all_sides": all_sides,
        "rows": rows,
        "names": names,
        "revealed": pair.revealed_at is not None,
    }
    return render(request, "assessments/reciprocal.html", context)
