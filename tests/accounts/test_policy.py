"""The central policy, persona by persona."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.factories import Personas, org
from trellis.accounts import policy
from trellis.orgs.actions import support_relationship_create
from trellis.orgs.models import Kind, Organization, RelationshipKind

pytestmark = pytest.mark.django_db


def visible(user: object) -> set[str]:
    return set(policy.visible_organizations(user).values_list("code", flat=True))


def test_the_state_sees_everything(personas: Personas) -> None:
    assert visible(personas.state_admin) == set(Organization.objects.values_list("code", flat=True))


def test_a_county_office_leader_sees_its_leas_and_their_schools(personas: Personas) -> None:
    seen = visible(personas.coe_leader)
    assert {"C01", "01611920000000", "01611920130229", "01100170112607-lea", "01100170112607"} <= seen
    assert not any(code.startswith("10") for code in seen), "Fresno is another county"
    assert "CA" not in seen and "R04" not in seen


def test_a_school_member_sees_only_its_school(personas: Personas) -> None:
    assert visible(personas.school_member) == {"01611920130229"}


def test_a_district_leader_sees_its_schools_not_its_neighbours(personas: Personas) -> None:
    assert visible(personas.district_leader) == {"01611920000000", "01611920130229", "01611926000509"}


def test_a_region_sees_its_county_offices(personas: Personas) -> None:
    seen = visible(personas.region_lead)
    assert "C01" in seen and "C10" not in seen


def test_a_member_of_nothing_sees_nothing(personas: Personas) -> None:
    assert visible(personas.nobody) == set()


def test_can_agrees_with_filter_allowed(personas: Personas) -> None:
    for who in ("state_admin", "region_lead", "coe_leader", "district_leader", "school_member", "outsider"):
        user = getattr(personas, who)
        for organization in Organization.objects.all():
            assert policy.can(user, "org.view", organization) == (organization.code in visible(user)), (
                who,
                organization,
            )


def test_require_answers_404_outside_scope_and_403_inside(personas: Personas) -> None:
    school = org("Alameda High")
    with pytest.raises(Http404):
        policy.require(personas.outsider, "org.view_people", school)
    with pytest.raises(PermissionDenied):
        policy.require(personas.district_viewer, "org.view_people", school)
    policy.require(personas.district_leader, "org.view_people", school)


def test_an_active_support_relationship_opens_the_recipient(personas: Personas) -> None:
    fresno = org("Fresno Unified")
    alameda_coe = org("C01")
    assert not policy.can(personas.outsider, "org.view", alameda_coe)
    support_relationship_create(
        provider=fresno,
        recipient=alameda_coe,
        kind=RelationshipKind.PARTNER,
        starts_on=date.today() - timedelta(days=1),
    )
    policy.forget(personas.outsider)
    assert policy.can(personas.outsider, "org.view", org("Alameda High"))
    assert org("Alameda High").code in visible(personas.outsider)


def test_an_ended_support_relationship_opens_nothing(personas: Personas) -> None:
    support_relationship_create(
        provider=org("Fresno Unified"),
        recipient=org("C01"),
        kind=RelationshipKind.PARTNER,
        starts_on=date(2020, 7, 1),
        ends_on=date(2021, 6, 30),
    )
    assert not policy.can(personas.outsider, "org.view", org("C01"))


def test_only_state_administrators_import(personas: Personas) -> None:
    state = Organization.objects.get(kind=Kind.STATE)
    assert policy.can(personas.state_admin, "org.import", state)
    assert not policy.can(personas.coe_leader, "org.import", state)
    assert policy.is_state_administrator(personas.state_admin)
    assert not policy.is_state_administrator(personas.coe_leader)
