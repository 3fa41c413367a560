"""Heatmap rows and change across versions (pure, with the framework fixtures)."""

from __future__ import annotations

from pathlib import Path

from trellis.assessments.core.items import assessment_items
from trellis.assessments.core.results import change_since, heatmap, level_names
from trellis.framework.core import FrameworkRegistry, load_framework

FRAMEWORK = load_framework("capacity-framework", "1.0.0")
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "framework" / "registry"


def test_the_heatmap_has_a_row_per_condition_and_a_cell_per_element() -> None:
    items = assessment_items(FRAMEWORK, "district", "both")
    rows = heatmap(items, {"trust.psychological-safety": 2}, level_names(FRAMEWORK))
    assert [r.group_id for r in rows] == ["purpose", "trust", "collaboration", "preparation"]
    assert [len(r.cells) for r in rows] == [5, 5, 5, 3]
    cell = next(c for c in rows[1].cells if c.item_id == "trust.psychological-safety")
    assert (cell.rank, cell.level_name) == (2, "Beginning Development")
    assert rows[0].cells[0].rank is None and rows[0].cells[0].level_name == ""


def test_spanish_level_names() -> None:
    assert level_names(FRAMEWORK, "es")[2] == "Desarrollo incipiente"


def test_change_follows_renames_merges_and_retirements_of_the_mini_fixture() -> None:
    registry = FrameworkRegistry(MINI)
    old, new = registry.versions("mini")[0], registry.versions("mini")[-1]
    mapping = registry.id_map("mini", old, new)
    renamed = {k: v for k, v in mapping.items() if v is not None and v != k}
    retired = [k for k, v in mapping.items() if v is None]
    assert renamed and retired
    old_id, new_id = next(iter(renamed.items()))
    report = change_since({old_id: 2, retired[0]: 4}, {new_id: 3}, mapping)
    change = next(c for c in report.changes if c.item_id == new_id)
    assert (change.previous_ids, change.previous, change.current, change.delta) == ((old_id,), (2,), 3, 1)
    assert report.retired == {retired[0]: 4}


def test_merged_ids_get_no_delta() -> None:
    report = change_since({"a": 2, "b": 4}, {"c": 3}, {"a": "c", "b": "c"})
    assert report.changes[0].previous == (2, 4) and report.changes[0].delta is None
