"""A county office leader reads the DA list with needs, engagements and suggestions; a state user
reads the System of Support view — in a real browser, checked with axe-core."""

from __future__ import annotations

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, Personas, org
from tests.reports.factories import alameda_da

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@override_settings(TRELLIS_MIN_RESPONDENTS=5)
def test_a_coe_leader_reads_needs_engagements_and_suggestions(
    page: Page, live_server: object, personas: Personas
) -> None:
    alameda_da()
    base = str(live_server)
    sign_in(page, base, "coe.leader@example.org", PASSWORD)
    page.goto(f"{base}/outcomes/org/{org('C01').pk}/assistance/?year=2025")
    leas = page.locator("section.trellis-da-lea")
    expect(leas).to_have_count(2)
    for i in range(2):
        lea = leas.nth(i)
        expect(lea.get_by_role("heading", name="Needs profile")).to_be_visible()
        expect(lea.locator("li.trellis-suggestion")).to_have_count(3)
    oakland = leas.filter(has_text="Oakland Unified")
    expect(oakland.get_by_text("No active engagement")).to_be_visible()
    expect(oakland.get_by_text("English Learners: red in English language arts (priority 4)")).to_be_visible()
    alameda = leas.filter(has_text="Alameda Unified")
    expect(alameda.get_by_role("link", name="Chronic absenteeism in the early grades")).to_be_visible()
    assert_accessible(page, "reports-da-list")


def test_a_state_user_reads_the_system_of_support_view(page: Page, live_server: object, personas: Personas) -> None:
    alameda_da()
    base = str(live_server)
    sign_in(page, base, "state.admin@example.org", PASSWORD)
    page.goto(f"{base}/reports/state/")
    expect(page.get_by_role("heading", level=1)).to_have_text("System of Support")
    page.get_by_label("Map indicator").select_option("coverage")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#coverage-summary")).to_contain_text("1 eligible LEAs have a support engagement")
    expect(page.locator("svg.trellis-map")).to_be_visible()
    assert_accessible(page, "reports-state")
