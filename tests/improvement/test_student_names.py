"""Notes must not name students: the obvious patterns are caught."""

from __future__ import annotations

from trellis.improvement.core.names import find_student_names, given_names, name_warning


def test_it_catches_a_common_given_name() -> None:
    found = find_student_names("In the interview Maria said the homework was confusing.")
    assert [f.word for f in found] == ["Maria"]


def test_it_catches_a_name_after_named_or_called() -> None:
    found = find_student_names("A boy named Tobiah and a girl who is called Zuri said the same.")
    assert [f.word for f in found] == ["Tobiah", "Zuri"]


def test_it_lets_descriptions_by_grade_or_letter_through() -> None:
    text = "Student A (7th grade) said she reads her grades in March. Student B agreed. May we ask again in June?"
    assert find_student_names(text) == []
    assert name_warning(text) is None


def test_it_ignores_lower_case_words_that_are_names_elsewhere() -> None:
    assert find_student_names("the angel costume and a rosa bush") == []


def test_the_warning_says_what_to_do() -> None:
    warning = name_warning("Jose never brings a pencil.")
    assert warning is not None
    assert "'Jose'" in warning and "Student A" in warning


def test_the_name_list_leaves_out_ordinary_words() -> None:
    names = given_names()
    assert {"maria", "jose", "nguyen"} & names == {"maria", "jose"}
    assert not {"may", "june", "grace", "will", "hope", "april"} & names
