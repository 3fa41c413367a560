"""Each side sees the other's ratings only after both have submitted (policy, selectors, page)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import agree_all, reciprocal_pair
from tests.factories import Personas
from trellis.accounts import policy
from trellis.assessments import actions
from trellis.assessments.models import Assessment, TeamMember
from trellis.assessments.selectors import visible_sides

pytestmark = pytest.mark.django_db


def _sides(personas: Personas) -> tuple[Assessment, Assessment]:
    pair = reciprocal_pair()
    provider = pair.sides.get(side="provider")
    recipient = pair.sides.get(side="recipient")
    TeamMember.objects.create(assessment=provider, user=personas.coe_leader)
    agree_all(provider, personas.coe_leader, 4)
    agree_all(recipient, personas.district_leader, 2, overrides={"coe.universal-support.relational-approach": 5})
    return provider, recipient


def test_the_other_side_is_hidden_until_both_submit(client: Client, personas: Personas) -> None:
    provider, recipient = _sides(personas)
    actions.assessment_submit(assessment=provider, user=personas.coe_leader)
    policy.forget(personas.district_leader)
    assert set(visible_sides(personas.district_leader, provider.reciprocal)) == {"recipient"}  # type: ignore[arg-type]
    assert set(visible_sides(personas.coe_leader, provider.reciprocal)) == {"provider"}  # type: ignore[arg-type]
    client.force_login(personas.district_leader)
    assert client.get(reverse("assessments:results", args=[provider.pk])).status_code == 404
    page = client.get(reverse("assessments:reciprocal", args=[provider.reciprocal_id])).content.decode()
    assert "4. Full Implementation" not in page and "not visible yet" in page

    actions.assessment_submit(assessment=recipient, user=personas.district_leader)
    assert set(visible_sides(personas.coe_leader, provider.reciprocal)) == {"provider", "recipient"}  # type: ignore[arg-type]
    assert client.get(reverse("assessments:results", args=[provider.pk])).status_code == 200
    page = client.get(reverse("assessments:reciprocal", args=[provider.reciprocal_id])).content.decode()
    assert "4. Full Implementation" in page and "2. Beginning Development" in page
    assert page.count("2 levels apart") == 19 - 1  # every item 4 vs 2, except relational approach (4 vs 5)
    assert "1</td>" in page


def test_revealing_the_pair_does_not_open_it_to_the_hierarchy(client: Client, personas: Personas) -> None:
    provider, recipient = _sides(personas)
    actions.assessment_submit(assessment=provider, user=personas.coe_leader)
    actions.assessment_submit(assessment=recipient, user=personas.district_leader)
    for persona in (personas.region_lead, personas.state_admin, personas.outsider):
        client.force_login(persona)
        assert client.get(reverse("assessments:reciprocal", args=[provider.reciprocal_id])).status_code == 404
        assert client.get(reverse("assessments:results", args=[recipient.pk])).status_code == 404


def test_post_is_refused(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    assert client.post(reverse("assessments:reciprocal", args=[reciprocal_pair().pk])).status_code == 405
