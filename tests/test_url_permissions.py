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

from tests.factories import PASSWORD, Personas, alameda_engagement, alameda_network, org
from tests.improvement.factories import alameda_project, first_cycle, first_measure


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
    method: str = "get"
    """"post" for actions that only accept POST (sent with no data: the view must still check first)."""


def alameda_high() -> dict[str, object]:
    return {"pk": org("Alameda High").pk}


def alameda_high_api() -> dict[str, object]:
    return {"org_id": org("Alameda High").pk}


def framework_kwargs(**extra: str) -> Callable[[], dict[str, object]]:
    return lambda: {"slug": "capacity-framework", "version": "1.0.0", **extra}


def alameda_unified() -> dict[str, object]:
    return {"org_pk": org("Alameda Unified").pk}


def in_progress() -> dict[str, object]:
    from tests.assessments.factories import team_assessment

    return {"pk": team_assessment().pk}


def in_progress_item() -> dict[str, object]:
    from tests.assessments.factories import team_assessment

    return {"pk": team_assessment().pk, "item_id": "trust.psychological-safety"}


def submitted_assessment() -> dict[str, object]:
    from tests.assessments.factories import submitted

    return {"pk": submitted(school_year="2024-25").pk}


def exported() -> dict[str, object]:
    return {**in_progress(), "fmt": "csv"}


def evidence_file() -> dict[str, object]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.assessments.factories import district_leader, team_assessment
    from trellis.assessments.actions import consensus_save

    assessment = team_assessment()
    if not assessment.evidence_files.exists():
        upload = SimpleUploadedFile("notes.txt", b"walkthrough notes", content_type="text/plain")
        consensus_save(assessment=assessment, user=district_leader(), item_id="purpose.urgency", rank=3, files=[upload])
    return {"pk": assessment.pk, "file_pk": assessment.evidence_files.get().pk}


def reciprocal() -> dict[str, object]:
    from tests.assessments.factories import reciprocal_pair

    return {"pk": reciprocal_pair().pk}


# A self-assessment is private to its organization: the hierarchy above it (county office, region,
# state) is refused exactly like an outsider.
ABOVE_ALAMEDA_UNIFIED = ("outsider", "nobody", "coe_leader", "region_lead", "state_admin", "school_member")
TEAM_ONLY = Scoped(
    in_progress, allowed=("district_leader",), refused=ABOVE_ALAMEDA_UNIFIED, extra_refused=(("district_viewer", 403),)
)


def project() -> dict[str, object]:
    return {"pk": alameda_project().pk}


def project_api() -> dict[str, object]:
    return {"project_id": alameda_project().pk}


def measure() -> dict[str, object]:
    return {"pk": first_measure(alameda_project()).pk}


def measure_api() -> dict[str, object]:
    return {"measure_id": first_measure(alameda_project()).pk}


def cycle() -> dict[str, object]:
    return {"pk": first_cycle(alameda_project()).pk}


def alameda_org() -> dict[str, object]:
    return {"org_pk": org("Alameda High").pk}


# The Alameda High project: its team (the school member leads it) and the county office it is shared
# with see it; the district and the state do not (the hierarchy opens nothing, issue 6).
PROJECT_SEERS = ("school_member", "coe_leader")
PROJECT_HIDDEN = ("outsider", "nobody", "district_leader", "state_admin")


def project_view(kwargs: Callable[[], dict[str, object]]) -> Scoped:
    return Scoped(kwargs, allowed=PROJECT_SEERS, refused=PROJECT_HIDDEN)


def project_edit(kwargs: Callable[[], dict[str, object]], method: str = "get") -> Scoped:
    return Scoped(
        kwargs, allowed=("school_member",), refused=PROJECT_HIDDEN, extra_refused=(("coe_leader", 403),), method=method
    )


def engagement() -> dict[str, object]:
    return {"pk": alameda_engagement().pk}


def engagement_api() -> dict[str, object]:
    return {"engagement_id": alameda_engagement().pk}


def alameda_unified_page() -> dict[str, object]:
    return {"pk": org("Alameda Unified").pk}


def alameda_coe() -> dict[str, object]:
    return {"pk": org("C01").pk}


def alameda_coe_api() -> dict[str, object]:
    return {"org_id": org("C01").pk}


def network() -> dict[str, object]:
    return {"pk": alameda_network().pk}


def network_api() -> dict[str, object]:
    return {"network_id": alameda_network().pk}


def convening() -> dict[str, object]:
    return {"pk": alameda_network().convenings.get().pk}


# Who sees an engagement of the Alameda county office with Alameda Unified: both sides and those above.
ENGAGEMENT_SEERS = ("district_leader", "district_viewer", "coe_leader", "region_lead", "state_admin")
ENGAGEMENT_REFUSED = ("outsider", "nobody", "school_member", "charter_leader")
# Who sees the Bay Improvement Network (host: the county office; members: Alameda Unified, Alameda High).
NETWORK_SEERS = ("school_member", "district_leader", "district_viewer", "coe_leader", "region_lead", "state_admin")
NETWORK_CONTRIBUTORS = ("school_member", "district_leader", "coe_leader")
NETWORK_READ_ONLY = (("district_viewer", 403), ("state_admin", 403))


def alameda_unified_org() -> dict[str, object]:
    return {"org": org("Alameda Unified").pk}


def survey_window() -> dict[str, object]:
    from tests.surveys.conftest import open_window
    from trellis.surveys.models import SurveyWindow

    window = SurveyWindow.objects.filter(owner=org("Alameda Unified")).first() or open_window()
    return {"pk": window.pk}


def survey_results(**extra: object) -> Callable[[], dict[str, object]]:
    def kwargs() -> dict[str, object]:
        from tests.surveys.results_factories import scored_series
        from trellis.surveys.models import ResultSet

        if not ResultSet.objects.exists():
            scored_series()
        return {"pk": org("Alameda Unified").pk, **extra}

    return kwargs


SURVEY_RUNNERS = ("district_leader", "coe_leader", "region_lead", "state_admin")
SURVEY_REFUSED = ("outsider", "nobody", "district_viewer", "school_member", "charter_leader")


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
    "framework:index": SignedIn(),
    "framework:search": SignedIn(kwargs=framework_kwargs()),
    "framework:level": SignedIn(kwargs=framework_kwargs(level_id="district")),
    "framework:condition": SignedIn(kwargs=framework_kwargs(condition_id="trust")),
    "framework:element": SignedIn(kwargs=framework_kwargs(element_id="trust.psychological-safety")),
    "framework:capacity": SignedIn(kwargs=framework_kwargs(capacity_id="district.lcap.improvement-plans")),
    "assessments:start": Scoped(
        alameda_unified,
        allowed=("district_leader",),
        extra_refused=(("district_viewer", 403), ("coe_leader", 403), ("state_admin", 403)),
    ),
    "assessments:reciprocal_start": Scoped(
        alameda_unified, allowed=("district_leader",), extra_refused=(("district_viewer", 403), ("coe_leader", 403))
    ),
    "assessments:detail": Scoped(
        in_progress, allowed=("district_leader", "district_viewer"), refused=ABOVE_ALAMEDA_UNIFIED
    ),
    "assessments:team": Scoped(
        in_progress,
        allowed=("district_leader",),
        refused=ABOVE_ALAMEDA_UNIFIED,
        extra_refused=(("district_viewer", 403),),
    ),
    "assessments:rate": TEAM_ONLY,
    "assessments:rate_item": Scoped(
        in_progress_item,
        allowed=("district_leader",),
        refused=ABOVE_ALAMEDA_UNIFIED,
        extra_refused=(("district_viewer", 403),),
    ),
    "assessments:consensus": TEAM_ONLY,
    "assessments:consensus_item": Scoped(
        in_progress_item,
        allowed=("district_leader",),
        refused=ABOVE_ALAMEDA_UNIFIED,
        extra_refused=(("district_viewer", 403),),
    ),
    "assessments:evidence": Scoped(
        evidence_file, allowed=("district_leader", "district_viewer"), refused=ABOVE_ALAMEDA_UNIFIED
    ),
    "assessments:submit": Scoped(
        in_progress,
        allowed=("district_leader",),
        refused=ABOVE_ALAMEDA_UNIFIED,
        extra_refused=(("district_viewer", 403),),
    ),
    "assessments:results": Scoped(
        submitted_assessment, allowed=("district_leader", "district_viewer"), refused=ABOVE_ALAMEDA_UNIFIED
    ),
    "assessments:share": Scoped(
        submitted_assessment,
        allowed=("district_leader",),
        refused=ABOVE_ALAMEDA_UNIFIED,
        extra_refused=(("district_viewer", 403),),
    ),
    "assessments:export": Scoped(
        exported, allowed=("district_leader", "district_viewer"), refused=ABOVE_ALAMEDA_UNIFIED
    ),
    "assessments:reciprocal": Scoped(
        reciprocal,
        allowed=("district_leader", "district_viewer", "coe_leader"),
        refused=("outsider", "nobody", "region_lead", "state_admin", "school_member"),
    ),
    "improvement:new": Scoped(
        alameda_org, allowed=("school_member",), extra_refused=(("district_leader", 403), ("coe_leader", 403))
    ),
    "improvement:aim_check": SignedIn(),
    "improvement:mine": SignedIn(),
    "improvement:project": project_view(project),
    "improvement:project_edit": project_edit(project),
    "improvement:team": project_edit(project),
    "improvement:sharing": project_edit(project),
    "improvement:root_causes": project_view(project),
    "improvement:drivers": project_view(project),
    "improvement:measure_new": project_edit(project),
    "improvement:pdsa_new": project_edit(project),
    "improvement:measure": project_view(measure),
    "improvement:measure_edit": project_edit(measure),
    "improvement:measure_data": project_edit(measure, method="post"),
    "improvement:measure_note": project_edit(measure, method="post"),
    "improvement:pdsa": project_view(cycle),
    "improvement:pdsa_edit": project_edit(cycle),
    "api:list_projects": SignedIn(),
    "api:get_project": project_view(project_api),
    "api:list_measures": project_view(project_api),
    "api:list_cycles": project_view(project_api),
    "api:get_measure": project_view(measure_api),
    "reports:state": Scoped(
        dict, allowed=("state_admin",), refused=("outsider", "nobody", "coe_leader", "region_lead")
    ),
    "reports:region": Scoped(
        lambda: {"pk": org("R04").pk},
        allowed=("region_lead", "state_admin"),
        refused=("outsider", "nobody", "coe_leader", "district_leader"),
    ),
    "reports:profile": Scoped(alameda_high, allowed=ALAMEDA_SEERS),
    "reports:profile_pdf": Scoped(alameda_high, allowed=ALAMEDA_SEERS),
    "support:org_engagements": Scoped(alameda_unified_page, allowed=ENGAGEMENT_SEERS),
    "support:create": Scoped(
        alameda_coe,
        allowed=("coe_leader",),
        refused=("outsider", "nobody", "district_leader"),
        extra_refused=(("state_admin", 403), ("region_lead", 403)),
    ),
    "support:provider_feedback": Scoped(
        alameda_coe,
        allowed=("coe_leader", "region_lead", "state_admin"),
        refused=("outsider", "nobody", "district_leader"),
    ),
    "outcomes:import": Scoped(dict, allowed=("state_admin",), refused=("outsider", "nobody", "coe_leader")),
    "outcomes:statewide": Scoped(
        dict, allowed=("state_admin",), refused=("outsider", "nobody", "coe_leader", "region_lead")
    ),
    "outcomes:organization": Scoped(alameda_unified_page, allowed=DISTRICT_SEERS),
    "outcomes:section": Scoped(alameda_unified_page, allowed=DISTRICT_SEERS),
    "outcomes:da_list": Scoped(
        alameda_coe,
        allowed=("coe_leader", "region_lead", "state_admin"),
        refused=("outsider", "nobody", "district_leader"),
    ),
    "support:detail": Scoped(engagement, allowed=ENGAGEMENT_SEERS, refused=ENGAGEMENT_REFUSED),
    "support:activity_add": Scoped(
        engagement,
        allowed=("district_leader", "coe_leader"),
        refused=ENGAGEMENT_REFUSED,
        extra_refused=(("district_viewer", 403), ("state_admin", 403)),
    ),
    "support:close": Scoped(
        engagement,
        allowed=("coe_leader",),
        refused=ENGAGEMENT_REFUSED,
        extra_refused=(("district_leader", 403), ("state_admin", 403)),
    ),
    "support:feedback": Scoped(
        engagement,
        allowed=("district_leader",),
        refused=ENGAGEMENT_REFUSED,
        extra_refused=(("district_viewer", 403), ("coe_leader", 403), ("state_admin", 403)),
    ),
    "networks:index": SignedIn(),
    "networks:detail": Scoped(network, allowed=NETWORK_SEERS, refused=("outsider", "nobody", "charter_leader")),
    "networks:library": Scoped(network, allowed=NETWORK_SEERS),
    "networks:library_add": Scoped(network, allowed=NETWORK_CONTRIBUTORS, extra_refused=NETWORK_READ_ONLY),
    "networks:convening_create": Scoped(
        network, allowed=("coe_leader",), extra_refused=(("district_leader", 403), ("school_member", 403))
    ),
    "networks:convening": Scoped(convening, allowed=NETWORK_SEERS),
    "networks:consultancy_add": Scoped(convening, allowed=NETWORK_CONTRIBUTORS, extra_refused=NETWORK_READ_ONLY),
    "api:list_engagements": SignedIn(),
    "api:get_engagement": Scoped(engagement_api, allowed=ENGAGEMENT_SEERS, refused=ENGAGEMENT_REFUSED),
    "api:list_activities": Scoped(engagement_api, allowed=ENGAGEMENT_SEERS, refused=ENGAGEMENT_REFUSED),
    "api:provider_feedback": Scoped(
        alameda_coe_api,
        allowed=("coe_leader", "region_lead", "state_admin"),
        refused=("outsider", "nobody", "district_leader"),
    ),
    "api:list_networks": SignedIn(),
    "api:get_network": Scoped(network_api, allowed=NETWORK_SEERS),
    "api:search_library": Scoped(network_api, allowed=NETWORK_SEERS),
    "surveys:index": SignedIn(),
    "surveys:window_new": Scoped(alameda_unified_org, allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    "surveys:window": Scoped(survey_window, allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    "surveys:roster": Scoped(survey_window, allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    "surveys:send": Scoped(survey_window, allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    "surveys:codes": Scoped(survey_window, allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    "surveys:close": Scoped(survey_window, allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    # Survey results: the organization's leaders and the leaders above it; never its viewers or schools.
    "surveys:results": Scoped(survey_results(), allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    "surveys:results_export": Scoped(survey_results(fmt="csv"), allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    "api:list_scores": Scoped(alameda_unified_api, allowed=SURVEY_RUNNERS, refused=SURVEY_REFUSED),
    # Taking a survey: public, gated by the token in the address (tests/surveys/test_taking.py
    # checks that a bad token answers 404 like a missing one).
    "surveys:resume": Public(),
    "surveys:anonymous_start": Public(kwargs=lambda: {"code": "ABCD2345"}),
    "surveys:take": Public(kwargs=lambda: {"token": "x"}),
    "surveys:done": Public(kwargs=lambda: {"token": "x"}),
    "surveys:page": Public(kwargs=lambda: {"token": "x", "number": 1}),
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
    if isinstance(entry, Scoped) and entry.method == "post":
        return client.post(url).status_code
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
