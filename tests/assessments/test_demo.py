"""The demo step on a small Fresno County: coherent with the demo sign-ins."""

from __future__ import annotations

import random
import time
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MINI_CALIFORNIA, school_rows
from trellis.accounts import policy
from trellis.accounts.demo import demo_accounts
from trellis.accounts.models import User
from trellis.assessments.demo import demo_assessments
from trellis.assessments.models import Assessment, ReciprocalAssessment, Status
from trellis.demo.pipeline import DemoContext
from trellis.orgs.actions import organizations_import
from trellis.orgs.core.entities import derive_entities
from trellis.orgs.core.regions import counties
from trellis.orgs.models import Organization

pytestmark = pytest.mark.django_db

FRESNO_CHARTER = ("10621661030600", "Fresno Charter Academy", "Fresno Unified", "Fresno", True)


@pytest.fixture
def demo(db: None) -> DemoContext:
    rows = school_rows([*MINI_CALIFORNIA, FRESNO_CHARTER])
    records = derive_entities(
        rows, file="mini.csv", known_counties={c.code: c.name for c in counties().values()}, known_districts={}
    )
    organizations_import(records, file="mini.csv")
    policy.reset_caches()
    context = DemoContext(seed=2018, today=date(2026, 11, 23), rng=random.Random(2018))
    demo_accounts(context)
    started = time.perf_counter()
    demo_assessments(context)
    context.notes["seconds"] = time.perf_counter() - started
    return context


def test_it_makes_two_submitted_years_and_one_in_progress_for_the_school(demo: DemoContext) -> None:
    school = Organization.objects.get(name="Addams Elementary")
    years = list(
        Assessment.objects.filter(organization=school).order_by("school_year").values_list("school_year", "status")
    )
    assert years == [("2024-25", Status.SUBMITTED), ("2025-26", Status.SUBMITTED), ("2026-27", Status.IN_PROGRESS)]
    levels = set(Assessment.objects.values_list("level", flat=True))
    assert levels == {"school", "district", "coe", "regional-lead", "state"}


def test_reciprocal_pairs_one_revealed_one_waiting(demo: DemoContext) -> None:
    pairs = list(ReciprocalAssessment.objects.order_by("pk"))
    assert len(pairs) == 2
    assert pairs[0].revealed_at is not None and pairs[1].revealed_at is None


def test_demo_users_see_their_assessments_on_their_organization_page(client: Client, demo: DemoContext) -> None:
    for email, expected in (
        ("principal@demo.trellis.test", "Self-assessments"),
        ("district.leader@demo.trellis.test", "Reciprocal assessments"),
        ("coe.leader@demo.trellis.test", "Shared with this organization"),
    ):
        user = User.objects.get(email=email)
        client.force_login(user)
        org = user.memberships.get().organization
        page = client.get(reverse("orgs:detail", args=[org.pk])).content.decode()
        assert expected in page, email
        assert "2025-26" in page, email
    results = Assessment.objects.filter(organization__name="Addams Elementary", school_year="2025-26").get()
    client.force_login(User.objects.get(email="teacher@demo.trellis.test"))
    page = client.get(reverse("assessments:results", args=[results.pk])).content.decode()
    assert "Compared with 2024-25" in page


def test_consensus_has_some_divergent_items(client: Client, demo: DemoContext) -> None:
    current = Assessment.objects.get(organization__name="Fresno Unified", school_year="2025-26", scope="both")
    client.force_login(User.objects.get(email="district.leader@demo.trellis.test"))
    page = client.get(reverse("assessments:consensus", args=[current.pk])).content.decode()
    assert "Differ by 2 levels" in page or "Differ by 3 levels" in page
