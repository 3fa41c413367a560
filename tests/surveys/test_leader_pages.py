"""Leaders open a window, load its roster, send invitations and reminders, and watch the rates."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client

from tests.factories import Personas, org
from tests.surveys.conftest import invite
from trellis.surveys.instruments import Layout
from trellis.surveys.models import Invitation, Participant, Response, SurveyWindow

pytestmark = pytest.mark.django_db


def test_a_district_leader_opens_a_window_for_every_school_and_runs_it(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    district = org("Alameda Unified")
    index = client.get("/surveys/").content.decode()
    assert f"/surveys/new/{district.pk}/" in index
    today = date.today()
    response = client.post(
        f"/surveys/new/{district.pk}/",
        {
            "title": "Spring 2027 staff survey",
            "population": "schools",
            "mode": "confidential",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=10)).isoformat(),
            "include_role": "on",
        },
    )
    window = SurveyWindow.objects.get()
    assert response.status_code == 302 and response.url == f"/surveys/{window.pk}/"
    assert window.instrument.level == "school" and window.instrument.include_tenure is False
    assert window.instrument.bank_key == "capacity-survey@1.0.0"
    assert set(Participant.objects.filter(window=window).values_list("organization__name", flat=True)) == {
        "Alameda High",
        "Bay Farm Elementary",
    }
    roster = "name,email,role,organization\n" + "".join(
        f"P{i},p{i}@alameda.example.org,teacher,{'01611920130229' if i < 3 else '01611926000509'}\n" for i in range(5)
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("roster.csv", roster.encode(), content_type="text/csv")
    assert client.post(f"/surveys/{window.pk}/roster/", {"files": upload}).status_code == 302
    assert client.post(f"/surveys/{window.pk}/send/", {"kind": "invitations"}).status_code == 302
    assert len(mail.outbox) == 5
    link = re.search(r"http://testserver(/s/[^/]+/)", mail.outbox[0].body)
    assert link is not None and "Su enlace personal" in mail.outbox[0].body
    # One person answers; reminders go to the other four only, with the same links.
    layout = Layout(window.instrument)
    Client().post(f"{link.group(1)}{layout.page_count}/", {"action": "submit"})
    mail.outbox.clear()
    client.post(f"/surveys/{window.pk}/send/", {"kind": "reminders"})
    assert len(mail.outbox) == 4 and all(link.group(1) not in m.body for m in mail.outbox)
    page = client.get(f"/surveys/{window.pk}/").content.decode()
    assert "20%" in page and "1 responses of 5 expected" in page
    assert "p0@alameda.example.org" not in page and "P0" not in page  # never who


def test_the_rates_roll_up_the_hierarchy(client: Client, personas: Personas) -> None:
    from tests.surveys.conftest import open_window

    window = open_window(owner="CA")
    tokens = invite(window, 4)
    layout = Layout(window.instrument)
    for token in tokens[:3]:
        Client().post(f"/s/{token}/{layout.page_count}/", {"action": "submit"})
    client.force_login(personas.state_admin)
    state = client.get(f"/surveys/{window.pk}/").content.decode()
    assert "Bay Area" in state or "Region" in state
    assert "75%" in state
    school = client.get(f"/surveys/{window.pk}/?org={org('Alameda Unified').pk}").content.decode()
    assert "Alameda High" in school and "75%" in school
    assert client.get(f"/surveys/{window.pk}/?org={org('Fresno Unified').pk}").status_code == 404


def test_closing_deletes_the_roster_and_keeps_the_rates(client: Client, personas: Personas) -> None:
    from tests.surveys.conftest import open_window

    window = open_window()
    tokens = invite(window, 2)
    Client().post(f"/s/{tokens[0]}/{Layout(window.instrument).page_count}/", {"action": "submit"})
    client.force_login(personas.district_leader)
    assert client.post(f"/surveys/{window.pk}/close/").status_code == 302
    assert Invitation.objects.count() == 0 and Response.objects.count() == 1
    assert "50%" in client.get(f"/surveys/{window.pk}/").content.decode()
    assert Client().get(f"/s/{tokens[1]}/").status_code == 404


def test_anonymous_windows_list_their_codes(client: Client, anonymous: SurveyWindow, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    page = client.get(f"/surveys/{anonymous.pk}/codes/").content.decode()
    for participant in Participant.objects.filter(window=anonymous):
        assert f"/s/a/{participant.code}/" in page
    assert client.get(f"/surveys/{anonymous.pk}/roster/").status_code == 404


def test_a_leader_corrects_anonymous_headcounts(client: Client, anonymous: SurveyWindow, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    participant = Participant.objects.filter(window=anonymous).order_by("id").first()
    assert participant is not None
    client.post(f"/surveys/{anonymous.pk}/codes/", {f"h{participant.pk}": "40", "hx": "1", "h999999": "3"})
    participant.refresh_from_db()
    assert participant.headcount == 40
    assert "40" in client.get(f"/surveys/{anonymous.pk}/").content.decode()
