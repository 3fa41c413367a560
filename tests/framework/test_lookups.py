"""Finding things in a loaded framework: by level, condition, element, role, capacity and item."""

from __future__ import annotations

import pytest

from trellis.framework.core import (
    Framework,
    FrameworkNotFoundError,
    list_frameworks,
    load_framework,
)
from trellis.framework.core.schema import Capacity, Element, Item, Role


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("capacity-framework")


def test_it_lists_the_shipped_frameworks() -> None:
    infos = {info.slug: info for info in list_frameworks()}
    assert set(infos) == {"capacity-framework", "capacity-survey", "ci-current-state"}
    assert infos["capacity-framework"].kind == "rubric"
    assert infos["ci-current-state"].latest == "1.0.0"


def test_it_loads_the_latest_version_by_default(framework: Framework) -> None:
    assert framework.key == "capacity-framework@1.0.0"
    assert load_framework("capacity-framework", "1.0.0") is framework  # cached


def test_it_refuses_unknown_frameworks_and_versions() -> None:
    with pytest.raises(FrameworkNotFoundError, match="no framework 'nope'"):
        load_framework("nope")
    with pytest.raises(FrameworkNotFoundError, match=r"has no version 9\.9\.9"):
        load_framework("capacity-framework", "9.9.9")


def test_it_finds_entries_by_id(framework: Framework) -> None:
    element = framework.element("trust.psychological-safety")
    assert element.title == "Psychological safety"
    assert framework.condition_of(element.id).id == "trust"
    assert framework.condition("collaboration").title.startswith("Structures and resources")
    role = framework.role("district.lcap")
    assert [c.id for c in role.capacities] == [
        "district.lcap.improvement-plans",
        "district.lcap.improvement-approach",
    ]
    capacity = framework.capacity("regional-lead.build-capacity.needs-assessment")
    assert framework.role_of(capacity.id).id == "regional-lead.build-capacity"
    assert isinstance(framework.get("state.clarify.why"), Capacity)
    assert isinstance(framework.get("state.clarify"), Role)
    assert isinstance(framework.get("purpose.urgency"), Element)


def test_it_refuses_an_id_of_the_wrong_kind(framework: Framework) -> None:
    with pytest.raises(FrameworkNotFoundError, match="no element 'trust'"):
        framework.element("trust")
    with pytest.raises(FrameworkNotFoundError, match=r"no capacity 'district\.lcap'"):
        framework.capacity("district.lcap")
    with pytest.raises(FrameworkNotFoundError, match="no rubric level 'expert'"):
        framework.rubric_level("expert")
    with pytest.raises(FrameworkNotFoundError, match="no level 'nation'"):
        framework.roles_for_level("nation")


def test_it_describes_elements_per_level_with_regional_leads_reading_the_coe(
    framework: Framework,
) -> None:
    coe = framework.describe("collaboration.protected-time", "coe")
    assert framework.describe("collaboration.protected-time", "regional-lead") == coe
    assert "bargaining" in framework.describe("collaboration.protected-time", "district")
    assert len(framework.elements_for_level("state")) == 18
    assert framework.elements_for_level("regional-lead") == framework.elements_for_level("coe")


def test_regional_leads_have_their_own_roles(framework: Framework) -> None:
    assert [r.id for r in framework.roles_for_level("regional-lead")] == [
        "regional-lead.build-capacity",
        "regional-lead.connect",
        "regional-lead.communicate",
    ]


def test_it_finds_survey_items() -> None:
    bank = load_framework("capacity-survey")
    item = bank.item("trust.psychological-safety.school.1")
    assert isinstance(item, Item)
    assert item.text.es.startswith("¿Qué tan a gusto")
    assert [i.id for i in bank.items_for("purpose.urgency", "state")] == [
        "purpose.urgency.state.1",
        "purpose.urgency.state.2",
        "purpose.urgency.state.3",
    ]
    assert bank.scale(item.scale).options[0].label.es == "Nada a gusto"
