"""A district leader opens the survey results, sees bands and a trend, and drills down to a school."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_leader_reads_results_and_drills_down(page: Page, live_server: object, personas: Personas) -> None:
    from tests.surveys.results_factories import scored_series
    from trellis.orgs.models import Organization

    scored_series()
    district = Organization.objects.get(name="Fresno Unified", kind="lea")
    base = str(live_server)
    # The "outsider" persona is a leader of Fresno Unified (unrelated to Alameda).
    sign_in(page, base, "outsider@example.org", PASSWORD)
    page.goto(f"{base}/orgs/{district.pk}/")
    expect(page.get_by_role("heading", name="Staff survey results")).to_be_visible()
    page.get_by_role("link", name="All survey results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey results: Fresno Unified")
    measures = page.get_by_role("table").nth(2)
    expect(measures).to_contain_text("points")
    expect(measures).to_contain_text("standard error")
    assert any(b in measures.inner_text() for b in ("Very weak", "Weak", "Neutral", "Strong", "Very strong"))
    assert_accessible(page, "survey-results-district")
    page.get_by_role("link", name="Fresno High").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey results: Fresno High")
    expect(page.get_by_role("heading", name="Items")).to_be_visible()
    assert_accessible(page, "survey-results-school")
