"""Load the Dashboard rules shipped as YAML in `trellis/outcomes/rules/` and check their shape.

Bands are stored as inclusive bounds on the 0.1 grid CDE rounds to ("Rounded to the nearest 0.1
after
calculations", https://www.cde.ca.gov/ds/ad/fsjcccsdashboard.asp), so classification works on
integer
tenths and never compares floats.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import numpy as np
import yaml

from trellis.outcomes.core.codes import (
    CHANGE_LABELS_ASCENDING,
    COLOR_CODES,
    GRID_COLUMNS,
    INDICATORS,
    STATUS_LABELS,
)

Mode = Literal["color", "status_only", "no_dashboard", "not_reported"]
MODES: frozenset[str] = frozenset({"color", "status_only", "no_dashboard", "not_reported"})
ANY_VARIANT = "*"


class RulesError(ValueError):
    """The shipped rule files are inconsistent (a packaging bug, not a user error)."""


@dataclass(frozen=True)
class Bands:
    """Five contiguous value bands; `lowers` holds the lower bounds of bands 2..5, in tenths."""

    name: str
    labels: tuple[str, ...]
    lowers: np.ndarray
    bounds: dict[str, tuple[float | None, float | None]]
    verified: bool
    source: str

    def index(self, tenths: np.ndarray) -> np.ndarray:
        """Band index 0..4 (in `labels` order) of integer-tenth values."""
        return np.searchsorted(self.lowers, tenths, side="right")


@dataclass(frozen=True)
class Grid:
    """codes[status_index VL..VH, column IS..DS] -> color code (0 = N/A, gray)."""

    name: str
    codes: np.ndarray
    verified: bool
    source: str


@dataclass(frozen=True)
class SmallDenominator:
    threshold: int
    fold: bool
    verified: bool
    source: str


@dataclass(frozen=True)
class YearRules:
    indicator: str
    year: int
    mode: Mode
    status: dict[str, Bands]
    change: dict[str, Bands]
    grid: dict[str, Grid]
    verified: bool
    note: str = ""
    source: str = ""

    def status_for(self, variant: str) -> Bands | None:
        return self.status.get(variant) or self.status.get(ANY_VARIANT)

    def change_for(self, variant: str) -> Bands | None:
        return self.change.get(variant) or self.change.get(ANY_VARIANT)

    def grid_for(self, variant: str) -> Grid | None:
        return self.grid.get(variant) or self.grid.get(ANY_VARIANT)

    @property
    def variants(self) -> list[str]:
        return sorted(k for k in self.status if k != ANY_VARIANT)


@dataclass(frozen=True)
class IndicatorRules:
    indicator: str
    higher_is_better: bool
    priority: int
    variant_by: str | None
    small_denominator: SmallDenominator | None
    years: dict[int, YearRules] = field(default_factory=dict)

    def year(self, year: int) -> YearRules:
        try:
            return self.years[year]
        except KeyError:
            known = ", ".join(str(y) for y in sorted(self.years))
            raise KeyError(f"no {self.indicator} rules for {year}; known years: {known}") from None


@dataclass(frozen=True)
class NSize:
    default: int
    by_group: dict[str, tuple[int, int]]  # group -> (value, from_year)
    min_reported: int

    def for_group(self, group: str, year: int) -> int:
        value, from_year = self.by_group.get(group, (self.default, 0))
        return value if year >= from_year else self.default


def _read(name: str) -> Any:
    text = resources.files("trellis.outcomes").joinpath("rules", name).read_text("utf-8")
    return yaml.safe_load(text)


def _bands(name: str, spec: dict[str, Any], labels: tuple[str, ...]) -> Bands:
    raw = spec["bands"]
    if tuple(raw) != labels:
        raise RulesError(f"{name}: bands must be listed as {labels}, found {tuple(raw)}")
    bounds: dict[str, tuple[float | None, float | None]] = {k: (v[0], v[1]) for k, v in raw.items()}
    lowers = []
    for previous, current in itertools.pairwise(labels):
        upper = bounds[previous][1]
        lower = bounds[current][0]
        if upper is None or lower is None or round(upper * 10) + 1 != round(lower * 10):
            raise RulesError(f"{name}: band {previous} must end 0.1 below where {current} starts")
        lowers.append(round(lower * 10))
    if bounds[labels[0]][0] is not None or bounds[labels[-1]][1] is not None:
        raise RulesError(f"{name}: the outer bands must be open-ended")
    return Bands(
        name,
        labels,
        np.array(lowers, dtype=np.int64),
        bounds,
        bool(spec["verified"]),
        str(spec.get("source", "")),
    )


def _grid(name: str, spec: dict[str, Any]) -> Grid:
    rows = spec["rows"]
    if set(rows) != set(STATUS_LABELS):
        raise RulesError(f"{name}: grid rows must be {STATUS_LABELS}")
    codes = np.zeros((5, 5), dtype=np.int8)
    for i, label in enumerate(STATUS_LABELS):
        cells = rows[label]
        if len(cells) != len(GRID_COLUMNS):
            raise RulesError(f"{name}: row {label} needs {len(GRID_COLUMNS)} cells")
        codes[i] = [COLOR_CODES[c] for c in cells]
    return Grid(name, codes, bool(spec["verified"]), str(spec.get("source", "")))


def _by_variant(value: Any, tables: dict[str, Any], kind: str) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {ANY_VARIANT: tables[value]}
    return {str(k): tables[v] for k, v in value.items()}


@cache
def indicator_rules(indicator: str) -> IndicatorRules:
    """The parsed and checked rules of one indicator (cached)."""
    if indicator not in INDICATORS:
        raise KeyError(f"unknown indicator {indicator!r}; choose one of {', '.join(INDICATORS)}")
    doc = _read(f"{indicator}.yaml")
    tables = doc["tables"]
    status = {n: _bands(n, s, STATUS_LABELS) for n, s in tables["status"].items()}
    change = {n: _bands(n, s, CHANGE_LABELS_ASCENDING) for n, s in tables.get("change", {}).items()}
    grids = {n: _grid(n, s) for n, s in tables.get("grid", {}).items()}
    small = doc.get("small_denominator")
    rules = IndicatorRules(
        indicator=indicator,
        higher_is_better=bool(doc["higher_is_better"]),
        priority=int(doc["priority"]),
        variant_by=doc.get("variant_by"),
        small_denominator=SmallDenominator(
            int(small["threshold"]),
            bool(small.get("fold", True)),
            bool(small["verified"]),
            str(small["source"]),
        )
        if small
        else None,
    )
    for year, spec in doc["years"].items():
        mode = spec["mode"]
        if mode not in MODES:
            raise RulesError(f"{indicator} {year}: unknown mode {mode!r}")
        yr = YearRules(
            indicator=indicator,
            year=int(year),
            mode=mode,
            status=_by_variant(spec.get("status"), status, "status"),
            change=_by_variant(spec.get("change"), change, "change"),
            grid=_by_variant(spec.get("grid"), grids, "grid"),
            verified=bool(spec["verified"]),
            note=str(spec.get("note", "")),
            source=str(spec.get("source", "")),
        )
        if mode in ("color", "status_only") and not yr.status:
            raise RulesError(f"{indicator} {year}: mode {mode} needs status tables")
        if mode == "color" and not (yr.change and yr.grid):
            raise RulesError(f"{indicator} {year}: mode color needs change tables and a grid")
        rules.years[int(year)] = yr
    return rules


@cache
def nsize_rules() -> NSize:
    doc = _read("common.yaml")
    by_group = {g: (int(s["value"]), int(s.get("from_year", 0))) for g, s in doc["nsize"]["by_group"].items()}
    return NSize(
        int(doc["nsize"]["default"]["value"]),
        by_group,
        int(doc["min_reported_denominator"]["value"]),
    )


@cache
def da_rules() -> dict[str, Any]:
    doc: dict[str, Any] = _read("da.yaml")
    return doc


@cache
def essa_rules() -> dict[str, Any]:
    doc: dict[str, Any] = _read("essa.yaml")
    return doc


def unverified_items() -> list[str]:
    """Every table and year entry marked `verified: false`, for the docs and the CLI."""
    items = []
    for indicator in INDICATORS:
        rules = indicator_rules(indicator)
        seen: set[str] = set()
        for yr in rules.years.values():
            tables: list[Bands | Grid] = [
                *yr.status.values(),
                *yr.change.values(),
                *yr.grid.values(),
            ]
            for table in tables:
                if not table.verified and table.name not in seen:
                    seen.add(table.name)
                    items.append(f"{indicator}: table {table.name}")
            if not yr.verified:
                items.append(f"{indicator}: year {yr.year}")
    return items
