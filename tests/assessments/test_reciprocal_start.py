"""Starting a reciprocal assessment from a provider → recipient relationship."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import district_leader
from tests.factories import Personas, org
from trellis.assessments import actions
from trellis.assessments.models import Assessment, ReciprocalAssessment
from trellis.assessments.selectors import items_of
from trellis.orgs.actions import support_relationship_create
from trellis.orgs.models import RelationshipKind

pytestmark = pytest.mark.django_db


def test_an_lea_leader_starts_one_with_its_county_office(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    url = reverse("assessments:reciprocal_start", args=[org("Alameda Unified").pk])
    page = client.get(url).content.decode()
    assert "Alameda County Office of Education → Alameda Unified" in page
    response = client.post(url, {"pair": "0", "period_start": "2025-07-01", "period_end": "2026-06-30"})
    pair = ReciprocalAssessment.objects.get()
    assert response.status_code == 302
    assert (pair.provider, pair.recipient, pair.relationship) == (org("C01"), org("Alameda Unified"), None)
    sides = {a.side: a for a in pair.sides.all()}
    assert sides["provider"].organization == org("C01") and sides["recipient"].organization == org("Alameda Unified")
    items = items_of(sides["provider"])
    assert [i.about for i in items].count("recipient") == 13  # district.improvement-work
    assert "coe.universal-support.relational-approach" in [i.id for i in items if i.about == "provider"]
    assert items == items_of(sides["recipient"])
    assert sides["recipient"].team.filter(user=personas.district_leader).exists()
    assert not sides["provider"].team.exists()  # the county office's leader builds their own team


def test_an_explicit_support_relationship_counts(personas: Personas) -> None:
    relationship = support_relationship_create(
        provider=org("R04"), recipient=org("C01"), kind=RelationshipKind.GEOGRAPHIC_LEAD, starts_on=date(2025, 1, 1)
    )
    pair = actions.reciprocal_start(
        provider=org("R04"),
        recipient=org("C01"),
        period_start=date(2025, 7, 1),
        period_end=date(2026, 6, 30),
        user=personas.coe_leader,
    )
    assert pair.relationship == relationship
    assert Assessment.objects.get(side="provider").level == "regional-lead"


def test_unrelated_organizations_cannot_pair(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        actions.reciprocal_start(
            provider=org("C01"),
            recipient=org("Fresno Unified"),
            period_start=date(2025, 7, 1),
            period_end=date(2026, 6, 30),
            user=district_leader(),
        )


def test_viewers_403_outsiders_404(client: Client, personas: Personas) -> None:
    url = reverse("assessments:reciprocal_start", args=[org("Alameda Unified").pk])
    client.force_login(personas.district_viewer)
    assert client.get(url).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
