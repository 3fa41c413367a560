"""Builders for assessment tests: a team assessment at Alameda Unified, ratings, a reciprocal pair."""

from __future__ import annotations

from datetime import date

from tests.factories import org, user_with
from trellis.accounts.models import Role, User
from trellis.assessments import actions
from trellis.assessments.models import Assessment, ReciprocalAssessment
from trellis.assessments.selectors import items_of


def district_leader() -> User:
    return User.objects.get(email="district.leader@example.org")


def team_assessment(scope: str = "conditions", school_year: str = "2025-26") -> Assessment:
    """Alameda Unified's assessment, started by the district leader persona (the same one each call)."""
    found = Assessment.objects.filter(organization=org("Alameda Unified"), school_year=school_year, scope=scope).first()
    if found is not None:
        return found
    return actions.assessment_start(
        organization=org("Alameda Unified"), user=district_leader(), scope=scope, school_year=school_year
    )


def colleague(email: str = "colleague@example.org", role: Role = Role.MEMBER) -> User:
    found = User.objects.filter(email=email).first()
    return found or user_with(email, org("Alameda Unified"), role)


def rate_all(assessment: Assessment, user: User, rank: int, overrides: dict[str, int] | None = None) -> None:
    for item in items_of(assessment):
        value = (overrides or {}).get(item.id, rank)
        actions.rating_save(assessment=assessment, user=user, item_id=item.id, rank=value, note="")


def agree_all(assessment: Assessment, user: User, rank: int, overrides: dict[str, int] | None = None) -> None:
    for item in items_of(assessment):
        value = (overrides or {}).get(item.id, rank)
        actions.consensus_save(assessment=assessment, user=user, item_id=item.id, rank=value)


def submitted(scope: str = "conditions", school_year: str = "2025-26", rank: int = 3) -> Assessment:
    assessment = team_assessment(scope, school_year)
    if not assessment.is_locked:
        leader = district_leader()
        rate_all(assessment, leader, rank)
        agree_all(assessment, leader, rank)
        assessment = actions.assessment_submit(assessment=assessment, user=leader)
    return assessment


def reciprocal_pair() -> ReciprocalAssessment:
    """Alameda COE (provider, implicit relationship) ↔ Alameda Unified (recipient)."""
    found = ReciprocalAssessment.objects.filter(recipient=org("Alameda Unified")).first()
    if found is not None:
        return found
    return actions.reciprocal_start(
        provider=org("C01"),
        recipient=org("Alameda Unified"),
        period_start=date(2025, 7, 1),
        period_end=date(2026, 6, 30),
        user=district_leader(),
    )
