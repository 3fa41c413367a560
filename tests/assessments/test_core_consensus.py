"""The spread per item and the two-level divergence rule (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trellis.assessments.core.consensus import DIVERGENCE_LEVELS, spread, spreads


def test_it_flags_ratings_two_levels_apart_but_not_one() -> None:
    assert spread("a", [3, 5]).divergent
    assert not spread("a", [3, 4, 4]).divergent
    assert spread("a", [1, 2, 3]).width == 2 and DIVERGENCE_LEVELS == 2


def test_medians_unanimity_and_empty_items() -> None:
    assert spread("a", [2, 4]).median == 3.0
    assert spread("a", [5, 1, 2]).median == 2.0
    assert spread("a", [3, 3]).unanimous and not spread("a", [3, 4]).unanimous
    empty = spread("a", [])
    assert (empty.count, empty.low, empty.median, empty.unanimous, empty.divergent) == (0, None, None, False, False)


def test_spreads_keep_item_order() -> None:
    result = spreads(["b", "a"], {"a": [1, 5]})
    assert [s.item_id for s in result] == ["b", "a"] and result[1].divergent and result[0].count == 0


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=12))
def test_divergent_means_some_pair_is_two_apart(ranks: list[int]) -> None:
    pairwise = any(abs(a - b) >= 2 for a in ranks for b in ranks)
    assert spread("x", ranks).divergent == pairwise
