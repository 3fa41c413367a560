"""What each kind of assessment asks about (pure, against the shipped framework)."""

from __future__ import annotations

import pytest

from trellis.assessments.core.items import (
    PROVIDER_CAPACITIES,
    RECIPIENT_ROLES,
    assessment_items,
    level_for_kind,
    reciprocal_items,
)
from trellis.framework.core import load_framework

FRAMEWORK = load_framework("capacity-framework", "1.0.0")


@pytest.mark.parametrize(
    ("kind", "level"),
    [("school", "school"), ("lea", "district"), ("coe", "coe"), ("region", "regional-lead"), ("state", "state")],
)
def test_organization_kinds_map_to_levels(kind: str, level: str) -> None:
    assert level_for_kind(kind) == level


def test_scopes_choose_elements_capacities_or_both() -> None:
    conditions = assessment_items(FRAMEWORK, "school", "conditions")
    capacities = assessment_items(FRAMEWORK, "school", "capacities")
    assert len(conditions) == 18 and {i.kind for i in conditions} == {"element"}
    assert len(capacities) == 14 and {i.kind for i in capacities} == {"capacity"}
    assert assessment_items(FRAMEWORK, "school", "both") == conditions + capacities


def test_regional_leads_rate_the_coe_descriptions() -> None:
    lead = assessment_items(FRAMEWORK, "regional-lead", "conditions")
    coe = assessment_items(FRAMEWORK, "coe", "conditions")
    assert [i.description for i in lead] == [i.description for i in coe]


def test_every_reciprocal_capacity_exists_in_the_framework() -> None:
    for role_ids in RECIPIENT_ROLES.values():
        for role_id in role_ids:
            FRAMEWORK.role(role_id)
    for ids in PROVIDER_CAPACITIES.values():
        for capacity_id in ids:
            FRAMEWORK.capacity(capacity_id)


def test_a_county_office_and_a_district_rate_the_same_items() -> None:
    items = reciprocal_items(FRAMEWORK, "district", "coe")
    assert [i.about for i in items] == ["recipient"] * 13 + ["provider"] * 6
    assert len({i.id for i in items}) == len(items)
