"""Survey results pages and exports: an organization's published scores, trends and drill-down."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from openpyxl import Workbook

from trellis.accounts import policy
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.orgs.models import Organization
from trellis.orgs.sections import Section, register_section
from trellis.surveys import results as selectors


def _org(request: AuthenticatedHttpRequest, pk: int) -> Organization:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=pk)
    if not selectors.may_view(request.user, org):
        raise Http404
    return org


def _wave(request: HttpRequest) -> int | None:
    value = request.GET.get("wave", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


@login_required
def results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An organization's survey results: conditions and measures with bands and trends, items,
    response rate, comparisons, and the organizations under it that the viewer may see."""
    org = _org(request, pk)
    found = selectors.results_for(request.user, org, _wave(request))
    return render(request, "surveys/results.html", {"org": org, "results": found})


@login_required
def export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    org = _org(request, pk)
    found = selectors.results_for(request.user, org, _wave(request))
    if found is None or fmt not in ("csv", "xlsx"):
        raise Http404
    rows = selectors.export_rows(found)
    name = f"survey-results-{org.cds_code or org.pk}"
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Survey results"
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@register_section
def results_section(request: HttpRequest, org: Organization) -> Section | None:
    if not selectors.may_view(request.user, org):
        return None
    found = selectors.results_for(request.user, org)
    if found is None:
        return None
    return Section("surveys/_results_section.html", {"results": found}, order=45)
