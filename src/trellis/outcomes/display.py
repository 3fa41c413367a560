"""Turning stored codes into what a page shows: labels, names, the 5×5 grid of a result.

Pure (no Django): codes follow CDE's files (levels 1 worst … 5 best, colors 1 Red … 5 Blue, 0 none).
"""

from __future__ import annotations

from dataclasses import dataclass

from trellis.outcomes.core.codes import (
    CHANGE_LABELS_ASCENDING,
    CHANGE_NAMES,
    COLOR_NAMES,
    GRID_COLUMNS,
    INDICATOR_NAMES,
    STATUS_LABELS,
    STATUS_NAMES,
)
from trellis.outcomes.core.rules import ANY_VARIANT, Bands, YearRules, indicator_rules

# One letter per color, shown in every swatch so that color is never the only signal.
COLOR_LETTERS = {0: "–", 1: "R", 2: "O", 3: "Y", 4: "G", 5: "B"}
COLOR_CLASSES = {0: "none", 1: "red", 2: "orange", 3: "yellow", 4: "green", 5: "blue"}
# Indicators measured in points (distance from standard); the others are percentages.
POINT_INDICATORS = frozenset({"ela", "math", "science"})


def status_label(indicator: str, level: int | None) -> str:
    """'VL' … 'VH' (of the measured value) for a status level code; '' for none."""
    if not level:
        return ""
    higher = indicator_rules(indicator).higher_is_better
    return STATUS_LABELS[level - 1] if higher else STATUS_LABELS[5 - level]


def change_label(indicator: str, level: int | None) -> str:
    if not level:
        return ""
    higher = indicator_rules(indicator).higher_is_better
    return CHANGE_LABELS_ASCENDING[level - 1] if higher else CHANGE_LABELS_ASCENDING[5 - level]


def color_name(code: int | None) -> str:
    return COLOR_NAMES.get(code or 0, "No Color")


def unit(indicator: str) -> str:
    return "points" if indicator in POINT_INDICATORS else "%"


@dataclass(frozen=True)
class Band:
    label: str
    name: str
    low: float | None
    high: float | None
    current: bool


@dataclass(frozen=True)
class GridCell:
    color: int
    name: str
    css: str
    letter: str
    current: bool


@dataclass(frozen=True)
class GridRow:
    label: str
    name: str
    cells: list[GridCell]
    current: bool


@dataclass(frozen=True)
class Explanation:
    indicator: str
    indicator_name: str
    year: int
    mode: str
    variant: str
    status_bands: list[Band]
    change_bands: list[Band]
    columns: list[tuple[str, str]]
    grid: list[GridRow]
    verified_status: bool
    verified_change: bool
    verified_grid: bool
    verified_year: bool
    sources: list[str]
    note: str
    folded: bool = False


def _variant(yr: YearRules, cutset: str) -> str:
    names = yr.variants
    if not names:
        return ANY_VARIANT
    return cutset if cutset in names else names[0]


def _bands(bands: Bands | None, current: str, names: dict[str, str]) -> list[Band]:
    if bands is None:
        return []
    return [
        Band(label, names[label], bands.bounds[label][0], bands.bounds[label][1], label == current)
        for label in reversed(bands.labels)
    ]


def explain(indicator: str, year: int, cutset: str, status: str, change: str, box: int | None = None) -> Explanation:
    """The tables that put a result in its box: status bands, change bands and the 5×5 grid.

    `status` and `change` are labels ('VL'…'VH', 'DS'…'IS'); the grid's rows run Very High to Very
    Low, its columns Increased Significantly to Declined Significantly, as on CDE's pages. When the
    row has a box number, the grid cell comes from it (box = 10 × (5 × row + column + 1)): for small
    groups the 3×5 grid folds the significant changes into the plain ones, so the box's column can
    differ from the change label.
    """
    grid_status, grid_change = status, change
    folded = False
    if box:
        row_index, column_index = divmod(box // 10 - 1, 5)
        grid_status, grid_change = STATUS_LABELS[row_index], GRID_COLUMNS[column_index]
        folded = grid_change != change
    rules = indicator_rules(indicator)
    yr = rules.year(year)
    variant = _variant(yr, cutset)
    status_bands = yr.status_for(variant)
    change_bands = yr.change_for(variant)
    grid = yr.grid_for(variant)
    rows: list[GridRow] = []
    if grid is not None:
        for i in reversed(range(5)):
            label = STATUS_LABELS[i]
            cells = []
            for j, column in enumerate(GRID_COLUMNS):
                code = int(grid.codes[i, j])
                cells.append(
                    GridCell(
                        code,
                        color_name(code) if code else "N/A",
                        COLOR_CLASSES[code],
                        COLOR_LETTERS[code],
                        label == grid_status and column == grid_change,
                    )
                )
            rows.append(GridRow(label, STATUS_NAMES[label], cells, label == grid_status))
    sources = [t.source for t in (status_bands, change_bands, grid) if t is not None and t.source]
    return Explanation(
        indicator=indicator,
        indicator_name=INDICATOR_NAMES[indicator],
        year=year,
        mode=yr.mode,
        variant="" if variant == ANY_VARIANT else variant,
        status_bands=_bands(status_bands, status, STATUS_NAMES),
        change_bands=_bands(change_bands, change, CHANGE_NAMES),
        columns=[(c, CHANGE_NAMES[c]) for c in GRID_COLUMNS],
        grid=rows,
        verified_status=status_bands.verified if status_bands else True,
        verified_change=change_bands.verified if change_bands else True,
        verified_grid=grid.verified if grid else True,
        verified_year=yr.verified,
        sources=sources,
        note=yr.note,
        folded=folded,
    )
