from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import district_leader, team_assessment
from tests.factories import Personas
from trellis.assessments.actions import consensus_save

pytestmark = pytest.mark.django_db


def _file() -> tuple[int, int]:
    assessment = team_assessment()
    upload = SimpleUploadedFile("minutes.txt", b"Team minutes", content_type="text/plain")
    consensus_save(assessment=assessment, user=district_leader(), item_id="purpose.urgency", rank=2, files=[upload])
    return assessment.pk, assessment.evidence_files.get().pk


def test_it_serves_the_file_as_an_attachment_to_the_organization(client: Client, personas: Personas) -> None:
    pk, file_pk = _file()
    client.force_login(personas.district_viewer)
    response = client.get(reverse("assessments:evidence", args=[pk, file_pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Team minutes"  # type: ignore[attr-defined]
    assert 'attachment; filename="minutes.txt"' in response["Content-Disposition"]


def test_the_county_office_and_outsiders_get_404(client: Client, personas: Personas) -> None:
    pk, file_pk = _file()
    for persona in (personas.coe_leader, personas.outsider):
        client.force_login(persona)
        assert client.get(reverse("assessments:evidence", args=[pk, file_pk])).status_code == 404


def test_a_file_of_another_assessment_is_404(client: Client, personas: Personas) -> None:
    pk, file_pk = _file()
    other = team_assessment(scope="capacities")
    client.force_login(personas.district_leader)
    assert client.get(reverse("assessments:evidence", args=[other.pk, file_pk])).status_code == 404
    assert client.post(reverse("assessments:evidence", args=[pk, file_pk])).status_code == 405
