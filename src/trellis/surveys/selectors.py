"""Permission-scoped reads: windows a user may see, and live response rates rolled up the hierarchy.

Rates are counts only. Nothing here — or on any page — says *who* responded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, QuerySet

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.orgs.models import Kind, Organization
from trellis.surveys.models import Invitation, Mode, Participant, Response, SurveyWindow


def windows_for(user: Any) -> QuerySet[SurveyWindow]:
    return (
        policy.filter_allowed(user, "window.view", SurveyWindow.objects.all())
        .select_related("owner", "instrument")
        .distinct()
    )


def organizations_that_can_open(user: Any) -> list[Organization]:
    orgs = [
        m.organization
        for m in Membership.objects.filter(user_id=user.pk)
        .select_related("organization")
        .order_by("organization__name")
    ]
    return [o for o in orgs if policy.can(user, "window.manage", SurveyWindow(owner=o))]


@dataclass
class RateRow:
    organization_id: int
    name: str
    kind: str
    invited: int = 0
    responded: int = 0
    organizations: int = 0
    drillable: bool = False

    @property
    def rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{100 * self.rate:.0f}%"


@dataclass
class Rates:
    node: Organization
    total: RateRow
    children: list[RateRow] = field(default_factory=list)
    path: list[Organization] = field(default_factory=list)


def _chain(org: Mapping[str, Any]) -> list[int]:
    chain: list[int] = []
    for key in ("region_id", "coe_id", "lea_id", "id"):
        value = org[key]
        if value is not None and value not in chain:
            chain.append(value)
    return chain


def denominators(window: SurveyWindow) -> dict[int, int]:
    """People expected to answer, per organization: invitations (confidential, or the count kept at
    closing) or the headcount (anonymous)."""
    participants = Participant.objects.filter(window=window).values_list(
        "organization_id", "headcount", "final_invited"
    )
    if window.closed:
        return {org: final or 0 for org, _, final in participants}
    if window.mode == Mode.ANONYMOUS:
        return {org: headcount for org, headcount, _ in participants}
    invited = dict(
        Invitation.objects.filter(window=window)
        .values("organization_id")
        .annotate(n=Count("id"))
        .values_list("organization_id", "n")
    )
    return {org: invited.get(org, 0) for org, _, _ in participants}


def responded(window: SurveyWindow) -> dict[int, int]:
    return dict(
        Response.objects.filter(window=window)
        .values("organization_id")
        .annotate(n=Count("id"))
        .values_list("organization_id", "n")
    )


def rates(window: SurveyWindow, node: Organization | None = None) -> Rates | None:
    """The window's response rate under `node` (default: its owner) and for each of node's children
    that has participants under it. None when `node` is outside the window's population tree."""
    node = node or window.owner
    orgs = list(
        Organization.objects.filter(id__in=Participant.objects.filter(window=window).values("organization_id")).values(
            "id", "name", "kind", "region_id", "coe_id", "lea_id"
        )
    )
    invited, done = denominators(window), responded(window)
    total = RateRow(node.id, node.name, node.kind)
    groups: dict[int, RateRow] = {}
    inside = False
    for org in orgs:
        chain = _chain(org)
        if node.kind == Kind.STATE and node.id != org["id"]:
            child = chain[0]
        elif node.id in chain:
            position = chain.index(node.id)
            child = chain[position + 1] if position + 1 < len(chain) else node.id
        else:
            continue
        inside = True
        total.invited += invited.get(org["id"], 0)
        total.responded += done.get(org["id"], 0)
        total.organizations += 1
        row = groups.setdefault(child, RateRow(child, "", ""))
        row.invited += invited.get(org["id"], 0)
        row.responded += done.get(org["id"], 0)
        row.organizations += 1
        row.drillable = row.drillable or child != org["id"]
    if not inside:
        return None
    names = dict(Organization.objects.filter(id__in=groups).values_list("id", "name"))
    kinds = dict(Organization.objects.filter(id__in=groups).values_list("id", "kind"))
    for row in groups.values():
        row.name, row.kind = names.get(row.organization_id, ""), kinds.get(row.organization_id, "")
    children = sorted(groups.values(), key=lambda r: r.name)
    ancestors = node.ancestors()
    ids = [a.id for a in ancestors]
    path = ancestors[ids.index(window.owner_id) :] if window.owner_id in ids else []
    return Rates(node, total, children, path)


def in_population_tree(window: SurveyWindow, org: Organization) -> bool:
    return rates(window, org) is not None


def response_matrix(window: SurveyWindow) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(item ids, organization id per response, uint8 answers matrix) for the scoring core.

    Row order is arbitrary (responses have random UUID keys); 0 in the matrix means "not answered".
    """
    item_ids = list(window.instrument.item_ids)
    rows = list(Response.objects.filter(window=window).values_list("organization_id", "answers"))
    orgs = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    if not rows:
        return item_ids, orgs, np.zeros((0, len(item_ids)), dtype=np.uint8)
    matrix = np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype=np.uint8).reshape(len(rows), len(item_ids))
    return item_ids, orgs, matrix
