"""Sign in, search the directory, open a school — in a real browser, checked with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_signs_in_searches_and_opens_a_school(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    page.goto(f"{base}/accounts/login/")
    assert_accessible(page, "login")

    sign_in(page, base, "coe.leader@example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alameda County Office of Education")
    assert_accessible(page, "coe-home")

    page.get_by_role("link", name="Directory").first.click()
    page.get_by_label("Search by name or CDS code").fill("bay farm")
    # htmx swaps the results in as one types.
    expect(page.get_by_role("link", name="Bay Farm Elementary")).to_be_visible()
    expect(page.get_by_text("1 organization found")).to_be_visible()
    assert_accessible(page, "directory-search")

    page.get_by_role("link", name="Bay Farm Elementary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bay Farm Elementary")
    expect(page.get_by_text("01611926000509")).to_be_visible()
    expect(page.get_by_role("navigation", name="Place in the hierarchy")).to_contain_text("Alameda Unified")
    assert_accessible(page, "school")


def test_it_hides_other_counties_in_the_browser(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    sign_in(page, base, "coe.leader@example.org", PASSWORD)
    page.goto(f"{base}/orgs/?q=fresno")
    expect(page.get_by_text("0 organizations found")).to_be_visible()


def test_it_switches_to_spanish(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Iniciar sesión en Trellis")
    assert_accessible(page, "login-es")
