"""A county office leader opens the differentiated-assistance list, reads an LEA's reasons and the
explanation of a red cell — in a real browser, checked with axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, Personas, org
from trellis.outcomes.models import IndicatorResult

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def imported(personas: Personas, tmp_path: Path) -> None:
    from trellis.outcomes.actions import dashboard_import_many
    from trellis.outcomes.core.synth_files import generate

    # The same files as tests/outcomes (their reasons are asserted there too).
    written = generate(tmp_path, [2018, 2019], seed=2018, counties=["01", "10"])
    dashboard_import_many([(p.name, p.read_bytes()) for p in written])


def test_a_coe_leader_reads_the_da_list_and_a_red_cell(page: Page, live_server: object, imported: None) -> None:
    base = str(live_server)
    sign_in(page, base, "coe.leader@example.org", PASSWORD)
    # The county office's page carries the Dashboard section (loaded by htmx) with a link to the list.
    page.get_by_role("link", name="Differentiated assistance list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Differentiated assistance: Alameda County Office of Education"
    )
    page.get_by_label("Dashboard year").select_option("2019")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Alameda Unified Unified school district")).to_be_visible()
    expect(
        page.get_by_text("Foster Youth: Red in Chronic Absenteeism (Priority 5) and in Suspension Rate (Priority 6)")
    ).to_be_visible()
    assert_accessible(page, "outcomes-da-list")

    page.get_by_role("link", name="Alameda Unified", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard results: Alameda Unified")
    assert_accessible(page, "outcomes-organization")

    red = IndicatorResult.objects.filter(
        cds=org("Alameda Unified").cds_code, year=2019, studentgroup="FOS", color=1
    ).first()
    assert red is not None
    page.locator(f'a[href="/outcomes/result/{red.pk}/"]').click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Foster Youth: why this color")
    grid = page.get_by_role("table", name="Rows: status")
    expect(grid.locator('td[aria-current="true"]')).to_contain_text("Red")
    assert_accessible(page, "outcomes-explain")


def test_the_da_list_reads_on_a_phone(phone: Page, live_server: object, imported: None) -> None:
    base = str(live_server)
    sign_in(phone, base, "coe.leader@example.org", PASSWORD)
    phone.goto(f"{base}/outcomes/org/{org('C01').pk}/assistance/?year=2019")
    expect(phone.get_by_role("link", name="Alameda Unified")).to_be_visible()
    assert_accessible(phone, "outcomes-da-list-phone")


def test_state_pages_are_accessible(page: Page, live_server: object, imported: None) -> None:
    base = str(live_server)
    sign_in(page, base, "state.admin@example.org", PASSWORD)
    page.goto(f"{base}/outcomes/state/?year=2019")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard statewide")
    assert_accessible(page, "outcomes-statewide")
    page.get_by_role("link", name="Import Dashboard files").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import Dashboard files")
    assert_accessible(page, "outcomes-import")
