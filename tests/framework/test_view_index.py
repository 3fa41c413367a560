"""The framework's front page lists every shipped framework and its levels."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas

pytestmark = pytest.mark.django_db


def test_it_lists_frameworks_and_levels(client: Client, personas: Personas) -> None:
    client.force_login(personas.nobody)  # signed in, no organization: the framework is public knowledge
    page = client.get(reverse("framework:index")).content.decode()
    assert "Enabling Conditions" in page or "capacity" in page.lower()
    assert reverse("framework:level", args=["capacity-framework", "1.0.0", "regional-lead"]) in page


def test_it_sends_anonymous_visitors_to_sign_in(client: Client, db: None) -> None:
    assert client.get(reverse("framework:index")).status_code == 302


def test_it_refuses_post(client: Client, personas: Personas) -> None:
    client.force_login(personas.nobody)
    assert client.post(reverse("framework:index")).status_code == 405
