"""Starting a project from an organization's page."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas, org
from trellis.accounts.models import AuditEntry
from trellis.improvement.models import Project, TeamMember

pytestmark = pytest.mark.django_db


def test_it_starts_a_project_led_by_its_author(lead_client: Client, personas: Personas) -> None:
    school = org("Alameda High")
    response = lead_client.post(
        f"/improvement/new/{school.pk}/",
        {"title": "Attendance", "problem": "", "aim": "Reduce chronic absence", "started_on": "2026-01-05"},
    )
    project = Project.objects.get(title="Attendance")
    assert response.status_code == 302 and response["Location"] == f"/improvement/{project.pk}/"
    assert project.organization == school
    assert TeamMember.objects.get(project=project).role == "lead"
    assert AuditEntry.objects.filter(action="trellis.improvement.project.created", object_id=str(project.pk)).exists()


def test_the_org_page_lists_projects_and_offers_to_start_one(lead_client: Client, project: Project) -> None:
    page = lead_client.get(f"/orgs/{project.organization_id}/").content.decode()
    assert "Improvement projects" in page and project.title in page and "Start a project" in page


def test_a_district_leader_cannot_start_a_school_project(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    assert client.get(f"/improvement/new/{org('Alameda High').pk}/").status_code == 403
    assert "Start a project" not in client.get(f"/orgs/{org('Alameda High').pk}/").content.decode()


def test_it_refuses_a_form_without_a_title(lead_client: Client) -> None:
    response = lead_client.post(
        f"/improvement/new/{org('Alameda High').pk}/", {"title": "", "started_on": "2026-01-05"}
    )
    assert response.status_code == 200
    assert not Project.objects.exists()


def test_it_answers_405_to_other_methods(lead_client: Client) -> None:
    assert lead_client.delete(f"/improvement/new/{org('Alameda High').pk}/").status_code == 405
