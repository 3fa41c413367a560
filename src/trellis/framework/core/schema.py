"""The shape of a framework file, as pydantic models.

One schema serves every framework Trellis ships, so the engine stays general:

* a **rubric** framework (``kind: rubric``, e.g. ``capacity-framework``) has enabling conditions →
  elements with one description per organization level, capacities grouped by level and role, a
  rubric scale, and look-fors and evidence examples for every element and capacity;
* a **survey** framework (``kind: survey``, e.g. ``ci-current-state`` or the ``capacity-survey``
  item bank) has response scales and question items; its items point at elements, either its own
  or those of the rubric framework it ``measures``.

Loaded frameworks are cached and shared by every caller: treat them as read-only (the models are
frozen; their lists are lists only because pydantic reports nested errors better for lists).

These models check *shape* (types, required fields, no unknown keys). Rules that span the file
(unique IDs, a description for every level, look-fors for exactly the rubric's levels, item
coverage) are in `validate.py`, so that each problem can be reported with the item's ID.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from trellis.framework.core.errors import FrameworkNotFoundError

# IDs are dotted lowercase slugs: "trust.psychological-safety", "district.support-schools.data".
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$"
VERSION_PATTERN = r"^\d+\.\d+\.\d+$"  # semantic versioning, MAJOR.MINOR.PATCH


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Bilingual(_Model):
    """A text shown to people, in English and Spanish."""

    en: str = Field(min_length=1)
    es: str = Field(min_length=1)


class RubricLevel(_Model):
    id: str = Field(pattern=ID_PATTERN)
    rank: int = Field(ge=1)
    name: Bilingual
    summary: str = Field(min_length=1)


class Rubric(_Model):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    source: str
    levels: list[RubricLevel] = Field(min_length=2)


class OrgLevel(_Model):
    """A level of the system of support (school, district, COE, regional lead, state)."""

    id: str = Field(pattern=ID_PATTERN)
    name: Bilingual
    # A level that has no element descriptions of its own reads another level's (regional leads
    # are county offices, so they use the COE descriptions; seed 000, Appendix C).
    conditions_from: str | None = None


class Element(_Model):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    summary: str | None = None
    levels: dict[str, str]  # level id -> what the element means at that level
    look_fors: dict[str, str] = Field(default_factory=dict)  # rubric level id -> observable practice
    evidence: list[str] = Field(default_factory=list)


class Condition(_Model):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    elements: list[Element] = Field(min_length=1)


class Capacity(_Model):
    id: str = Field(pattern=ID_PATTERN)
    statement: str = Field(min_length=1)
    look_fors: dict[str, str] = Field(default_factory=dict)
    evidence: list[str] = Field(default_factory=list)


class Role(_Model):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    capacities: list[Capacity] = Field(min_length=1)


class LevelCapacities(_Model):
    level: str
    source: str | None = None
    roles: list[Role] = Field(min_length=1)


class ResponseOption(_Model):
    value: int
    label: Bilingual


class ResponseScale(_Model):
    """Construct-specific, verbally labelled options (Gehlbach's item-design principles)."""

    id: str = Field(pattern=ID_PATTERN)
    measures: str  # what the options quantify: how many people, how often, how well, …
    options: list[ResponseOption] = Field(min_length=5)


class Item(_Model):
    id: str = Field(pattern=ID_PATTERN)
    element: str
    level: str
    text: Bilingual
    scale: str


class BackgroundQuestion(_Model):
    """An optional, unscored question about the respondent (role, tenure); never required."""

    id: str = Field(pattern=ID_PATTERN)
    levels: list[str] = Field(min_length=1)
    text: Bilingual
    options: list[Bilingual] = Field(min_length=2)


class FrameworkRef(_Model):
    framework: str = Field(pattern=ID_PATTERN)
    version: str = Field(pattern=VERSION_PATTERN)


class ItemsPerElement(_Model):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class IdMap(_Model):
    """How the IDs of an earlier version map onto this one.

    IDs present in both versions map to themselves and need no entry. Every ID of `from_version`
    that this version no longer has must be listed: mapped to its successor, or to null (retired).
    """

    from_version: str = Field(pattern=VERSION_PATTERN)
    ids: dict[str, str | None] = Field(default_factory=dict)
    note: str | None = None


Entity = Condition | Element | Role | Capacity | Item | BackgroundQuestion


class Framework(_Model):
    slug: str = Field(pattern=ID_PATTERN)
    version: str = Field(pattern=VERSION_PATTERN)
    kind: Literal["rubric", "survey"]
    title: Bilingual
    summary: str
    source: str
    released: dt.date
    changes: list[str] = Field(min_length=1)
    levels: list[OrgLevel] = Field(min_length=1)
    rubric: Rubric | None = None
    conditions: list[Condition] = Field(default_factory=list)
    capacities: list[LevelCapacities] = Field(default_factory=list)
    measures: FrameworkRef | None = None
    items_per_element: ItemsPerElement | None = None
    response_scales: list[ResponseScale] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    background: list[BackgroundQuestion] = Field(default_factory=list)
    maps_from: list[IdMap] = Field(default_factory=list)

    _index: dict[str, Entity] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        index: dict[str, Entity] = {}
        for condition in self.conditions:
            index.setdefault(condition.id, condition)
            for element in condition.elements:
                index.setdefault(element.id, element)
        for block in self.capacities:
            for role in block.roles:
                index.setdefault(role.id, role)
                for capacity in role.capacities:
                    index.setdefault(capacity.id, capacity)
        for item in self.items:
            index.setdefault(item.id, item)
        for question in self.background:
            index.setdefault(question.id, question)
        self._index = index

    # --- identity -------------------------------------------------------------------------------

    @property
    def key(self) -> str:
        """``slug@version``, the string an assessment stores to remember what it used."""
        return f"{self.slug}@{self.version}"

    def ids(self) -> set[str]:
        """Every stable ID in this version (conditions, elements, roles, capacities, items)."""
        return set(self._index)

    def get(self, entity_id: str) -> Entity:
        try:
            return self._index[entity_id]
        except KeyError:
            raise FrameworkNotFoundError(f"{self.key} has no entry {entity_id!r}") from None

    def _typed(self, entity_id: str, cls: type[Entity], what: str) -> Entity:
        entity = self._index.get(entity_id)
        if entity is None or not isinstance(entity, cls):
            raise FrameworkNotFoundError(f"{self.key} has no {what} {entity_id!r}")
        return entity

    # --- lookups --------------------------------------------------------------------------------

    def level(self, level_id: str) -> OrgLevel:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise FrameworkNotFoundError(f"{self.key} has no level {level_id!r}")

    def condition(self, condition_id: str) -> Condition:
        entity = self._typed(condition_id, Condition, "condition")
        assert isinstance(entity, Condition)
        return entity

    def element(self, element_id: str) -> Element:
        entity = self._typed(element_id, Element, "element")
        assert isinstance(entity, Element)
        return entity

    def role(self, role_id: str) -> Role:
        entity = self._typed(role_id, Role, "role")
        assert isinstance(entity, Role)
        return entity

    def capacity(self, capacity_id: str) -> Capacity:
        entity = self._typed(capacity_id, Capacity, "capacity")
        assert isinstance(entity, Capacity)
        return entity

    def item(self, item_id: str) -> Item:
        entity = self._typed(item_id, Item, "item")
        assert isinstance(entity, Item)
        return entity

    def elements(self) -> Iterator[tuple[Condition, Element]]:
        for condition in self.conditions:
            for element in condition.elements:
                yield condition, element

    def condition_of(self, element_id: str) -> Condition:
        for condition, element in self.elements():
            if element.id == element_id:
                return condition
        raise FrameworkNotFoundError(f"{self.key} has no element {element_id!r}")

    def description_level(self, level_id: str) -> str:
        """The level whose descriptions `level_id` uses: itself, or e.g. coe for regional leads."""
        level = self.level(level_id)
        return level.conditions_from or level.id

    def describe(self, element_id: str, level_id: str) -> str:
        """What element `element_id` means at organization level `level_id`."""
        return self.element(element_id).levels[self.description_level(level_id)]

    def elements_for_level(self, level_id: str) -> list[tuple[Element, str]]:
        """Every element with its description at `level_id`, in framework order."""
        source = self.description_level(level_id)
        return [(element, element.levels[source]) for _, element in self.elements()]

    def roles_for_level(self, level_id: str) -> list[Role]:
        self.level(level_id)
        for block in self.capacities:
            if block.level == level_id:
                return list(block.roles)
        return []

    def capacities_for_level(self, level_id: str) -> list[tuple[Role, Capacity]]:
        return [(role, cap) for role in self.roles_for_level(level_id) for cap in role.capacities]

    def role_of(self, capacity_id: str) -> Role:
        for block in self.capacities:
            for role in block.roles:
                if any(cap.id == capacity_id for cap in role.capacities):
                    return role
        raise FrameworkNotFoundError(f"{self.key} has no capacity {capacity_id!r}")

    def items_for(self, element_id: str | None = None, level_id: str | None = None) -> list[Item]:
        """Survey items, optionally only those for one element and/or one level, in file order.

        A level that borrows another's descriptions (regional leads → COE) gets that level's items.
        """
        if level_id is not None and any(level.id == level_id for level in self.levels):
            level_id = self.description_level(level_id)
        return [
            item
            for item in self.items
            if (element_id is None or item.element == element_id) and (level_id is None or item.level == level_id)
        ]

    def scale(self, scale_id: str) -> ResponseScale:
        for scale in self.response_scales:
            if scale.id == scale_id:
                return scale
        raise FrameworkNotFoundError(f"{self.key} has no response scale {scale_id!r}")

    def background_for(self, level_id: str) -> list[BackgroundQuestion]:
        return [q for q in self.background if level_id in q.levels]

    def rubric_level(self, level_id: str) -> RubricLevel:
        """A rubric level by ID (``full``), e.g. to check a rating before it is stored."""
        for level in self.rubric.levels if self.rubric else ():
            if level.id == level_id:
                return level
        raise FrameworkNotFoundError(f"{self.key} has no rubric level {level_id!r}")

    def rubric_level_ids(self) -> list[str]:
        """The rubric's level IDs, lowest rank first ([] for a framework with no rubric)."""
        if self.rubric is None:
            return []
        return [level.id for level in sorted(self.rubric.levels, key=lambda lv: lv.rank)]
