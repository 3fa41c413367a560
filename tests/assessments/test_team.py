from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import colleague, team_assessment
from tests.factories import Personas

pytestmark = pytest.mark.django_db


def test_the_leader_invites_members_of_the_organization(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    member = colleague()
    client.force_login(personas.district_leader)
    client.post(
        reverse("assessments:team", args=[assessment.pk]), {"members": [member.pk, personas.district_viewer.pk]}
    )
    assert set(assessment.team.values_list("user__email", flat=True)) == {
        "district.leader@example.org",
        "colleague@example.org",
        "district.viewer@example.org",
    }


def test_people_of_other_organizations_cannot_be_invited(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    client.force_login(personas.district_leader)
    response = client.post(reverse("assessments:team", args=[assessment.pk]), {"members": [personas.outsider.pk]})
    assert response.status_code == 200  # the form refuses the choice
    assert not assessment.team.filter(user=personas.outsider).exists()


def test_a_member_may_not_invite(client: Client, personas: Personas) -> None:
    client.force_login(colleague())
    assert client.get(reverse("assessments:team", args=[team_assessment().pk])).status_code == 403


def test_outsiders_get_404(client: Client, personas: Personas) -> None:
    client.force_login(personas.outsider)
    assert client.get(reverse("assessments:team", args=[team_assessment().pk])).status_code == 404
