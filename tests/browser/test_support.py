"""Support engagements and networks in a real browser: htmx activity log, library search, axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, Personas, alameda_engagement, alameda_network
from trellis.networks.actions import library_entry_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_an_activity_on_an_engagement(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    engagement = alameda_engagement()
    sign_in(page, base, "coe.leader@example.org", PASSWORD)
    page.goto(f"{base}/support/engagements/{engagement.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chronic absenteeism in the early grades")
    assert_accessible(page, "engagement")
    page.get_by_label("Activity", exact=True).select_option("coaching")
    page.get_by_label("Time spent (minutes)").fill("75")
    page.get_by_label("Note").fill("Empathy interviews with three families")
    page.get_by_role("button", name="Add", exact=True).click()
    # htmx swaps the log in place: the new row appears without a page load.
    expect(page.get_by_role("cell", name="Empathy interviews with three families")).to_be_visible()
    expect(page.get_by_text("75 minutes in all")).to_be_visible()
    assert_accessible(page, "engagement-with-activity")


def test_it_searches_the_network_library(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    network = alameda_network()
    library_entry_create(
        network=network,
        kind="change_idea",
        title="Walking school bus",
        body="Parent volunteers walk a route each morning and pick up kindergarteners near the school.",
    )
    library_entry_create(
        network=network, kind="lesson", title="Number talks", body="Open each math lesson with a talk on ratios."
    )
    sign_in(page, base, "school.member@example.org", PASSWORD)
    page.goto(f"{base}/networks/{network.pk}/")
    assert_accessible(page, "network")
    page.get_by_label("Search the library by meaning").fill("young children getting to school")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("close in meaning to")).to_be_visible()
    expect(page.locator("#library-results article").first).to_contain_text("Walking school bus")
    assert_accessible(page, "network-search")
