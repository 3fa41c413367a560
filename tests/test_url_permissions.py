"""Every URL, every kind of visitor: the permission matrix (after pretix's test_permissions).

A new URL pattern without an entry in MATRIX fails `test_it_has_an_entry_for_every_url`. For each
entry, an anonymous visitor and a user of an unrelated organization must be refused, and the
personas listed as allowed must get through. Refusal of an object outside one's scope is 404,
exactly like an object that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PASSWORD, Personas, org


@dataclass(frozen=True)
class Public:
    """Open to everyone (sign-in and password pages, the API's own documentation)."""

    kwargs: Callable[[], dict[str, object]] = dict
    method: str = "get"


@dataclass(frozen=True)
class SignedIn:
    """Any signed-in user; anonymous visitors are sent to sign in (pages) or get 401 (API)."""

    kwargs: Callable[[], dict[str, object]] = dict


@dataclass(frozen=True)
class Scoped:
    """Only some personas; everyone else — including the unrelated outsider — gets `refused`."""

    kwargs: Callable[[], dict[str, object]]
    allowed: tuple[str, ...]
    refused: tuple[str, ...] = ("outsider", "nobody")
    refused_status: int = 404
    extra_refused: tuple[tuple[str, int], ...] = field(default=())


def alameda_high() -> dict[str, object]:
    return {"pk": org("Alameda High").pk}


def alameda_high_api() -> dict[str, object]:
    return {"org_id": org("Alameda High").pk}


def alameda_unified() -> dict[str, object]:
    return {"pk": org("Alameda Unified").pk}


def alameda_coe() -> dict[str, object]:
    return {"pk": org("C01").pk}


def alameda_unified_api() -> dict[str, object]:
    return {"org_id": org("Alameda Unified").pk}


def alameda_unified_result() -> dict[str, object]:
    """A stored Dashboard row of Alameda Unified (made here: the matrix needs no file import)."""
    from trellis.outcomes.models import IndicatorResult

    row, _ = IndicatorResult.objects.get_or_create(
        year=2019,
        indicator="ela",
        cds="01611920000000",
        studentgroup="ALL",
        type="",
        defaults={"rtype": "D", "organization": org("Alameda Unified"), "currstatus": -20.0, "change": -5.0},
    )
    return {"pk": row.pk}


ALAMEDA_SEERS = ("school_member", "district_leader", "district_viewer", "coe_leader", "region_lead", "state_admin")
DISTRICT_SEERS = ("district_leader", "district_viewer", "coe_leader", "region_lead", "state_admin")

MATRIX: dict[str, Public | SignedIn | Scoped] = {
    "home": SignedIn(),
    # allauth: sign-in, password reset and the (closed) sign-up are public by nature.
    "account_login": Public(),
    "account_signup": Public(),
    "account_reset_password": Public(),
    "account_reset_password_done": Public(),
    "account_reset_password_from_key_done": Public(),
    "account_reset_password_from_key": Public(kwargs=lambda: {"uidb36": "x", "key": "y"}),
    "account_inactive": Public(),
    "account_confirm_email": Public(kwargs=lambda: {"key": "nonexistent"}),
    "account_email_verification_sent": Public(),
    "account_confirm_login_code": Public(),
    "socialaccount_login_cancelled": Public(),
    "socialaccount_login_error": Public(),
    "socialaccount_signup": Public(),
    "openid_connect_login": Public(kwargs=lambda: {"provider_id": "google-workspace"}),
    "openid_connect_callback": Public(kwargs=lambda: {"provider_id": "google-workspace"}),
    "account_logout": SignedIn(),
    "account_reauthenticate": SignedIn(),
    "account_email": SignedIn(),
    "account_change_password": SignedIn(),
    "account_set_password": SignedIn(),
    "socialaccount_connections": SignedIn(),
    "set_language": Public(method="post"),
    "accounts:profile": SignedIn(),
    "orgs:directory": SignedIn(),
    "orgs:import": Scoped(dict, allowed=("state_admin",), refused=("outsider", "nobody", "coe_leader")),
    "orgs:detail": Scoped(alameda_high, allowed=ALAMEDA_SEERS),
    "orgs:people": Scoped(
        alameda_high,
        allowed=("school_member", "district_leader", "coe_leader", "state_admin"),
        extra_refused=(("district_viewer", 403),),
    ),
    "outcomes:import": Scoped(dict, allowed=("state_admin",), refused=("outsider", "nobody", "coe_leader")),
    "outcomes:statewide": Scoped(
        dict, allowed=("state_admin",), refused=("outsider", "nobody", "coe_leader", "region_lead")
    ),
    "outcomes:organization": Scoped(alameda_unified, allowed=DISTRICT_SEERS),
    "outcomes:section": Scoped(alameda_unified, allowed=DISTRICT_SEERS),
    "outcomes:da_list": Scoped(
        alameda_coe,
        allowed=("coe_leader", "region_lead", "state_admin"),
        refused=("outsider", "nobody", "district_leader"),
    ),
    "outcomes:explain": Scoped(
        alameda_unified_result, allowed=DISTRICT_SEERS, refused=("outsider", "nobody", "school_member")
    ),
    "api:openapi-json": Public(),
    "api:openapi-view": Public(),
    "api:api-root": Public(),
    "api:list_organizations": SignedIn(),
    "api:get_organization": Scoped(alameda_high_api, allowed=ALAMEDA_SEERS),
    "api:list_children": Scoped(alameda_high_api, allowed=ALAMEDA_SEERS),
    "api:list_ancestors": Scoped(alameda_high_api, allowed=ALAMEDA_SEERS),
    "api:list_results": Scoped(alameda_unified_api, allowed=DISTRICT_SEERS),
    "api:list_determinations": SignedIn(),
}


def all_url_names() -> Iterator[str]:
    def walk(patterns: list[URLPattern | URLResolver], namespace: str | None) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                # Unnamed patterns (allauth's legacy /social/ aliases) redirect to named ones.
                continue

    yield from walk(get_resolver().url_patterns, None)


def test_it_has_an_entry_for_every_url() -> None:
    names = set(all_url_names())
    assert names - set(MATRIX) == set(), "add these URLs to MATRIX with who may open them"
    assert set(MATRIX) - names == set(), "these MATRIX entries no longer exist"


def _get(client: Client, name: str, entry: Public | SignedIn | Scoped) -> int:
    url = reverse(name, kwargs=entry.kwargs() or None)
    if isinstance(entry, Public) and entry.method == "post":
        return client.post(url, {"language": "es"}).status_code
    return client.get(url).status_code


def _login(client: Client, personas: Personas, who: str) -> None:
    client.force_login(getattr(personas, who))


@pytest.mark.parametrize("name", sorted(n for n, e in MATRIX.items() if not isinstance(e, Public)))
def test_it_refuses_anonymous_visitors(client: Client, personas: Personas, name: str) -> None:
    status = _get(client, name, MATRIX[name])
    expected = {401} if name.startswith("api:") else {302}
    assert status in expected, f"{name} answered {status} to an anonymous visitor"


@pytest.mark.parametrize("name", sorted(n for n, e in MATRIX.items() if isinstance(e, Scoped)))
def test_it_refuses_users_outside_the_scope(client: Client, personas: Personas, name: str) -> None:
    entry = MATRIX[name]
    assert isinstance(entry, Scoped)
    for who in entry.refused:
        _login(client, personas, who)
        assert _get(client, name, entry) == entry.refused_status, f"{name} let {who} in"
    for who, status in entry.extra_refused:
        _login(client, personas, who)
        assert _get(client, name, entry) == status, f"{name} answered {who} wrongly"


@pytest.mark.parametrize("name", sorted(n for n, e in MATRIX.items() if isinstance(e, Scoped)))
def test_it_lets_the_allowed_personas_in(client: Client, personas: Personas, name: str) -> None:
    entry = MATRIX[name]
    assert isinstance(entry, Scoped)
    for who in entry.allowed:
        _login(client, personas, who)
        assert _get(client, name, entry) == 200, f"{name} refused {who}"


@pytest.mark.parametrize("name", sorted(n for n, e in MATRIX.items() if isinstance(e, SignedIn)))
def test_it_serves_signed_in_users(client: Client, personas: Personas, name: str) -> None:
    _login(client, personas, "outsider")
    assert _get(client, name, MATRIX[name]) in (200, 302)


def test_missing_and_forbidden_look_the_same(client: Client, personas: Personas) -> None:
    client.force_login(personas.outsider)
    forbidden = client.get(reverse("orgs:detail", kwargs={"pk": org("Alameda High").pk}))
    missing = client.get(reverse("orgs:detail", kwargs={"pk": 999_999}))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_the_login_page_is_reachable(client: Client, db: None) -> None:
    assert client.get(reverse("account_login")).status_code == 200
    assert PASSWORD  # personas sign in with it in the browser tests
