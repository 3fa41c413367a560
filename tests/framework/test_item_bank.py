"""The staff survey item bank covers every element at every level, in English and Spanish."""

from __future__ import annotations

from collections import Counter

import pytest

from trellis.framework.core import Framework, load_framework

LEVELS = ["school", "district", "coe", "state"]


@pytest.fixture(scope="module")
def bank() -> Framework:
    return load_framework("capacity-survey", "1.0.0")


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("capacity-framework", "1.0.0")


def test_it_measures_the_framework_version_it_names(bank: Framework) -> None:
    assert bank.kind == "survey"
    assert bank.measures is not None
    assert (bank.measures.framework, bank.measures.version) == ("capacity-framework", "1.0.0")


def test_it_has_two_to_four_items_for_every_element_and_level(bank: Framework, framework: Framework) -> None:
    counts = Counter((item.element, item.level) for item in bank.items)
    for _, element in framework.elements():
        for level in LEVELS:
            assert 2 <= counts[(element.id, level)] <= 4, (element.id, level)
    assert set(counts) == {(e.id, lv) for _, e in framework.elements() for lv in LEVELS}
    assert len(bank.items) == 216  # three per element and level in 1.0.0


def test_it_gives_regional_leads_the_county_office_items(bank: Framework) -> None:
    assert bank.items_for(level_id="regional-lead") == bank.items_for(level_id="coe")
    assert len(bank.items_for(level_id="coe")) == 54


def test_every_item_is_a_question_in_english_and_spanish(bank: Framework) -> None:
    for item in bank.items:
        assert item.text.en.endswith("?"), item.id
        assert "¿" in item.text.es, item.id
        assert item.text.es.endswith("?"), item.id
        assert item.text.en != item.text.es, item.id


def test_every_item_has_five_labelled_options_in_both_languages(bank: Framework) -> None:
    for item in bank.items:
        options = bank.scale(item.scale).options
        assert [o.value for o in options] == [1, 2, 3, 4, 5], item.id
        assert all(o.label.en.strip() and o.label.es.strip() for o in options), item.id
        assert len({o.label.en for o in options}) == 5, item.id
        assert len({o.label.es for o in options}) == 5, item.id


def test_it_uses_construct_specific_options_not_agreement(bank: Framework) -> None:
    labels = [o.label.en.casefold() for s in bank.response_scales for o in s.options]
    assert not any("agree" in label for label in labels)
    used = Counter(item.scale for item in bank.items)
    assert len(used) >= 6  # several constructs, no single scale everywhere
    assert max(used.values()) < len(bank.items) / 2


def test_item_ids_follow_element_level_number(bank: Framework) -> None:
    for item in bank.items:
        element, level, number = item.id.rsplit(".", 2)
        assert (element, level) == (item.element, item.level)
        assert number.isdigit()


def test_background_questions_are_optional_and_cover_every_level(bank: Framework) -> None:
    for level in [*LEVELS, "regional-lead"]:
        questions = bank.background_for(level)
        assert {q.id.split(".")[1] for q in questions} == {"role", "tenure"}, level
        for question in questions:
            assert question.options[-1].en == "Prefer not to say"
            assert question.options[-1].es == "Prefiero no responder"


def test_the_second_framework_loads_the_same_way() -> None:
    survey = load_framework("ci-current-state")
    assert survey.key == "ci-current-state@1.0.0"
    assert len(survey.items) == 15
    assert [c.id for c in survey.conditions] == ["why", "data", "testing", "team", "spread"]
    assert all(len(survey.items_for(element.id)) == 1 for _, element in survey.elements())
    for item in survey.items:
        assert len(survey.scale(item.scale).options) == 5
        assert item.text.es.startswith(("¿", "Cuando"))
        assert item.text.es.endswith("?")
