"""The organization page's "Self-assessments" section shows only what the user may see."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.assessments.factories import reciprocal_pair, submitted, team_assessment
from tests.factories import Personas, org
from trellis.assessments import actions

pytestmark = pytest.mark.django_db


def _page(client: Client, name: str) -> str:
    return client.get(reverse("orgs:detail", args=[org(name).pk])).content.decode()


def test_the_organization_sees_its_assessments_and_leaders_may_start_one(client: Client, personas: Personas) -> None:
    team_assessment()
    client.force_login(personas.district_leader)
    page = _page(client, "Alameda Unified")
    assert "Enabling conditions, 2025-26" in page and "Start a self-assessment" in page
    client.force_login(personas.district_viewer)
    page = _page(client, "Alameda Unified")
    assert "Enabling conditions, 2025-26" in page and "Start a self-assessment" not in page


def test_the_county_office_sees_nothing_until_shared(client: Client, personas: Personas) -> None:
    assessment = submitted()
    client.force_login(personas.coe_leader)
    assert "Enabling conditions, 2024-25" not in _page(client, "Alameda Unified")
    assert "No self-assessment you can see yet" in _page(client, "Alameda Unified")
    actions.assessment_share(assessment=assessment, organizations=[org("C01")], user=personas.district_leader)
    assert "Alameda Unified: Enabling conditions, 2025-26" in _page(client, "C01")


def test_reciprocal_pairs_appear_on_both_sides(client: Client, personas: Personas) -> None:
    reciprocal_pair()
    client.force_login(personas.coe_leader)
    assert "Alameda County Office of Education → Alameda Unified" in _page(client, "C01")
    client.force_login(personas.district_leader)
    assert "Alameda County Office of Education → Alameda Unified" in _page(client, "Alameda Unified")


def test_the_section_costs_a_fixed_number_of_queries(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    team_assessment()
    _page(client, "Alameda Unified")  # warm the per-process caches (the state's id)
    with CaptureQueriesContext(connection) as one:
        _page(client, "Alameda Unified")
    for scope in ("capacities", "both"):
        team_assessment(scope=scope)
    reciprocal_pair()
    with CaptureQueriesContext(connection) as many:
        _page(client, "Alameda Unified")
    assert len(many) == len(one)
