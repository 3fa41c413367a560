"""Every write to support engagements, their activity log and their feedback."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from trellis.accounts.audit import log_action
from trellis.accounts.models import User
from trellis.orgs.models import Organization
from trellis.support.core.feedback import term_of, validate_answers
from trellis.support.core.focus import FOCUS_GROUPS, PRIORITIES
from trellis.support.models import Activity, ActivityKind, Engagement, EngagementStatus, FeedbackResponse, Level


def _check_focus(groups: Sequence[str], priorities: Sequence[int]) -> None:
    unknown = [g for g in groups if g not in FOCUS_GROUPS]
    if unknown:
        raise ValidationError(f"unknown student groups: {', '.join(unknown)}")
    wrong = [p for p in priorities if p not in PRIORITIES]
    if wrong:
        raise ValidationError(f"unknown priority areas: {wrong}")


@transaction.atomic
def engagement_create(
    *,
    provider: Organization,
    recipient: Organization,
    level: Level | int,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    problem_of_practice: str = "",
    goals: str = "",
    student_groups: Sequence[str] = (),
    priorities: Sequence[int] = (),
    elements: Sequence[str] = (),
    status: EngagementStatus = EngagementStatus.PLANNED,
    user: User | None = None,
) -> Engagement:
    _check_focus(student_groups, priorities)
    engagement = Engagement(
        provider=provider,
        recipient=recipient,
        level=int(level),
        title=title,
        problem_of_practice=problem_of_practice,
        goals=goals,
        student_groups=list(student_groups),
        priorities=sorted(set(priorities)),
        elements=list(elements),
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        created_by=user,
    )
    engagement.full_clean()
    engagement.save()
    log_action(
        "trellis.support.engagement.created",
        user=user,
        target=engagement,
        data={"provider": provider.code, "level": int(level)},
    )
    return engagement


@transaction.atomic
def engagement_close(
    *, engagement: Engagement, outcome_note: str, closed_on: date, user: User | None = None
) -> Engagement:
    """Close with an outcome note. The reciprocal assessment, when the assessments app records one,
    points at the engagement from its own table; closing does not wait for it."""
    if engagement.status == EngagementStatus.CLOSED:
        raise ValidationError("the engagement is already closed")
    if not outcome_note.strip():
        raise ValidationError("say what came of the engagement")
    if closed_on < engagement.starts_on:
        raise ValidationError("an engagement cannot close before it starts")
    engagement.status = EngagementStatus.CLOSED
    engagement.outcome_note = outcome_note.strip()
    engagement.closed_on = closed_on
    engagement.ends_on = engagement.ends_on or closed_on
    engagement.full_clean()
    engagement.save(update_fields=["status", "outcome_note", "closed_on", "ends_on"])
    log_action("trellis.support.engagement.closed", user=user, target=engagement)
    return engagement


def activity_add(
    *,
    engagement: Engagement,
    kind: ActivityKind | str,
    occurred_on: date,
    minutes: int,
    note: str = "",
    user: User | None = None,
) -> Activity:
    if engagement.status == EngagementStatus.CLOSED:
        raise ValidationError("the engagement is closed")
    activity = Activity(
        engagement=engagement, kind=kind, occurred_on=occurred_on, minutes=minutes, note=note, created_by=user
    )
    activity.full_clean()
    activity.save()
    if engagement.status == EngagementStatus.PLANNED:
        engagement.status = EngagementStatus.ACTIVE
        engagement.save(update_fields=["status"])
    return activity


def respondent_key(user_id: int, engagement_id: int, term: str) -> str:
    """A keyed hash: the same person cannot answer twice in a term, and the key reveals nobody."""
    message = f"{user_id}:{engagement_id}:{term}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


class AlreadyAnswered(Exception):
    pass


def feedback_submit(
    *, engagement: Engagement, respondent_id: int, answers: Mapping[str, int], today: date
) -> FeedbackResponse:
    """Record one person's feedback for this term (`respondent_id`: the user's id, hashed at once).
    Raises AlreadyAnswered on a second response in the same term."""
    term = term_of(today)
    response = FeedbackResponse(
        engagement=engagement,
        term=term,
        respondent_key=respondent_key(respondent_id, engagement.pk, term),
        answers=validate_answers(answers),
        submitted_on=today,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise AlreadyAnswered(term) from None
    return response


def feedback_given(*, engagement: Engagement, user: User, today: date) -> bool:
    term = term_of(today)
    return FeedbackResponse.objects.filter(
        engagement=engagement, term=term, respondent_key=respondent_key(user.pk, engagement.pk, term)
    ).exists()
