from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas
from tests.improvement.factories import alameda_project
from trellis.improvement.models import Project


@pytest.fixture
def project(personas: Personas) -> Project:
    return alameda_project()


@pytest.fixture
def lead_client(client: Client, personas: Personas) -> Client:
    """Signed in as the project's lead (a member of Alameda High)."""
    client.force_login(personas.school_member)
    return client
