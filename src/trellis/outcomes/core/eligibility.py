"""Differentiated assistance (LCFF Level 2) per LEA and year, with its reasons.

The rule, every year 2017–2025: "the same student group must meet the criteria in two different
State
Priority Areas" (leaproposedcrit.asp). What meets a priority area changes by year and is read from
`rules/da.yaml`; a local indicator "Not Met for Two or More Years" counts for every student group of
its LEA (2019-20 note: "all student groups are deemed as not meeting that local indicator"), which
also covers the 2023+ routes "local indicators in two priorities" and "one group priority plus a
different local priority". Charters follow the year's charter rule (two consecutive years, or not
considered). Everything is computed with Polars over all LEAs at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from trellis.outcomes.core.classify import classify
from trellis.outcomes.core.codes import COLOR_CODES, COLOR_NAMES, STATUS_LABELS
from trellis.outcomes.core.rules import da_rules, indicator_rules

Source = Literal["auto", "published", "computed"]


@dataclass(frozen=True)
class Hit:
    """One trigger firing for one student group: e.g. Red in ELA and Orange in Mathematics
    (Priority 4)."""

    priority: int
    indicators: tuple[str, ...]
    values: tuple[str, ...]  # color names, or status labels written "Very Low status"


@dataclass
class LeaResult:
    cds: str
    name: str
    kind: str  # district, coe or charter
    considered: bool
    eligible: bool | None  # None: cannot be decided (a charter without its prior year)
    met_this_year: bool
    groups: dict[str, list[Hit]] = field(default_factory=dict)
    local_priorities: tuple[int, ...] = ()
    notes: list[str] = field(default_factory=list)


def year_rules(year: int) -> dict[str, Any]:
    years: dict[int, Any] = da_rules()["years"]
    if year not in years:
        raise KeyError(f"no differentiated-assistance rules for {year}; known: {sorted(years)}")
    rules: dict[str, Any] = years[year]
    return rules


def _status_label(indicator: str) -> pl.Expr:
    """Status level code → label (VL…VH); the code runs the other way for 'higher is worse'
    indicators."""
    higher = indicator_rules(indicator).higher_is_better
    labels = list(STATUS_LABELS) if higher else list(reversed(STATUS_LABELS))
    return pl.col("level").replace_strict(
        {i + 1: lab for i, lab in enumerate(labels)}, default=None, return_dtype=pl.String
    )


def lea_rows(frames: Mapping[str, pl.DataFrame], year: int, source: Source = "auto") -> pl.DataFrame:
    """One long frame of LEA-level results: cds, name, kind, studentgroup, indicator, color,
    status."""
    parts = []
    for indicator, frame in frames.items():
        if "color_calc" not in frame.columns:
            frame = classify(frame, indicator, year)
        lea = frame.filter(
            pl.col("rtype").is_in(["D", "L"]) | ((pl.col("rtype") == "S") & pl.col("charter_flag").fill_null(False))
        )

        def pick(name: str) -> pl.Expr:
            if source == "computed":
                return pl.col(f"{name}_calc")
            if source == "published":
                return pl.col(name)
            return pl.coalesce(name, f"{name}_calc")

        parts.append(
            lea.select(
                "cds",
                pl.when(pl.col("rtype") == "S")
                .then(pl.col("schoolname"))
                .otherwise(pl.col("districtname"))
                .alias("name"),
                pl.when(pl.col("rtype") == "S")
                .then(pl.lit("charter"))
                .when(pl.col("coe_flag").fill_null(False))
                .then(pl.lit("coe"))
                .otherwise(pl.lit("district"))
                .alias("kind"),
                "studentgroup",
                pl.lit(indicator).alias("indicator"),
                pick("color").fill_null(0).alias("color"),
                pick("statuslevel").fill_null(0).alias("level"),
            )
            .with_columns(_status_label(indicator).alias("status"))
            .drop("level")
        )
    if not parts:
        return pl.DataFrame(
            schema={
                "cds": pl.String,
                "name": pl.String,
                "kind": pl.String,
                "studentgroup": pl.String,
                "indicator": pl.String,
                "color": pl.Int16,
                "status": pl.String,
            }
        )
    return pl.concat(parts, how="vertical_relaxed")


def _value_filter(trigger: dict[str, Any], column_suffix: str = "") -> tuple[str, list[Any]]:
    if "colors" in trigger:
        return "color" + column_suffix, [COLOR_CODES[c] for c in trigger["colors"]]
    return "status" + column_suffix, list(trigger["status"])


def _hits(rows: pl.DataFrame, rules: dict[str, Any], groups: list[str]) -> pl.DataFrame:
    """(cds, studentgroup, priority, indicators, values) for every trigger that fires."""
    out = []
    eligible_groups = rows.filter(pl.col("studentgroup").is_in(groups))
    for priority, triggers in rules["triggers"].items():
        for trigger in triggers:
            scope = eligible_groups
            if "groups" in trigger:
                scope = scope.filter(pl.col("studentgroup").is_in(trigger["groups"]))
            if "exclude_groups" in trigger:
                scope = scope.filter(~pl.col("studentgroup").is_in(trigger["exclude_groups"]))
            if "single" in trigger:
                column, values = _value_filter(trigger)
                fired = scope.filter((pl.col("indicator") == trigger["single"]) & pl.col(column).is_in(values))
                out.append(
                    fired.select(
                        "cds",
                        "studentgroup",
                        pl.lit(int(priority)).alias("priority"),
                        pl.concat_list(pl.col("indicator")).alias("indicators"),
                        pl.concat_list(_render_value(column)).alias("values"),
                    )
                )
            else:
                first, second = trigger["pair"]
                column = "color" if "colors" in trigger else "status"
                combos = trigger.get("colors") or trigger["status"]
                a = scope.filter(pl.col("indicator") == first).select("cds", "studentgroup", pl.col(column).alias("a"))
                b = scope.filter(pl.col("indicator") == second).select("cds", "studentgroup", pl.col(column).alias("b"))
                joined = a.join(b, on=["cds", "studentgroup"])
                match = pl.lit(False)
                for x, y in combos:
                    vx = COLOR_CODES[x] if column == "color" else x
                    vy = COLOR_CODES[y] if column == "color" else y
                    match = match | ((pl.col("a") == vx) & (pl.col("b") == vy))
                fired = joined.filter(match)
                out.append(
                    fired.select(
                        "cds",
                        "studentgroup",
                        pl.lit(int(priority)).alias("priority"),
                        pl.concat_list(pl.lit(first), pl.lit(second)).alias("indicators"),
                        pl.concat_list(_render_value(column, "a"), _render_value(column, "b")).alias("values"),
                    )
                )
    if not out:
        return pl.DataFrame(
            schema={
                "cds": pl.String,
                "studentgroup": pl.String,
                "priority": pl.Int64,
                "indicators": pl.List(pl.String),
                "values": pl.List(pl.String),
            }
        )
    return pl.concat(out, how="vertical_relaxed")


def _render_value(column: str, name: str | None = None) -> pl.Expr:
    col = pl.col(name or column)
    if column == "color":
        return col.replace_strict({k: v for k, v in COLOR_NAMES.items()}, default="No Color", return_dtype=pl.String)
    from trellis.outcomes.core.codes import STATUS_NAMES

    return col.replace_strict(STATUS_NAMES, default="", return_dtype=pl.String) + pl.lit(" status")


def determine(
    year: int,
    frames: Mapping[str, pl.DataFrame],
    *,
    local_not_met: pl.DataFrame | None = None,
    prior_met: Mapping[str, bool] | None = None,
    calpads_late: Iterable[str] = (),
    source: Source = "auto",
) -> list[LeaResult]:
    """Differentiated-assistance eligibility of every LEA found in `frames` (indicator → parsed
    frame).

    local_not_met: rows (cds, priority) of local indicators "Not Met for Two or More Years".
    prior_met: cds → whether the LEA met the criteria the year before (needed for charters).
    calpads_late: districts and COEs that did not submit CALPADS data on time (2024+ route).
    """
    rules = year_rules(year)
    groups = list(da_rules()["groups"]) + list(rules.get("groups_extra", []))
    rows = lea_rows(frames, year, source)
    hits = _hits(rows, rules, groups)
    leas = rows.select("cds", "name", "kind").unique("cds", keep="first").sort("cds")

    local_allowed = set(rules.get("local_priorities", []))
    coe_only = set(da_rules().get("coe_only_priorities", []))
    local: dict[str, set[int]] = {}
    if local_not_met is not None and local_allowed:
        for cds, priority in local_not_met.select("cds", "priority").iter_rows():
            local.setdefault(str(cds), set()).add(int(priority))

    by_lea: dict[str, dict[str, list[Hit]]] = {}
    for cds, group, priority, indicators, values in hits.sort("cds", "studentgroup", "priority").iter_rows():
        by_lea.setdefault(cds, {}).setdefault(group, []).append(Hit(int(priority), tuple(indicators), tuple(values)))

    late = set(calpads_late) if rules.get("calpads_route") else set()
    charter_rule = rules.get("charters", "not_considered")
    results = []
    for cds, name, kind in leas.iter_rows():
        lea_local = {p for p in local.get(cds, set()) & local_allowed if kind == "coe" or p not in coe_only}
        qualifying = {
            group: group_hits
            for group, group_hits in by_lea.get(cds, {}).items()
            if len({h.priority for h in group_hits} | lea_local) >= 2
        }
        met = bool(qualifying) or len(lea_local) >= 2
        notes: list[str] = []
        if cds in late and kind != "charter":
            met = True
            notes.append("Did not submit CALPADS data on time")
        considered = kind != "charter" or charter_rule != "not_considered"
        eligible: bool | None = met if considered else False
        if kind == "charter" and charter_rule == "not_considered":
            notes.append(f"Charter schools were not considered for differentiated assistance in {year}")
        elif kind == "charter" and charter_rule == "two_consecutive_years":
            if prior_met is None:
                eligible = None if met else False
                if met:
                    notes.append("Charter: needs the prior year's result (two consecutive years)")
            else:
                eligible = met and bool(prior_met.get(cds, False))
                if met and not eligible:
                    notes.append("Charter: criteria met this year but not the year before")
        results.append(
            LeaResult(
                cds,
                name or "",
                kind,
                considered,
                eligible,
                met,
                qualifying,
                tuple(sorted(lea_local)),
                notes,
            )
        )
    return results
