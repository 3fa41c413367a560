from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import colleague, rate_all, submitted, team_assessment
from tests.factories import Personas, org
from trellis.assessments import actions

pytestmark = pytest.mark.django_db


def test_it_shows_the_team_and_their_progress(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    member = colleague()
    actions.team_member_add(assessment=assessment, member=member, user=personas.district_leader)
    rate_all(assessment, member, 2)
    client.force_login(personas.district_leader)
    page = client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert "18 / 18" in page and "0 / 18" in page


def test_a_shared_organization_is_sent_to_the_results(client: Client, personas: Personas) -> None:
    assessment = submitted()
    actions.assessment_share(
        assessment=assessment, organizations=[org("Fresno Unified")], user=personas.district_leader
    )
    client.force_login(personas.outsider)
    response = client.get(reverse("assessments:detail", args=[assessment.pk]))
    assert response.status_code == 302 and response["Location"].endswith("/results/")


def test_the_county_office_gets_404(client: Client, personas: Personas) -> None:
    client.force_login(personas.coe_leader)
    assert client.get(reverse("assessments:detail", args=[team_assessment().pk])).status_code == 404


def test_post_is_refused(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    assert client.post(reverse("assessments:detail", args=[team_assessment().pk])).status_code == 405
