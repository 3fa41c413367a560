"""The driver diagram editor: add, rename, remove, with htmx partial answers."""

from __future__ import annotations

import pytest
from django.test import Client

from trellis.improvement.models import DriverNode, Project

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_it_adds_nodes_level_by_level_and_answers_htmx_with_the_editor(lead_client: Client, project: Project) -> None:
    response = lead_client.post(
        f"/improvement/{project.pk}/drivers/", {"op": "add", "text": "Family contact"}, headers=HTMX
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="driver-editor">') and "<html" not in body
    primary = DriverNode.objects.get(text="Family contact")
    assert primary.kind == "primary"
    lead_client.post(f"/improvement/{project.pk}/drivers/", {"op": "add", "text": "Weekly calls", "parent": primary.pk})
    secondary = DriverNode.objects.get(text="Weekly calls")
    lead_client.post(
        f"/improvement/{project.pk}/drivers/", {"op": "add", "text": "Call script", "parent": secondary.pk}
    )
    assert DriverNode.objects.get(text="Call script").kind == "change"


def test_change_ideas_are_the_last_level(lead_client: Client, project: Project) -> None:
    idea = project.drivers.get(kind="change")
    response = lead_client.post(
        f"/improvement/{project.pk}/drivers/", {"op": "add", "text": "x", "parent": idea.pk}, headers=HTMX
    )
    assert "last level" in response.content.decode()


def test_it_renames_and_removes_with_children(lead_client: Client, project: Project) -> None:
    primary = project.drivers.get(kind="primary")
    lead_client.post(f"/improvement/{project.pk}/drivers/", {"op": "edit", "node": primary.pk, "text": "Renamed"})
    primary.refresh_from_db()
    assert primary.text == "Renamed"
    lead_client.post(f"/improvement/{project.pk}/drivers/", {"op": "remove", "node": primary.pk})
    assert not project.drivers.exists()
    assert project.cycles.get().change_idea is None  # the cycle keeps its record


def test_a_node_of_another_project_cannot_be_touched(lead_client: Client, project: Project) -> None:
    other = Project.objects.create(organization=project.organization, title="Other", started_on=project.started_on)
    node = DriverNode.objects.create(project=other, kind="primary", text="Theirs")
    lead_client.post(f"/improvement/{project.pk}/drivers/", {"op": "remove", "node": node.pk})
    assert DriverNode.objects.filter(pk=node.pk).exists()
