"""What networks are to the authorization policy: the host owns a network and shares it with its members."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from trellis.accounts.models import Role
from trellis.accounts.policy import ALL_ROLES, CONTRIBUTORS, LEADERS, Grant, ResourceRule, register
from trellis.networks.models import Convening, LibraryEntry, Network, NetworkMember

HOST_STAFF = LEADERS | {Role.COACH}


def _members(network_id: int) -> list[int]:
    return list(NetworkMember.objects.filter(network_id=network_id).values_list("organization_id", flat=True))


def _shared_q(prefix: str) -> Callable[[set[int]], Q]:
    def q(ids: set[int]) -> Q:
        networks = NetworkMember.objects.filter(organization_id__in=ids).values("network_id")
        return Q(**{f"{prefix}id__in": networks})

    return q


ACTIONS = {
    # Members see everything in the network: members, convenings, the library.
    "networks.view": Grant(own=ALL_ROLES, oversight=LEADERS, shared=ALL_ROLES),
    # Members add to the library and record consultancies.
    "networks.contribute": Grant(own=CONTRIBUTORS, shared=CONTRIBUTORS),
    # The host runs the network: members, teams, convenings.
    "networks.manage": Grant(own=HOST_STAFF),
}


def _rule(owner: Callable[[Any], Any], owner_field: str, network_id: Callable[[Any], int], prefix: str) -> ResourceRule:
    return ResourceRule(
        owner=owner,
        owner_field=owner_field,
        view_action="networks.view",
        shared_with=lambda obj: _members(network_id(obj)),
        shared_q=_shared_q(prefix),
        actions=ACTIONS,
    )


register(Network, _rule(lambda n: n.host, "host", lambda n: n.pk, ""))
register(Convening, _rule(lambda c: c.network.host, "network__host", lambda c: c.network_id, "network__"))
register(LibraryEntry, _rule(lambda e: e.network.host, "network__host", lambda e: e.network_id, "network__"))
