"""The measure page: chart, signals in words, table alternative; adding and editing measures."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas
from tests.improvement.factories import first_measure
from trellis.improvement.models import Measure, Project

pytestmark = pytest.mark.django_db


def test_it_shows_the_chart_signals_and_table(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    page = lead_client.get(f"/improvement/measures/{measure.pk}/").content.decode()
    assert 'role="img"' in page and "3-sigma limits" in page
    assert "a shift." in page
    assert "The chart as a table" in page and "Upper limit" in page
    assert "PDSA 1" in page and "Paste from a spreadsheet" in page


def test_a_shared_reader_sees_no_data_entry(client: Client, personas: Personas, project: Project) -> None:
    client.force_login(personas.coe_leader)
    page = client.get(f"/improvement/measures/{first_measure(project).pk}/").content.decode()
    assert "<svg" in page and "Paste from a spreadsheet" not in page


def test_it_adds_a_p_chart_measure(lead_client: Client, project: Project) -> None:
    response = lead_client.post(
        f"/improvement/{project.pk}/measures/new/",
        {
            "name": "Daily attendance",
            "kind": "process",
            "definition": "Present / enrolled",
            "frequency": "weekly",
            "unit": "%",
            "higher_is_better": "on",
            "target": "95",
            "chart": "p",
            "as_percent": "on",
        },
    )
    measure = Measure.objects.get(name="Daily attendance")
    assert response.status_code == 302 and response["Location"] == f"/improvement/measures/{measure.pk}/"
    page = lead_client.get(f"/improvement/measures/{measure.pk}/").content.decode()
    assert "Enter at least two data points" in page and "Denominator" in page


def test_it_edits_a_measure(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    lead_client.post(
        f"/improvement/measures/{measure.pk}/edit/",
        {
            "name": "On track",
            "kind": "outcome",
            "definition": "d",
            "frequency": "weekly",
            "unit": "%",
            "chart": "run",
            "baseline_points": "20",
        },
    )
    measure.refresh_from_db()
    assert (measure.name, measure.chart, measure.baseline_points, measure.higher_is_better) == (
        "On track",
        "run",
        20,
        False,
    )


def test_a_baseline_needs_two_points(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    response = lead_client.post(
        f"/improvement/measures/{measure.pk}/edit/",
        {
            "name": "x",
            "kind": "outcome",
            "definition": "d",
            "frequency": "weekly",
            "chart": "run",
            "baseline_points": "1",
        },
    )
    assert response.status_code == 200
    measure.refresh_from_db()
    assert measure.baseline_points is None
