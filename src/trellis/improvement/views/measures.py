"""A measure: its chart with signals in words, a table alternative, and data entry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.accounts import policy
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.improvement import actions, selectors
from trellis.improvement.core.series_input import PointInput, parse_date, parse_number, parse_pasted, parse_table
from trellis.improvement.forms import MeasureForm, NoteForm, PasteForm, UploadForm
from trellis.improvement.models import Measure, Project
from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.lib.tabular import read_table
from trellis.spc.core.charts import NEEDS_DENOMINATOR
from trellis.spc.core.rules import PROFILE_TITLES

MEASURES = Measure.objects.select_related("project__organization")
GRID_BLANK_ROWS = 5


def _measure(request: AuthenticatedHttpRequest, pk: int, action: str = "improvement.view") -> Measure:
    return policy.get_object_or_404_for(request.user, action, MEASURES, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = policy.get_object_or_404_for(request.user, "improvement.edit", Project.objects.all(), pk=pk)
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        measure = form.save(commit=False)
        measure.project = project
        measure.position = project.measures.count()
        actions.measure_save(measure=measure)
        return redirect("improvement:measure", pk=measure.pk)
    return render(request, "improvement/measure_form.html", {"form": form, "project": project})


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = _measure(request, pk, "improvement.edit")
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        actions.measure_save(measure=form.save(commit=False))
        return redirect("improvement:measure", pk=measure.pk)
    return render(
        request, "improvement/measure_form.html", {"form": form, "project": measure.project, "measure": measure}
    )


def _page(request: AuthenticatedHttpRequest, measure: Measure, **extra: Any) -> HttpResponse:
    view = selectors.measure_chart(measure, chart_id="measure-chart")
    points = list(measure.points.all())
    context = {
        "measure": measure,
        "project": measure.project,
        "view": view,
        "profile_title": PROFILE_TITLES.get(view.profile, "") if view else "",
        "points": points,
        "cycles": list(measure.project.cycles.all()),
        "blank_rows": range(GRID_BLANK_ROWS),
        "needs_denominator": measure.chart in NEEDS_DENOMINATOR,
        "can_edit": policy.can(request.user, "improvement.edit", measure),
        "paste_form": PasteForm(),
        "upload_form": UploadForm(),
        "note_form": NoteForm(),
        "problems": [],
        **extra,
    }
    return render(request, "improvement/measure.html", context)


@login_required
@require_GET
def measure_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, _measure(request, pk))


def _grid_points(request: AuthenticatedHttpRequest, needs_denominator: bool) -> list[PointInput]:
    """The grid's rows, validated like a file: line n is the grid's nth row."""
    dates, values = request.POST.getlist("on"), request.POST.getlist("value")
    denominators = request.POST.getlist("denominator") or [""] * len(dates)
    issues: list[ImportIssue] = []
    points: list[PointInput] = []
    seen: set[object] = set()
    for line, (on_text, value_text, n_text) in enumerate(zip(dates, values, denominators, strict=False), start=1):
        if not (on_text.strip() or value_text.strip()):
            continue
        on, value, n = parse_date(on_text), parse_number(value_text), parse_number(n_text)
        if on is None or on in seen:
            issues.append(ImportIssue("grid", line, "date", "a date is missing or repeated"))
        if value is None:
            issues.append(ImportIssue("grid", line, "value", f"'{value_text}' is not a number"))
        if needs_denominator and (n is None or n <= 0):
            issues.append(ImportIssue("grid", line, "denominator", "a positive denominator is needed"))
        if on is not None and value is not None:
            seen.add(on)
            points.append(PointInput(line, on, value, n, ""))
    if issues:
        raise ImportFailed(issues)
    return points


@login_required
@require_POST
def measure_data(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Enter data by grid, paste or file; nothing is saved unless every row is valid."""
    measure = _measure(request, pk, "improvement.edit")
    needs_n = measure.chart in NEEDS_DENOMINATOR
    source = request.POST.get("source", "paste")
    paste_form = PasteForm(request.POST if source == "paste" else None)
    upload_form = UploadForm(request.POST, request.FILES) if source == "upload" else UploadForm()
    try:
        if source == "grid":
            count = actions.measure_points_replace(
                measure=measure, points=_grid_points(request, needs_n), user=request.user
            )
        elif source == "upload":
            if not upload_form.is_valid():
                raise ImportFailed([ImportIssue("upload", None, None, "choose a file")])
            upload = upload_form.cleaned_data["file"]
            table = read_table(upload.name, name=upload.name, data=upload.read())
            points = parse_table(table, needs_denominator=needs_n)
            count = actions.measure_points_merge(measure=measure, points=points, user=request.user, source="file")
        else:
            if not paste_form.is_valid():
                raise ImportFailed([ImportIssue("pasted data", None, None, "nothing was pasted")])
            points = parse_pasted(paste_form.cleaned_data["cells"], needs_denominator=needs_n)
            count = actions.measure_points_merge(measure=measure, points=points, user=request.user, source="paste")
    except ImportFailed as failure:
        return _page(
            request, measure, problems=[str(i) for i in failure.issues[:50]], paste_form=paste_form, source=source
        )
    messages.success(request, _("%(n)s points saved.") % {"n": count})
    return redirect("improvement:measure", pk=measure.pk)


@login_required
@require_POST
def measure_note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = _measure(request, pk, "improvement.edit")
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _page(request, measure, note_form=form)
    actions.chart_note_add(measure=measure, **form.cleaned_data)
    return redirect("improvement:measure", pk=measure.pk)
