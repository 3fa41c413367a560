"""End to end: a school with 3 respondents stays hidden on every page, export and API, and its
district's published numbers minus its visible schools do not give it back."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas, org
from tests.surveys.results_factories import scored_series
from trellis.surveys.models import MeasureScore, OrgResult

pytestmark = pytest.mark.django_db


def test_it_hides_the_small_school_and_its_complement(client: Client, personas: Personas) -> None:
    result_set = scored_series()
    bay_farm, alameda_high, district = org("Bay Farm Elementary"), org("Alameda High"), org("Alameda Unified")
    cells = OrgResult.objects.filter(result_set=result_set)
    small = cells.filter(organization=bay_farm)
    assert small.count() == 2 and not small.filter(published=True).exists()
    assert not small.exclude(n=None).exists() and not MeasureScore.objects.filter(result__in=small).exists()
    # Complementary suppression: the district total and Alameda High are never both published.
    for wave in result_set.windows.all():
        shown = set(cells.filter(window=wave, published=True).values_list("organization_id", flat=True))
        assert not {district.pk, alameda_high.pk} <= shown

    client.force_login(personas.district_leader)
    page = client.get(f"/surveys/results/{bay_farm.pk}/").content.decode()
    assert "fewer than 5 responses" in page and "Percent favorable" not in page
    drill = client.get(f"/surveys/results/{district.pk}/").content.decode()
    assert "Bay Farm Elementary" in drill and "fewer than 5 responses" in drill
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/surveys/results/{district.pk}/export.{fmt}")
        assert response.status_code == 200
    csv_text = client.get(f"/surveys/results/{district.pk}/export.csv").content.decode()
    bay_rows = [line for line in csv_text.splitlines() if line.startswith("Bay Farm Elementary")]
    assert bay_rows and all("fewer than 5" in line and ",condition," not in line for line in bay_rows)
    api = client.get(f"/api/v1/surveys/orgs/{bay_farm.pk}/scores").json()
    assert all(c["published"] is False and c["scores"] == [] and c["n"] is None for c in api["items"])
    district_api = client.get(f"/api/v1/surveys/orgs/{district.pk}/scores").json()["items"]
    school_api = client.get(f"/api/v1/surveys/orgs/{alameda_high.pk}/scores").json()["items"]
    for d, s in zip(district_api, school_api, strict=True):
        assert not (d["published"] and s["published"])
