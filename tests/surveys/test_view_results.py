"""The results page: bands in words, trends with their noise, comparisons, drill-down and comments."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas, org, user_with
from tests.surveys.results_factories import scored_series
from trellis.accounts.models import Role
from trellis.surveys.models import MeasureScore, OrgResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(personas: Personas) -> int:
    return scored_series().pk


def test_it_shows_bands_trends_items_and_the_response_rate(client: Client, personas: Personas, series: int) -> None:
    client.force_login(personas.coe_leader)
    county = org("C01")
    page = client.get(f"/surveys/results/{county.pk}/").content.decode()
    cell = OrgResult.objects.get(result_set_id=series, organization=county, window__opens_on__year=2025)
    assert cell.published and f"<td>{cell.n}</td>" in page
    score = MeasureScore.objects.filter(result=cell, kind="measure").first()
    assert score is not None and f'<strong>{score.score}</strong> <span class="text-base-dark">({score.band}' in page
    assert score.direction and any(w in page for w in ("Improved", "Declined", "No clear change"))
    assert "Percent favorable" in page and "Reliability (alpha)" in page
    # Drill-down lists the county's LEAs with links to their results.
    assert f"/surveys/results/{org('Alameda Unified').pk}/" in page


def test_it_shows_a_hidden_school_as_fewer_than_k(client: Client, personas: Personas, series: int) -> None:
    client.force_login(personas.district_leader)
    page = client.get(f"/surveys/results/{org('Alameda Unified').pk}/").content.decode()
    assert "Bay Farm Elementary" in page and "Not reported: fewer than 5 responses" in page
    assert "hidden to protect a smaller group" in page  # Alameda High, the complement


def test_it_shows_comments_only_to_the_units_own_leaders(client: Client, personas: Personas, series: int) -> None:
    claremont, small = org("Claremont Middle"), org("Alameda County Community")  # 12 and 7 respondents
    client.force_login(user_with("claremont.leader@example.org", claremont, Role.LEADER))
    assert "comment 11" in client.get(f"/surveys/results/{claremont.pk}/").content.decode()
    client.force_login(user_with("community.leader@example.org", small, Role.LEADER))
    page = client.get(f"/surveys/results/{small.pk}/").content.decode()
    assert "Percent favorable" in page and "comment 1" not in page  # published, but fewer than 10
    client.force_login(personas.coe_leader)  # oversight sees scores, never comments
    above = client.get(f"/surveys/results/{claremont.pk}/").content.decode()
    assert "Percent favorable" in above and "comment 1" not in above


def test_it_refuses_a_viewer_of_the_district(client: Client, personas: Personas, series: int) -> None:
    client.force_login(personas.district_viewer)
    assert client.get(f"/surveys/results/{org('Alameda Unified').pk}/").status_code == 404
