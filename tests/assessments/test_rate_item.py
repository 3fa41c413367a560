"""One item saved as people go (htmx): the saved fieldset comes back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import team_assessment
from tests.factories import Personas
from trellis.assessments.models import Rating

pytestmark = pytest.mark.django_db
ITEM = "trust.psychological-safety"


def test_it_saves_one_item_and_returns_its_fieldset(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    client.force_login(personas.district_leader)
    url = reverse("assessments:rate_item", args=[assessment.pk, ITEM])
    response = client.post(
        url, {f"rank-{ITEM}": "4", f"note-{ITEM}": "Mistakes are discussed openly"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Saved" in body and 'value="4" checked' in body
    assert Rating.objects.get(item_id=ITEM).rank == 4
    client.post(url, {f"rank-{ITEM}": "4", f"note-{ITEM}": "Mistakes are discussed openly"})
    assert Rating.objects.filter(item_id=ITEM).count() == 1


def test_a_note_without_a_rank_is_kept(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    client.force_login(personas.district_leader)
    client.post(reverse("assessments:rate_item", args=[assessment.pk, ITEM]), {f"note-{ITEM}": "Not sure yet"})
    rating = Rating.objects.get(item_id=ITEM)
    assert (rating.rank, rating.note) == (None, "Not sure yet")


def test_an_item_outside_the_assessment_is_404(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    client.force_login(personas.district_leader)
    assert (
        client.get(
            reverse("assessments:rate_item", args=[assessment.pk, "district.lcap.improvement-plans"])
        ).status_code
        == 404
    )


def test_a_bad_rank_is_400_with_a_message(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    client.force_login(personas.district_leader)
    response = client.post(reverse("assessments:rate_item", args=[assessment.pk, ITEM]), {f"rank-{ITEM}": "0"})
    assert response.status_code == 400 and "not a level" in response.content.decode()


def test_the_viewer_gets_403_and_outsiders_404(client: Client, personas: Personas) -> None:
    url = reverse("assessments:rate_item", args=[team_assessment().pk, ITEM])
    client.force_login(personas.district_viewer)
    assert client.get(url).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
