"""The provider closes an engagement with an outcome note."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.urls import reverse

from tests.factories import Personas, alameda_engagement
from trellis.support.models import EngagementStatus


def test_it_closes_with_an_outcome_note(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    client.force_login(personas.coe_leader)
    response = client.post(
        reverse("support:close", args=[engagement.pk]),
        {"outcome_note": "K-2 chronic absenteeism fell from 24% to 17%.", "closed_on": "2026-06-10"},
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.CLOSED
    assert (engagement.closed_on, engagement.ends_on) == (date(2026, 6, 10), date(2026, 6, 10))
    page = client.get(reverse("support:detail", args=[engagement.pk])).content.decode()
    assert "fell from 24% to 17%" in page and "Add an activity" not in page


def test_it_refuses_to_close_before_the_start(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    client.force_login(personas.coe_leader)
    response = client.post(
        reverse("support:close", args=[engagement.pk]), {"outcome_note": "Done.", "closed_on": "2020-01-01"}
    )
    assert response.status_code == 200 and b"cannot close before it starts" in response.content
    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.ACTIVE


def test_the_recipient_cannot_close_it(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    response = client.post(
        reverse("support:close", args=[alameda_engagement().pk]), {"outcome_note": "x", "closed_on": "2026-01-01"}
    )
    assert response.status_code == 403
