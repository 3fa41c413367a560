"""Demo step: improvement projects at schools, districts and a county office, with data and PDSA ramps.

The demo accounts' organizations get projects their people lead or coach (Addams Elementary's
principal and teacher, Fresno Unified's leader, the Fresno County Office of Education's leader and
coach); a few dozen more projects sit in other schools and districts.  Some measures shift after the
tested change is adopted, others only vary by chance, so the charts show both.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from django.db import transaction

from trellis.accounts.models import Membership, Role, User
from trellis.demo.pipeline import DemoContext
from trellis.improvement.core.charting import MeasureSettings, Point, build_chart
from trellis.improvement.models import (
    CauseKind,
    DataPoint,
    DriverKind,
    DriverNode,
    FishboneCategory,
    Measure,
    PdsaCycle,
    Project,
    ProjectShare,
    RootCause,
    TeamMember,
)
from trellis.orgs.models import Kind, Organization

THEMES_FILE = "data/demo_projects.yaml"
OTHER_PROJECTS = 32
SHIFT_SHARE = 0.6  # share of the other projects whose change works
WEEKLY_POINTS = 30
MONTHLY_POINTS = 18
BASELINE_FRACTION = 0.6  # where in the series the adopted change starts
MAX_REDRAWS = 50

RESULTS = {
    "adopt": "The prediction held: the measure moved the expected way within the cycle, "
    "and the team could run it without extra help.",
    "adapt": "Partly as predicted: it worked where the routine was clear, but took longer than planned.",
    "abandon": "Not as predicted: nothing changed in the process measure, and the team found it hard to sustain.",
}
NEXT = {
    "adopt": "Make it standard practice and keep watching the outcome and balancing measures.",
    "adapt": "Adjust the routine and test it again at a slightly larger scale.",
    "abandon": "Return to the driver diagram and choose another change idea.",
}


def themes() -> list[dict[str, Any]]:
    text = resources.files("trellis.improvement").joinpath(THEMES_FILE).read_text()
    loaded: list[dict[str, Any]] = yaml.safe_load(text)
    return loaded


@dataclass
class _Team:
    lead: User
    others: list[tuple[User, str]]


def _dates(freq: str, today: dt.date) -> list[dt.date]:
    if freq == "monthly":
        first = today.replace(day=1)
        months = []
        for back in range(MONTHLY_POINTS, 0, -1):
            index = first.year * 12 + first.month - 1 - back
            months.append(dt.date(index // 12, index % 12 + 1, 1))
        return months
    last_monday = today - dt.timedelta(days=today.weekday() + 7)
    return [last_monday - dt.timedelta(weeks=WEEKLY_POINTS - 1 - i) for i in range(WEEKLY_POINTS)]


def _series(
    spec: dict[str, Any], count: int, change_at: int, works: bool, rng: random.Random
) -> list[tuple[float, float | None]]:
    """(value, denominator) per point: a stable baseline, then the change phased in over two points."""
    out: list[tuple[float, float | None]] = []
    change = float(spec.get("change", 0)) if works else 0.0
    for i in range(count):
        effect = change * min(1.0, max(0.0, (i - change_at + 1) / 2))
        if spec["chart"] in ("p", "pp"):
            n = round(spec["n"] * rng.uniform(0.9, 1.05))
            p = min(0.99, max(0.01, spec["base"] + effect))
            count_ = round(n * p + rng.gauss(0, math.sqrt(n * p * (1 - p))))
            out.append((float(min(n, max(0, count_))), float(n)))
        elif spec["chart"] == "c":
            mean = max(0.5, spec["base"] + effect)
            out.append((float(max(0, round(rng.gauss(mean, math.sqrt(mean))))), None))
        else:
            value = rng.gauss(spec["base"] + effect, spec.get("sd", 1.0))
            out.append((round(max(0.0, value), 0 if spec.get("sd", 1.0) >= 1 else 1), None))
    return out


def _has_signal(measure: Measure, dates: list[dt.date], values: list[tuple[float, float | None]]) -> bool:
    settings = MeasureSettings(
        chart=measure.chart,
        baseline_points=measure.baseline_points,
        multiply=100.0 if measure.as_percent else 1.0,
    )
    view = build_chart(settings, [Point(d, v, n) for d, (v, n) in zip(dates, values, strict=True)], title="")
    return bool(view and view.signals)


def _drivers(project: Project, theme: dict[str, Any]) -> list[DriverNode]:
    ideas: list[DriverNode] = []
    for p, primary in enumerate(theme["drivers"]):
        top = DriverNode.objects.create(project=project, kind=DriverKind.PRIMARY, text=primary["text"], position=p)
        for s, secondary in enumerate(primary["secondary"]):
            middle = DriverNode.objects.create(
                project=project, parent=top, kind=DriverKind.SECONDARY, text=secondary["text"], position=s
            )
            for i, idea in enumerate(secondary["ideas"]):
                ideas.append(
                    DriverNode.objects.create(
                        project=project, parent=middle, kind=DriverKind.CHANGE, text=idea, position=i
                    )
                )
    return ideas


def build_project(
    *,
    org: Organization,
    theme: dict[str, Any],
    team: _Team,
    works: bool,
    today: dt.date,
    rng: random.Random,
    shared_with: list[Organization] = (),  # type: ignore[assignment]
) -> Project:
    frequency = theme["measures"][0].get("freq", "weekly")
    dates = _dates(frequency, today)
    change_at = round(len(dates) * BASELINE_FRACTION)
    project = Project.objects.create(
        organization=org,
        title=theme["title"],
        problem=theme["problem"],
        aim=theme["aim"],
        started_on=dates[0] - dt.timedelta(weeks=4),
        created_by=team.lead,
    )
    TeamMember.objects.create(project=project, user=team.lead, role="lead")
    for user, role in team.others:
        TeamMember.objects.get_or_create(project=project, user=user, defaults={"role": role})
    for organization in shared_with:
        ProjectShare.objects.create(project=project, organization=organization, shared_by=team.lead)
    ideas = _drivers(project, theme)
    measures = []
    for position, spec in enumerate(theme["measures"]):
        series_dates = _dates(spec.get("freq", frequency), today)
        at = round(len(series_dates) * BASELINE_FRACTION)
        measure = Measure.objects.create(
            project=project,
            name=spec["name"],
            kind=spec["kind"],
            definition=f"{spec['name']}, counted {spec.get('freq', frequency)} from the student information system.",
            frequency=spec.get("freq", frequency),
            unit=spec.get("unit", ""),
            higher_is_better=spec["higher"],
            target=spec.get("target"),
            chart=spec["chart"],
            baseline_points=at,
            as_percent=spec["chart"] in ("p", "pp"),
            position=position,
        )
        values = _series(spec, len(series_dates), at, works, rng)
        if not works:
            # Chance alone sometimes trips a rule; a demo of "only noise" should look like it.
            for _ in range(MAX_REDRAWS):
                if not _has_signal(measure, series_dates, values):
                    break
                values = _series(spec, len(series_dates), at, works, rng)
        DataPoint.objects.bulk_create(
            DataPoint(measure=measure, on=d, value=v, denominator=n)
            for d, (v, n) in zip(series_dates, values, strict=True)
        )
        measures.append(measure)
    # The ramp: smaller tests before the baseline ends, the last (adopted when it works) at the change.
    cycles = theme["cycles"]
    previous = None
    for index, spec in enumerate(cycles):
        offset = (len(cycles) - 1 - index) * 2
        starts = dates[max(0, change_at - offset)]
        ends = starts + dt.timedelta(days=13)
        decision = spec["decision"]
        if not works and decision == "adopt":
            decision = "adapt"
        finished = ends < today
        previous = PdsaCycle.objects.create(
            project=project,
            change_idea=ideas[min(index, len(ideas) - 1)],
            previous=previous,
            title=spec["title"],
            question=spec["question"],
            prediction=spec["prediction"],
            plan="Who: the team's volunteers. What and where: as in the title. When: two weeks.",
            data_plan="The process measure each day of the test, and a quick note of what got in the way.",
            starts_on=starts,
            ends_on=ends,
            observations="Ran for two weeks; the team kept a short log of each day." if finished else "",
            results=RESULTS[decision] if finished else "",
            decision=decision if finished else "",
            next_steps=NEXT[decision] if finished else "",
        )
        previous.measures.set(measures[:2])
    return project


def _synthetic_team(org: Organization, number: int) -> _Team:
    """Two staff accounts that cannot sign in, so the other demo projects have a team."""
    users = []
    for role, org_role, title in (("lead", Role.LEADER, "Improvement lead"), ("member", Role.MEMBER, "Team member")):
        user = User.objects.create(email=f"team{number}.{role}@demo.trellis.test", full_name=f"{title} {number}")
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organization=org, defaults={"role": org_role, "title": title})
        users.append(user)
    return _Team(users[0], [(users[1], "member")])


@transaction.atomic
def demo_improvement(context: DemoContext) -> None:
    rng = context.child_rng("improvement")
    by_key = {t["key"]: t for t in themes()}
    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@demo.trellis.test")}
    principal, teacher, coach = users["principal"], users["teacher"], users["coe.coach"]
    district_leader, coe_leader = users["district.leader"], users["coe.leader"]
    school = Membership.objects.get(user=principal).organization
    district = Membership.objects.get(user=district_leader).organization
    coe = Membership.objects.get(user=coe_leader).organization

    school_team = _Team(principal, [(teacher, "member"), (coach, "coach"), (district_leader, "sponsor")])
    made = [
        build_project(
            org=school,
            theme=by_key["attendance"],
            team=school_team,
            works=True,
            today=context.today,
            rng=rng,
            shared_with=[coe],
        ),
        build_project(org=school, theme=by_key["reading"], team=school_team, works=True, today=context.today, rng=rng),
        build_project(
            org=school,
            theme=by_key["math"],
            team=_Team(teacher, [(principal, "sponsor"), (coach, "coach")]),
            works=False,
            today=context.today,
            rng=rng,
        ),
        build_project(
            org=district,
            theme=by_key["discipline"],
            team=_Team(district_leader, [(coach, "coach")]),
            works=True,
            today=context.today,
            rng=rng,
            shared_with=[coe],
        ),
        build_project(
            org=district,
            theme=by_key["reclass"],
            team=_Team(district_leader, [(coach, "coach")]),
            works=False,
            today=context.today,
            rng=rng,
            shared_with=[coe],
        ),
        build_project(
            org=coe,
            theme=by_key["da"],
            team=_Team(coe_leader, [(coach, "member")]),
            works=True,
            today=context.today,
            rng=rng,
        ),
    ]
    _root_causes(made[0])

    # Other projects: schools and districts in Fresno County first (shared with the county office
    # half the time, so its leader and coach follow them), then elsewhere in the state.
    candidates = list(
        Organization.objects.filter(kind__in=[Kind.SCHOOL, Kind.LEA], status="active")
        .exclude(pk__in=[school.pk, district.pk])
        .exclude(lea_type="charter")
        .order_by("id")
        .values_list("id", "kind", "school_level", "county_name")
    )
    fresno = [c for c in candidates if c[3] == "Fresno"]
    elsewhere = [c for c in candidates if c[3] != "Fresno"]
    picked = rng.sample(fresno, min(len(fresno), OTHER_PROJECTS // 2))
    picked += rng.sample(elsewhere, min(len(elsewhere), OTHER_PROJECTS - len(picked)))
    for number, (org_id, kind, level, county) in enumerate(picked, start=1):
        org = Organization.objects.get(pk=org_id)
        level_key = "school" if kind == Kind.SCHOOL else "lea"
        fitting = [t for t in by_key.values() if level_key in t["levels"]]
        if kind == Kind.SCHOOL:
            fitting = [t for t in fitting if (t["key"] == "ontrack") == (level == "high") or t["key"] == "attendance"]
        theme = rng.choice(fitting)
        share = [coe] if county == "Fresno" and rng.random() < 0.5 else []
        build_project(
            org=org,
            theme=theme,
            team=_synthetic_team(org, number),
            works=rng.random() < SHIFT_SHARE,
            today=context.today,
            rng=rng,
            shared_with=share,
        )
    context.notes["improvement_projects"] = Project.objects.count()


def _root_causes(project: Project) -> None:
    fishbone = [
        (FishboneCategory.FAMILIES, "Families of young children do not see absence in TK-K as a problem"),
        (FishboneCategory.FAMILIES, "Transportation is hard for families without a car"),
        (FishboneCategory.POLICIES, "First contact about absence is a formal letter"),
        (FishboneCategory.STUDENTS, "Frequent minor illness in the winter months"),
        (FishboneCategory.RESOURCES, "The office has no time to call every family"),
        (FishboneCategory.STAFF, "Teachers do not see attendance data until the month ends"),
    ]
    for i, (category, text) in enumerate(fishbone):
        RootCause.objects.create(project=project, kind=CauseKind.FISHBONE, category=category, text=text, position=i)
    whys = [
        "Kindergarten students miss more days than any other grade.",
        "Families keep children home for small illnesses and errands.",
        "Families think missing a day of kindergarten does not matter.",
        "No one has told them how much early absence predicts later reading.",
        "Our first contact about attendance is a warning letter, not a conversation.",
    ]
    for i, text in enumerate(whys):
        RootCause.objects.create(project=project, kind=CauseKind.WHY, text=text, position=i)
    RootCause.objects.create(
        project=project,
        kind=CauseKind.EMPATHY,
        interviewee="Parent of a kindergarten student",
        text="The letter made me feel like I was in trouble. "
        "If the teacher had called I would have told her about the bus.",
    )
