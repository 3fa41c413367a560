"""Starting a self-assessment: leaders of the organization itself only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas, org
from trellis.accounts.models import AuditEntry
from trellis.assessments.models import Assessment

pytestmark = pytest.mark.django_db


def _url(name: str = "Alameda Unified") -> str:
    return reverse("assessments:start", args=[org(name).pk])


def test_it_starts_at_the_level_of_the_organization_and_puts_the_leader_on_the_team(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.district_leader)
    response = client.post(_url(), {"scope": "both", "school_year": "2025-26"})
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert (assessment.level, assessment.scope, assessment.framework_key) == (
        "district",
        "both",
        "capacity-framework@1.0.0",
    )
    assert list(assessment.team.values_list("user__email", flat=True)) == ["district.leader@example.org"]
    assert AuditEntry.objects.filter(action="trellis.assessments.assessment.started").count() == 1


@pytest.mark.parametrize(
    ("persona", "org_name", "level"),
    [
        ("charter_leader", "01100170112607-lea", "district"),
        ("coe_leader", "C01", "coe"),
        ("region_lead", "R04", "regional-lead"),
        ("state_admin", "CA", "state"),
    ],
)
def test_every_level_maps_to_its_framework_level(
    client: Client, personas: Personas, persona: str, org_name: str, level: str
) -> None:
    client.force_login(getattr(personas, persona))
    client.post(_url(org_name), {"scope": "conditions", "school_year": "2025-26"})
    assert Assessment.objects.get().level == level


def test_it_refuses_a_bad_school_year_and_keeps_the_form(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    response = client.post(_url(), {"scope": "both", "school_year": "next year"})
    assert response.status_code == 200
    assert not Assessment.objects.exists()


def test_a_viewer_and_the_county_office_may_not_start_one(client: Client, personas: Personas) -> None:
    for persona in (personas.district_viewer, personas.coe_leader):
        client.force_login(persona)
        assert client.post(_url(), {"scope": "both", "school_year": "2025-26"}).status_code == 403
    assert not Assessment.objects.exists()


def test_an_outsider_gets_404_and_put_is_refused(client: Client, personas: Personas) -> None:
    client.force_login(personas.outsider)
    assert client.get(_url()).status_code == 404
    client.force_login(personas.district_leader)
    assert client.put(_url()).status_code == 405
