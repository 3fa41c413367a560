"""The System of Support view (state users) and the regional view (region users)."""

from __future__ import annotations

from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import Personas, org
from tests.reports.factories import alameda_da
from trellis.reports.system import county_values, da_by_year, system_view


@override_settings(TRELLIS_MIN_RESPONDENTS=5)
def test_it_counts_da_movements_coverage_and_county_shares(personas: Personas) -> None:
    alameda_da()
    assert da_by_year() == [
        {"year": 2025, "leas": 4, "eligible": 2, "entered": 2, "left": 2},
        {"year": 2024, "leas": 2, "eligible": 2, "entered": None, "left": None},
    ]
    view = system_view(2025)
    assert [o.name for o in view.covered] == ["Alameda Unified"]
    assert [o.name for o in view.uncovered] == ["Oakland Unified"]
    assert view.coverage_rate == 50.0
    # Alameda: 2 of 2 LEAs eligible; Fresno: 0 of 2.
    assert county_values("eligible", 2025) == {"Alameda": 100.0, "Fresno": 0.0}
    assert county_values("coverage", 2025) == {"Alameda": 50.0}
    assert view.map is not None and "<svg" in view.map.svg and "Alameda" in view.map.table
    # Fresno's county office: six respondents from two LEAs, past k = 5.
    fresno = next(r for r in view.quality if r["provider"].startswith("Fresno"))
    assert fresno["feedback"].respondents == 6 and not fresno["feedback"].suppressed


def test_it_shows_the_state_view_to_state_users_only(client: Client, personas: Personas) -> None:
    alameda_da()
    url = reverse("reports:state")
    client.force_login(personas.state_admin)
    page = client.get(url + "?indicator=coverage&year=2025")
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 eligible LEAs have a support engagement in 2025; 1 have none." in html
    assert "Oakland Unified" in html and "<svg" in html
    for persona in (personas.region_lead, personas.coe_leader, personas.district_leader):
        client.logout()
        client.force_login(persona)
        assert client.get(url).status_code == 404


def test_it_shows_the_regional_view_to_the_region(client: Client, personas: Personas) -> None:
    alameda_da()
    url = reverse("reports:region", kwargs={"pk": org("R04").pk})
    client.force_login(personas.region_lead)
    html = client.get(url).content.decode()
    assert "Oakland Unified" in html and "Alameda Unified" in html
    assert "Fresno Unified" not in html  # another region
    client.logout()
    client.force_login(personas.coe_leader)
    assert client.get(url).status_code == 404


def test_it_spreads_lea_results_over_the_colors_by_year(personas: Personas) -> None:
    from trellis.outcomes.models import IndicatorResult
    from trellis.reports.system import colors_by_year

    def row(year: int, cds: str, indicator: str, color: int | None, calc: int | None, rtype: str = "D") -> None:
        IndicatorResult.objects.create(
            year=year, indicator=indicator, cds=cds, rtype=rtype, studentgroup="ALL", color=color, color_calc=calc
        )

    alameda_da()  # determinations for 2024 and 2025: the years looked at
    row(2024, "01611920000000", "ELA", 1, 1)
    row(2024, "01612000000000", "ELA", 1, 1)
    row(2025, "01611920000000", "ELA", None, 4)  # no published color: the computed one counts
    row(2025, "01612000000000", "ELA", 1, 1)
    row(2025, "01611920130229", "ELA", 5, 5, rtype="S")  # a school: not counted
    assert colors_by_year() == [
        {"year": 2025, "counts": [1, 0, 0, 1, 0], "total": 2, "red_share": 50.0, "blue_green_share": 50.0},
        {"year": 2024, "counts": [2, 0, 0, 0, 0], "total": 2, "red_share": 100.0, "blue_green_share": 0.0},
    ]
