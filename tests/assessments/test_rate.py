"""Rating the whole form: saved, re-posting changes nothing, an error loses nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import colleague, submitted, team_assessment
from tests.factories import Personas
from trellis.assessments import actions
from trellis.assessments.models import Rating
from trellis.assessments.selectors import items_of

pytestmark = pytest.mark.django_db


def _member() -> tuple[object, object]:
    assessment = team_assessment()
    member = colleague()
    actions.team_member_add(assessment=assessment, member=member, user=member)
    return assessment, member


def test_it_saves_every_rating_and_a_repost_records_them_once(client: Client, personas: Personas) -> None:
    assessment, member = _member()
    client.force_login(member)  # type: ignore[arg-type]
    items = items_of(assessment)  # type: ignore[arg-type]
    data = {f"rank-{i.id}": "2" for i in items} | {f"note-{items[0].id}": "Staff meetings are about logistics"}
    url = reverse("assessments:rate", args=[assessment.pk])  # type: ignore[attr-defined]
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Rating.objects.filter(user=member).count() == 18
    assert Rating.objects.get(user=member, item_id=items[0].id).note == "Staff meetings are about logistics"


def test_a_bad_rank_shows_an_error_and_keeps_the_rest(client: Client, personas: Personas) -> None:
    assessment, member = _member()
    client.force_login(member)  # type: ignore[arg-type]
    items = items_of(assessment)  # type: ignore[arg-type]
    data = {f"rank-{items[0].id}": "7", f"rank-{items[1].id}": "4", f"note-{items[1].id}": "kept"}
    response = client.post(reverse("assessments:rate", args=[assessment.pk]), data)  # type: ignore[attr-defined]
    assert response.status_code == 200
    assert "not a level of the rubric" in response.content.decode()
    assert Rating.objects.get(user=member, item_id=items[1].id).note == "kept"


def test_someone_not_on_the_team_gets_403(client: Client, personas: Personas) -> None:
    client.force_login(colleague())
    assert client.get(reverse("assessments:rate", args=[team_assessment().pk])).status_code == 403


def test_a_submitted_assessment_no_longer_changes(client: Client, personas: Personas) -> None:
    assessment = submitted()
    client.force_login(personas.district_leader)
    item = items_of(assessment)[0]
    client.post(reverse("assessments:rate", args=[assessment.pk]), {f"rank-{item.id}": "5"})
    assert Rating.objects.get(user=personas.district_leader, item_id=item.id).rank == 3


def test_outsiders_get_404_and_put_405(client: Client, personas: Personas) -> None:
    client.force_login(personas.outsider)
    assert client.get(reverse("assessments:rate", args=[team_assessment().pk])).status_code == 404
    client.force_login(personas.district_leader)
    assert client.put(reverse("assessments:rate", args=[team_assessment().pk])).status_code == 405
