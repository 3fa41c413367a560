"""Notes on a measure's time axis."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.improvement.factories import first_measure
from trellis.improvement.models import Project

pytestmark = pytest.mark.django_db


def test_it_marks_a_note_on_the_chart_and_the_timeline(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    response = lead_client.post(
        f"/improvement/measures/{measure.pk}/notes/", {"on": "2025-11-24", "text": "Short week"}
    )
    assert response.status_code == 302
    assert ">Short week</text>" in lead_client.get(f"/improvement/measures/{measure.pk}/").content.decode()
    assert "Students on track: Short week" in lead_client.get(f"/improvement/{project.pk}/").content.decode()


def test_it_needs_a_date(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    response = lead_client.post(f"/improvement/measures/{measure.pk}/notes/", {"text": "x"})
    assert response.status_code == 200
    assert not measure.notes.exists()
