"""PDSA cycles: plan with a prediction, do, study, act; ramps; no student names."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.improvement.factories import first_cycle, first_measure
from trellis.improvement.models import PdsaCycle, Project

pytestmark = pytest.mark.django_db

PLAN = {
    "title": "Conferences in three advisories",
    "question": "Does it scale?",
    "prediction": "Two of three advisories will finish in 20 minutes.",
    "starts_on": "2026-02-02",
}


def test_a_new_cycle_follows_the_latest_by_default(lead_client: Client, project: Project) -> None:
    page = lead_client.get(f"/improvement/{project.pk}/pdsa/new/").content.decode()
    first = first_cycle(project)
    assert f'<option value="{first.pk}" selected>' in page


def test_it_records_a_ramp_and_its_measures(lead_client: Client, project: Project) -> None:
    first, measure = first_cycle(project), first_measure(project)
    response = lead_client.post(
        f"/improvement/{project.pk}/pdsa/new/", {**PLAN, "previous": first.pk, "measures": [measure.pk]}
    )
    cycle = PdsaCycle.objects.get(title=PLAN["title"])
    assert response.status_code == 302 and response["Location"] == f"/improvement/pdsa/{cycle.pk}/"
    assert cycle.previous == first and list(cycle.measures.all()) == [measure]
    page = lead_client.get(f"/improvement/pdsa/{first.pk}/").content.decode()
    assert "Next cycles" in page and PLAN["title"] in page
    assert ">PDSA 2</text>" in lead_client.get(f"/improvement/measures/{measure.pk}/").content.decode()


def test_study_and_act_complete_the_cycle(lead_client: Client, project: Project) -> None:
    cycle = first_cycle(project)
    data = {
        "title": cycle.title,
        "question": cycle.question,
        "prediction": cycle.prediction,
        "starts_on": "2026-01-05",
        "ends_on": "2026-01-16",
        "observations": "Ran twice.",
        "results": "As predicted.",
        "decision": "adopt",
    }
    assert lead_client.post(f"/improvement/pdsa/{cycle.pk}/edit/", data).status_code == 302
    cycle.refresh_from_db()
    assert cycle.stage == "Done"
    assert "Adopt: Grade conferences" in lead_client.get(f"/improvement/{project.pk}/").content.decode()


def test_it_refuses_an_end_before_the_start(lead_client: Client, project: Project) -> None:
    response = lead_client.post(f"/improvement/{project.pk}/pdsa/new/", {**PLAN, "ends_on": "2026-01-01"})
    assert response.status_code == 200
    assert not PdsaCycle.objects.filter(title=PLAN["title"]).exists()


def test_it_refuses_a_student_name_in_the_notes(lead_client: Client, project: Project) -> None:
    response = lead_client.post(
        f"/improvement/{project.pk}/pdsa/new/", {**PLAN, "observations": "Jose finished first."}
    )
    assert "looks like it contains a name" in response.content.decode()
    lead_client.post(
        f"/improvement/{project.pk}/pdsa/new/", {**PLAN, "observations": "Jose finished first.", "confirmed": "on"}
    )
    assert PdsaCycle.objects.filter(title=PLAN["title"]).exists()


def test_a_shared_reader_reads_but_cannot_edit(client: Client, personas: object, project: Project) -> None:
    client.force_login(personas.coe_leader)  # type: ignore[attr-defined]
    cycle = first_cycle(project)
    assert client.get(f"/improvement/pdsa/{cycle.pk}/").status_code == 200
    assert client.get(f"/improvement/pdsa/{cycle.pk}/edit/").status_code == 403
