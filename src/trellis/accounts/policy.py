"""The one authorization policy: may user U do action A on object O?

Every page and API endpoint asks this module, and nothing else decides access. Each domain describes
its objects to the policy with a `ResourceRule` (in its `rules.py`): which organization owns an
object, who it is shared with, and which roles may do each action through each *relation*:

- ``own``: a role in the owning organization itself;
- ``oversight``: a role in an ancestor (the state, the region, the county office, the LEA) — the
  hierarchy: a county office leader sees its LEAs and their schools;
- ``provider``: a role in an organization with an active, explicit support relationship to the owner
  or one of its ancestors (a geographic lead, a state agency, a network);
- ``shared``: a role in an organization the owner has shared the object with;
- ``team``: a role held on the object itself, whatever the user's organization (an improvement
  project's team: its sponsor, lead, members and coaches).

A user who may not *view* an object gets 404, exactly as if it did not exist, so that nobody can
probe for objects outside their scope; a user who may view it but not do the action gets 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from trellis.accounts.models import Membership, Role
from trellis.orgs.models import Kind, Organization, SupportRelationship

M = TypeVar("M", bound=Model)

ALL_ROLES = frozenset(Role)
LEADERS = frozenset({Role.LEADER, Role.ADMINISTRATOR})
CONTRIBUTORS = frozenset({Role.MEMBER, Role.LEADER, Role.COACH, Role.ADMINISTRATOR})
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
NOBODY: frozenset[Role] = frozenset()


@dataclass(frozen=True)
class Grant:
    """Which roles may do an action, through each relation to the owning organization."""

    own: frozenset[Role] = NOBODY
    oversight: frozenset[Role] = NOBODY
    provider: frozenset[Role] = NOBODY
    shared: frozenset[Role] = NOBODY
    team: frozenset[str] = frozenset()
    """Roles held on the object itself (see `ResourceRule.team_roles`), not in an organization."""


@dataclass(frozen=True)
class ResourceRule:
    owner: Callable[[Any], Organization]
    """The organization whose data the object is."""
    owner_field: str
    """ORM path from the model to its owning organization ('' for Organization itself)."""
    view_action: str
    """The action that decides whether the object exists for the user (404 when refused)."""
    actions: Mapping[str, Grant]
    shared_with: Callable[[Any], Iterable[int]] = field(default=lambda obj: ())
    """Ids of organizations the object is shared with."""
    shared_q: Callable[[set[int]], Q] | None = None
    """A filter selecting objects shared with any of the given organization ids."""
    team_roles: Callable[[Any, Any], Iterable[str]] | None = None
    """(user, obj) -> the user's roles on the object itself, for `Grant.team`."""
    team_q: Callable[[Any, frozenset[str]], Q] | None = None
    """(user, roles) -> a filter selecting objects on which the user holds one of `roles`."""


_RULES: dict[type[Model], ResourceRule] = {}


def register(model: type[Model], rule: ResourceRule) -> None:
    if model in _RULES:
        raise RuntimeError(f"a policy rule for {model.__name__} is already registered")
    _RULES[model] = rule


def rule_for(model: type[Model]) -> ResourceRule:
    try:
        return _RULES[model]
    except KeyError:
        raise RuntimeError(f"no policy rule registered for {model.__name__}; add one in its app's rules.py") from None


# --- who the user is -------------------------------------------------------------------------------


@dataclass
class _Context:
    roles_by_org: dict[int, set[Role]]
    state_ids: set[int]
    provider_roles_by_recipient: dict[int, set[Role]] | None = None


def _context(user: Any) -> _Context:
    cached: _Context | None = getattr(user, "_trellis_policy_context", None)
    if cached is not None:
        return cached
    roles: dict[int, set[Role]] = {}
    state_ids: set[int] = set()
    for org_id, role, kind in Membership.objects.filter(user_id=user.pk).values_list(
        "organization_id", "role", "organization__kind"
    ):
        roles.setdefault(org_id, set()).add(Role(role))
        if kind == Kind.STATE:
            state_ids.add(org_id)
    context = _Context(roles, state_ids)
    user._trellis_policy_context = context
    return context


def forget(user: Any) -> None:
    """Drop the cached memberships (after they change within a request, and in tests)."""
    if hasattr(user, "_trellis_policy_context"):
        del user._trellis_policy_context


def _active_relationships(today: date | None = None) -> QuerySet[SupportRelationship]:
    today = today or timezone.localdate()
    return SupportRelationship.objects.filter(starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def _provider_roles(user: Any, context: _Context) -> dict[int, set[Role]]:
    if context.provider_roles_by_recipient is None:
        result: dict[int, set[Role]] = {}
        if context.roles_by_org:
            for provider_id, recipient_id in (
                _active_relationships()
                .filter(provider_id__in=context.roles_by_org)
                .values_list("provider_id", "recipient_id")
            ):
                result.setdefault(recipient_id, set()).update(context.roles_by_org[provider_id])
        context.provider_roles_by_recipient = result
    return context.provider_roles_by_recipient


def _ancestor_ids(org: Organization) -> set[int]:
    ids = {i for i in (org.region_id, org.coe_id, org.lea_id, org.parent_id) if i is not None}
    if org.kind != Kind.STATE:
        ids.add(_state_id())
    return ids


_STATE_ID: list[int] = []


def _state_id() -> int:
    if not _STATE_ID:
        state = Organization.objects.filter(kind=Kind.STATE).values_list("id", flat=True).first()
        if state is None:
            return -1
        _STATE_ID.append(state)
    return _STATE_ID[0]


def reset_caches() -> None:
    """Forget process-wide caches (tests that rebuild the state call this)."""
    _STATE_ID.clear()


# --- the decision ----------------------------------------------------------------------------------


def relations(user: Any, org: Organization, shared_with: Iterable[int] = ()) -> dict[str, set[Role]]:
    """The user's roles toward `org`, by relation."""
    if not getattr(user, "is_authenticated", False):
        return {}
    context = _context(user)
    own = set(context.roles_by_org.get(org.id, set()))
    oversight: set[Role] = set()
    for ancestor in _ancestor_ids(org):
        oversight |= context.roles_by_org.get(ancestor, set())
    provider: set[Role] = set()
    provider_roles = _provider_roles(user, context)
    for recipient in {org.id, *_ancestor_ids(org)}:
        provider |= provider_roles.get(recipient, set())
    shared: set[Role] = set()
    for org_id in shared_with:
        shared |= context.roles_by_org.get(org_id, set())
    return {"own": own, "oversight": oversight, "provider": provider, "shared": shared}


def _granted(grant: Grant, rel: Mapping[str, set[Role]], team: set[str] | None = None) -> bool:
    return bool(
        rel.get("own", set()) & grant.own
        or rel.get("oversight", set()) & grant.oversight
        or rel.get("provider", set()) & grant.provider
        or rel.get("shared", set()) & grant.shared
        or (team and team & grant.team)
    )


def can(user: Any, action: str, obj: Model) -> bool:
    """May `user` do `action` on `obj`?"""
    rule = rule_for(type(obj))
    grant = rule.actions.get(action)
    if grant is None:
        raise RuntimeError(f"{type(obj).__name__} has no action {action!r} in its policy rule")
    team: set[str] | None = None
    if grant.team and rule.team_roles is not None and getattr(user, "is_authenticated", False):
        team = set(rule.team_roles(user, obj))
    return _granted(grant, relations(user, rule.owner(obj), rule.shared_with(obj)), team)


def require(user: Any, action: str, obj: Model) -> None:
    """404 when the user may not see `obj` at all; 403 when they may see it but not do `action`."""
    rule = rule_for(type(obj))
    if not can(user, rule.view_action, obj):
        raise Http404("No such object")
    if action != rule.view_action and not can(user, action, obj):
        raise PermissionDenied


def get_object_or_404_for(user: Any, action: str, queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object and require `action` on it; missing and forbidden look the same (404)."""
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError):
        raise Http404("No such object") from None
    require(user, action, obj)
    return obj


def filter_allowed(user: Any, action: str, queryset: QuerySet[M]) -> QuerySet[M]:
    """The objects of `queryset` on which `user` may do `action` (one query, no per-row checks)."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    rule = rule_for(queryset.model)
    grant = rule.actions[action]
    context = _context(user)
    prefix = f"{rule.owner_field}__" if rule.owner_field else ""
    owner_id = f"{rule.owner_field}_id" if rule.owner_field else "id"

    def with_roles(roles: frozenset[Role]) -> set[int]:
        return {org for org, held in context.roles_by_org.items() if held & roles}

    def under(ids: set[int]) -> Q:
        if ids & context.state_ids:
            return ~Q(**{f"{prefix}kind": Kind.STATE})
        return (
            Q(**{f"{prefix}region_id__in": ids})
            | Q(**{f"{prefix}coe_id__in": ids})
            | Q(**{f"{prefix}lea_id__in": ids})
            | Q(**{f"{prefix}parent_id__in": ids})
        )

    q = Q(pk__in=[])
    own = with_roles(grant.own)
    if own:
        q |= Q(**{f"{owner_id}__in": own})
    oversight = with_roles(grant.oversight)
    if oversight:
        q |= under(oversight)
    if grant.provider:
        recipients = {r for r, held in _provider_roles(user, context).items() if held & grant.provider}
        if recipients:
            q |= Q(**{f"{owner_id}__in": recipients}) | under(recipients)
    shared = with_roles(grant.shared)
    if shared and rule.shared_q is not None:
        q |= rule.shared_q(shared)
    if grant.team and rule.team_q is not None:
        q |= rule.team_q(user, grant.team)
    return queryset.filter(q)


def visible_organizations(user: Any) -> QuerySet[Organization]:
    return filter_allowed(user, "org.view", Organization.objects.all())


def is_state_administrator(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    context = _context(user)
    return any(Role.ADMINISTRATOR in context.roles_by_org.get(s, set()) for s in context.state_ids)
