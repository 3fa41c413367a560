"""A level's page: every element described at that level, and its roles' capacities."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas
from trellis.framework.core import load_framework

pytestmark = pytest.mark.django_db


def test_it_describes_every_element_at_the_level(client: Client, personas: Personas) -> None:
    client.force_login(personas.school_member)
    framework = load_framework("capacity-framework", "1.0.0")
    page = client.get(reverse("framework:level", args=["capacity-framework", "1.0.0", "district"])).content.decode()
    for element, _description in framework.elements_for_level("district"):
        assert element.title in page
    for role in framework.roles_for_level("district"):
        assert role.title.split(",")[0] in page


def test_regional_leads_read_the_county_office_descriptions(client: Client, personas: Personas) -> None:
    client.force_login(personas.region_lead)
    framework = load_framework("capacity-framework", "1.0.0")
    page = client.get(
        reverse("framework:level", args=["capacity-framework", "1.0.0", "regional-lead"])
    ).content.decode()
    text = framework.describe("trust.psychological-safety", "coe")
    assert text.split(".")[0].replace("'", "&#x27;") in page


def test_it_answers_404_for_an_unknown_level_or_version(client: Client, personas: Personas) -> None:
    client.force_login(personas.school_member)
    assert client.get(reverse("framework:level", args=["capacity-framework", "1.0.0", "galaxy"])).status_code == 404
    assert client.get(reverse("framework:level", args=["capacity-framework", "9.9.9", "school"])).status_code == 404
