"""The shipped framework has the structure of seed 000's Appendices A–D, level by level.

The expected structure is a hand transcription of the report (tests/fixtures/framework/
seed000_structure.yaml), written independently of the shipped YAML.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from trellis.framework.core import Framework, load_framework

LEVELS = ["school", "district", "coe", "regional-lead", "state"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".").casefold()


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("capacity-framework", "1.0.0")


def test_it_has_the_report_levels(framework: Framework, seed_structure: dict[str, Any]) -> None:
    assert [level.id for level in framework.levels] == LEVELS
    assert set(seed_structure["levels"]) == set(LEVELS)
    assert framework.level("regional-lead").conditions_from == "coe"


@pytest.mark.parametrize("level", LEVELS)
def test_it_has_the_conditions_and_elements_of_the_appendix(
    framework: Framework, seed_structure: dict[str, Any], level: str
) -> None:
    expected = [
        (_norm(c["name"]), [_norm(e) for e in c["elements"]]) for c in seed_structure["levels"][level]["conditions"]
    ]
    described = {element.id for element, text in framework.elements_for_level(level) if text.strip()}
    actual = [(_norm(c.title), [_norm(e.title) for e in c.elements if e.id in described]) for c in framework.conditions]
    assert actual == expected
    assert sum(len(elements) for _, elements in actual) == 18


@pytest.mark.parametrize("level", LEVELS)
def test_it_has_the_roles_and_statement_counts_of_the_appendix(
    framework: Framework, seed_structure: dict[str, Any], level: str
) -> None:
    expected = [(_norm(r["name"]), r["statements"]) for r in seed_structure["levels"][level]["roles"]]
    actual = [(_norm(role.title), len(role.capacities)) for role in framework.roles_for_level(level)]
    assert actual == expected


def test_it_has_the_report_total_of_capacity_statements(framework: Framework) -> None:
    counts = {level: len(framework.capacities_for_level(level)) for level in LEVELS}
    assert counts == {"school": 14, "district": 27, "coe": 20, "regional-lead": 16, "state": 33}


def test_it_keeps_what_is_distinctive_at_each_level(framework: Framework, seed_structure: dict[str, Any]) -> None:
    by_title = {_norm(element.title): element for _, element in framework.elements()}
    missing = [
        (row["element"], row["level"], row["term"])
        for row in seed_structure["distinctive_terms"]
        if row["term"].casefold() not in framework.describe(by_title[_norm(row["element"])].id, row["level"]).casefold()
    ]
    assert missing == []


def test_it_gives_every_element_and_capacity_a_look_for_per_rubric_level_and_evidence(
    framework: Framework,
) -> None:
    rubric = ["exploration", "beginning", "initial", "full", "sustaining"]
    assert framework.rubric_level_ids() == rubric
    entries = [element for _, element in framework.elements()] + [
        capacity for level in LEVELS for _, capacity in framework.capacities_for_level(level)
    ]
    assert len(entries) == 18 + 110
    for entry in entries:
        assert list(entry.look_fors) == rubric, entry.id
        assert len(set(entry.look_fors.values())) == 5, f"{entry.id} repeats a look-for"
        assert entry.evidence, entry.id


def test_it_uses_the_lcff_self_reflection_scale(framework: Framework) -> None:
    assert framework.rubric is not None
    names = [level.name.en for level in framework.rubric.levels]
    assert framework.rubric_level("full").rank == 4
    assert framework.rubric_level("sustaining").name.es == "Implementación completa y sostenibilidad"
    assert names == [
        "Exploration and Research",
        "Beginning Development",
        "Initial Implementation",
        "Full Implementation",
        "Full Implementation and Sustainability",
    ]


def test_look_fors_and_evidence_have_substance(framework: Framework) -> None:
    thin = [
        (entry_id, rubric_level)
        for entry_id, look_fors in [
            *((e.id, e.look_fors) for _, e in framework.elements()),
            *((c.id, c.look_fors) for lv in LEVELS for _, c in framework.capacities_for_level(lv)),
        ]
        for rubric_level, text in look_fors.items()
        if len(text.split()) < 6
    ]
    assert thin == []
    assert all(len(e.evidence) >= 3 for _, e in framework.elements())
    assert all(len(c.evidence) >= 2 for lv in LEVELS for _, c in framework.capacities_for_level(lv))
