"""The spread of a team's independent ratings, per item, and the divergence rule.

Ratings are rubric ranks (1 = Exploration and Research … 5 = Full Implementation and
Sustainability). The team talks through every item; the items where two members' ratings are
two or more levels apart are flagged first, because a gap that wide means people see different
organizations, not a rounding difference (the issue's consensus rule; a protocol choice of this
project, not a published cut-off).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DIVERGENCE_LEVELS = 2  # ratings this many rubric levels apart (or more) are flagged for discussion


@dataclass(frozen=True)
class Spread:
    item_id: str
    ranks: tuple[int, ...]  # one per member who rated, in the order given
    low: int | None
    high: int | None
    median: float | None
    unanimous: bool  # at least one rating, and all the same

    @property
    def count(self) -> int:
        return len(self.ranks)

    @property
    def width(self) -> int:
        return 0 if self.low is None or self.high is None else self.high - self.low

    @property
    def divergent(self) -> bool:
        return self.width >= DIVERGENCE_LEVELS


def _median(sorted_ranks: Sequence[int]) -> float | None:
    n = len(sorted_ranks)
    if n == 0:
        return None
    middle = n // 2
    return float(sorted_ranks[middle]) if n % 2 else (sorted_ranks[middle - 1] + sorted_ranks[middle]) / 2


def spread(item_id: str, ranks: Sequence[int]) -> Spread:
    ordered = sorted(ranks)
    return Spread(
        item_id=item_id,
        ranks=tuple(ranks),
        low=ordered[0] if ordered else None,
        high=ordered[-1] if ordered else None,
        median=_median(ordered),
        unanimous=bool(ordered) and ordered[0] == ordered[-1],
    )


def spreads(item_ids: Sequence[str], ranks_by_item: Mapping[str, Sequence[int]]) -> list[Spread]:
    """One `Spread` per item, in the order of `item_ids` (items nobody rated have no ranks)."""
    return [spread(item_id, ranks_by_item.get(item_id, ())) for item_id in item_ids]
