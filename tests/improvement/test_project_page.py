"""The project page: aim check, charts with signals, cycles, timeline, progress score; editing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from trellis.improvement.models import Project

pytestmark = pytest.mark.django_db


def test_it_shows_the_whole_project(lead_client: Client, project: Project) -> None:
    page = lead_client.get(f"/improvement/{project.pk}/").content.decode()
    assert "Measurable: the aim says what, how much, by when and for whom." in page
    assert "Students on track" in page and "<svg" in page
    assert "points in a row above the mean" in page  # the signal in words
    assert "Grade conferences in one advisory" in page  # the PDSA cycle and the timeline
    assert "Progress score" in page and "Advisory grade conferences" in page  # the driver list


def test_it_keeps_queries_bounded(lead_client: Client, project: Project) -> None:
    with CaptureQueriesContext(connection) as queries:
        lead_client.get(f"/improvement/{project.pk}/")
    assert len(queries) < 45


def test_it_edits_the_aim_and_the_team_override_of_the_score(lead_client: Client, project: Project) -> None:
    response = lead_client.post(
        f"/improvement/{project.pk}/edit/",
        {
            "title": project.title,
            "aim": "Improve things",
            "started_on": "2025-08-18",
            "status": "active",
            "progress_override": "2.5",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.aim == "Improve things" and str(project.progress_override) == "2.5"
    page = lead_client.get(f"/improvement/{project.pk}/").content.decode()
    assert "Add a date: by when" in page and "Set by the team" in page


def test_the_score_override_stays_on_the_scale(lead_client: Client, project: Project) -> None:
    response = lead_client.post(
        f"/improvement/{project.pk}/edit/",
        {"title": project.title, "aim": "", "started_on": "2025-08-18", "status": "active", "progress_override": "7"},
    )
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.progress_override is None


def test_the_aim_check_answers_as_one_types(lead_client: Client) -> None:
    page = lead_client.get("/improvement/aim-check/", {"aim": "Increase reading for 3rd graders"}).content.decode()
    assert "Add how much" in page and "Add a date" in page and "for whom" not in page


def test_it_answers_405_to_a_post_on_the_page(lead_client: Client, project: Project) -> None:
    assert lead_client.post(f"/improvement/{project.pk}/").status_code == 405
