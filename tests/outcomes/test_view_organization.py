"""An organization's Dashboard results page and the section on its organization page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas, org
from trellis.outcomes.models import IndicatorResult

pytestmark = pytest.mark.django_db


def test_it_shows_groups_by_indicators_with_color_names(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.district_leader)
    district = org("Alameda Unified")
    response = client.get(reverse("outcomes:organization", kwargs={"pk": district.pk}), {"year": 2019})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<th scope="col">English Language Arts</th>' in html
    assert '<th scope="row">Students with Disabilities</th>' in html
    row = IndicatorResult.objects.get(year=2019, indicator="ela", cds=district.cds_code, studentgroup="ALL")
    # Every colored cell names its color in text and links to its explanation.
    name = {1: "Red", 2: "Orange", 3: "Yellow", 4: "Green", 5: "Blue"}[row.color_shown]
    link = reverse("outcomes:explain", kwargs={"pk": row.pk})
    assert re.search(rf'href="{link}">.*?{name}</span>', html)
    assert f"{row.currstatus:.1f}" in html
    assert "n = " in html


def test_it_lists_equity_gaps_computed_by_the_core(client: Client, personas: Personas, imported: None) -> None:
    from trellis.outcomes import selectors

    district = org("Alameda Unified")
    table = selectors.outcomes_table(district, 2019)
    rows = IndicatorResult.objects.filter(year=2019, cds=district.cds_code)
    expected = set()
    for r in rows.exclude(studentgroup="ALL"):
        all_students = rows.filter(indicator=r.indicator, studentgroup="ALL").first()
        if all_students is None:  # ELPI has English learners only
            continue
        if r.color_shown and all_students.color_shown and all_students.color_shown - r.color_shown >= 2:
            expected.add((r.indicator, r.studentgroup))
    from trellis.outcomes.core.codes import INDICATOR_NAMES, STUDENT_GROUPS

    found = {(g["indicator"], g["group"]) for g in table.gaps}
    assert found == {(INDICATOR_NAMES[i], STUDENT_GROUPS[g]) for i, g in expected}
    client.force_login(personas.district_leader)
    html = client.get(reverse("outcomes:organization", kwargs={"pk": district.pk}), {"year": 2019}).content.decode()
    assert "Equity gaps" in html and "Bright spots" in html


def test_it_defaults_to_the_latest_year(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.coe_leader)
    response = client.get(reverse("outcomes:organization", kwargs={"pk": org("Alameda Unified").pk}))
    assert response.context["year"] == 2019
    assert response.context["years"] == [2019, 2018]


def test_a_charter_lea_shows_its_schools_rows(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.charter_leader)
    response = client.get(reverse("outcomes:organization", kwargs={"pk": org("01100170112607-lea").pk}))
    assert response.status_code == 200
    assert response.context["table"].rows


def test_it_says_when_nothing_is_imported(client: Client, personas: Personas) -> None:
    client.force_login(personas.school_member)
    response = client.get(reverse("outcomes:organization", kwargs={"pk": org("Alameda High").pk}))
    assert b"No Dashboard results have been imported" in response.content


def test_the_organization_page_loads_the_section(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.coe_leader)
    district = org("Alameda Unified")
    page = client.get(reverse("orgs:detail", kwargs={"pk": district.pk})).content.decode()
    assert reverse("outcomes:section", kwargs={"pk": district.pk}) in page
    section = client.get(reverse("outcomes:section", kwargs={"pk": district.pk})).content.decode()
    assert "Eligible for differentiated assistance" in section
    assert "Foster Youth" in section  # its reason in words


def test_it_is_hidden_outside_the_scope(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.outsider)
    assert client.get(reverse("outcomes:organization", kwargs={"pk": org("Alameda Unified").pk})).status_code == 404
