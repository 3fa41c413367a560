from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.factories import Personas
from trellis.framework.core import load_framework

pytestmark = pytest.mark.django_db


def test_it_shows_look_fors_for_every_rubric_level_and_the_evidence(client: Client, personas: Personas) -> None:
    client.force_login(personas.coe_leader)
    element = load_framework("capacity-framework").element("trust.psychological-safety")
    page = client.get(reverse("framework:element", args=["capacity-framework", "1.0.0", element.id])).content.decode()
    for look_for in element.look_fors.values():
        assert escape(look_for) in page
    for example in element.evidence:
        assert escape(example) in page
    assert "Full Implementation and Sustainability" in page


def test_it_is_printable(client: Client, personas: Personas) -> None:
    client.force_login(personas.coe_leader)
    page = client.get(
        reverse("framework:element", args=["capacity-framework", "1.0.0", "purpose.urgency"])
    ).content.decode()
    assert 'class="usa-breadcrumb trellis-noprint"' in page  # hidden by the print style sheet


def test_it_answers_404_for_a_capacity_id(client: Client, personas: Personas) -> None:
    client.force_login(personas.coe_leader)
    url = reverse("framework:element", args=["capacity-framework", "1.0.0", "district.lcap.improvement-plans"])
    assert client.get(url).status_code == 404
