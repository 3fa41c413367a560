"""Survey pages: leaders run windows (signed in, policy-checked); respondents take surveys (public,
gated by the token in the address: a bad token and a missing one both answer 404)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from trellis.accounts import policy
from trellis.accounts.audit import log_action
from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.lib.errors import ImportFailed
from trellis.orgs.models import Organization
from trellis.surveys import actions, selectors, tokens
from trellis.surveys.forms import WindowForm, level_for, population_of
from trellis.surveys.instruments import Layout
from trellis.surveys.models import Invitation, Mode, Participant, SurveyWindow
from trellis.surveys.roster import read_roster

MAX_UPLOAD = 20 * 1024 * 1024
IDLE_WARNING_SECONDS = 20 * 60
CLOSE_WARNING_SECONDS = 10 * 60

# --- leaders ---------------------------------------------------------------------------------------


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "surveys/index.html",
        {
            "windows": selectors.windows_for(request.user)[:200],
            "can_open": selectors.organizations_that_can_open(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def window_new(request: AuthenticatedHttpRequest, org: int) -> HttpResponse:
    owner = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org)
    policy.require(request.user, "window.manage", SurveyWindow(owner=owner))
    form = WindowForm(request.POST or None, org=owner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        population = population_of(owner, data["population"])
        if not population:
            form.add_error("population", _("There are no such organizations under this one."))
        else:
            window = actions.window_open(
                owner=owner,
                title=data["title"],
                level=level_for(owner, data["population"]),
                mode=data["mode"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                population=population,
                include_role=data["include_role"],
                include_tenure=data["include_tenure"],
                user=request.user,
            )
            messages.success(request, _("The survey window is open for %(n)s organizations.") % {"n": len(population)})
            return redirect("surveys:window", pk=window.pk)
    return render(request, "surveys/window_new.html", {"form": form, "org": owner})


def _window(request: AuthenticatedHttpRequest, pk: int, action: str = "window.view") -> SurveyWindow:
    return policy.get_object_or_404_for(
        request.user, action, SurveyWindow.objects.select_related("owner", "instrument"), pk=pk
    )


@login_required
def window(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _window(request, pk)
    node = survey.owner
    if request.GET.get("org", "").isdigit():
        node = Organization.objects.filter(pk=int(request.GET["org"])).first() or survey.owner
    result = selectors.rates(survey, node)
    if result is None:
        raise Http404("No such organization in this survey")
    invitations = Invitation.objects.filter(window=survey)
    return render(
        request,
        "surveys/window.html",
        {
            "window": survey,
            "rates": result,
            "can_manage": policy.can(request.user, "window.manage", survey),
            "accepts_answers": actions.window_accepts_answers(survey),
            "roster_size": invitations.count() if survey.mode == Mode.CONFIDENTIAL else 0,
            "to_invite": invitations.filter(invited_on=None).count(),
            "to_remind": invitations.filter(invited_on__isnull=False, completed=False).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def roster(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _window(request, pk, "window.manage")
    if survey.mode != Mode.CONFIDENTIAL or survey.closed:
        raise Http404("This window has no roster")
    problems: list[str] = []
    if request.method == "POST":
        try:
            if request.POST.get("source") == "staff":
                summary = actions.roster_from_staff(survey, user=request.user)
            else:
                uploads = request.FILES.getlist("files")
                if not uploads or any((u.size or 0) > MAX_UPLOAD for u in uploads):
                    raise ImportFailed([])
                entries = read_roster((u.name or "roster", u.read()) for u in uploads)
                summary = actions.roster_import(survey, entries, user=request.user)
        except ImportFailed as failure:
            problems = [str(issue) for issue in failure.issues[:50]] or [_("Choose a file (at most 20 MB).")]
            if len(failure.issues) > 50:
                problems.append(_("… and %(n)s more.") % {"n": len(failure.issues) - 50})
            log_action("trellis.surveys.roster.import_failed", user=request.user, target=survey.owner)
        else:
            messages.success(request, _("Roster: %(summary)s.") % {"summary": summary})
            return redirect("surveys:window", pk=survey.pk)
    return render(request, "surveys/roster.html", {"window": survey, "problems": problems})


@login_required
@require_http_methods(["GET", "POST"])
def send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _window(request, pk, "window.manage")
    reminders = request.GET.get("kind", request.POST.get("kind")) == "reminders"
    if request.method == "POST":
        sent = actions.invitations_send(
            survey, site_url=request.build_absolute_uri("/"), user=request.user, reminders=reminders
        )
        messages.success(request, _("%(n)s e-mails sent.") % {"n": sent})
        return redirect("surveys:window", pk=survey.pk)
    people = Invitation.objects.filter(window=survey)
    count = (
        people.filter(invited_on__isnull=False, completed=False).count()
        if reminders
        else people.filter(invited_on=None).count()
    )
    return render(request, "surveys/send.html", {"window": survey, "reminders": reminders, "count": count})


@login_required
@require_http_methods(["GET", "POST"])
def codes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _window(request, pk, "window.manage")
    if request.method == "POST" and not survey.closed:
        headcounts: dict[int, int] = {}
        for key in request.POST:
            value = (request.POST.get(key) or "").strip()
            if key.startswith("h") and key[1:].isdigit() and value.isdigit():
                headcounts[int(key[1:])] = min(int(value), 100_000)
        changed = actions.headcounts_set(survey, headcounts, user=request.user)
        messages.success(request, _("%(n)s headcounts changed.") % {"n": changed})
        return redirect("surveys:codes", pk=survey.pk)
    participants = (
        Participant.objects.filter(window=survey).select_related("organization").order_by("organization__name")
    )
    site = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "surveys/codes.html",
        {
            "window": survey,
            "participants": [(p, tokens.format_code(p.code), f"{site}/s/a/{p.code}/") for p in participants[:5000]],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    survey = _window(request, pk, "window.manage")
    if request.method == "POST" and not survey.closed:
        actions.window_close(survey, user=request.user)
        messages.success(request, _("The survey window is closed; its roster has been deleted."))
        return redirect("surveys:window", pk=survey.pk)
    return render(request, "surveys/close.html", {"window": survey})


# --- respondents -----------------------------------------------------------------------------------


def _taking_or_404(token: str) -> actions.Taking:
    taking = actions.taking_resolve(token)
    if taking is None:
        raise Http404("No such survey link")
    return taking


@never_cache
@require_http_methods(["GET", "POST"])
def anonymous_start(request: HttpRequest, code: str) -> HttpResponse:
    participant = (
        Participant.objects.select_related("window", "organization")
        .filter(code=tokens.normalize_code(code), window__mode=Mode.ANONYMOUS)
        .first()
    )
    if participant is None:
        raise Http404("No such survey code")
    survey = participant.window
    if request.method == "POST" and actions.window_accepts_answers(survey):
        resume = actions.anonymous_start(participant)
        return redirect("surveys:page", token=resume, number=1)
    return render(
        request,
        "surveys/start.html",
        {"window": survey, "organization": participant.organization, "open": actions.window_accepts_answers(survey)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest) -> HttpResponse:
    error = ""
    code = request.POST.get("code", "") if request.method == "POST" else ""
    if request.method == "POST":
        if actions.taking_resolve(tokens.normalize_code(code)) is not None:
            return redirect("surveys:take", token=tokens.normalize_code(code))
        error = _("We could not find that code. Check it and try again.")
    return render(request, "surveys/resume.html", {"error": error, "code": code}, status=400 if error else 200)


@never_cache
def take(request: HttpRequest, token: str) -> HttpResponse:
    taking = _taking_or_404(token)
    if actions.is_submitted(taking):
        return redirect("surveys:done", token=token)
    draft = actions.draft_of(taking)
    return redirect("surveys:page", token=token, number=max(1, draft.page) if draft else 1)


@never_cache
def done(request: HttpRequest, token: str) -> HttpResponse:
    taking = _taking_or_404(token)
    if not actions.is_submitted(taking):
        return redirect("surveys:take", token=token)
    return render(request, "surveys/done.html", {"window": taking.window})


def _lang() -> str:
    return "es" if (get_language() or "en").startswith("es") else "en"


def _choice(value: str | None, count: int) -> int | None:
    if value is None or value == "" or not value.isdigit() or int(value) >= count:
        return None
    return int(value)


def _parse(layout: Layout, number: int, post: Any) -> tuple[dict[int, int], dict[str, Any], dict[str, str]]:
    """A page's posted answers, extra fields and errors (by field name)."""
    answers: dict[int, int] = {}
    extra: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if number <= len(layout.pages):
        for shown in layout.pages[number - 1].items:
            raw = post.get(f"i{shown.index}")
            if raw in (None, ""):
                continue
            values = {o.value for o in shown.scale.options}
            if not raw.isdigit() or int(raw) not in values:
                errors[f"i{shown.index}"] = _("Choose one of the answers.")
            else:
                answers[shown.index] = int(raw)
    else:
        for question in layout.background:
            key = "role" if question.id.startswith("background.role") else "tenure"
            raw = post.get(key)
            choice = _choice(raw, len(question.options))
            if raw not in (None, "") and choice is None:
                errors[key] = _("Choose one of the answers.")
            extra[key] = choice
        comment = post.get("comment", "")
        if len(comment) > actions.MAX_COMMENT:
            errors["comment"] = _("Please shorten your comment to %(n)s characters (it has %(m)s).") % {
                "n": actions.MAX_COMMENT,
                "m": len(comment),
            }
        extra["comment"] = comment
    return answers, extra, errors


def _close_instant(window: SurveyWindow) -> datetime:
    return timezone.make_aware(datetime.combine(window.closes_on + timedelta(days=1), time.min))


def render_page(
    request: HttpRequest,
    taking: actions.Taking,
    number: int,
    *,
    posted: Any = None,
    errors: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    layout = Layout.of(taking.window.instrument)
    draft = actions.draft_of(taking)
    stored = dict(draft.answers) if draft else {}
    saved_items = {int(k): int(v) for k, v in stored.get("a", {}).items()}
    errors = errors or {}
    lang = _lang()
    questions: list[dict[str, Any]] = []
    if number <= len(layout.pages):
        page = layout.pages[number - 1]
        title = page.title_es if lang == "es" else page.title_en
        for shown in page.items:
            name = f"i{shown.index}"
            current = posted.get(name) if posted is not None else str(saved_items.get(shown.index, ""))
            questions.append(
                {
                    "name": name,
                    "number": shown.index + 1,
                    "text": getattr(shown.item.text, lang),
                    "options": [(str(o.value), getattr(o.label, lang)) for o in shown.scale.options],
                    "value": current or "",
                    "error": errors.get(name, ""),
                }
            )
    else:
        title = _("About you, and anything else you want to say")
        for question in layout.background:
            key = "role" if question.id.startswith("background.role") else "tenure"
            saved = stored.get(key)
            current = posted.get(key) if posted is not None else ("" if saved is None else str(saved))
            questions.append(
                {
                    "name": key,
                    "number": None,
                    "text": getattr(question.text, lang),
                    "options": [(str(i), getattr(o, lang)) for i, o in enumerate(question.options)],
                    "value": current or "",
                    "error": errors.get(key, ""),
                }
            )
    comment = posted.get("comment", "") if posted is not None else stored.get("comment", "")
    answered = len(saved_items)
    seconds_left = int((_close_instant(taking.window) - timezone.now()).total_seconds())
    context = {
        "window": taking.window,
        "organization": taking.organization,
        "token": taking.token,
        "number": number,
        "page_count": layout.page_count,
        "steps": [
            {"n": i, "title": (p.title_es if lang == "es" else p.title_en)} for i, p in enumerate(layout.pages, 1)
        ]
        + [{"n": layout.page_count, "title": _("About you")}],
        "title": title,
        "questions": questions,
        "comment": comment,
        "comment_error": errors.get("comment", ""),
        "errors": errors,
        "notice": notice,
        "is_last": number == layout.page_count,
        "answered": answered,
        "item_count": layout.item_count,
        "percent": round(100 * (number - 1) / layout.page_count),
        "resume_code": tokens.format_code(taking.token) if taking.invitation_id is None else "",
        "open": actions.window_accepts_answers(taking.window),
        "seconds_left": max(0, seconds_left),
        "idle_warning": IDLE_WARNING_SECONDS,
        "close_warning": CLOSE_WARNING_SECONDS,
        "max_comment": actions.MAX_COMMENT,
    }
    return render(request, "surveys/page.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, token: str, number: int) -> HttpResponseBase:
    taking = _taking_or_404(token)
    layout = Layout.of(taking.window.instrument)
    if not 1 <= number <= layout.page_count:
        raise Http404("No such page")
    if actions.is_submitted(taking):
        return redirect("surveys:done", token=token)
    if request.method == "GET":
        return render_page(
            request, taking, number, notice=_("Your answers are saved.") if "saved" in request.GET else ""
        )
    if not actions.window_accepts_answers(taking.window):
        return render_page(request, taking, number, posted=request.POST, notice=_("This survey is closed."), status=409)
    answers, extra, errors = _parse(layout, number, request.POST)
    if errors:
        return render_page(request, taking, number, posted=request.POST, errors=errors, status=400)
    action = request.POST.get("action", "next")
    if action == "submit" and number == layout.page_count:
        final = dict(extra)
        for key, question_id in (("role", "background.role"), ("tenure", "background.tenure")):
            question = next((q for q in layout.background if q.id.startswith(question_id)), None)
            if question is not None and final.get(key) == len(question.options) - 1:
                final[key] = None  # "Prefer not to say" is stored as no answer
        actions.response_submit(taking, answers=answers, extra=final, item_count=layout.item_count)
        return redirect("surveys:done", token=token)
    target = {"back": max(1, number - 1), "save": number}.get(action, min(layout.page_count, number + 1))
    if not actions.draft_save(taking, answers=answers, extra=extra, page=target):
        return redirect("surveys:done", token=token)
    url = reverse("surveys:page", kwargs={"token": token, "number": target})
    return redirect(url + "?saved=1" if action == "save" else url)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A survey page whose CSRF check failed (cookie lost, very old page) is shown again with every
    answer the person posted, a fresh token and a note to press the button again. Elsewhere: Django's."""
    if request.method == "POST" and request.path.startswith("/s/"):
        try:
            match = resolve(request.path)
        except Resolver404:
            match = None
        if match is not None and match.view_name == "surveys:page":
            taking = actions.taking_resolve(match.kwargs["token"])
            if taking is not None:
                return render_page(
                    request,
                    taking,
                    int(match.kwargs["number"]),
                    posted=request.POST,
                    notice=_(
                        "For your security this page had to be refreshed. Your answers are still here: "
                        "press the button again to save them."
                    ),
                    status=403,
                )
    return django_csrf_failure(request, reason)
