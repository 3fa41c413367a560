"""Permission-scoped reads of engagements, and the plain inputs the pure cores take."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from django.conf import settings
from django.db.models import Q, QuerySet, Sum

from trellis.accounts import policy
from trellis.orgs.models import Organization
from trellis.support.core.feedback import FeedbackRow, ProviderFeedback, aggregate_by_provider, rated_focus_by_provider
from trellis.support.core.focus import labelled
from trellis.support.core.matching import Need, PeerEvidence, ProviderEvidence, Suggestion, suggest
from trellis.support.models import Engagement, FeedbackResponse


@cache
def element_titles() -> dict[str, str]:
    from trellis.framework.core.loader import load_framework

    framework = load_framework("capacity-framework")
    return {element.id: element.title for _, element in framework.elements()}


def engagements_visible(user: object) -> QuerySet[Engagement]:
    return policy.filter_allowed(user, "support.view", Engagement.objects.all()).select_related("provider", "recipient")


def engagements_of(user: object, org: Organization) -> tuple[QuerySet[Engagement], QuerySet[Engagement]]:
    """(provided by `org`, received by `org`) that the user may see."""
    visible = engagements_visible(user).annotate(minutes=Sum("activities__minutes"))
    return visible.filter(provider=org), visible.filter(recipient=org)


def feedback_rows(engagements: QuerySet[Engagement] | None = None) -> list[FeedbackRow]:
    responses = FeedbackResponse.objects.select_related("engagement")
    if engagements is not None:
        responses = responses.filter(engagement__in=engagements)
    titles = element_titles()
    rows = []
    for response in responses:
        e = response.engagement
        rows.append(
            FeedbackRow(
                provider_id=e.provider_id,
                recipient_id=e.recipient_id,
                answers={k: int(v) for k, v in response.answers.items()},
                focus=labelled(e.student_groups, e.priorities, e.elements, titles),
            )
        )
    return rows


def provider_feedback(provider: Organization) -> ProviderFeedback | None:
    rows = feedback_rows(Engagement.objects.filter(provider=provider))
    return aggregate_by_provider(rows, settings.TRELLIS_MIN_RESPONDENTS).get(provider.pk)


def provider_evidence(providers: Iterable[Organization]) -> list[ProviderEvidence]:
    """Matching inputs from the feedback on each provider's engagements (strengths from surveys and
    rubrics join these when those apps supply them)."""
    providers = list(providers)
    rows = feedback_rows(Engagement.objects.filter(provider__in=providers))
    rated = rated_focus_by_provider(rows, settings.TRELLIS_MIN_RESPONDENTS)
    return [ProviderEvidence(p.pk, p.name, ratings=rated.get(p.pk, [])) for p in providers]


def providers_with_engagements() -> QuerySet[Organization]:
    return Organization.objects.filter(Q(engagements_provided__isnull=False)).distinct()


def suggestions_for(need: Need, peers: Sequence[PeerEvidence], *, limit: int = 3) -> list[Suggestion]:
    """Suggested providers (from rated engagements) and peers (given by the caller, e.g. bright spots
    from outcomes and improving projects) for one need, each with its reason."""
    from trellis.lib.embedding import default_encoder
    from trellis.lib.similarity import TextSimilarity

    providers = provider_evidence(providers_with_engagements())
    return suggest(need, providers, peers, TextSimilarity(default_encoder()), limit=limit)
