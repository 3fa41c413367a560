"""The explanation of a cell's color: its place in the 5×5 grid and the cut scores."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas, org
from trellis.outcomes.models import IndicatorResult

pytestmark = pytest.mark.django_db


def _cells(html: str) -> list[str]:
    body = html.split('<table class="usa-table trellis-grid">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<td[^>]*>(.*?)</td>", body, flags=re.S)


def test_it_places_a_red_cell_in_the_grid(client: Client, personas: Personas, imported: None) -> None:
    district = org("Alameda Unified")
    row = IndicatorResult.objects.filter(cds=district.cds_code, year=2019, indicator="chronic", color=1).first()
    assert row is not None
    client.force_login(personas.coe_leader)
    response = client.get(reverse("outcomes:explain", kwargs={"pk": row.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    cells = _cells(html)
    assert len(cells) == 25
    current = [i for i, c in enumerate(cells) if "this result" in c]
    assert len(current) == 1
    # Box numbering: 10 × (5 × row + column + 1), rows Very Low = 0 … Very High = 4, columns IS = 0 … DS = 4;
    # the page lists rows from Very High down.
    index = row.box // 10 - 1
    status_row, column = divmod(index, 5)
    assert current[0] == (4 - status_row) * 5 + column
    assert "Red" in cells[current[0]]
    assert 'aria-current="true"' in html


def test_it_shows_the_cut_scores_and_marks_the_band(client: Client, personas: Personas, imported: None) -> None:
    row = IndicatorResult.objects.filter(
        cds=org("Alameda Unified").cds_code, year=2019, indicator="ela", studentgroup="ALL"
    ).get()
    client.force_login(personas.district_viewer)
    html = client.get(reverse("outcomes:explain", kwargs={"pk": row.pk})).content.decode()
    assert "Status cut scores" in html and "Change cut scores" in html
    assert "45.0" in html and "-70.1" in html  # the grades 3-8 ELA cuts (rules/ela.yaml)
    assert html.count("(this result)") == 3  # grid cell, status band, change band


def test_it_flags_unverified_tables(client: Client, personas: Personas, imported: None) -> None:
    row = IndicatorResult.objects.filter(cds=org("Alameda Unified").cds_code, year=2019, indicator="grad").first()
    assert row is not None
    client.force_login(personas.coe_leader)
    html = client.get(reverse("outcomes:explain", kwargs={"pk": row.pk})).content.decode()
    assert "Unverified" in html  # graduation tables are not verified (docs/methods/dashboard.md)


def test_a_status_only_year_has_no_grid(client: Client, personas: Personas) -> None:
    row = IndicatorResult.objects.create(
        year=2022,
        indicator="ela",
        cds="01611920000000",
        studentgroup="ALL",
        rtype="D",
        organization=org("Alameda Unified"),
        currstatus=-80.0,
        statuslevel=1,
    )
    client.force_login(personas.coe_leader)
    html = client.get(reverse("outcomes:explain", kwargs={"pk": row.pk})).content.decode()
    assert "reported by status only" in html
    assert "Very Low" in html


def test_it_is_hidden_outside_the_scope(client: Client, personas: Personas, imported: None) -> None:
    row = IndicatorResult.objects.filter(cds=org("Alameda Unified").cds_code).first()
    assert row is not None
    client.force_login(personas.outsider)
    assert client.get(reverse("outcomes:explain", kwargs={"pk": row.pk})).status_code == 404


def test_a_small_group_is_placed_by_its_box(client: Client, personas: Personas) -> None:
    # Increased Significantly, but a small group: the box (column I) decides the grid cell.
    row = IndicatorResult.objects.create(
        year=2019,
        indicator="chronic",
        cds="01611920000000",
        studentgroup="FOS",
        rtype="D",
        organization=org("Alameda Unified"),
        currstatus=30.0,
        change=4.0,
        currdenom=40,
        statuslevel=1,
        changelevel=1,
        color=1,
        box=10 * (5 * 4 + 1 + 1),  # Very High rate row, column I
    )
    client.force_login(personas.coe_leader)
    html = client.get(reverse("outcomes:explain", kwargs={"pk": row.pk})).content.decode()
    cells = _cells(html)
    assert [i for i, c in enumerate(cells) if "this result" in c] == [1]
    assert "small group" in html
