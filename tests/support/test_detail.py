"""The engagement page and its activity log (htmx)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import Personas, alameda_engagement
from trellis.support.models import Activity


def test_both_sides_see_the_engagement_and_its_focus(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    for who in (personas.coe_leader, personas.district_viewer):
        client.force_login(who)
        page = client.get(reverse("support:detail", args=[engagement.pk])).content.decode()
        assert "Chronic absenteeism in the early grades" in page
        assert "Students with Disabilities" in page and "5. Pupil engagement" in page
        assert "Stakeholder engagement" in page


def test_a_viewer_sees_no_forms(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_viewer)
    page = client.get(reverse("support:detail", args=[alameda_engagement().pk])).content.decode()
    assert "Add an activity" not in page and "Close engagement" not in page and "Rate this support" not in page


def test_it_adds_an_activity_with_htmx_and_answers_with_the_log(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    client.force_login(personas.coe_leader)
    response = client.post(
        reverse("support:activity_add", args=[engagement.pk]),
        {"kind": "coaching", "occurred_on": "2025-09-10", "minutes": 90, "note": "Empathy interviews with families"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="activity-log"')
    assert "Empathy interviews with families" in html and "90 minutes in all" in html
    assert Activity.objects.get().created_by == personas.coe_leader


def test_it_rejects_an_impossible_duration(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    client.force_login(personas.district_leader)
    response = client.post(
        reverse("support:activity_add", args=[engagement.pk]),
        {"kind": "coaching", "occurred_on": "2025-09-10", "minutes": 5000},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and b"usa-error-message" in response.content
    assert not Activity.objects.exists()


def test_without_htmx_it_redirects_to_the_engagement(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    client.force_login(personas.district_leader)
    response = client.post(
        reverse("support:activity_add", args=[engagement.pk]),
        {"kind": "resource", "occurred_on": "2025-09-10", "minutes": 15},
    )
    assert response.status_code == 302 and Activity.objects.count() == 1


def test_a_viewer_cannot_log_activities(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_viewer)
    response = client.post(
        reverse("support:activity_add", args=[alameda_engagement().pk]),
        {"kind": "resource", "occurred_on": "2025-09-10", "minutes": 15},
    )
    assert response.status_code == 403 and not Activity.objects.exists()
