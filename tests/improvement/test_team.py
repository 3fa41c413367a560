"""Managing the team: people of the organization and coaches of those who support it."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas, org, user_with
from trellis.accounts.models import Role
from trellis.improvement.models import Project, TeamMember

pytestmark = pytest.mark.django_db


def test_it_offers_the_school_and_its_supporters_coaches(lead_client: Client, project: Project) -> None:
    coach = user_with("coach@example.org", org("C01"), Role.COACH)
    stranger = user_with("stranger@example.org", org("Fresno Unified"), Role.COACH)
    page = lead_client.get(f"/improvement/{project.pk}/team/").content.decode()
    assert coach.full_name in page and stranger.full_name not in page


def test_it_adds_a_county_office_coach_who_then_can_edit(lead_client: Client, client: Client, project: Project) -> None:
    coach = user_with("coach@example.org", org("C01"), Role.COACH)
    response = lead_client.post(f"/improvement/{project.pk}/team/", {"member": coach.pk, "role": "coach"})
    assert response.status_code == 302
    assert TeamMember.objects.get(project=project, user=coach).role == "coach"
    client.force_login(coach)
    assert client.get(f"/improvement/{project.pk}/measures/new/").status_code == 200


def test_it_keeps_one_lead(lead_client: Client, personas: Personas, project: Project) -> None:
    lead_client.post(f"/improvement/{project.pk}/team/", {"remove": personas.school_member.pk})
    assert TeamMember.objects.filter(project=project, role="lead").count() == 1


def test_a_team_member_who_is_not_lead_cannot_manage(client: Client, personas: Personas, project: Project) -> None:
    teacher = user_with("teacher@example.org", org("Alameda High"), Role.MEMBER)
    TeamMember.objects.create(project=project, user=teacher, role="member")
    client.force_login(teacher)
    assert client.get(f"/improvement/{project.pk}/team/").status_code == 403
    assert client.get(f"/improvement/{project.pk}/").status_code == 200
