"""What a self-assessment asks about: the framework entries a team rates, in framework order.

A team self-assessment rates the enabling-condition elements (described at the team's level), the
capacities of that level, or both. A reciprocal assessment rates, on each side, the recipient's
improvement capacities and the provider's support capacities (seed 000: leaders asked to "rate
themselves and the other entity" at the end of a support engagement).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from trellis.framework.core.schema import Capacity, Framework, Role

About = Literal["self", "recipient", "provider"]
Scope = Literal["conditions", "capacities", "both", "reciprocal"]
SCOPES: tuple[Scope, ...] = ("conditions", "capacities", "both", "reciprocal")

# Organization kind (trellis.orgs Kind values) → framework level. An LEA is rated as a district
# (charters included); a region is rated as its geographic lead agency; state agencies as the state.
LEVEL_BY_KIND = {
    "school": "school",
    "lea": "district",
    "coe": "coe",
    "region": "regional-lead",
    "state": "state",
    "agency": "state",
}

# Reciprocal assessment. The recipient is rated on the role that is about its own improvement
# work; the provider on the statements about *how* it supports: a relational approach,
# responsiveness to local needs, thought partnership, brokering resources and connections.
# All are capacities of capacity-framework 1.0.0 (Appendix C/D roles); no new statements needed.
RECIPIENT_ROLES = {
    "school": ("school.sustain",),
    "district": ("district.improvement-work",),
    "coe": ("coe.differentiated-assistance",),
    "regional-lead": ("regional-lead.build-capacity",),
}
PROVIDER_CAPACITIES = {
    "district": (
        "district.support-schools.relational-approach",
        "district.support-schools.responsive-support",
        "district.support-schools.thought-partner",
        "district.support-schools.share-exemplars",
        "district.support-schools.monitoring",
    ),
    "coe": (
        "coe.universal-support.relational-approach",
        "coe.universal-support.responsive-support",
        "coe.differentiated-assistance.thought-partner",
        "coe.universal-support.connect-resources",
        "coe.differentiated-assistance.broker-connections",
        "coe.universal-support.monitor",
    ),
    "regional-lead": (
        "regional-lead.build-capacity.relational-approach",
        "regional-lead.build-capacity.responsive-support",
        "regional-lead.build-capacity.needs-assessment",
        "regional-lead.connect.county-relationships",
        "regional-lead.connect.asset-mapping",
    ),
    "state": (
        "state.guide.relational-approach",
        "state.capacity-building.listen-and-learn",
        "state.connect.share-knowledge",
        "state.guide.deploy-support",
    ),
}


@dataclass(frozen=True)
class AssessmentItem:
    id: str  # an element ID or a capacity ID of the framework
    kind: Literal["element", "capacity"]
    group_id: str  # the condition (elements) or the role (capacities)
    group_title: str
    title: str
    description: str  # the element at this level, or the capacity statement
    about: About = "self"
    look_fors: tuple[str, ...] = ()  # what each rubric level looks like for this item, lowest first


def level_for_kind(kind: str) -> str:
    """The framework level an organization of `kind` assesses itself at."""
    try:
        return LEVEL_BY_KIND[kind]
    except KeyError:
        raise ValueError(f"organizations of kind {kind!r} do not self-assess") from None


def _look_fors(framework: Framework, look_fors: dict[str, str]) -> tuple[str, ...]:
    return tuple(look_fors.get(level_id, "") for level_id in framework.rubric_level_ids())


def _elements(framework: Framework, level: str) -> list[AssessmentItem]:
    source = framework.description_level(level)
    return [
        AssessmentItem(
            element.id,
            "element",
            condition.id,
            condition.title,
            element.title,
            element.levels[source],
            look_fors=_look_fors(framework, element.look_fors),
        )
        for condition, element in framework.elements()
    ]


def _capacity(framework: Framework, role: Role, cap: Capacity, about: About = "self") -> AssessmentItem:
    look_fors = _look_fors(framework, cap.look_fors)
    return AssessmentItem(cap.id, "capacity", role.id, role.title, cap.statement, cap.statement, about, look_fors)


def _capacities(framework: Framework, level: str) -> list[AssessmentItem]:
    return [_capacity(framework, role, cap) for role, cap in framework.capacities_for_level(level)]


def assessment_items(framework: Framework, level: str, scope: Scope) -> list[AssessmentItem]:
    """The items of a team self-assessment at `level` with `scope`, in framework order."""
    if scope == "reciprocal":
        raise ValueError("reciprocal items depend on both sides: use reciprocal_items")
    items: list[AssessmentItem] = []
    if scope in ("conditions", "both"):
        items += _elements(framework, level)
    if scope in ("capacities", "both"):
        items += _capacities(framework, level)
    return items


def reciprocal_items(framework: Framework, recipient_level: str, provider_level: str) -> list[AssessmentItem]:
    """Both sides rate the same items: the recipient's improvement capacities, then the provider's."""
    items: list[AssessmentItem] = []
    for role_id in RECIPIENT_ROLES.get(recipient_level, ()):
        role = framework.role(role_id)
        items += [_capacity(framework, role, cap, "recipient") for cap in role.capacities]
    for cap_id in PROVIDER_CAPACITIES.get(provider_level, ()):
        role = framework.role_of(cap_id)
        cap = framework.capacity(cap_id)
        items.append(_capacity(framework, role, cap, "provider"))
    return items


def can_be_reciprocal(recipient_level: str, provider_level: str) -> bool:
    return recipient_level in RECIPIENT_ROLES and provider_level in PROVIDER_CAPACITIES
