"""The consensus view: who rated what, and items two or more levels apart flagged in words."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import colleague, rate_all, submitted, team_assessment
from tests.factories import Personas
from trellis.assessments import actions
from trellis.assessments.models import Consensus

pytestmark = pytest.mark.django_db


def _two_raters(split: dict[str, int]) -> object:
    assessment = team_assessment()
    member = colleague()
    actions.team_member_add(assessment=assessment, member=member, user=member)
    rate_all(assessment, colleague(), 3)
    leader = assessment.started_by
    rate_all(assessment, leader, 3, overrides=split)
    return assessment


def test_it_flags_only_items_two_or_more_levels_apart(client: Client, personas: Personas) -> None:
    assessment = _two_raters({"trust.relational-trust": 5, "purpose.urgency": 4})
    client.force_login(personas.district_leader)
    page = client.get(reverse("assessments:consensus", args=[assessment.pk])).content.decode()  # type: ignore[attr-defined]
    assert page.count("Differ by 2 levels") == 1
    assert "1 item where ratings differ by two or more levels" in page
    assert "Within 1 level" in page
    assert "Colleague: 3. Initial Implementation" in page
    assert "District Leader: 5. Full Implementation and Sustainability" in page


def test_recording_unanimous_items_leaves_the_others_to_the_team(client: Client, personas: Personas) -> None:
    assessment = _two_raters({"trust.relational-trust": 5})
    client.force_login(personas.district_leader)
    client.post(reverse("assessments:consensus", args=[assessment.pk]))  # type: ignore[attr-defined]
    recorded = set(Consensus.objects.values_list("item_id", flat=True))
    assert len(recorded) == 17 and "trust.relational-trust" not in recorded
    assert set(Consensus.objects.values_list("rank", flat=True)) == {3}


def test_a_lone_rating_is_not_a_consensus(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    rate_all(assessment, personas.district_leader, 4)
    client.force_login(personas.district_leader)
    client.post(reverse("assessments:consensus", args=[assessment.pk]))
    assert not Consensus.objects.exists()


def test_it_is_read_only_once_submitted(client: Client, personas: Personas) -> None:
    assessment = submitted()
    client.force_login(personas.district_leader)
    page = client.get(reverse("assessments:consensus", args=[assessment.pk])).content.decode()
    assert "Record unanimous" not in page
    client.post(reverse("assessments:consensus", args=[assessment.pk]))
    assert Consensus.objects.count() == 18


def test_viewers_403_outsiders_and_the_county_office_404(client: Client, personas: Personas) -> None:
    url = reverse("assessments:consensus", args=[team_assessment().pk])
    client.force_login(personas.district_viewer)
    assert client.get(url).status_code == 403
    for persona in (personas.outsider, personas.coe_leader, personas.state_admin):
        client.force_login(persona)
        assert client.get(url).status_code == 404
