"""The improvement API: projects and measures with chart points and signals, under the pages' policy."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from tests.api.test_orgs_api import _fuzz, token_for
from tests.factories import Personas
from tests.improvement.factories import alameda_project, first_measure
from trellis.wsgi_test import application

pytestmark = pytest.mark.django_db


def test_it_lists_the_projects_the_caller_may_see(client: Client, personas: Personas) -> None:
    project = alameda_project()
    for persona, expected in (("school_member", [project.pk]), ("coe_leader", [project.pk]), ("district_leader", [])):
        token = token_for(getattr(personas, persona))
        items = client.get("/api/v1/improvement/projects", headers={"Authorization": f"Bearer {token}"}).json()["items"]
        assert [p["id"] for p in items] == expected, persona


def test_it_gives_the_project_with_its_aim_check_and_progress(client: Client, personas: Personas) -> None:
    project = alameda_project()
    client.force_login(personas.school_member)
    body = client.get(f"/api/v1/improvement/projects/{project.pk}").json()
    assert body["aim_missing"] == []
    assert body["team"] == [{"name": personas.school_member.full_name, "role": "lead"}]
    assert 0.5 <= body["progress"]["score"] <= 5.0


def test_it_gives_a_measure_with_chart_points_and_signals(client: Client, personas: Personas) -> None:
    measure = first_measure(alameda_project())
    client.force_login(personas.coe_leader)
    body = client.get(f"/api/v1/improvement/measures/{measure.pk}").json()
    assert body["chart"] == "i" and body["rule_profile"] == "ihi-shewhart"
    assert len(body["points"]) == 30
    first = body["points"][0]
    assert first["date"] == "2025-08-18" and first["value"] == 61.0 and first["upper_limit"] > first["centre"]
    shifts = [s for s in body["signals"] if s["rule"] == "shift"]
    assert shifts and shifts[-1]["direction"] == 1 and shifts[-1]["last"] == "2026-03-09"
    assert "a shift" in shifts[-1]["sentence"]


def test_it_lists_measures_and_cycles(client: Client, personas: Personas) -> None:
    project = alameda_project()
    client.force_login(personas.school_member)
    assert [m["name"] for m in client.get(f"/api/v1/improvement/projects/{project.pk}/measures").json()] == [
        "Students on track"
    ]
    cycles = client.get(f"/api/v1/improvement/projects/{project.pk}/cycles").json()
    assert cycles[0]["change_idea"] == "Advisory grade conferences" and cycles[0]["stage"] == "Do"


def test_it_answers_404_outside_scope(client: Client, personas: Personas) -> None:
    project = alameda_project()
    client.force_login(personas.outsider)
    assert client.get(f"/api/v1/improvement/projects/{project.pk}").status_code == 404
    assert client.get(f"/api/v1/improvement/projects/{project.pk}/measures").status_code == 404


def test_it_honours_its_schema_with_data_present(personas: Personas) -> None:
    """Fuzz the improvement operations as the project's lead, so answers carry real charts."""
    alameda_project()
    token = token_for(personas.school_member)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        operations = [r.ok() for r in schema.get_all_operations()]
        mine = [op for op in operations if op.path.startswith("/api/v1/improvement")]
        assert len(mine) == 5
        for operation in mine:
            _fuzz(operation, token)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
