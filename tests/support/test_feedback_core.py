"""Feedback on support: privacy threshold, per-provider aggregation, terms."""

from __future__ import annotations

from datetime import date

import pytest

from trellis.support.core.feedback import (
    FeedbackRow,
    aggregate_by_provider,
    rated_focus_by_provider,
    term_of,
    validate_answers,
)
from trellis.support.core.matching import Focus

ALL5 = {"progress": 5, "responsive": 5, "capacity": 5, "trust": 5, "worth": 5}


def rows(provider: int, n: int, answers: dict[str, int], recipients: int = 2) -> list[FeedbackRow]:
    return [FeedbackRow(provider, 100 + i % recipients, answers) for i in range(n)]


def test_it_suppresses_a_provider_below_k_respondents() -> None:
    result = aggregate_by_provider(rows(1, 4, ALL5), k=5)[1]
    assert result.suppressed and result.item_means == {} and result.overall is None
    assert result.respondents == 4


def test_it_reports_means_at_k_respondents() -> None:
    data = rows(1, 3, ALL5) + rows(1, 2, {"progress": 2, "responsive": 3, "capacity": 3, "trust": 4, "worth": 3})
    result = aggregate_by_provider(data, k=5)[1]
    assert not result.suppressed
    assert result.item_means["progress"] == pytest.approx((5 * 3 + 2 * 2) / 5)
    # each person counts once: (5, 5, 5, 3, 3) -> 4.2
    assert result.overall == 4.2
    assert result.recipients == 2


def test_it_leaves_out_an_item_too_few_answered() -> None:
    data = rows(1, 5, {"progress": 4}) + rows(1, 2, {"progress": 4, "trust": 1})
    result = aggregate_by_provider(data, k=5)[1]
    assert set(result.item_means) == {"progress"}


def test_it_keeps_providers_apart() -> None:
    result = aggregate_by_provider(rows(1, 5, ALL5) + rows(2, 1, ALL5), k=5)
    assert not result[1].suppressed and result[2].suppressed


def test_it_rates_each_focus_with_enough_respondents() -> None:
    family = ("family engagement", Focus(elements=frozenset({"collaboration.stakeholder-engagement"})))
    swd = ("Students with Disabilities", Focus(student_groups=frozenset({"SWD"})))
    data = [FeedbackRow(1, 100 + i % 3, ALL5, (family,)) for i in range(5)] + [FeedbackRow(1, 200, ALL5, (swd,))]
    [rated] = rated_focus_by_provider(data, k=5)[1]
    assert (rated.label, rated.mean, rated.recipients, rated.respondents) == ("family engagement", 5.0, 3, 5)


def test_terms_follow_the_school_year() -> None:
    assert term_of(date(2025, 8, 20)) == "2025-26 fall"
    assert term_of(date(2026, 3, 1)) == "2025-26 spring"
    assert term_of(date(2099, 12, 31)) == "2099-00 fall"


def test_it_refuses_answers_off_the_scale_or_unknown() -> None:
    with pytest.raises(ValueError, match="1–5"):
        validate_answers({"progress": 6})
    with pytest.raises(ValueError, match="unknown"):
        validate_answers({"mood": 3})
    with pytest.raises(ValueError, match="at least one"):
        validate_answers({})
