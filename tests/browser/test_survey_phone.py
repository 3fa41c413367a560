"""A staff member takes the survey in Spanish on a phone, submits it twice, and one response counts."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.factories import Personas
from tests.surveys.conftest import invite, open_window
from trellis.surveys.instruments import Layout
from trellis.surveys.models import Invitation, Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_the_survey_in_spanish_on_a_phone_and_counts_one_response(
    phone: Page, live_server: object, personas: Personas
) -> None:
    base = str(live_server)
    window = open_window()
    token = invite(window, 1)[0]
    layout = Layout(window.instrument)

    phone.goto(f"{base}/s/{token}/")
    phone.get_by_role("button", name="Español").first.click()
    expect(phone.locator("html")).to_have_attribute("lang", "es")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Propósito compartido")
    expect(phone.get_by_text("de 5")).to_be_visible()
    assert_accessible(phone, "survey-phone-es-page1")

    for number, page in enumerate(layout.pages, start=1):
        # Answer the first two questions on each page by tapping their labels; skip the rest.
        for shown in page.items[:2]:
            phone.locator(f"label[for='i{shown.index}-4']").click()
        phone.get_by_role("button", name="Guardar y continuar").click()
        expect(phone.locator(".usa-step-indicator__current-step")).to_have_text(str(number + 1))

    expect(phone.get_by_role("heading", level=1)).to_contain_text("Sobre usted")
    phone.locator("label", has_text="Docente").click()
    expect(phone.get_by_label("Docente")).to_be_checked()
    assert_accessible(phone, "survey-phone-es-last")

    # The same last page open in a second tab: both get submitted.
    other = phone.context.new_page()
    other.goto(phone.url)
    phone.get_by_role("button", name="Enviar mis respuestas").dblclick()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Gracias")
    other.get_by_role("button", name="Enviar mis respuestas").click()
    expect(other.get_by_role("heading", level=1)).to_contain_text("Gracias")
    phone.go_back()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Gracias")
    assert_accessible(phone, "survey-phone-es-done")

    assert Response.objects.count() == 1
    assert Invitation.objects.get().completed
    answers = bytes(Response.objects.get().answers)
    assert sum(1 for b in answers if b == 4) == 2 * len(layout.pages)
    assert Response.objects.get().role == 0
