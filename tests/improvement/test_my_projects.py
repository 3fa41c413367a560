"""The list of every project a user follows: their teams first, then their organizations' and shared ones."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas, org, user_with
from trellis.accounts.models import Role
from trellis.improvement.models import Project, TeamMember

pytestmark = pytest.mark.django_db


def test_a_coach_sees_the_projects_they_coach_and_those_shared_with_their_office(
    client: Client, personas: Personas, project: Project
) -> None:
    coach = user_with("coach@example.org", org("C01"), Role.COACH)
    other = Project.objects.create(
        organization=org("Bay Farm Elementary"), title="Bay Farm reading", started_on=project.started_on
    )
    TeamMember.objects.create(project=other, user=coach, role="coach")
    client.force_login(coach)
    page = client.get("/improvement/").content.decode()
    team_part, rest = page.split("Your organizations")
    assert "Bay Farm reading" in team_part and project.title not in team_part
    assert project.title in rest  # shared with the county office


def test_someone_who_follows_nothing_is_told_so(client: Client, personas: Personas, project: Project) -> None:
    client.force_login(personas.outsider)
    page = client.get("/improvement/").content.decode()
    assert "You are not on a project team yet." in page and project.title not in page
