"""The organization page's survey results section: shown to leaders who may see results, no one else."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas, org
from tests.surveys.results_factories import scored_series

pytestmark = pytest.mark.django_db


def test_it_adds_results_to_the_organization_page_for_leaders_only(client: Client, personas: Personas) -> None:
    scored_series()
    district = org("Alameda Unified")
    client.force_login(personas.district_leader)
    page = client.get(f"/orgs/{district.pk}/").content.decode()
    assert "Staff survey results" in page and f"/surveys/results/{district.pk}/" in page
    client.force_login(personas.district_viewer)
    assert "Staff survey results" not in client.get(f"/orgs/{district.pk}/").content.decode()
