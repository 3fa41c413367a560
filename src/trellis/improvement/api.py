"""Improvement projects in the JSON API: projects, measures with chart points and signals, PDSA cycles."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.

import datetime as dt
import math
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from trellis.accounts import policy
from trellis.api.params import NOT_FOUND, ObjectId, Pagination
from trellis.improvement import selectors
from trellis.improvement.core.aim import check_aim
from trellis.improvement.models import Measure, PdsaCycle, Project
from trellis.spc.core.words import describe_all

router = Router()


class ProjectOut(Schema):
    id: int
    organization_id: int
    title: str
    status: str
    started_on: dt.date


class TeamMemberOut(Schema):
    name: str
    role: str


class ProgressOut(Schema):
    score: float = Field(description="IHI progress score, 0.5 to 5.0 (suggested from the project's data).")
    label: str
    meaning: str
    set_by_team: float | None


class ProjectDetailOut(ProjectOut):
    problem: str
    aim: str
    aim_missing: list[str] = Field(description="What the aim still lacks to be measurable, in words.")
    team: list[TeamMemberOut]
    progress: ProgressOut


class MeasureOut(Schema):
    id: int
    project_id: int
    name: str
    kind: str
    definition: str
    frequency: str
    unit: str
    higher_is_better: bool
    target: float | None
    chart: str
    baseline_points: int | None


class ChartPointOut(Schema):
    date: dt.date
    value: float | None
    denominator: float | None
    centre: float | None
    lower_limit: float | None
    upper_limit: float | None


class SignalOut(Schema):
    rule: str
    direction: int
    first: dt.date
    last: dt.date
    points: int
    sentence: str


class MeasureDetailOut(MeasureOut):
    rule_profile: str | None
    points: list[ChartPointOut]
    signals: list[SignalOut]
    summary: list[str] = Field(description="What the chart shows, in words.")


class CycleOut(Schema):
    id: int
    title: str
    change_idea: str | None
    previous_id: int | None
    starts_on: dt.date
    ends_on: dt.date | None
    question: str
    prediction: str
    decision: str
    stage: str


class ProjectFilter(Schema):
    organization_id: int | None = Field(None, ge=1, le=2**63 - 1)


def _number(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


@router.get("/projects", response=list[ProjectOut], summary="Improvement projects you may see")
@paginate(Pagination)
def list_projects(request: HttpRequest, filters: Query[ProjectFilter]) -> QuerySet[Project]:
    projects = policy.filter_allowed(request.user, "improvement.view", Project.objects.all())
    if filters.organization_id:
        projects = projects.filter(organization_id=filters.organization_id)
    return projects.order_by("-started_on", "id")


@router.get("/projects/{project_id}", response={200: ProjectDetailOut, **NOT_FOUND}, summary="One project")
def get_project(request: HttpRequest, project_id: ObjectId) -> dict[str, Any]:
    project = policy.get_object_or_404_for(request.user, "improvement.view", Project.objects.all(), pk=project_id)
    score = selectors.project_progress_score(project, selectors.measure_cards(project))
    return {
        **{
            f: getattr(project, f) for f in ("id", "organization_id", "title", "status", "started_on", "problem", "aim")
        },
        "aim_missing": list(check_aim(project.aim).missing),
        "team": [{"name": m.user.full_name, "role": m.role} for m in project.team.select_related("user")],
        "progress": {
            "score": score.score,
            "label": score.label,
            "meaning": score.meaning,
            "set_by_team": float(project.progress_override) if project.progress_override is not None else None,
        },
    }


@router.get(
    "/projects/{project_id}/measures", response={200: list[MeasureOut], **NOT_FOUND}, summary="A project's measures"
)
def list_measures(request: HttpRequest, project_id: ObjectId) -> QuerySet[Measure]:
    project = policy.get_object_or_404_for(request.user, "improvement.view", Project.objects.all(), pk=project_id)
    return project.measures.all()


@router.get(
    "/projects/{project_id}/cycles", response={200: list[CycleOut], **NOT_FOUND}, summary="A project's PDSA cycles"
)
def list_cycles(request: HttpRequest, project_id: ObjectId) -> list[dict[str, Any]]:
    project = policy.get_object_or_404_for(request.user, "improvement.view", Project.objects.all(), pk=project_id)
    cycles = PdsaCycle.objects.filter(project=project).select_related("change_idea")
    return [
        {
            **{
                f: getattr(c, f)
                for f in (
                    "id",
                    "title",
                    "previous_id",
                    "starts_on",
                    "ends_on",
                    "question",
                    "prediction",
                    "decision",
                    "stage",
                )
            },
            "change_idea": c.change_idea.text if c.change_idea else None,
        }
        for c in cycles
    ]


@router.get(
    "/measures/{measure_id}",
    response={200: MeasureDetailOut, **NOT_FOUND},
    summary="One measure with its chart: points, centre line, limits and signals",
)
def get_measure(request: HttpRequest, measure_id: ObjectId) -> dict[str, Any]:
    measure = policy.get_object_or_404_for(
        request.user, "improvement.view", Measure.objects.select_related("project"), pk=measure_id
    )
    base = {f: getattr(measure, f) for f in MeasureOut.model_fields}
    view = selectors.measure_chart(measure)
    points = list(measure.points.all())
    if view is None:
        return {
            **base,
            "rule_profile": None,
            "points": [
                {
                    "date": p.on,
                    "value": p.value,
                    "denominator": p.denominator,
                    "centre": None,
                    "lower_limit": None,
                    "upper_limit": None,
                }
                for p in points
            ],
            "signals": [],
            "summary": ["Not enough data for a chart yet."],
        }
    result = view.result
    dates = [p.on for p in sorted(points, key=lambda p: p.on)]
    sentences = describe_all(result, view.signals) if view.signals else []
    return {
        **base,
        "rule_profile": view.profile,
        "points": [
            {
                "date": dates[i],
                "value": _number(result.y[i]),
                "denominator": points[i].denominator,
                "centre": _number(result.cl[i]),
                "lower_limit": _number(result.lcl[i]),
                "upper_limit": _number(result.ucl[i]),
            }
            for i in range(len(result))
        ],
        "signals": [
            {
                "rule": s.rule,
                "direction": s.direction,
                "first": dates[s.start],
                "last": dates[s.end],
                "points": len(s.points),
                "sentence": sentences[i],
            }
            for i, s in enumerate(view.signals)
        ],
        "summary": list(view.sentences),
    }
