"""A county office starts an engagement with one of its LEAs."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import Personas, org
from trellis.accounts.models import AuditEntry
from trellis.support.models import Engagement, EngagementStatus


def test_it_creates_an_engagement_with_its_focus(client: Client, personas: Personas) -> None:
    client.force_login(personas.coe_leader)
    url = reverse("support:create", kwargs={"pk": org("C01").pk})
    page = client.get(url)
    assert b"Alameda Unified" in page.content and b"Fresno Unified" not in page.content
    response = client.post(
        url,
        {
            "recipient": org("Oakland Unified").pk,
            "level": 2,
            "title": "Suspensions of African American students",
            "problem_of_practice": "Black students are suspended at three times the rate of peers.",
            "goals": "Halve the gap in two years.",
            "student_groups": ["AA"],
            "priorities": ["6"],
            "elements": ["trust.relational-trust"],
            "starts_on": "2025-09-01",
        },
    )
    engagement = Engagement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("support:detail", args=[engagement.pk])
    assert (engagement.provider, engagement.recipient, engagement.level) == (org("C01"), org("Oakland Unified"), 2)
    assert (engagement.student_groups, engagement.priorities, engagement.status) == (
        ["AA"],
        [6],
        EngagementStatus.PLANNED,
    )
    assert AuditEntry.objects.filter(action="trellis.support.engagement.created").count() == 1


def test_it_refuses_an_organization_outside_the_providers_reach(client: Client, personas: Personas) -> None:
    client.force_login(personas.coe_leader)
    response = client.post(
        reverse("support:create", kwargs={"pk": org("C01").pk}),
        {"recipient": org("Fresno Unified").pk, "level": 1, "title": "x", "starts_on": "2025-09-01"},
    )
    assert response.status_code == 200 and b"usa-error-message" in response.content
    assert not Engagement.objects.exists()


def test_it_refuses_an_end_before_the_start(client: Client, personas: Personas) -> None:
    client.force_login(personas.coe_leader)
    response = client.post(
        reverse("support:create", kwargs={"pk": org("C01").pk}),
        {
            "recipient": org("Oakland Unified").pk,
            "level": 1,
            "title": "x",
            "starts_on": "2025-09-01",
            "ends_on": "2025-08-01",
        },
    )
    assert b"The end comes before the start." in response.content
    assert not Engagement.objects.exists()


def test_a_viewer_cannot_start_engagements(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_viewer)
    assert client.get(reverse("support:create", kwargs={"pk": org("Alameda Unified").pk})).status_code == 403
