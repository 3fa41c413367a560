"""A district leader opens a survey window, loads the staff roster, invites, and sees the rates."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, Personas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_opens_and_runs_a_window(page: Page, live_server: object, personas: Personas) -> None:
    from trellis.orgs.models import Organization, StaffMember

    school = Organization.objects.get(name="Alameda High")
    for i in range(3):
        StaffMember.objects.create(
            organization=school, full_name=f"Staff {i}", email=f"s{i}@ah.example.org", role="teacher"
        )
    base = str(live_server)
    sign_in(page, base, "district.leader@example.org", PASSWORD)
    page.get_by_role("link", name="Surveys").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff surveys")
    page.get_by_role("link", name="For Alameda Unified").click()
    page.get_by_label("Title").fill("Spring staff survey")
    page.locator("label", has_text="The staff of every school under this organization").click()
    assert_accessible(page, "survey-window-new")
    page.get_by_role("button", name="Open the window").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring staff survey")
    page.get_by_role("link", name="Upload the roster").click()
    assert_accessible(page, "survey-roster")
    page.get_by_role("button", name="Add everyone on the organizations' staff rosters").click()
    expect(page.get_by_text("Roster: 3 added, 0 updated, 0 unchanged.")).to_be_visible()
    page.get_by_role("link", name="Send invitations").click()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("3 e-mails sent.")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Alameda High")
    assert_accessible(page, "survey-window")
