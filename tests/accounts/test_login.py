"""Signing in: e-mail and password, throttled after repeated failures, landing on one's organization."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import PASSWORD, Personas, org

pytestmark = pytest.mark.django_db


def test_it_lands_on_the_users_organization(client: Client, personas: Personas) -> None:
    response = client.post(
        "/accounts/login/", {"login": "district.leader@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/orgs/{org('Alameda Unified').pk}/"


def test_it_locks_out_after_five_failures(client: Client, personas: Personas) -> None:
    for _ in range(5):
        client.post(
            "/accounts/login/", {"login": "district.leader@example.org", "password": "wrong"}, REMOTE_ADDR="10.0.0.9"
        )
    response = client.post(
        "/accounts/login/", {"login": "district.leader@example.org", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content


def test_it_does_not_let_anyone_sign_up(client: Client, db: None) -> None:
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "a-long-password-1", "password2": "a-long-password-1"},
    )
    assert response.status_code == 200
    from trellis.accounts.models import User

    assert not User.objects.filter(email="new@example.org").exists()
