"""Statewide counts by year for state users."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas
from trellis.outcomes.models import DaDetermination, IndicatorResult

pytestmark = pytest.mark.django_db


def test_it_counts_determinations_by_year(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.state_admin)
    response = client.get(reverse("outcomes:statewide"), {"year": 2019})
    assert response.status_code == 200
    by_year = {r["year"]: r for r in response.context["by_year"]}
    assert set(by_year) == {2018, 2019}
    for year, row in by_year.items():
        assert row["eligible"] == DaDetermination.objects.filter(year=year, eligible=True).count()
        assert row["leas"] == DaDetermination.objects.filter(year=year).count()
        assert row["districts"] + row["coes"] + row["charters"] == row["eligible"]
    assert by_year[2018]["charters"] == 0  # charters were not considered in 2018


def test_it_counts_colors_for_all_students(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.state_admin)
    response = client.get(reverse("outcomes:statewide"), {"year": 2019})
    ela = next(
        d
        for d in response.context["distribution"]
        if d["indicator"] == "English Language Arts" and d["level"] == "Schools"
    )
    rows = IndicatorResult.objects.filter(year=2019, indicator="ela", studentgroup="ALL", rtype="S")
    reds = sum(1 for r in rows if r.color_shown == 1)
    assert ela["counts"][0] == reds
    assert ela["total"] == rows.count()
    html = response.content.decode()
    assert "Red</span>" in html and "Blue</span>" in html  # column headings name the colors


def test_it_is_for_state_users_only(client: Client, personas: Personas, imported: None) -> None:
    for who in (personas.coe_leader, personas.region_lead, personas.district_leader):
        client.force_login(who)
        assert client.get(reverse("outcomes:statewide")).status_code == 404
