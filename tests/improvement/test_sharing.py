"""Sharing a project with a support provider or up the hierarchy; every share is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas, org
from trellis.accounts.models import AuditEntry
from trellis.improvement.models import Project, ProjectShare

pytestmark = pytest.mark.django_db


def test_it_shares_with_the_district_which_then_sees_it(
    lead_client: Client, personas: Personas, project: Project
) -> None:
    client = Client()
    client.force_login(personas.district_leader)
    assert client.get(f"/improvement/{project.pk}/").status_code == 404
    district = org("Alameda Unified")
    assert district.name in lead_client.get(f"/improvement/{project.pk}/sharing/").content.decode()
    assert lead_client.post(f"/improvement/{project.pk}/sharing/", {"organization": district.pk}).status_code == 302
    assert AuditEntry.objects.filter(
        action="trellis.improvement.project.shared", data__organization=district.pk
    ).exists()
    assert client.get(f"/improvement/{project.pk}/").status_code == 200
    assert client.get(f"/improvement/{project.pk}/edit/").status_code == 403


def test_it_stops_sharing(lead_client: Client, personas: Personas, project: Project) -> None:
    client = Client()
    coe = org("C01")
    lead_client.post(f"/improvement/{project.pk}/sharing/", {"unshare": coe.pk})
    assert not ProjectShare.objects.filter(project=project, organization=coe).exists()
    assert AuditEntry.objects.filter(action="trellis.improvement.project.unshared").exists()
    client.force_login(personas.coe_leader)
    assert client.get(f"/improvement/{project.pk}/").status_code == 404


def test_it_refuses_an_unrelated_organization(lead_client: Client, project: Project) -> None:
    fresno = org("Fresno Unified")
    response = lead_client.post(f"/improvement/{project.pk}/sharing/", {"organization": fresno.pk})
    assert response.status_code == 200
    assert not ProjectShare.objects.filter(organization=fresno).exists()
