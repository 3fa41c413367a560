"""Text search for the browse pages ignores case and accents."""

from __future__ import annotations

import pytest

from trellis.framework.core import Framework, load_framework, search
from trellis.framework.core.search import fold


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("capacity-framework")


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Propósito ÉQUIDAD") == "proposito equidad"


def test_it_finds_an_element_by_title_in_any_case(framework: Framework) -> None:
    hits = search(framework, "PSYCHOLOGICAL safety")
    assert hits[0].id == "trust.psychological-safety"
    assert hits[0].kind == "element"
    assert hits[0].field == "title"


def test_it_requires_every_word(framework: Framework) -> None:
    ids = {hit.id for hit in search(framework, "bargaining")}
    assert ids == {"collaboration.protected-time"}
    assert search(framework, "bargaining zebra") == []


def test_it_searches_look_fors_and_evidence(framework: Framework) -> None:
    hits = search(framework, "fishbone")
    assert {hit.kind for hit in hits} >= {"capacity"}
    assert all(hit.field in {"evidence", "title"} or hit.field.startswith("look_fors") for hit in hits)
    assert "fishbone" in hits[0].snippet.casefold()


def test_it_finds_spanish_items_without_accents() -> None:
    bank = load_framework("capacity-survey")
    hits = search(bank, "proposito escuela")
    assert "purpose.student-centered.school.1" in {hit.id for hit in hits}
    assert all(hit.kind == "item" for hit in hits)


def test_title_matches_come_first(framework: Framework) -> None:
    hits = search(framework, "trust")
    first_non_title = next(i for i, hit in enumerate(hits) if hit.field != "title")
    assert all(hit.field == "title" for hit in hits[:first_non_title])
    assert all(hit.field != "title" for hit in hits[first_non_title:])


def test_an_empty_query_finds_nothing(framework: Framework) -> None:
    assert search(framework, "   ") == []
