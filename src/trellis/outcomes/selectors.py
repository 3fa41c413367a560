"""Permission-scoped reads of Dashboard results and DA determinations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db.models import Count, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from trellis.accounts import policy
from trellis.orgs.models import Kind, Organization
from trellis.outcomes import display
from trellis.outcomes.core.codes import CHANGE_NAMES, INDICATOR_NAMES, INDICATORS, STATUS_NAMES, STUDENT_GROUPS
from trellis.outcomes.models import DaDetermination, IndicatorResult

DA_LIST_KINDS = (Kind.STATE, Kind.REGION, Kind.COE)


def results_of(org: Organization, year: int | None = None) -> QuerySet[IndicatorResult]:
    """An organization's own rows (a charter LEA's are its school's: the same CDS code)."""
    if not org.cds_code and org.kind != Kind.STATE:
        return IndicatorResult.objects.none()
    qs = IndicatorResult.objects.filter(cds=org.cds_code or "00000000000000")
    qs = qs.filter(rtype="S") if org.kind == Kind.SCHOOL or org.is_charter else qs.exclude(rtype="S")
    return qs.filter(year=year) if year is not None else qs


def years_of(org: Organization) -> list[int]:
    return sorted(set(results_of(org).values_list("year", flat=True)), reverse=True)


def chosen_year(requested: str | None, years: list[int]) -> int | None:
    if requested and requested.isdigit() and int(requested) in years:
        return int(requested)
    return years[0] if years else None


@dataclass
class Cell:
    pk: int
    indicator: str
    color: int
    color_name: str
    css: str
    letter: str
    status: float | None
    status_name: str
    change: float | None
    change_name: str
    n: float | None
    unit: str
    mismatch: str


def cell_of(row: IndicatorResult) -> Cell:
    color = row.color_shown
    status_level = row.statuslevel if row.statuslevel is not None else row.statuslevel_calc
    change_level = row.changelevel if row.changelevel is not None else row.changelevel_calc
    status = display.status_label(row.indicator, status_level)
    change = display.change_label(row.indicator, change_level)
    return Cell(
        pk=row.pk,
        indicator=row.indicator,
        color=color,
        color_name=display.color_name(color),
        css=display.COLOR_CLASSES[color],
        letter=display.COLOR_LETTERS[color],
        status=row.currstatus,
        status_name=STATUS_NAMES.get(status, "") if status else "",
        change=row.change,
        change_name=CHANGE_NAMES.get(change, "") if change else "",
        n=row.currdenom,
        unit=display.unit(row.indicator),
        mismatch=row.mismatch,
    )


@dataclass
class OutcomesTable:
    year: int
    indicators: list[tuple[str, str]]
    rows: list[tuple[str, str, list[Cell | None]]]
    gaps: list[dict[str, Any]] = field(default_factory=list)
    bright_spots: list[dict[str, Any]] = field(default_factory=list)


def outcomes_table(org: Organization, year: int) -> OutcomesTable:
    """Student groups × indicators for one year, with equity gaps and bright spots."""
    rows = list(results_of(org, year).order_by("indicator", "studentgroup", "type"))
    present = [i for i in INDICATORS if any(r.indicator == i for r in rows)]
    cells: dict[tuple[str, str], Cell] = {}
    for r in rows:
        cells.setdefault((r.studentgroup, r.indicator), cell_of(r))
    groups = [g for g in STUDENT_GROUPS if any(k[0] == g for k in cells)]
    table = OutcomesTable(
        year=year,
        indicators=[(i, INDICATOR_NAMES[i]) for i in present],
        rows=[(g, STUDENT_GROUPS[g], [cells.get((g, i)) for i in present]) for g in groups],
    )
    prior = list(results_of(org, year - 1))
    table.gaps, table.bright_spots = _equity(rows, prior, year)
    return table


def _frame(rows: list[IndicatorResult]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            (
                r.indicator,
                r.cds,
                r.rtype,
                r.studentgroup,
                r.currstatus,
                r.color,
                r.color_calc,
                r.changelevel,
                r.changelevel_calc,
            )
            for r in rows
        ],
        schema={
            "indicator": pl.String,
            "cds": pl.String,
            "rtype": pl.String,
            "studentgroup": pl.String,
            "currstatus": pl.Float64,
            "color": pl.Int16,
            "color_calc": pl.Int16,
            "changelevel": pl.Int16,
            "changelevel_calc": pl.Int16,
        },
        orient="row",
    )


def _equity(
    rows: list[IndicatorResult], prior: list[IndicatorResult], year: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gaps of two or more colors below All Students, and bright spots, from the core."""
    from trellis.outcomes.core.equity import bright_spots, gaps

    now, before = _frame(rows), _frame(prior)
    gap_rows: list[dict[str, Any]] = []
    spots: list[dict[str, Any]] = []
    for indicator in INDICATORS:
        part = now.filter(pl.col("indicator") == indicator)
        if part.is_empty():
            continue
        found = gaps(part, indicator, year).filter(pl.col("levels_below") >= 2)
        for g in found.sort("levels_below", "gap_worse", descending=True).iter_rows(named=True):
            gap_rows.append(
                {
                    "indicator": INDICATOR_NAMES[indicator],
                    "group": STUDENT_GROUPS.get(g["studentgroup"], g["studentgroup"]),
                    "status": g["currstatus"],
                    "all_status": g["all_status"],
                    "gap": g["gap"],
                    "levels_below": g["levels_below"],
                    "unit": display.unit(indicator),
                }
            )
        previous = before.filter(pl.col("indicator") == indicator)
        for s in bright_spots(part, previous if not previous.is_empty() else None, indicator, year).iter_rows(
            named=True
        ):
            spots.append(
                {
                    "indicator": INDICATOR_NAMES[indicator],
                    "group": STUDENT_GROUPS.get(s["studentgroup"], s["studentgroup"]),
                    "color_name": display.color_name(s["color"]),
                    "prior_color_name": display.color_name(s["prior_color"]) if s["prior_color"] else "",
                    "reason": s["reason"],
                }
            )
    return gap_rows, spots


def da_scope(user: Any, org: Organization, year: int | None) -> QuerySet[DaDetermination]:
    """The determinations of the LEAs under `org` (a county office: its districts, charters and
    itself; an LEA: its own) that `user` may see; every year when `year` is None."""
    qs = DaDetermination.objects.filter(organization__isnull=False)
    if year is not None:
        qs = qs.filter(year=year)
    if org.kind not in DA_LIST_KINDS:
        qs = qs.filter(organization=org)
    elif org.kind == Kind.COE:
        qs = qs.filter(Q(organization=org) | Q(organization__coe=org) | Q(organization__parent=org))
    elif org.kind == Kind.REGION:
        qs = qs.filter(Q(organization__region=org) | Q(organization__parent__region=org))
    return policy.filter_allowed(user, "outcomes.view", qs).select_related("organization")


def da_years() -> list[int]:
    return sorted(set(DaDetermination.objects.values_list("year", flat=True)), reverse=True)


def statewide_counts(year: int) -> dict[str, Any]:
    """DA counts by year and kind, and the distribution of All Students colors by indicator."""
    by_year = []
    for y in da_years():
        qs = DaDetermination.objects.filter(year=y)
        by_year.append(
            {
                "year": y,
                "leas": qs.count(),
                "eligible": qs.filter(eligible=True).count(),
                "districts": qs.filter(eligible=True, kind="district").count(),
                "coes": qs.filter(eligible=True, kind="coe").count(),
                "charters": qs.filter(eligible=True, kind="charter").count(),
                "undecided": qs.filter(eligible__isnull=True).count(),
            }
        )
    colors = (
        IndicatorResult.objects.filter(year=year, studentgroup="ALL", rtype__in=["S", "D"])
        .annotate(shown=Coalesce("color", "color_calc", Value(0), output_field=IntegerField()))
        .values("indicator", "rtype", "shown")
        .annotate(n=Count("id"))
    )
    table: dict[tuple[str, str], list[int]] = {}
    for row in colors:
        table.setdefault((row["indicator"], row["rtype"]), [0] * 6)[row["shown"]] += row["n"]
    distribution = [
        {
            "indicator": INDICATOR_NAMES[i],
            "level": "Schools" if rtype == "S" else "Districts and county offices",
            "counts": [table[(i, rtype)][c] for c in (1, 2, 3, 4, 5, 0)],
            "total": sum(table[(i, rtype)]),
        }
        for i in INDICATORS
        for rtype in ("D", "S")
        if (i, rtype) in table
    ]
    return {"by_year": by_year, "distribution": distribution}
