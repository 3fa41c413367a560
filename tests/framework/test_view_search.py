"""Search uses the framework core's search: accent-insensitive, every word must match."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas
from trellis.framework.core import load_framework, search

pytestmark = pytest.mark.django_db


def test_it_finds_what_the_core_search_finds(client: Client, personas: Personas) -> None:
    client.force_login(personas.school_member)
    expected = search(load_framework("capacity-framework"), "psychological safety", limit=100)
    assert expected
    page = client.get(reverse("framework:search", args=["capacity-framework", "1.0.0"]), {"q": "psychological safety"})
    body = page.content.decode()
    assert f"{len(expected)} entr" in body
    assert reverse("framework:element", args=["capacity-framework", "1.0.0", "trust.psychological-safety"]) in body


def test_htmx_gets_only_the_results(client: Client, personas: Personas) -> None:
    client.force_login(personas.school_member)
    url = reverse("framework:search", args=["capacity-framework", "1.0.0"])
    partial = client.get(url, {"q": "equidad"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial
    assert "found" in partial


def test_an_empty_query_finds_nothing(client: Client, personas: Personas) -> None:
    client.force_login(personas.school_member)
    page = client.get(reverse("framework:search", args=["capacity-framework", "1.0.0"]), {"q": "  "})
    assert "found" not in page.content.decode()
