from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.factories import Personas
from trellis.framework.core import load_framework

pytestmark = pytest.mark.django_db


def test_it_shows_the_statement_look_fors_and_evidence(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_viewer)
    capacity = load_framework("capacity-framework").capacity("coe.differentiated-assistance.thought-partner")
    page = client.get(reverse("framework:capacity", args=["capacity-framework", "1.0.0", capacity.id])).content.decode()
    assert escape(capacity.statement) in page
    assert all(escape(text) in page for text in capacity.look_fors.values())
    assert all(escape(text) in page for text in capacity.evidence)


def test_it_answers_404_for_an_unknown_capacity(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_viewer)
    assert client.get(reverse("framework:capacity", args=["capacity-framework", "1.0.0", "nope"])).status_code == 404
