"""A stored response cannot be linked to a person, a link, or a time (BRIEF §6)."""

from __future__ import annotations

import logging

import pytest
from django.db import models
from django.test import Client

from tests.surveys.conftest import invite
from trellis.surveys.instruments import Layout
from trellis.surveys.models import Draft, Instrument, Invitation, Participant, Response, SurveyWindow

pytestmark = pytest.mark.django_db
SURVEY_MODELS = [Instrument, SurveyWindow, Participant, Invitation, Draft, Response]


def test_a_response_has_no_key_token_or_time_that_could_link_it() -> None:
    fields = {f.name: f for f in Response._meta.get_fields()}
    assert set(fields) == {"id", "window", "organization", "answers", "role", "tenure", "comment"}
    relations = {name for name, f in fields.items() if f.is_relation}
    assert relations == {"window", "organization"}
    assert not any(isinstance(f, models.DateField | models.DateTimeField | models.TimeField) for f in fields.values())
    # Random keys: the order responses arrived in cannot be read from them.
    assert isinstance(fields["id"], models.UUIDField)


def test_no_survey_table_stores_an_address_or_a_plain_token() -> None:
    for model in SURVEY_MODELS:
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.GenericIPAddressField), f"{model.__name__}.{field.name}"
            assert "ip" not in field.name.split("_"), f"{model.__name__}.{field.name}"
            assert field.name != "token", f"{model.__name__}.{field.name}"
    # Drafts and invitations carry no times either; only e-mail sending is dated (by day).
    assert not any(isinstance(f, models.DateTimeField) for m in SURVEY_MODELS for f in m._meta.concrete_fields)


def test_an_anonymous_submission_leaves_no_link_behind(client: Client, anonymous: SurveyWindow) -> None:
    participant = Participant.objects.filter(window=anonymous).first()
    assert participant is not None
    resume = client.post(f"/s/a/{participant.code}/").url.split("/")[2]
    client.post(f"/s/{resume}/1/", {"i0": "4", "i1": "2"})
    layout = Layout(anonymous.instrument)
    client.post(f"/s/{resume}/{layout.page_count}/", {"action": "submit", "comment": "a comment"})
    response = Response.objects.get()
    draft = Draft.objects.get()
    # The draft keeps only that it was submitted; the response holds no hash, code or draft key.
    assert draft.submitted and draft.answers == {} and draft.page == 0
    values = [str(getattr(response, f.attname)) for f in Response._meta.concrete_fields]
    assert draft.key_hash not in values and resume not in " ".join(values)
    assert Invitation.objects.count() == 0  # anonymous windows keep no roster of people


def test_a_confidential_invitation_learns_only_completed(client: Client, confidential: SurveyWindow) -> None:
    tokens = invite(confidential, 2)
    layout = Layout(confidential.instrument)
    client.post(f"/s/{tokens[0]}/{layout.page_count}/", {"action": "submit"})
    done, pending = Invitation.objects.order_by("-completed")
    assert done.completed and not pending.completed
    changed = {
        f.name
        for f in Invitation._meta.concrete_fields
        if getattr(done, f.attname) != getattr(pending, f.attname)
        and f.name not in ("id", "full_name", "email", "salt")
    }
    assert changed == {"completed", "token_hash"}
    # The response's fields hold nothing of the invitation's.
    response = Response.objects.get()
    assert done.token_hash not in str(response.__dict__) and done.email not in str(response.__dict__)


def test_the_survey_pages_log_no_address_or_token(
    client: Client, confidential: SurveyWindow, caplog: pytest.LogCaptureFixture
) -> None:
    token = invite(confidential, 1)[0]
    with caplog.at_level(logging.DEBUG):
        client.post(f"/s/{token}/1/", {"i0": "3"}, REMOTE_ADDR="203.0.113.9")
        client.post(f"/s/{token}/2/", {"i99999": "x"}, REMOTE_ADDR="203.0.113.9")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "203.0.113.9" not in text


def test_the_served_access_log_has_no_address_and_redacts_links() -> None:
    from trellis.cli.access_log import ACCESS_LOG_FORMAT, PrivateAccessLogger

    assert "%(h)s" not in ACCESS_LOG_FORMAT
    assert PrivateAccessLogger.redact("/s/0DNgL8qNaRQ5R3DyRR5OT1ko_kqkXTOG/2/") == "/s/…/2/"
    assert PrivateAccessLogger.redact("GET /s/7KQ2M9XD4HTB/done/ HTTP/1.1") == "GET /s/…/done/ HTTP/1.1"
    assert PrivateAccessLogger.redact("/s/a/ABCD2345/") == "/s/a/ABCD2345/"
    assert PrivateAccessLogger.redact("/orgs/12/") == "/orgs/12/"


def test_the_log_filter_removes_link_tokens() -> None:
    from trellis.surveys.log_filters import RedactSurveyLinks

    record = logging.LogRecord(
        "django.request", logging.WARNING, "x", 1, "Bad Request: %s", ("/s/abcDEF123_-/2/",), None
    )
    assert RedactSurveyLinks().filter(record)
    assert record.getMessage() == "Bad Request: /s/…/2/"
