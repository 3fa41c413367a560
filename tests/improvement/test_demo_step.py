"""The demo step gives the demo accounts projects with charts that shift and charts that only vary."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.factories import org, user_with
from trellis.accounts import policy
from trellis.accounts.models import Role
from trellis.demo.pipeline import DemoContext
from trellis.improvement import selectors
from trellis.improvement.demo import demo_improvement
from trellis.improvement.models import PdsaCycle, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(california: None) -> dict[str, object]:
    people = {
        "principal": user_with("principal@demo.trellis.test", org("Addams Elementary"), Role.LEADER),
        "teacher": user_with("teacher@demo.trellis.test", org("Addams Elementary"), Role.MEMBER),
        "coach": user_with("coe.coach@demo.trellis.test", org("C10"), Role.COACH),
        "coe_leader": user_with("coe.leader@demo.trellis.test", org("C10"), Role.LEADER),
        "district_leader": user_with("district.leader@demo.trellis.test", org("Fresno Unified"), Role.LEADER),
    }
    context = DemoContext(seed=2018, today=dt.date(2026, 11, 23), rng=random.Random(2018))
    demo_improvement(context)
    return people


def test_the_demo_school_team_sees_its_projects(demo: dict[str, object]) -> None:
    addams = set(selectors.projects_for(demo["teacher"], org("Addams Elementary")).values_list("title", flat=True))
    assert addams == {"Every student, every day", "Readers by third grade", "Math discourse in grades 4-8"}


def test_the_county_coach_follows_school_district_and_county_projects(demo: dict[str, object]) -> None:
    seen = policy.filter_allowed(demo["coach"], "improvement.view", Project.objects.all())
    assert {p.organization.kind for p in seen} == {"school", "lea", "coe"}


def test_some_changes_work_and_some_do_not(demo: dict[str, object]) -> None:
    attendance = Project.objects.get(title="Every student, every day", organization=org("Addams Elementary"))
    math = Project.objects.get(title="Math discourse in grades 4-8", organization=org("Addams Elementary"))
    outcome = selectors.measure_cards(attendance)[0]
    assert outcome.view is not None and outcome.view.improving
    assert not any(card.view and card.view.improving for card in selectors.measure_cards(math))
    assert selectors.project_progress_score(attendance, selectors.measure_cards(attendance)).score >= 3.5


def test_cycles_form_ramps(demo: dict[str, object]) -> None:
    attendance = Project.objects.get(title="Every student, every day", organization=org("Addams Elementary"))
    cycles = list(PdsaCycle.objects.filter(project=attendance).order_by("starts_on"))
    assert [c.previous for c in cycles] == [None, cycles[0], cycles[1]]
    assert cycles[-1].decision == "adopt"


def test_it_makes_projects_beyond_the_demo_accounts(demo: dict[str, object]) -> None:
    assert Project.objects.count() > 6
    assert Project.objects.exclude(organization__county_name="Fresno").exists()
