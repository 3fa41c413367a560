"""Organizations in the JSON API: list, search, detail, hierarchy."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from trellis.accounts import policy
from trellis.api.params import NOT_FOUND, ObjectId, Pagination
from trellis.orgs import selectors
from trellis.orgs.models import Organization

router = Router()


class OrganizationOut(Schema):
    id: int
    code: str
    cds_code: str
    name: str
    kind: str
    lea_type: str
    is_charter: bool
    status: str
    school_level: str
    county_name: str
    parent_id: int | None


class OrganizationDetailOut(OrganizationOut):
    grades_offered: str
    latitude: float | None
    longitude: float | None
    region_id: int | None
    coe_id: int | None
    lea_id: int | None


class SearchParams(Schema):
    q: str = Field("", max_length=100, description="Part of a name or the start of a CDS code.")
    kind: str = Field("", pattern="^(|state|region|coe|lea|school|agency)$")


@router.get("", response=list[OrganizationOut], summary="List or search organizations you may see")
@paginate(Pagination)
def list_organizations(request: HttpRequest, params: Query[SearchParams]) -> QuerySet[Organization]:
    if params.q or params.kind:
        return selectors.organization_search(request.user, params.q, kind=params.kind)
    return policy.visible_organizations(request.user).order_by("kind", "name")


@router.get("/{org_id}", response={200: OrganizationDetailOut, **NOT_FOUND}, summary="One organization")
def get_organization(request: HttpRequest, org_id: ObjectId) -> Organization:
    return policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org_id)


@router.get(
    "/{org_id}/children", response={200: list[OrganizationOut], **NOT_FOUND}, summary="Organizations directly under one"
)
@paginate(Pagination)
def list_children(request: HttpRequest, org_id: ObjectId) -> QuerySet[Organization]:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org_id)
    return selectors.children_of(request.user, org)


@router.get(
    "/{org_id}/ancestors",
    response={200: list[OrganizationOut], **NOT_FOUND},
    summary="The chain from the state down to the parent",
)
def list_ancestors(request: HttpRequest, org_id: ObjectId) -> list[Organization]:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org_id)
    return org.ancestors()
