"""The policy rule: private to the organization; only sharing opens an assessment.

`can` (one object) and `filter_allowed` (a query) must agree for every persona.
"""

from __future__ import annotations

import pytest

from tests.assessments.factories import submitted, team_assessment
from tests.factories import Personas, org
from trellis.accounts import policy
from trellis.accounts.policy import rule_for
from trellis.assessments import actions
from trellis.assessments.models import Assessment
from trellis.orgs.actions import support_relationship_create
from trellis.orgs.models import RelationshipKind

pytestmark = pytest.mark.django_db
PERSONAS = (
    "state_admin",
    "region_lead",
    "coe_leader",
    "district_leader",
    "district_viewer",
    "school_member",
    "charter_leader",
    "outsider",
    "nobody",
)


def test_the_rule_grants_nothing_through_oversight_or_provider() -> None:
    rule = rule_for(Assessment)
    for grant in rule.actions.values():
        assert grant.oversight == frozenset() and grant.provider == frozenset()


def test_an_explicit_support_relationship_does_not_open_it(personas: Personas) -> None:
    from datetime import date

    support_relationship_create(
        provider=org("Fresno Unified"),
        recipient=org("Alameda Unified"),
        kind=RelationshipKind.PARTNER,
        starts_on=date(2020, 1, 1),
    )
    assessment = submitted()
    policy.forget(personas.outsider)
    assert policy.can(personas.outsider, "org.view", org("Alameda Unified"))  # the provider sees the organization …
    assert not policy.can(personas.outsider, "assessment.view", assessment)  # … but not its self-assessment


def test_can_and_filter_allowed_agree_before_and_after_sharing(personas: Personas) -> None:
    private = team_assessment(scope="capacities")
    shared = submitted()
    actions.assessment_share(
        assessment=shared, organizations=[org("Fresno Unified"), org("C01")], user=personas.district_leader
    )
    for name in PERSONAS:
        user = getattr(personas, name)
        for action in ("assessment.view", "assessment.export", "assessment.rate", "assessment.manage"):
            listed = set(policy.filter_allowed(user, action, Assessment.objects.all()).values_list("pk", flat=True))
            one_by_one = {a.pk for a in (private, shared) if policy.can(user, action, a)}
            assert listed == one_by_one, (name, action)
    seen = {n for n in PERSONAS if policy.can(getattr(personas, n), "assessment.view", shared)}
    assert seen == {"district_leader", "district_viewer", "coe_leader", "outsider"}
    seen_private = {n for n in PERSONAS if policy.can(getattr(personas, n), "assessment.view", private)}
    assert seen_private == {"district_leader", "district_viewer"}
