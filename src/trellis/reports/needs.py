"""Gathers the inputs of needs profiles (permission-scoped) and hands them to the pure core.

One batch path for many organizations (the DA list) so the queries do not grow with the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Max

from trellis.accounts import policy
from trellis.orgs.models import Organization
from trellis.reports.core.needs import (
    STALL_DAYS,
    ConditionScore,
    NeedsProfile,
    ProjectActivity,
    da_focus,
    stalled_projects,
    weakest_conditions,
)


def condition_scores_for(user: Any, org: Organization) -> list[ConditionScore]:
    """The organization's published staff-survey measures (1–99 scale) from its latest scored wave,
    when the user may see its survey results; [] otherwise. Only suppressed, published cells are stored."""
    from trellis.surveys.models import MeasureScore, OrgResult, ScoreKind
    from trellis.surveys.results import _titles, latest_result_set

    result_set = latest_result_set(org)
    if result_set is None:
        return []
    cell = (
        OrgResult.objects.filter(result_set=result_set, organization=org, published=True)
        .order_by("-window__opens_on", "-pk")
        .first()
    )
    if cell is None or not policy.can(user, "results.view", cell):
        return []
    titles = _titles(result_set)
    return [
        ConditionScore(
            element=s.code, label=titles.get(s.code, s.code), score=float(s.score), source="staff survey", out_of=99
        )
        for s in MeasureScore.objects.filter(result=cell, kind=ScoreKind.MEASURE)
    ]


def rubric_scores_for(user: Any, org: Organization) -> list[ConditionScore]:
    """Consensus ranks of the organization's latest submitted assessment the user may see."""
    from trellis.assessments.models import Status
    from trellis.assessments.selectors import assessments_for_org, consensus_ranks, framework_of, items_of

    latest = assessments_for_org(user, org).filter(status=Status.SUBMITTED).first()
    if latest is None:
        return []
    framework = framework_of(latest)
    out_of = len(framework.rubric.levels) if framework.rubric is not None else 4
    ranks = consensus_ranks(latest)
    source = "reciprocal assessment" if latest.scope == "reciprocal" else "self-assessment"
    return [
        ConditionScore(item.id, item.title, float(ranks[item.id]), source, out_of)
        for item in items_of(latest)
        if ranks.get(item.id)
    ]


def _activities(user: Any, orgs: Sequence[Organization]) -> dict[int, list[ProjectActivity]]:
    from trellis.improvement.models import Project, ProjectStatus

    visible = policy.filter_allowed(
        user, "improvement.view", Project.objects.filter(organization__in=orgs, status=ProjectStatus.ACTIVE)
    )
    rows = visible.annotate(last_cycle=Max("cycles__starts_on"), last_data=Max("measures__points__on")).values(
        "pk", "organization_id", "title", "problem", "started_on", "last_cycle", "last_data"
    )
    out: dict[int, list[ProjectActivity]] = {}
    for r in rows:
        out.setdefault(r["organization_id"], []).append(
            ProjectActivity(r["pk"], r["title"], r["started_on"], r["last_cycle"], r["last_data"], r["problem"])
        )
    return out


def _determinations(user: Any, orgs: Sequence[Organization], year: int | None) -> dict[int, Any]:
    from trellis.outcomes.models import DaDetermination

    qs = DaDetermination.objects.filter(organization__in=orgs)
    qs = qs.order_by("organization_id", "-year") if year is None else qs.filter(year=year)
    found: dict[int, Any] = {}
    for d in policy.filter_allowed(user, "outcomes.view", qs):
        if d.organization_id is not None:
            found.setdefault(d.organization_id, d)
    return found


def needs_profiles(
    user: Any,
    orgs: Sequence[Organization],
    *,
    year: int | None = None,
    today: date | None = None,
    stall_days: int = STALL_DAYS,
    with_rubrics: bool = True,
) -> dict[int, NeedsProfile]:
    """Needs profiles of `orgs` as `user` may see them (DA of `year`, or the latest year)."""
    today = today or date.today()
    determinations = _determinations(user, orgs, year)
    activities = _activities(user, orgs)
    out = {}
    for org in orgs:
        d = determinations.get(org.pk)
        groups, priorities = da_focus(d.groups) if d is not None else ([], [])
        scores = (rubric_scores_for(user, org) if with_rubrics else []) + condition_scores_for(user, org)
        projects = activities.get(org.pk, [])
        out[org.pk] = NeedsProfile(
            da_year=d.year if d is not None else None,
            da_eligible=d.eligible if d is not None else None,
            da_reasons=tuple(d.reasons) if d is not None and d.met_this_year else (),
            da_groups=tuple(groups),
            da_priorities=tuple(priorities),
            weakest=tuple(weakest_conditions(scores)),
            stalled=tuple(stalled_projects(projects, today, days=stall_days)),
            problems=tuple(p.problem for p in projects if p.problem.strip()),
        )
    return out


def needs_profile(user: Any, org: Organization, **kwargs: Any) -> NeedsProfile:
    return needs_profiles(user, [org], **kwargs)[org.pk]
