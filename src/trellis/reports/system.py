"""The state's "System of Support" view: capacity by level over time beside outcomes (DA counts and
movements), coverage of eligible LEAs by engagements, support quality by provider, and a county map.

Every panel is a handful of aggregate queries (no per-LEA loops over the database), so the view for
the whole demo state computes in well under a second (bench/bench_state_view.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Q

from trellis.lib.camap import Choropleth, choropleth
from trellis.orgs.models import Kind, Organization

INDICATORS = {
    "eligible": "Share of LEAs eligible for differentiated assistance (%)",
    "coverage": "Share of eligible LEAs with a support engagement (%)",
}


@dataclass
class SystemView:
    year: int | None
    da_by_year: list[dict[str, Any]] = field(default_factory=list)
    colors_by_year: list[dict[str, Any]] = field(default_factory=list)
    capacity: list[dict[str, Any]] = field(default_factory=list)
    covered: list[Organization] = field(default_factory=list)
    uncovered: list[Organization] = field(default_factory=list)
    quality: list[dict[str, Any]] = field(default_factory=list)
    indicator: str = "eligible"
    map: Choropleth | None = None

    @property
    def coverage_rate(self) -> float | None:
        total = len(self.covered) + len(self.uncovered)
        return 100.0 * len(self.covered) / total if total else None


def da_by_year() -> list[dict[str, Any]]:
    """Eligible LEAs per year, and how many entered and left assistance since the year before."""
    from trellis.outcomes.models import DaDetermination

    pairs = DaDetermination.objects.filter(eligible=True).values_list("year", "cds")
    by_year: dict[int, set[str]] = {}
    for year, cds in pairs:
        by_year.setdefault(year, set()).add(cds)
    totals = dict(DaDetermination.objects.values("year").annotate(n=Count("id")).values_list("year", "n"))
    out = []
    for year in sorted(totals, reverse=True):
        now, before = by_year.get(year, set()), by_year.get(year - 1)
        out.append(
            {
                "year": year,
                "leas": totals[year],
                "eligible": len(now),
                "entered": len(now - before) if before is not None else None,
                "left": len(before - now) if before is not None else None,
            }
        )
    return out


COLOR_ORDER = (1, 2, 3, 4, 5)
"""Dashboard color codes, red (1) to blue (5), as stored by the outcomes app."""


def colors_by_year() -> list[dict[str, Any]]:
    """How LEA results for all students spread over the five colors each year (all indicators):
    the movement of colors at the level of the state, one grouped query."""
    from django.db.models import IntegerField, Value
    from django.db.models.functions import Coalesce

    from trellis.outcomes.models import DaDetermination, DashboardImport, IndicatorResult

    # The years from the small tables, so that the query below uses the (year, rtype) index
    # instead of scanning every imported row.
    years = set(DashboardImport.objects.values_list("year", flat=True).distinct())
    years |= set(DaDetermination.objects.values_list("year", flat=True).distinct())
    rows = (
        IndicatorResult.objects.filter(year__in=sorted(years), rtype="D", studentgroup="ALL")
        .annotate(shown=Coalesce("color", "color_calc", Value(0), output_field=IntegerField()))
        .values("year", "shown")
        .annotate(n=Count("id"))
    )
    table: dict[int, dict[int, int]] = {}
    for r in rows:
        table.setdefault(r["year"], {})[r["shown"]] = r["n"]
    out = []
    for year in sorted(table, reverse=True):
        counts = [table[year].get(c, 0) for c in COLOR_ORDER]
        total = sum(counts)
        out.append(
            {
                "year": year,
                "counts": counts,
                "total": total,
                "red_share": 100.0 * counts[0] / total if total else None,
                "blue_green_share": 100.0 * (counts[3] + counts[4]) / total if total else None,
            }
        )
    return out


def capacity_by_level() -> list[dict[str, Any]]:
    """Mean consensus rank of submitted assessments by organization kind and school year."""
    from trellis.assessments.models import Consensus, Status

    rows = (
        Consensus.objects.filter(assessment__status=Status.SUBMITTED, rank__isnull=False)
        .values("assessment__school_year", "assessment__organization__kind")
        .annotate(mean=Avg("rank"), assessments=Count("assessment", distinct=True))
        .order_by("assessment__organization__kind", "assessment__school_year")
    )
    labels = dict(Kind.choices)
    return [
        {
            "year": r["assessment__school_year"],
            "level": labels.get(r["assessment__organization__kind"], r["assessment__organization__kind"]),
            "mean": r["mean"],
            "assessments": r["assessments"],
        }
        for r in rows
    ]


def coverage(year: int) -> tuple[list[Organization], list[Organization]]:
    """Eligible LEAs of `year` with a current (planned or active) engagement, and those without."""
    from trellis.support.models import EngagementStatus

    eligible = Organization.objects.filter(da_determinations__year=year, da_determinations__eligible=True).annotate(
        current=Count("engagements_received", filter=~Q(engagements_received__status=EngagementStatus.CLOSED))
    )
    covered: list[Organization] = []
    uncovered: list[Organization] = []
    for org in eligible.order_by("name").only("id", "name", "county_name", "kind"):
        (covered if org.current else uncovered).append(org)
    return covered, uncovered


def quality_by_provider(providers: Any = None) -> list[dict[str, Any]]:
    """Feedback on support by provider, only where the privacy rule (k respondents) is met."""
    from trellis.support.core.feedback import aggregate_by_provider
    from trellis.support.models import Engagement
    from trellis.support.selectors import feedback_rows

    engagements = Engagement.objects.all() if providers is None else Engagement.objects.filter(provider__in=providers)
    aggregated = aggregate_by_provider(feedback_rows(engagements), settings.TRELLIS_MIN_RESPONDENTS)
    names = dict(Organization.objects.filter(pk__in=list(aggregated)).values_list("id", "name"))
    out = []
    for provider_id, fb in aggregated.items():
        out.append({"provider": names.get(provider_id, ""), "provider_id": provider_id, "feedback": fb})
    return sorted(out, key=lambda r: r["provider"])


def county_values(indicator: str, year: int) -> dict[str, float | None]:
    """County name → the indicator (percent) for LEAs in that county."""
    from trellis.outcomes.models import DaDetermination
    from trellis.support.models import EngagementStatus

    base = DaDetermination.objects.filter(year=year, organization__isnull=False).exclude(organization__county_name="")
    if indicator == "coverage":
        rows = (
            base.filter(eligible=True)
            .values("organization__county_name")
            .annotate(
                total=Count("organization", distinct=True),
                part=Count(
                    "organization",
                    distinct=True,
                    filter=Q(organization__engagements_received__isnull=False)
                    & ~Q(organization__engagements_received__status=EngagementStatus.CLOSED),
                ),
            )
        )
    else:
        rows = base.values("organization__county_name").annotate(
            total=Count("id"), part=Count("id", filter=Q(eligible=True))
        )
    return {r["organization__county_name"]: 100.0 * r["part"] / r["total"] if r["total"] else None for r in rows}


def system_view(year: int | None = None, indicator: str = "eligible") -> SystemView:
    from trellis.lib.camap import shapes

    counts = da_by_year()
    years = [r["year"] for r in counts]
    if year not in years:
        year = years[0] if years else None
    indicator = indicator if indicator in INDICATORS else "eligible"
    view = SystemView(
        year=year,
        da_by_year=counts,
        colors_by_year=colors_by_year(),
        capacity=capacity_by_level(),
        indicator=indicator,
    )
    view.quality = quality_by_provider()
    if year is not None:
        view.covered, view.uncovered = coverage(year)
        known = {c.name for c in shapes().counties}
        values = {k: v for k, v in county_values(indicator, year).items() if k in known}
        view.map = choropleth(values, title=f"{INDICATORS[indicator]}, {year}", label=INDICATORS[indicator])
    return view
