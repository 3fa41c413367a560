"""Networks in the JSON API: networks you belong to, their members and convenings, library search."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from trellis.accounts import policy
from trellis.api.params import NOT_FOUND, ObjectId, Pagination
from trellis.networks import selectors
from trellis.networks.models import LibraryEntry, Network

router = Router()


class NetworkOut(Schema):
    id: int
    name: str
    host_id: int
    purpose: str


class ConveningOut(Schema):
    id: int
    title: str
    kind: str
    held_on: datetime.date
    location: str


class NetworkDetailOut(NetworkOut):
    member_ids: list[int]
    convenings: list[ConveningOut]


class LibraryHitOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    contributed_by_id: int | None
    score: float | None


class LibraryQuery(Schema):
    q: str = Field("", max_length=300, description="Search by meaning; empty lists the newest entries.")


@router.get("", response=list[NetworkOut], summary="Networks you may see")
@paginate(Pagination)
def list_networks(request: HttpRequest) -> QuerySet[Network]:
    return selectors.networks_visible(request.user).order_by("id")


@router.get("/{network_id}", response={200: NetworkDetailOut, **NOT_FOUND}, summary="One network")
def get_network(request: HttpRequest, network_id: ObjectId) -> NetworkDetailOut:
    network = policy.get_object_or_404_for(request.user, "networks.view", Network.objects.all(), pk=network_id)
    return NetworkDetailOut(
        id=network.pk,
        name=network.name,
        host_id=network.host_id,
        purpose=network.purpose,
        member_ids=list(network.memberships.values_list("organization_id", flat=True)),
        convenings=[ConveningOut.from_orm(c) for c in network.convenings.all()],
    )


@router.get(
    "/{network_id}/library", response={200: list[LibraryHitOut], **NOT_FOUND}, summary="Search a network's library"
)
def search_library(request: HttpRequest, network_id: ObjectId, params: Query[LibraryQuery]) -> list[LibraryHitOut]:
    network = policy.get_object_or_404_for(request.user, "networks.view", Network.objects.all(), pk=network_id)
    found: list[tuple[LibraryEntry, float | None]]
    if params.q.strip():
        found = list(selectors.library_search(network, params.q))
    else:
        found = [(e, None) for e in network.library.all()[:50]]
    return [
        LibraryHitOut(
            id=e.pk, kind=e.kind, title=e.title, body=e.body, contributed_by_id=e.contributed_by_id, score=score
        )
        for e, score in found
    ]
