"""A county office's list of LEAs eligible for differentiated assistance, with reasons in words."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas, org
from trellis.outcomes.models import DaDetermination

pytestmark = pytest.mark.django_db


def test_it_lists_eligible_leas_with_their_reasons(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.coe_leader)
    response = client.get(reverse("outcomes:da_list", kwargs={"pk": org("C01").pk}), {"year": 2019})
    assert response.status_code == 200
    html = response.content.decode()
    names = {d.name for d in response.context["eligible"]}
    assert names == {"Alameda Unified", "Alameda County Office of Education"}
    stored = DaDetermination.objects.get(year=2019, cds="01611920000000")
    assert stored.reasons == [
        "Foster Youth: Red in Chronic Absenteeism (Priority 5) and in Suspension Rate (Priority 6)"
    ]
    assert stored.reasons[0] in html
    assert (
        "Students with Disabilities: Red in ELA and Mathematics (Priority 4), in Chronic Absenteeism (Priority 5)"
        in html
    )


def test_it_only_lists_leas_of_the_county(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.state_admin)
    alameda = client.get(reverse("outcomes:da_list", kwargs={"pk": org("C01").pk}), {"year": 2019})
    state = client.get(reverse("outcomes:da_list", kwargs={"pk": org("CA").pk}), {"year": 2019})
    assert "Fresno Unified" not in {d.name for d in alameda.context["eligible"]}
    assert "Fresno Unified" in {d.name for d in state.context["eligible"]}


def test_it_chooses_the_year(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.coe_leader)
    response = client.get(reverse("outcomes:da_list", kwargs={"pk": org("C01").pk}), {"year": 2018})
    assert response.context["year"] == 2018
    assert {d.name for d in response.context["eligible"]} == {"Alameda Unified", "Alameda County Office of Education"}
    assert "Homeless Youth: Red in ELA and Orange in Mathematics (Priority 4)" in response.content.decode()


def test_a_district_has_no_list(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.coe_leader)
    assert client.get(reverse("outcomes:da_list", kwargs={"pk": org("Alameda Unified").pk})).status_code == 404


def test_a_district_leader_cannot_open_the_county_list(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.district_leader)
    assert client.get(reverse("outcomes:da_list", kwargs={"pk": org("C01").pk})).status_code == 404
