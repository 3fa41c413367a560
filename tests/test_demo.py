"""The demo pipeline builds a realistic California with a sign-in at every level."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client

from trellis.accounts.models import User
from trellis.accounts.selectors import home_organization
from trellis.demo.pipeline import DEMO_PASSWORD, run
from trellis.improvement.models import Project
from trellis.orgs.models import Kind, Organization, StaffMember, SupportRelationship
from trellis.outcomes.models import DaDetermination, IndicatorResult


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="`trellis demo` always builds on SQLite; the PostgreSQL write paths are tested in each app's tests",
)
def test_it_builds_california_and_every_sign_in_lands_on_its_organization(client: Client) -> None:
    context = run(seed=2018, today=date(2026, 11, 23), echo=lambda _: None)

    assert Organization.objects.filter(kind=Kind.SCHOOL).count() == 9807
    assert Organization.objects.filter(kind=Kind.COE).count() == 58
    assert Organization.objects.filter(kind=Kind.REGION).count() == 11
    assert Organization.objects.filter(kind=Kind.LEA, lea_type="charter").count() > 1000
    assert 900 < Organization.objects.filter(kind=Kind.LEA).exclude(lea_type="charter").count() < 1100
    assert StaffMember.objects.count() > 250_000
    assert SupportRelationship.objects.count() >= 47  # each region's geographic lead → its other county offices
    assert Project.objects.count() >= 30
    assert Project.objects.filter(organization__name="Addams Elementary").count() == 3

    # Dashboard 2017-2025 imported; in 2018 about one district in three is eligible (real 2018: 374 LEAs).
    assert IndicatorResult.objects.filter(year=2025).count() > 800_000
    districts_2018 = DaDetermination.objects.filter(year=2018, kind="district")
    assert 0.25 < districts_2018.filter(eligible=True).count() / districts_2018.count() < 0.45
    assert set(DaDetermination.objects.values_list("year", flat=True)) == {2017, 2018, 2019, 2022, 2023, 2024, 2025}

    levels = {o.kind for o in (home_organization(User.objects.get(email=e)) for _, e, _ in context.sign_ins) if o}
    assert levels == {Kind.STATE, Kind.REGION, Kind.COE, Kind.LEA, Kind.SCHOOL}
    for _, email, org_name in context.sign_ins:
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD}, follow=True)
        assert response.status_code == 200
        assert f"<h1>{org_name}</h1>".encode() in response.content.replace(b"&amp;", b"&"), email
        client.post("/accounts/logout/")


@pytest.mark.django_db
def test_it_is_deterministic_for_a_seed() -> None:
    from tests.factories import build_mini_california  # noqa: F401  (same import path as the demo)
    from trellis.demo.pipeline import DemoContext

    a = DemoContext(seed=1, today=date(2026, 1, 1), rng=__import__("random").Random(1)).child_rng("staff")
    b = DemoContext(seed=1, today=date(2026, 1, 1), rng=__import__("random").Random(1)).child_rng("staff")
    assert [a.random() for _ in range(5)] == [b.random() for _ in range(5)]
