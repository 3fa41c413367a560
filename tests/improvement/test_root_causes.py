"""Fishbone, 5 whys and empathy interviews — without students' names."""

from __future__ import annotations

import pytest
from django.test import Client

from trellis.improvement.models import Project, RootCause

pytestmark = pytest.mark.django_db


def test_it_adds_a_fishbone_cause_under_its_category(lead_client: Client, project: Project) -> None:
    response = lead_client.post(
        f"/improvement/{project.pk}/root-causes/",
        {"kind": "fishbone", "category": "instruction", "text": "Grades are posted late"},
    )
    assert response.status_code == 302
    page = lead_client.get(f"/improvement/{project.pk}/root-causes/").content.decode()
    assert "Grades are posted late" in page


def test_it_refuses_a_student_name_until_confirmed(lead_client: Client, project: Project) -> None:
    data = {"kind": "empathy", "interviewee": "9th-grade student", "text": "Maria said she never sees her grades."}
    response = lead_client.post(f"/improvement/{project.pk}/root-causes/", data)
    assert response.status_code == 200
    assert "looks like it contains a name" in response.content.decode()
    assert not RootCause.objects.filter(kind="empathy").exists()
    lead_client.post(
        f"/improvement/{project.pk}/root-causes/", {**data, "text": "Student A said she never sees her grades."}
    )
    assert RootCause.objects.filter(kind="empathy").count() == 1


def test_a_fishbone_cause_needs_a_category(lead_client: Client, project: Project) -> None:
    response = lead_client.post(f"/improvement/{project.pk}/root-causes/", {"kind": "fishbone", "text": "x"})
    assert "Choose the fishbone category" in response.content.decode()


def test_it_removes_a_cause(lead_client: Client, project: Project) -> None:
    cause = project.root_causes.get()
    lead_client.post(f"/improvement/{project.pk}/root-causes/", {"remove": cause.pk})
    assert not project.root_causes.exists()


def test_a_shared_reader_cannot_add(client: Client, personas: object, project: Project) -> None:
    client.force_login(personas.coe_leader)  # type: ignore[attr-defined]
    assert client.get(f"/improvement/{project.pk}/root-causes/").status_code == 200
    assert client.post(f"/improvement/{project.pk}/root-causes/", {"kind": "why", "text": "x"}).status_code == 403


def test_it_draws_the_fishbone_with_the_problem_at_the_head(lead_client: Client, project: Project) -> None:
    lead_client.post(
        f"/improvement/{project.pk}/root-causes/",
        {"kind": "fishbone", "category": "policies", "text": "Late grading policy"},
    )
    page = lead_client.get(f"/improvement/{project.pk}/root-causes/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "Too many 9th graders" in svg and "Policies and procedures" in svg and "Late grading policy" in svg
