"""Engagements in the API: scoped like the pages; feedback suppressed below the threshold."""

from __future__ import annotations

from datetime import date

from django.test import Client

from tests.factories import Personas, alameda_engagement, org
from trellis.support.actions import activity_add


def test_it_lists_engagements_for_both_sides_only(client: Client, personas: Personas) -> None:
    engagement = alameda_engagement()
    activity_add(engagement=engagement, kind="coaching", occurred_on=date(2025, 9, 3), minutes=60)
    client.force_login(personas.district_viewer)
    items = client.get("/api/v1/support/engagements", {"org_id": org("Alameda Unified").pk}).json()["items"]
    assert [e["title"] for e in items] == ["Chronic absenteeism in the early grades"]
    assert items[0]["student_groups"] == ["SWD", "SED"] and items[0]["priorities"] == [5]
    log = client.get(f"/api/v1/support/engagements/{engagement.pk}/activities").json()["items"]
    assert [(a["kind"], a["minutes"]) for a in log] == [("coaching", 60)]
    client.force_login(personas.outsider)
    assert client.get("/api/v1/support/engagements").json()["items"] == []
    assert client.get(f"/api/v1/support/engagements/{engagement.pk}").status_code == 404


def test_provider_feedback_is_suppressed_without_enough_respondents(client: Client, personas: Personas) -> None:
    alameda_engagement()
    client.force_login(personas.coe_leader)
    body = client.get(f"/api/v1/support/providers/{org('C01').pk}/feedback").json()
    assert body["suppressed"] is True and body["item_means"] == {} and body["min_respondents"] == 5
