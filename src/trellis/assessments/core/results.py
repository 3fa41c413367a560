"""Results of a submitted self-assessment: the heatmap, capacities by role, change over time.

All functions take plain mappings of item ID → consensus rank (1–5) and the framework, so the
pages, the exports and the tests share one computation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trellis.assessments.core.items import AssessmentItem
from trellis.framework.core.schema import Framework
from trellis.framework.core.versions import compare_across_versions


@dataclass(frozen=True)
class Cell:
    item_id: str
    title: str
    rank: int | None  # None: no consensus recorded (or not in scope)
    level_name: str  # the rubric level's name, "" when rank is None


@dataclass(frozen=True)
class HeatmapRow:
    group_id: str
    group_title: str
    cells: tuple[Cell, ...]


def level_names(framework: Framework, language: str = "en") -> dict[int, str]:
    """Rubric rank → level name, in English or Spanish."""
    if framework.rubric is None:
        return {}
    return {lv.rank: (lv.name.es if language == "es" else lv.name.en) for lv in framework.rubric.levels}


def _cell(item: AssessmentItem, ranks: Mapping[str, int], names: Mapping[int, str]) -> Cell:
    rank = ranks.get(item.id)
    return Cell(item.id, item.title, rank, names.get(rank, "") if rank is not None else "")


def grouped(
    items: Sequence[AssessmentItem], ranks: Mapping[str, int], names: Mapping[int, str], kind: str
) -> list[HeatmapRow]:
    """Rows of cells, one row per condition (kind='element') or role (kind='capacity')."""
    rows: dict[str, tuple[str, list[Cell]]] = {}
    for item in items:
        if item.kind != kind:
            continue
        rows.setdefault(item.group_id, (item.group_title, []))[1].append(_cell(item, ranks, names))
    return [HeatmapRow(group_id, title, tuple(cells)) for group_id, (title, cells) in rows.items()]


def heatmap(items: Sequence[AssessmentItem], ranks: Mapping[str, int], names: Mapping[int, str]) -> list[HeatmapRow]:
    """Conditions × elements: one row per condition, its elements as cells, in framework order."""
    return grouped(items, ranks, names, "element")


def capacities_by_role(
    items: Sequence[AssessmentItem], ranks: Mapping[str, int], names: Mapping[int, str]
) -> list[HeatmapRow]:
    return grouped(items, ranks, names, "capacity")


@dataclass(frozen=True)
class Change:
    item_id: str
    previous_ids: tuple[str, ...]  # the IDs the earlier assessment used (more than one: merged)
    previous: tuple[int, ...]
    current: int | None

    @property
    def delta(self) -> int | None:
        """Levels gained (negative: lost); None when not comparable one-to-one."""
        if self.current is None or len(self.previous) != 1:
            return None
        return self.current - self.previous[0]


@dataclass(frozen=True)
class ChangeReport:
    changes: list[Change]
    retired: dict[str, int]  # earlier IDs the framework retired, with their earlier ranks


def change_since(
    previous: Mapping[str, int], current: Mapping[str, int], mapping: Mapping[str, str | None]
) -> ChangeReport:
    """Line up an earlier assessment with this one through the framework's explicit ID map.

    `mapping` is `FrameworkRegistry.id_map(slug, earlier_version, this_version)`, restricted or
    not to the earlier assessment's items. Merged IDs keep their earlier ranks side by side (no
    delta is computed for them); IDs only in the current assessment have no earlier rank.
    """
    compared = compare_across_versions(previous, current, mapping)
    changes = [Change(p.id, p.previous_ids, p.previous, p.current) for p in compared.pairs if p.id in current]
    return ChangeReport(changes, dict(compared.retired))
