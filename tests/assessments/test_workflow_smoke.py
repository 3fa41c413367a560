"""The whole team workflow through the pages, with the test client."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import colleague, district_leader
from tests.factories import Personas, org
from trellis.accounts.models import AuditEntry
from trellis.assessments.models import Assessment, Status
from trellis.assessments.selectors import items_of

pytestmark = pytest.mark.django_db


def test_it_runs_from_start_to_shared_results(
    client: Client, personas: Personas, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    leader = district_leader()
    member = colleague()
    client.force_login(leader)
    response = client.post(
        reverse("assessments:start", args=[org("Alameda Unified").pk]),
        {"scope": "conditions", "school_year": "2025-26"},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert assessment.level == "district"
    client.post(reverse("assessments:team", args=[assessment.pk]), {"members": [leader.pk, member.pk]})
    items = items_of(assessment)
    assert len(items) == 18
    data = {f"rank-{i.id}": "3" for i in items}
    assert client.post(reverse("assessments:rate", args=[assessment.pk]), data).status_code == 302
    client.force_login(member)
    first = items[0].id
    response = client.post(
        reverse("assessments:rate_item", args=[assessment.pk, first]),
        {f"rank-{first}": "5", f"note-{first}": "We see it daily"},
    )
    assert response.status_code == 200
    assert b"Saved" in response.content
    client.post(reverse("assessments:rate", args=[assessment.pk]), {**{f"rank-{i.id}": "3" for i in items[1:]}})
    page = client.get(reverse("assessments:consensus", args=[assessment.pk]))
    assert b"Differ by 2 levels" in page.content
    client.post(reverse("assessments:consensus", args=[assessment.pk]))
    assert assessment.consensus.count() == 17
    client.post(
        reverse("assessments:consensus_item", args=[assessment.pk, first]),
        {"rank": "4", "evidence": "Walkthrough notes", "links": "https://example.org/a"},
    )
    assert assessment.consensus.count() == 18
    assert client.post(reverse("assessments:submit", args=[assessment.pk])).status_code == 403
    client.force_login(leader)
    client.post(reverse("assessments:submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    results = client.get(reverse("assessments:results", args=[assessment.pk]))
    assert b"Full Implementation" in results.content
    client.force_login(personas.outsider)
    assert client.get(reverse("assessments:results", args=[assessment.pk])).status_code == 404
    client.force_login(leader)
    client.post(reverse("assessments:share", args=[assessment.pk]), {"code": org("Fresno Unified").cds_code})
    client.force_login(personas.outsider)
    assert client.get(reverse("assessments:results", args=[assessment.pk])).status_code == 200
    for fmt in ("csv", "xlsx", "pdf"):
        assert client.get(reverse("assessments:export", args=[assessment.pk, fmt])).status_code == 200
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "trellis.assessments.assessment.submitted",
        "trellis.assessments.assessment.shared",
        "trellis.assessments.assessment.exported",
    } <= codes
