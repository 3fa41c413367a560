"""Engagements listed for the provider and for the recipient, and on the organization page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import Personas, alameda_engagement, org


def test_the_provider_and_the_recipient_each_list_the_engagement(client: Client, personas: Personas) -> None:
    alameda_engagement()
    client.force_login(personas.coe_leader)
    provider_page = client.get(reverse("support:org_engagements", args=[org("C01").pk])).content.decode()
    recipient_page = client.get(reverse("support:org_engagements", args=[org("Alameda Unified").pk])).content.decode()
    assert "Chronic absenteeism in the early grades" in provider_page.split("Support received")[0]
    assert "Chronic absenteeism in the early grades" in recipient_page.split("Support received", 1)[1]
    assert "New engagement" in provider_page


def test_the_organization_page_has_a_support_section(client: Client, personas: Personas) -> None:
    alameda_engagement()
    client.force_login(personas.district_leader)
    page = client.get(reverse("orgs:detail", args=[org("Alameda Unified").pk])).content.decode()
    assert "Support engagements" in page and "Chronic absenteeism in the early grades" in page


def test_a_school_member_sees_no_district_engagement(client: Client, personas: Personas) -> None:
    alameda_engagement()
    client.force_login(personas.school_member)
    page = client.get(reverse("orgs:detail", args=[org("Alameda High").pk])).content.decode()
    assert "Chronic absenteeism in the early grades" not in page
