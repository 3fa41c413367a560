"""Support engagements in the JSON API: lists, one engagement with its activity log, provider feedback."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from trellis.accounts import policy
from trellis.api.params import NOT_FOUND, ObjectId, Pagination
from trellis.support import selectors
from trellis.support.models import Activity, Engagement, SupportProvider

router = Router()


class EngagementOut(Schema):
    id: int
    provider_id: int
    recipient_id: int
    level: int
    title: str
    status: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    student_groups: list[str]
    priorities: list[int]
    elements: list[str]


class EngagementDetailOut(EngagementOut):
    problem_of_practice: str
    goals: str
    outcome_note: str
    closed_on: datetime.date | None


class ActivityOut(Schema):
    id: int
    kind: str
    occurred_on: datetime.date
    minutes: int
    note: str


class EngagementFilter(Schema):
    org_id: int | None = Field(
        None, ge=1, le=2**63 - 1, description="Only engagements this organization provides or receives."
    )
    status: str = Field("", pattern="^(|planned|active|closed)$")


class FeedbackOut(Schema):
    provider_id: int
    respondents: int
    recipients: int
    suppressed: bool
    min_respondents: int
    item_means: dict[str, float]
    overall: float | None


@router.get("/engagements", response=list[EngagementOut], summary="Engagements you may see")
@paginate(Pagination)
def list_engagements(request: HttpRequest, filters: Query[EngagementFilter]) -> QuerySet[Engagement]:
    engagements = selectors.engagements_visible(request.user).order_by("id")
    if filters.org_id:
        engagements = engagements.filter(provider_id=filters.org_id) | engagements.filter(recipient_id=filters.org_id)
    if filters.status:
        engagements = engagements.filter(status=filters.status)
    return engagements


@router.get("/engagements/{engagement_id}", response={200: EngagementDetailOut, **NOT_FOUND}, summary="One engagement")
def get_engagement(request: HttpRequest, engagement_id: ObjectId) -> Engagement:
    return policy.get_object_or_404_for(request.user, "support.view", Engagement.objects.all(), pk=engagement_id)


@router.get(
    "/engagements/{engagement_id}/activities",
    response={200: list[ActivityOut], **NOT_FOUND},
    summary="An engagement's activity log",
)
@paginate(Pagination)
def list_activities(request: HttpRequest, engagement_id: ObjectId) -> QuerySet[Activity]:
    engagement = policy.get_object_or_404_for(request.user, "support.view", Engagement.objects.all(), pk=engagement_id)
    return engagement.activities.all()


@router.get(
    "/providers/{org_id}/feedback",
    response={200: FeedbackOut, **NOT_FOUND},
    summary="Recipients' feedback on a provider (suppressed below the privacy threshold)",
)
def provider_feedback(request: HttpRequest, org_id: ObjectId) -> FeedbackOut:
    provider = policy.get_object_or_404_for(
        request.user, "support.view_feedback", SupportProvider.objects.all(), pk=org_id
    )
    result = selectors.provider_feedback(provider)
    k = settings.TRELLIS_MIN_RESPONDENTS
    if result is None:
        return FeedbackOut(
            provider_id=provider.pk,
            respondents=0,
            recipients=0,
            suppressed=True,
            min_respondents=k,
            item_means={},
            overall=None,
        )
    return FeedbackOut(
        provider_id=provider.pk,
        respondents=result.respondents,
        recipients=result.recipients,
        suppressed=result.suppressed,
        min_respondents=k,
        item_means=dict(result.item_means),
        overall=result.overall,
    )
