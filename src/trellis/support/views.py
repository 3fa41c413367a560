from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from trellis.accounts import policy
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.orgs.models import Kind, Organization
from trellis.support import actions, selectors
from trellis.support.core.feedback import ITEMS
from trellis.support.core.focus import FOCUS_GROUPS, PRIORITIES
from trellis.support.forms import ActivityForm, CloseForm, EngagementForm, FeedbackForm
from trellis.support.models import Engagement, EngagementStatus, SupportProvider


def _engagement(request: AuthenticatedHttpRequest, pk: int, action: str = "support.view") -> Engagement:
    return policy.get_object_or_404_for(
        request.user, action, Engagement.objects.select_related("provider", "recipient"), pk=pk
    )


def can_create_for(user: object, provider: Organization) -> bool:
    """May the user start engagements as `provider`? Asked of an unsaved engagement, like any other."""
    return policy.can(user, "support.manage", Engagement(provider=provider, recipient=provider))


def recipients_for(user: object, provider: Organization) -> QuerySet[Organization]:
    """Whom `provider` may support: organizations under it, and those it has a support relationship with."""
    under = provider.descendants_q() | Q(support_received__provider=provider)
    return (
        policy.visible_organizations(user)
        .filter(kind__in=[Kind.COE, Kind.LEA, Kind.SCHOOL])
        .filter(under)
        .exclude(pk=provider.pk)
        .distinct()
        .order_by("kind", "name")
    )


def focus_words(engagement: Engagement) -> list[str]:
    titles = selectors.element_titles()
    return (
        [FOCUS_GROUPS.get(g, g) for g in engagement.student_groups]
        + [f"{p}. {PRIORITIES.get(p, '')}" for p in engagement.priorities]
        + [titles.get(e, e) for e in engagement.elements]
    )


@login_required
def org_engagements(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=pk)
    provided, received = selectors.engagements_of(request.user, org)
    return render(
        request,
        "support/org_engagements.html",
        {
            "org": org,
            "provided": provided,
            "received": received,
            "can_create": can_create_for(request.user, org),
            "can_view_feedback": policy.can(request.user, "support.view_feedback", SupportProvider(pk=org.pk)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    provider = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=pk)
    if not can_create_for(request.user, provider):
        raise PermissionDenied
    form = EngagementForm(request.POST or None, recipients=recipients_for(request.user, provider))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        engagement = actions.engagement_create(
            provider=provider,
            recipient=data["recipient"],
            level=data["level"],
            title=data["title"],
            problem_of_practice=data["problem_of_practice"],
            goals=data["goals"],
            student_groups=data["student_groups"],
            priorities=data["priorities"],
            elements=data["elements"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            user=request.user,
        )
        messages.success(request, _("Engagement created."))
        return redirect("support:detail", engagement.pk)
    return render(request, "support/create.html", {"provider": provider, "form": form})


def _detail_context(request: AuthenticatedHttpRequest, engagement: Engagement) -> dict[str, object]:
    user = request.user
    today = timezone.localdate()
    open_ = engagement.status != EngagementStatus.CLOSED
    return {
        "engagement": engagement,
        "focus": focus_words(engagement),
        "activities": engagement.activities.all(),
        "minutes": engagement.activities.aggregate(total=Sum("minutes"))["total"] or 0,
        "can_log": open_ and policy.can(user, "support.log_activity", engagement),
        "can_close": open_ and policy.can(user, "support.manage", engagement),
        "can_rate": policy.can(user, "support.give_feedback", engagement)
        and engagement.status != EngagementStatus.PLANNED
        and not actions.feedback_given(engagement=engagement, user=user, today=today),
        "activity_form": ActivityForm(initial={"occurred_on": today, "minutes": 60}),
    }


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement = _engagement(request, pk)
    return render(request, "support/detail.html", _detail_context(request, engagement))


@login_required
@require_http_methods(["GET", "POST"])
def activity_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """POST adds an activity; both answer with the activity log and its form (htmx swaps it in)."""
    engagement = _engagement(request, pk, "support.log_activity")
    if request.method == "GET":
        return render(request, "support/_activities.html", _detail_context(request, engagement))
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            actions.activity_add(engagement=engagement, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if not request.htmx:
        if form.errors:
            messages.error(request, _("The activity was not added: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("support:detail", engagement.pk)
    context = _detail_context(request, engagement)
    if form.errors:
        context["activity_form"] = form
    return render(request, "support/_activities.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement = _engagement(request, pk, "support.manage")
    if engagement.status == EngagementStatus.CLOSED:
        return redirect("support:detail", engagement.pk)
    form = CloseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.engagement_close(engagement=engagement, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Engagement closed."))
            return redirect("support:detail", engagement.pk)
    return render(request, "support/close.html", {"engagement": engagement, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    engagement = _engagement(request, pk, "support.give_feedback")
    today = timezone.localdate()
    if actions.feedback_given(engagement=engagement, user=request.user, today=today):
        messages.info(request, _("You have already rated this support this term. Thank you."))
        return redirect("support:detail", engagement.pk)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.feedback_submit(
            engagement=engagement, respondent_id=request.user.pk, answers=form.answers(), today=today
        )
        messages.success(
            request,
            _("Thank you. Your answers are reported only with at least %(k)s others.")
            % {"k": settings.TRELLIS_MIN_RESPONDENTS - 1},
        )
        return redirect("support:detail", engagement.pk)
    return render(request, "support/feedback.html", {"engagement": engagement, "form": form})


@login_required
def provider_feedback(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    provider = policy.get_object_or_404_for(request.user, "support.view_feedback", SupportProvider.objects.all(), pk=pk)
    result = selectors.provider_feedback(provider)
    items = (
        [(item, result.item_means.get(item.id), result.item_counts.get(item.id)) for item in ITEMS] if result else []
    )
    return render(
        request,
        "support/provider_feedback.html",
        {"provider": provider, "result": result, "items": items, "k": settings.TRELLIS_MIN_RESPONDENTS},
    )
