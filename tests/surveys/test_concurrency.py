"""Simultaneous submits of the same link, from threads with their own database connections,
record exactly one response (the conditional UPDATE inside the transaction decides)."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.test import Client

from tests.surveys.conftest import invite, open_window
from trellis.surveys import actions
from trellis.surveys.instruments import Layout
from trellis.surveys.models import Draft, Invitation, Mode, Participant, Response

# Runs on both databases: on SQLite the test database is a WAL file like a deployment's (see
# settings/test.py), where IMMEDIATE transactions queue behind busy_timeout.
pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 6


def _storm(target: callable) -> list[BaseException]:  # type: ignore[valid-type]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            target()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_it_records_one_response_when_a_link_is_submitted_at_once_from_many_threads(personas: object) -> None:
    window = open_window()
    tokens = invite(window, 2)
    layout = Layout(window.instrument)
    Client().post(f"/s/{tokens[0]}/1/", {"i0": "4"})
    outcomes: list[bool] = []

    def submit() -> None:
        taking = actions.taking_resolve(tokens[0])
        assert taking is not None
        outcomes.append(actions.response_submit(taking, answers={}, extra={}, item_count=layout.item_count))

    errors = _storm(submit)
    assert errors == [], errors
    assert sorted(outcomes) == [False] * (THREADS - 1) + [True]
    assert Response.objects.count() == 1
    assert Invitation.objects.filter(completed=True).count() == 1
    assert bytes(Response.objects.get().answers)[0] == 4


def test_it_records_one_response_for_concurrent_http_submits_of_an_anonymous_code(personas: object) -> None:
    window = open_window(Mode.ANONYMOUS)
    participant = Participant.objects.filter(window=window).first()
    assert participant is not None
    resume = actions.anonymous_start(participant)
    layout = Layout(window.instrument)
    statuses: list[int] = []

    def submit() -> None:
        response = Client().post(f"/s/{resume}/{layout.page_count}/", {"action": "submit"})
        statuses.append(response.status_code)

    errors = _storm(submit)
    assert errors == [], errors
    assert statuses == [302] * THREADS
    assert Response.objects.count() == 1
    assert Draft.objects.get().submitted
