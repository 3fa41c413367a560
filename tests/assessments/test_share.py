"""Sharing: private by default; the owner shares a submitted assessment with chosen organizations."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import submitted, team_assessment
from tests.factories import Personas, org
from trellis.accounts.models import AuditEntry
from trellis.assessments.models import Share

pytestmark = pytest.mark.django_db


def test_sharing_opens_the_results_to_that_organization_only(client: Client, personas: Personas) -> None:
    assessment = submitted()
    results = reverse("assessments:results", args=[assessment.pk])
    client.force_login(personas.outsider)
    assert client.get(results).status_code == 404
    client.force_login(personas.district_leader)
    response = client.post(reverse("assessments:share", args=[assessment.pk]), {"code": org("Fresno Unified").cds_code})
    assert response.status_code == 302
    client.force_login(personas.outsider)
    assert client.get(results).status_code == 200
    assert client.get(reverse("assessments:rate", args=[assessment.pk])).status_code == 403  # results, not the work
    client.force_login(personas.coe_leader)
    assert client.get(results).status_code == 404  # still private to the rest of the hierarchy
    entry = AuditEntry.objects.get(action="trellis.assessments.assessment.shared")
    assert entry.data == {"with": org("Fresno Unified").code}


def test_it_offers_the_county_office_and_shares_with_it(client: Client, personas: Personas) -> None:
    assessment = submitted()
    client.force_login(personas.district_leader)
    page = client.get(reverse("assessments:share", args=[assessment.pk])).content.decode()
    assert "Alameda County Office of Education" in page
    client.post(reverse("assessments:share", args=[assessment.pk]), {"organizations": [org("C01").pk]})
    client.force_login(personas.coe_leader)
    assert client.get(reverse("assessments:results", args=[assessment.pk])).status_code == 200


def test_an_unknown_code_is_an_error(client: Client, personas: Personas) -> None:
    assessment = submitted()
    client.force_login(personas.district_leader)
    response = client.post(reverse("assessments:share", args=[assessment.pk]), {"code": "99999999999999"})
    assert "No organization has the CDS code" in response.content.decode()
    assert not Share.objects.exists()


def test_an_assessment_in_progress_cannot_be_shared(client: Client, personas: Personas) -> None:
    assessment = team_assessment()
    client.force_login(personas.district_leader)
    client.post(reverse("assessments:share", args=[assessment.pk]), {"organizations": [org("C01").pk]})
    assert not Share.objects.exists()


def test_viewers_403_outsiders_404(client: Client, personas: Personas) -> None:
    assessment = submitted()
    client.force_login(personas.district_viewer)
    assert client.post(reverse("assessments:share", args=[assessment.pk]), {"code": "x"}).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(reverse("assessments:share", args=[assessment.pk])).status_code == 404
