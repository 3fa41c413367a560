"""Submitting locks the assessment; leaders only; every item needs a consensus rating."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import agree_all, colleague, team_assessment
from tests.factories import Personas
from trellis.accounts.models import AuditEntry
from trellis.assessments import actions
from trellis.assessments.models import Status

pytestmark = pytest.mark.django_db


def test_it_needs_a_consensus_for_every_item(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    actions.consensus_save(assessment=assessment, user=personas.district_leader, item_id="purpose.urgency", rank=2)
    client.force_login(personas.district_leader)
    assert (
        "17 items have no consensus rating yet"
        in client.get(reverse("assessments:submit", args=[assessment.pk])).content.decode()
    )
    client.post(reverse("assessments:submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == Status.IN_PROGRESS


def test_the_leader_submits_and_it_is_logged(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    agree_all(assessment, personas.district_leader, 3)
    client.force_login(personas.district_leader)
    response = client.post(reverse("assessments:submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert response.status_code == 302 and assessment.status == Status.SUBMITTED
    assert assessment.submitted_by == personas.district_leader
    entry = AuditEntry.objects.get(action="trellis.assessments.assessment.submitted")
    assert entry.organization == assessment.organization
    client.post(reverse("assessments:submit", args=[assessment.pk]))
    assert AuditEntry.objects.filter(action="trellis.assessments.assessment.submitted").count() == 1


def test_a_team_member_who_is_not_a_leader_gets_403(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    member = colleague()
    actions.team_member_add(assessment=assessment, member=member, user=personas.district_leader)
    agree_all(assessment, member, 3)
    client.force_login(member)
    assert client.post(reverse("assessments:submit", args=[assessment.pk])).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == Status.IN_PROGRESS


def test_outsiders_404(client: Client, personas: Personas) -> None:
    client.force_login(personas.outsider)
    assert client.post(reverse("assessments:submit", args=[team_assessment().pk])).status_code == 404
