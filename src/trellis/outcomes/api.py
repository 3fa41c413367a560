"""Dashboard outcomes in the JSON API: an organization's results by year; DA determinations."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from trellis.accounts import policy
from trellis.api.params import NOT_FOUND, ObjectId, Pagination
from trellis.orgs.models import Organization
from trellis.outcomes import selectors
from trellis.outcomes.models import DaDetermination, IndicatorResult

router = Router()


class ResultOut(Schema):
    id: int
    year: int
    indicator: str
    cds: str
    studentgroup: str
    type: str
    currdenom: float | None
    currstatus: float | None
    priorstatus: float | None
    change: float | None
    statuslevel: int | None = Field(description="As published by CDE (1 worst … 5 best; 0 none).")
    changelevel: int | None
    color: int | None = Field(description="As published: 1 Red, 2 Orange, 3 Yellow, 4 Green, 5 Blue, 0 none.")
    box: int | None
    statuslevel_calc: int | None = Field(description="Computed by Trellis from the same row.")
    changelevel_calc: int | None
    color_calc: int | None
    box_calc: int | None
    mismatch: str = Field(description="'' when computed equals published; the differing fields; or 'unchecked'.")


class ResultParams(Schema):
    year: int | None = Field(None, ge=2017, le=2100, description="Dashboard year; all years when omitted.")
    indicator: str = Field("", pattern="^(|ela|math|chronic|susp|grad|elpi|cci|science)$")


class DeterminationOut(Schema):
    id: int
    year: int
    cds: str
    organization_id: int | None
    name: str
    kind: str
    considered: bool
    eligible: bool | None
    met_this_year: bool
    reasons: list[str]
    local_priorities: list[int]


class DeterminationParams(Schema):
    year: int | None = Field(None, ge=2017, le=2100)
    eligible: bool | None = Field(None, description="Only eligible (true) or not eligible (false) LEAs.")
    within: int | None = Field(None, ge=1, le=2**63 - 1, description="Only LEAs under this organization.")


@router.get(
    "/orgs/{org_id}/results",
    response={200: list[ResultOut], **NOT_FOUND},
    summary="An organization's Dashboard results",
)
@paginate(Pagination)
def list_results(request: HttpRequest, org_id: ObjectId, params: Query[ResultParams]) -> QuerySet[IndicatorResult]:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org_id)
    qs = selectors.results_of(org, params.year)
    if params.indicator:
        qs = qs.filter(indicator=params.indicator)
    return qs.order_by("year", "indicator", "studentgroup", "type")


@router.get(
    "/assistance",
    response={200: list[DeterminationOut], **NOT_FOUND},
    summary="Differentiated-assistance determinations of the LEAs you may see",
)
@paginate(Pagination)
def list_determinations(request: HttpRequest, params: Query[DeterminationParams]) -> QuerySet[DaDetermination]:
    if params.within is not None:
        org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=params.within)
        qs = selectors.da_scope(request.user, org, params.year)
    else:
        qs = DaDetermination.objects.filter(organization__isnull=False)
    if params.year is not None:
        qs = qs.filter(year=params.year)
    if params.eligible is not None:
        qs = qs.filter(eligible=params.eligible)
    return policy.filter_allowed(request.user, "outcomes.view", qs).order_by("year", "name", "id")
