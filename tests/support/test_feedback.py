"""Recipients rate the support once a term; providers see results only past the privacy threshold."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import Personas, alameda_engagement, org, user_with
from trellis.accounts.models import Role
from trellis.support.actions import AlreadyAnswered, feedback_submit
from trellis.support.models import FeedbackResponse

ANSWERS = {"progress": "4", "responsive": "5", "capacity": "4", "trust": "5", "worth": "4"}


def test_a_recipient_leader_rates_once_per_term(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    client.force_login(personas.district_leader)
    url = reverse("support:feedback", args=[engagement.pk])
    assert client.post(url, ANSWERS).status_code == 302
    response = FeedbackResponse.objects.get()
    assert response.answers == {k: int(v) for k, v in ANSWERS.items()}
    # A keyed hash of (person, engagement, term): no column names the person.
    assert len(response.respondent_key) == 64 and "user" not in {f.name for f in FeedbackResponse._meta.fields}
    again = client.get(url, follow=True)
    assert b"already rated this support this term" in again.content
    assert FeedbackResponse.objects.count() == 1


def test_an_empty_form_is_refused(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    response = client.post(reverse("support:feedback", args=[alameda_engagement().pk]), {})
    assert b"Answer at least one question." in response.content
    assert not FeedbackResponse.objects.exists()


def test_the_action_refuses_a_second_answer_in_a_term(personas: Personas) -> None:
    engagement = alameda_engagement()
    feedback_submit(
        engagement=engagement, respondent_id=personas.district_leader.pk, answers={"trust": 4}, today=date(2025, 9, 1)
    )
    with pytest.raises(AlreadyAnswered):
        feedback_submit(
            engagement=engagement,
            respondent_id=personas.district_leader.pk,
            answers={"trust": 2},
            today=date(2025, 12, 1),
        )
    feedback_submit(
        engagement=engagement, respondent_id=personas.district_leader.pk, answers={"trust": 2}, today=date(2026, 2, 1)
    )
    assert FeedbackResponse.objects.count() == 2


@override_settings(TRELLIS_MIN_RESPONDENTS=5)
def test_the_provider_sees_results_only_from_five_respondents(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    staff = [user_with(f"staff{i}@example.org", org("Alameda Unified"), Role.MEMBER) for i in range(5)]
    for person in staff[:4]:
        feedback_submit(
            engagement=engagement, respondent_id=person.pk, answers={"progress": 4, "trust": 5}, today=date(2025, 9, 1)
        )
    client.force_login(personas.coe_leader)
    url = reverse("support:provider_feedback", args=[org("C01").pk])
    page = client.get(url).content.decode()
    assert "4 people have answered so far" in page and "4.0" not in page
    feedback_submit(
        engagement=engagement, respondent_id=staff[4].pk, answers={"progress": 2, "trust": 5}, today=date(2025, 9, 1)
    )
    page = client.get(url).content.decode()
    # progress: (4*4 + 2)/5 = 3.6; overall per person: four at 4.5, one at 3.5 -> 4.3
    assert "3.6" in page and "rated the support 4.3 out of 5" in page
