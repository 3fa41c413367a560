"""Taking a survey: pages save and resume, answers survive errors, one response per link."""

from __future__ import annotations

import re

import numpy as np
import pytest
from django.test import Client

from tests.surveys.conftest import invite
from trellis.surveys import selectors
from trellis.surveys.instruments import Layout
from trellis.surveys.models import Draft, Invitation, Participant, Response, SurveyWindow

pytestmark = pytest.mark.django_db


def _answer_all(client: Client, token: str, layout: Layout, value: int = 4) -> None:
    for page in layout.pages:
        data = {f"i{s.index}": str(value) for s in page.items}
        response = client.post(f"/s/{token}/{page.number}/", data)
        assert response.status_code == 302, response.content[:500]


def test_it_takes_a_survey_page_by_page_and_stores_one_unlinkable_response(
    client: Client, confidential: SurveyWindow
) -> None:
    token = invite(confidential, 1)[0]
    layout = Layout(confidential.instrument)
    assert client.get(f"/s/{token}/").url == f"/s/{token}/1/"
    page1 = client.get(f"/s/{token}/1/")
    assert page1.status_code == 200
    assert b"Page" in page1.content and b'aria-current="step"' in page1.content
    _answer_all(client, token, layout, value=3)
    last = layout.page_count
    response = client.post(f"/s/{token}/{last}/", {"action": "submit", "role": "0", "tenure": "5", "comment": "ok"})
    assert response.status_code == 302 and response.url == f"/s/{token}/done/"
    stored = Response.objects.get()
    assert bytes(stored.answers) == bytes([3] * layout.item_count)
    assert stored.role == 0 and stored.tenure is None  # "Prefer not to say" is no answer
    assert Invitation.objects.get().completed is True
    # Only a tombstone is left under the link: no answers.
    assert Draft.objects.get().answers == {} and Draft.objects.get().submitted
    item_ids, _orgs, matrix = selectors.response_matrix(confidential)
    assert matrix.shape == (1, len(item_ids)) and np.all(matrix == 3)


def test_it_records_one_response_for_a_double_or_replayed_submit(client: Client, confidential: SurveyWindow) -> None:
    token = invite(confidential, 1)[0]
    layout = Layout(confidential.instrument)
    client.post(f"/s/{token}/1/", {"i0": "5"})
    final = {"action": "submit", "comment": "same"}
    for _ in range(3):
        response = client.post(f"/s/{token}/{layout.page_count}/", final)
        assert response.status_code == 302 and response.url.endswith("/done/")
    assert Response.objects.count() == 1
    # Back and resubmit from an earlier page changes nothing either.
    assert client.post(f"/s/{token}/1/", {"i0": "1"}).url.endswith("/done/")
    assert Response.objects.count() == 1 and bytes(Response.objects.get().answers)[0] == 5


def test_it_resumes_where_the_person_left_off(client: Client, confidential: SurveyWindow) -> None:
    token = invite(confidential, 1)[0]
    client.post(f"/s/{token}/1/", {"i0": "2", "i1": "5"})
    other_device = Client()
    assert other_device.get(f"/s/{token}/").url == f"/s/{token}/2/"
    page1 = other_device.get(f"/s/{token}/1/").content.decode()
    assert re.search(r'id="i0-2"[^>]*checked', page1) and re.search(r'id="i1-5"[^>]*checked', page1)


def test_it_keeps_the_answers_when_a_page_must_be_posted_again(client: Client, confidential: SurveyWindow) -> None:
    token = invite(confidential, 1)[0]
    layout = Layout(confidential.instrument)
    response = client.post(f"/s/{token}/1/", {"i0": "4", "i1": "9"})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'id="i0-4"[^>]*checked', html) and "Choose one of the answers." in html
    long = "x" * 2001
    response = client.post(f"/s/{token}/{layout.page_count}/", {"action": "submit", "comment": long})
    assert response.status_code == 400 and long in response.content.decode()
    assert Response.objects.count() == 0


def test_it_keeps_the_answers_when_the_csrf_check_fails(confidential: SurveyWindow) -> None:
    token = invite(confidential, 1)[0]
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/s/{token}/1/", {"i0": "2", "i3": "5"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your answers are still here" in html
    assert re.search(r'id="i0-2"[^>]*checked', html) and re.search(r'id="i3-5"[^>]*checked', html)
    assert 'name="csrfmiddlewaretoken"' in html
    # Pressing the button again (now with the cookie and token the page set) saves.
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert csrf is not None
    again = strict.post(f"/s/{token}/1/", {"i0": "2", "i3": "5", "csrfmiddlewaretoken": csrf.group(1)})
    assert again.status_code == 302
    assert Draft.objects.get().answers["a"] == {"0": 2, "3": 5}


def test_it_answers_404_for_bad_tokens_and_codes(client: Client, confidential: SurveyWindow) -> None:
    invite(confidential, 1)
    for url in ("/s/not-a-token/", "/s/not-a-token/1/", "/s/not-a-token/done/", "/s/a/ZZZZZZZZ/", "/s/7KQ2M9XD4HTB/"):
        assert client.get(url).status_code == 404, url
    assert client.post("/s/not-a-token/1/", {"i0": "1"}).status_code == 404


def test_it_shows_the_survey_in_spanish(client: Client, confidential: SurveyWindow) -> None:
    token = invite(confidential, 1)[0]
    client.post("/i18n/setlang/", {"language": "es", "next": f"/s/{token}/1/"})
    html = client.get(f"/s/{token}/1/").content.decode()
    assert 'lang="es"' in html
    assert "Propósito compartido" in html and "¿Qué tan claro tiene usted" in html and "Totalmente claro" in html


def test_it_refuses_answers_when_the_window_is_closed(client: Client, confidential: SurveyWindow) -> None:
    token = invite(confidential, 1)[0]
    confidential.closed = True
    confidential.save()
    response = client.post(f"/s/{token}/1/", {"i0": "2"})
    assert response.status_code == 409 and Draft.objects.count() == 0


def test_anonymous_respondents_start_from_the_organization_code_and_resume_with_their_code(
    client: Client, anonymous: SurveyWindow
) -> None:
    participant = Participant.objects.filter(window=anonymous).first()
    assert participant is not None and len(participant.code) == 8
    assert client.get(f"/s/a/{participant.code.lower()}/").status_code == 200
    started = client.post(f"/s/a/{participant.code}/")
    resume_code = started.url.split("/")[2]
    page = client.get(started.url).content.decode()
    assert f"{resume_code[:4]}-{resume_code[4:8]}-{resume_code[8:]}" in page
    client.post(f"/s/{resume_code}/1/", {"i0": "5"})
    typed = Client().post("/s/resume/", {"code": f"{resume_code[:4].lower()}-{resume_code[4:]}"})
    assert typed.url == f"/s/{resume_code}/"
    layout = Layout(anonymous.instrument)
    for _ in range(2):
        client.post(f"/s/{resume_code}/{layout.page_count}/", {"action": "submit"})
    assert Response.objects.count() == 1
    assert Response.objects.get().organization_id == participant.organization_id
    assert Client().post("/s/resume/", {"code": "AAAA-BBBB-CCCC"}).status_code == 400


def test_the_survey_pages_need_no_inline_script_or_style(client: Client, confidential: SurveyWindow) -> None:
    token = invite(confidential, 1)[0]
    html = client.get(f"/s/{token}/1/").content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert 'style="' not in html
    assert "/static/surveys/survey.js" in html and 'data-seconds-left="' in html
    assert "Content-Security-Policy" in client.get(f"/s/{token}/1/").headers
