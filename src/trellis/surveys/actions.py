"""Every write to survey state goes through here (windows, rosters, invitations, drafts, responses).

Exactly-once submission: `response_submit` turns a link from "not yet submitted" to "submitted" with
one conditional UPDATE (`… WHERE completed = false`) inside the transaction that inserts the
response. The database serializes competing updates of the same row, so of two (or five) identical
submits exactly one sees a row to update and records a response; the others record nothing and show
the same thank-you page. No response row carries anything that links it back to the link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone, translation

from trellis.accounts.audit import log_action
from trellis.accounts.models import User
from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.orgs.models import Organization, StaffMember
from trellis.surveys import tokens
from trellis.surveys.instruments import instrument_for
from trellis.surveys.models import Draft, Invitation, Mode, Participant, Response, SurveyWindow
from trellis.surveys.roster import RosterEntry

MAX_COMMENT = 2000
EMAIL_BATCH = 500


# --- windows ---------------------------------------------------------------------------------------


@transaction.atomic
def window_open(
    *,
    owner: Organization,
    title: str,
    level: str,
    mode: str,
    opens_on: date,
    closes_on: date,
    population: Sequence[Organization],
    include_role: bool = True,
    include_tenure: bool = True,
    user: User | None = None,
) -> SurveyWindow:
    """Open a window for a population; in anonymous mode each organization gets a public code and a
    headcount (its staff roster's size, which a leader can correct)."""
    instrument = instrument_for(level, include_role=include_role, include_tenure=include_tenure)
    window = SurveyWindow.objects.create(
        owner=owner,
        title=title,
        instrument=instrument,
        mode=mode,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    org_ids = [o.id for o in population]
    staff = dict(
        StaffMember.objects.filter(organization_id__in=org_ids)
        .values("organization_id")
        .annotate(n=Count("id"))
        .values_list("organization_id", "n")
    )
    anonymous = mode == Mode.ANONYMOUS
    Participant.objects.bulk_create(
        [
            Participant(
                window=window,
                organization_id=org_id,
                headcount=staff.get(org_id, 0) if anonymous else 0,
                code=tokens.random_code(tokens.ORG_CODE_LENGTH) if anonymous else "",
            )
            for org_id in org_ids
        ],
        batch_size=2000,
    )
    log_action(
        "trellis.surveys.window.opened",
        user=user,
        target=owner,
        data={"window": window.pk, "mode": mode, "level": level, "organizations": len(org_ids)},
    )
    return window


def window_accepts_answers(window: SurveyWindow, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return not window.closed and window.opens_on <= today <= window.closes_on


@transaction.atomic
def window_close(window: SurveyWindow, *, user: User | None) -> None:
    """Close a window: no more answers; the roster (names, e-mails) and unfinished drafts are deleted,
    keeping only each organization's number invited, so rates survive without any personal data."""
    invited = dict(
        Invitation.objects.filter(window=window)
        .values("organization_id")
        .annotate(n=Count("id"))
        .values_list("organization_id", "n")
    )
    for participant in Participant.objects.filter(window=window):
        participant.final_invited = (
            invited.get(participant.organization_id, 0) if window.mode == Mode.CONFIDENTIAL else participant.headcount
        )
        participant.save(update_fields=["final_invited"])
    Invitation.objects.filter(window=window).delete()
    Draft.objects.filter(window=window).delete()
    window.closed = True
    window.save(update_fields=["closed"])
    log_action("trellis.surveys.window.closed", user=user, target=window.owner, data={"window": window.pk})


@transaction.atomic
def headcounts_set(window: SurveyWindow, headcounts: Mapping[int, int], *, user: User | None) -> int:
    """Correct the staff headcounts (anonymous mode's response-rate denominators), by participant id."""
    participants = list(Participant.objects.filter(window=window, id__in=list(headcounts)))
    changed = [p for p in participants if p.headcount != headcounts[p.id]]
    for participant in changed:
        participant.headcount = headcounts[participant.id]
    Participant.objects.bulk_update(changed, ["headcount"], batch_size=2000)
    if changed:
        log_action(
            "trellis.surveys.headcounts.changed",
            user=user,
            target=window.owner,
            data={"window": window.pk, "changed": len(changed)},
        )
    return len(changed)


# --- rosters and invitations ------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterSummary:
    added: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"


@transaction.atomic
def roster_import(window: SurveyWindow, entries: Iterable[RosterEntry], *, user: User | None) -> RosterSummary:
    """Add people to a confidential window's roster; all or nothing; re-importing changes nothing."""
    entries = list(entries)
    if window.mode != Mode.CONFIDENTIAL:
        raise ImportFailed([ImportIssue("roster", None, None, "anonymous windows keep no roster of people")])
    org_by_cds = dict(
        Participant.objects.filter(window=window).values_list("organization__cds_code", "organization_id")
    )
    issues = [
        ImportIssue(e.file, e.line, "organization", f"{e.cds} is not one of the organizations this survey is for")
        for e in entries
        if e.cds not in org_by_cds
    ]
    if issues:
        raise ImportFailed(issues)
    existing = {i.email: i for i in Invitation.objects.filter(window=window)}
    to_create: list[Invitation] = []
    to_update: list[Invitation] = []
    unchanged = 0
    for entry in entries:
        org_id = org_by_cds[entry.cds]
        invitation = existing.get(entry.email)
        if invitation is None:
            salt = tokens.new_salt()
            to_create.append(
                Invitation(
                    window=window,
                    organization_id=org_id,
                    full_name=entry.name,
                    email=entry.email,
                    role=entry.role,
                    salt=salt,
                    token_hash=tokens.invitation_hash(tokens.invitation_token(salt)),
                )
            )
        elif (invitation.full_name, invitation.role, invitation.organization_id) != (entry.name, entry.role, org_id):
            invitation.full_name, invitation.role, invitation.organization_id = entry.name, entry.role, org_id
            to_update.append(invitation)
        else:
            unchanged += 1
    Invitation.objects.bulk_create(to_create, batch_size=2000)
    Invitation.objects.bulk_update(to_update, ["full_name", "role", "organization_id"], batch_size=2000)
    summary = RosterSummary(len(to_create), len(to_update), unchanged)
    log_action(
        "trellis.surveys.roster.imported",
        user=user,
        target=window.owner,
        data={"window": window.pk, "added": summary.added, "updated": summary.updated},
    )
    return summary


def roster_from_staff(window: SurveyWindow, *, user: User | None) -> RosterSummary:
    """Seed a confidential window's roster from the organizations' staff rosters (orgs.StaffMember)."""
    staff = StaffMember.objects.filter(
        organization_id__in=Participant.objects.filter(window=window).values("organization_id")
    ).values_list("full_name", "email", "role", "organization__cds_code")
    entries = [RosterEntry("staff roster", i, n, e.lower(), r, c) for i, (n, e, r, c) in enumerate(staff, start=1)]
    return roster_import(window, entries, user=user)


def invitation_link(site_url: str, invitation: Invitation) -> str:
    return f"{site_url.rstrip('/')}/s/{tokens.invitation_token(invitation.salt)}/"


def invitations_send(window: SurveyWindow, *, site_url: str, user: User | None, reminders: bool = False) -> int:
    """E-mail each person their link: invitations to those not yet invited, or reminders to those
    invited who have not completed. Returns how many messages were sent."""
    today = timezone.localdate()
    if window.mode != Mode.CONFIDENTIAL or window.closed or window.closes_on < today:
        return 0
    people = Invitation.objects.filter(window=window)
    people = people.filter(invited_on__isnull=False, completed=False) if reminders else people.filter(invited_on=None)
    sent = 0
    connection = mail.get_connection()
    batch: list[Invitation] = []
    for invitation in people.only("id", "email", "full_name", "salt").iterator(chunk_size=EMAIL_BATCH):
        batch.append(invitation)
        if len(batch) >= EMAIL_BATCH:
            sent += _send_batch(window, batch, site_url, reminders, today, connection)
            batch = []
    if batch:
        sent += _send_batch(window, batch, site_url, reminders, today, connection)
    log_action(
        "trellis.surveys.reminders.sent" if reminders else "trellis.surveys.invitations.sent",
        user=user,
        target=window.owner,
        data={"window": window.pk, "sent": sent},
    )
    return sent


def _send_batch(
    window: SurveyWindow, batch: list[Invitation], site_url: str, reminders: bool, today: date, connection: Any
) -> int:
    messages = []
    for invitation in batch:
        context = {"window": window, "name": invitation.full_name, "link": invitation_link(site_url, invitation)}
        with translation.override("en"):
            body = render_to_string("surveys/email/invitation.txt", {**context, "reminder": reminders})
        subject = ("Reminder: " if reminders else "") + window.title + " / Encuesta al personal"
        messages.append(mail.EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email]))
    connection.send_messages(messages)
    ids = [i.id for i in batch]
    if reminders:
        from django.db.models import F

        Invitation.objects.filter(id__in=ids).update(reminded_on=today, reminders=F("reminders") + 1)
    else:
        Invitation.objects.filter(id__in=ids).update(invited_on=today)
    return len(messages)


# --- taking a survey --------------------------------------------------------------------------------


@dataclass
class Taking:
    """Someone holding a valid link: which window and organization, and how to find their draft."""

    window: SurveyWindow
    organization: Organization
    draft_key: str
    invitation_id: int | None
    token: str


def taking_resolve(token: str) -> Taking | None:
    """The link behind a token, or None (the page answers 404 either way, for a bad or a used-up token)."""
    if len(token) > 64:
        return None
    invitation = (
        Invitation.objects.select_related("window__instrument", "organization")
        .filter(token_hash=tokens.invitation_hash(token))
        .first()
    )
    if invitation is not None:
        return Taking(invitation.window, invitation.organization, tokens.draft_hash(token), invitation.id, token)
    if tokens.looks_like_resume_code(token):
        code = tokens.normalize_code(token)
        draft = (
            Draft.objects.select_related("window__instrument", "organization")
            .filter(key_hash=tokens.draft_hash(code), window__mode=Mode.ANONYMOUS)
            .first()
        )
        if draft is not None:
            return Taking(draft.window, draft.organization, draft.key_hash, None, code)
    return None


def anonymous_start(participant: Participant) -> str:
    """A new anonymous respondent: a draft under a fresh resume code, which only they are shown."""
    for _ in range(5):
        code = tokens.random_code(tokens.RESUME_LENGTH)
        try:
            with transaction.atomic():
                Draft.objects.create(
                    window_id=participant.window_id,
                    organization_id=participant.organization_id,
                    key_hash=tokens.draft_hash(code),
                )
        except IntegrityError:  # pragma: no cover - 60 random bits; a collision is astronomically rare
            continue
        return code
    raise RuntimeError("could not allocate a resume code")


def draft_of(taking: Taking) -> Draft | None:
    return Draft.objects.filter(key_hash=taking.draft_key).first()


def is_submitted(taking: Taking) -> bool:
    if taking.invitation_id is not None:
        return Invitation.objects.filter(pk=taking.invitation_id, completed=True).exists()
    return Draft.objects.filter(key_hash=taking.draft_key, submitted=True).exists()


def draft_save(taking: Taking, *, answers: Mapping[int, int], extra: Mapping[str, Any], page: int) -> bool:
    """Merge one page's answers into the draft. False when the link was already submitted (nothing saved)."""
    with transaction.atomic():
        draft, _ = Draft.objects.select_for_update().get_or_create(
            key_hash=taking.draft_key,
            defaults={"window": taking.window, "organization": taking.organization},
        )
        if draft.submitted or is_submitted(taking):
            return False
        stored = dict(draft.answers)
        items = dict(stored.get("a", {}))
        items.update({str(k): int(v) for k, v in answers.items()})
        stored["a"] = items
        stored.update(extra)
        draft.answers = stored
        draft.page = page
        draft.save(update_fields=["answers", "page"])
    return True


def answers_bytes(item_count: int, answers: Mapping[str, int]) -> bytes:
    row = bytearray(item_count)
    for key, value in answers.items():
        index = int(key)
        if 0 <= index < item_count and 1 <= int(value) <= 5:
            row[index] = int(value)
    return bytes(row)


def response_submit(taking: Taking, *, answers: Mapping[int, int], extra: Mapping[str, Any], item_count: int) -> bool:
    """Record the response exactly once. True if this call recorded it, False if it was already."""
    with transaction.atomic():
        if taking.invitation_id is not None:
            won = Invitation.objects.filter(pk=taking.invitation_id, completed=False).update(completed=True)
            draft = Draft.objects.filter(key_hash=taking.draft_key).first()
        else:
            won = Draft.objects.filter(key_hash=taking.draft_key, submitted=False).update(submitted=True)
            draft = Draft.objects.filter(key_hash=taking.draft_key).first()
        if not won:
            return False
        stored: dict[str, Any] = dict(draft.answers) if draft is not None else {}
        items = {str(k): int(v) for k, v in stored.get("a", {}).items()}
        items.update({str(k): int(v) for k, v in answers.items()})
        stored.update(extra)
        Response.objects.create(
            window=taking.window,
            organization=taking.organization,
            answers=answers_bytes(item_count, items),
            role=stored.get("role"),
            tenure=stored.get("tenure"),
            comment=str(stored.get("comment") or "")[:MAX_COMMENT],
        )
        # Keep a tombstone only: no answers stay behind under the link's key.
        if draft is not None:
            Draft.objects.filter(pk=draft.pk).update(answers={}, page=0, submitted=True)
    return True
