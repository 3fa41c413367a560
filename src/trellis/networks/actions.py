"""Every write to networks, their convenings and their library."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from trellis.accounts.audit import log_action
from trellis.accounts.models import User
from trellis.lib.embedding import default_encoder
from trellis.lib.similarity import to_bytes
from trellis.networks.core.library import MODEL_NAME
from trellis.networks.models import (
    Attendance,
    ConsultancyNote,
    Convening,
    ConveningKind,
    EntryKind,
    LibraryEntry,
    Network,
    NetworkMember,
    Team,
)
from trellis.orgs.models import Organization


@transaction.atomic
def network_create(
    *, name: str, host: Organization, purpose: str = "", joined_on: date, user: User | None = None
) -> Network:
    network = Network.objects.create(name=name, host=host, purpose=purpose)
    NetworkMember.objects.create(network=network, organization=host, joined_on=joined_on)
    log_action("trellis.networks.created", user=user, target=network, data={"name": name})
    return network


def member_add(
    *, network: Network, organization: Organization, joined_on: date, user: User | None = None
) -> NetworkMember:
    member, _ = NetworkMember.objects.get_or_create(
        network=network, organization=organization, defaults={"joined_on": joined_on}
    )
    log_action("trellis.networks.member_added", user=user, target=network, data={"organization": organization.code})
    return member


def team_create(
    *, network: Network, organization: Organization, name: str, focus: str = "", people: list[User] | None = None
) -> Team:
    team = Team.objects.create(network=network, organization=organization, name=name, focus=focus)
    if people:
        team.people.set(people)
    return team


def convening_create(
    *,
    network: Network,
    title: str,
    held_on: date,
    kind: ConveningKind | str = ConveningKind.WORKSHOP,
    location: str = "",
    agenda: str = "",
) -> Convening:
    return Convening.objects.create(
        network=network, title=title, held_on=held_on, kind=kind, location=location, agenda=agenda
    )


def attendance_record(*, convening: Convening, organization: Organization, people: int) -> Attendance:
    attendance, _ = Attendance.objects.update_or_create(
        convening=convening, organization=organization, defaults={"people": people}
    )
    return attendance


def consultancy_note_add(
    *,
    convening: Convening,
    presenting: Organization,
    focusing_question: str,
    warm_feedback: str = "",
    cool_feedback: str = "",
    next_steps: str = "",
    user: User | None = None,
) -> ConsultancyNote:
    return ConsultancyNote.objects.create(
        convening=convening,
        presenting=presenting,
        focusing_question=focusing_question,
        warm_feedback=warm_feedback,
        cool_feedback=cool_feedback,
        next_steps=next_steps,
        created_by=user,
    )


def library_entry_create(
    *,
    network: Network,
    kind: EntryKind | str,
    title: str,
    body: str,
    contributed_by: Organization | None = None,
    source: str = "",
    user: User | None = None,
) -> LibraryEntry:
    """Add a change idea or lesson to a network's library, with its sentence vector for search.

    Other apps call this to share their work (the improvement app for a PDSA cycle marked shareable,
    with `source="pdsa:<id>"`).
    """
    entry = LibraryEntry(
        network=network,
        kind=kind,
        title=title.strip(),
        body=body.strip(),
        contributed_by=contributed_by,
        source=source,
        created_by=user,
    )
    entry.full_clean(exclude=["embedding"])
    encoder = default_encoder()
    if encoder is not None:
        entry.embedding = to_bytes(encoder.encode([entry.text])[0])
        entry.embedding_model = MODEL_NAME
    entry.save()
    log_action("trellis.networks.library_entry.created", user=user, target=network, data={"source": source})
    return entry
