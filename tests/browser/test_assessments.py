"""The whole self-assessment workflow in a real browser, every page checked with axe-core.

Two members rate (one item through the page, saved by htmx; the rest through the actions, to keep
the test short), the consensus view shows the divergence, the leader records consensus and submits,
the heatmap renders; a user of another organization gets 404 until the school shares it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, Personas, org, user_with
from trellis.accounts.models import Role, User
from trellis.assessments import actions
from trellis.assessments.models import Assessment
from trellis.assessments.selectors import items_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _rate_rest(assessment: Assessment, user: User, rank: int) -> None:
    for item in items_of(assessment)[1:]:
        actions.rating_save(assessment=assessment, user=user, item_id=item.id, rank=rank)


def _switch(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base, email, PASSWORD)


def test_it_runs_the_self_assessment_workflow(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    principal = user_with("principal@example.org", org("Alameda High"), Role.LEADER)
    member = personas.school_member

    sign_in(page, base, principal.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alameda High")
    expect(page.get_by_role("heading", name="Self-assessments")).to_be_visible()
    page.get_by_role("link", name="Start a self-assessment").click()
    page.get_by_text("Enabling conditions").click()
    assert_accessible(page, "assessment-start")
    page.get_by_role("button", name="Start").click()
    page.get_by_text(str(member)).click()
    assert_accessible(page, "assessment-team")
    page.get_by_role("button", name="Save the team").click()
    assessment = Assessment.objects.get()

    page.get_by_role("link", name="Rate the items").click()
    first = page.locator("fieldset.trellis-rate-item").first
    first.get_by_text("3. Initial Implementation").click()
    expect(page.locator("fieldset.trellis-rate-item").first).to_contain_text("Saved")
    assert_accessible(page, "assessment-rate")
    _rate_rest(assessment, principal, 3)

    _switch(page, base, member.email)
    page.goto(f"{base}/assessments/{assessment.pk}/rate/")
    page.locator("fieldset.trellis-rate-item").first.get_by_text("5. Full Implementation and Sustainability").click()
    expect(page.locator("fieldset.trellis-rate-item").first).to_contain_text("Saved")
    _rate_rest(assessment, member, 3)

    _switch(page, base, principal.email)
    page.goto(f"{base}/assessments/{assessment.pk}/consensus/")
    expect(page.get_by_text("Differ by 2 levels")).to_be_visible()
    expect(page.get_by_text("1 item where ratings differ by two or more levels")).to_be_visible()
    assert_accessible(page, "assessment-consensus")
    page.get_by_role("button", name="Record unanimous ratings as consensus").click()
    expect(page.get_by_text("Recorded 17 unanimous rating(s) as consensus.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Record consensus for")).click()
    expect(page.get_by_text("Ratings differ by 2 levels")).to_be_visible()
    page.locator("label", has_text=re.compile(r"^4\. Full Implementation$")).click()
    page.get_by_label("Evidence", exact=True).fill("Student-centered goals in every PLC agenda this spring.")
    page.get_by_label("Next steps").fill("Add student voice to the agenda.")
    assert_accessible(page, "assessment-consensus-item")
    page.get_by_role("button", name="Record consensus").click()
    page.get_by_role("link", name="Submit").last.click()
    page.get_by_role("button", name="Submit and lock").click()

    expect(page.get_by_role("heading", name="Enabling conditions")).to_be_visible()
    heatmap = page.get_by_role("table", name="Consensus level of each element, by condition")
    expect(heatmap).to_contain_text("4. Full Implementation")
    expect(heatmap).to_contain_text("3. Initial Implementation")
    expect(heatmap.get_by_role("rowheader")).to_have_count(4)
    assert_accessible(page, "assessment-results")
    results_url = page.url

    _switch(page, base, personas.outsider.email)
    response = page.goto(results_url)
    assert response is not None and response.status == 404

    _switch(page, base, principal.email)
    page.goto(results_url)
    page.get_by_role("link", name="Share with a support provider or network").click()
    page.get_by_label("Or another organization, by CDS code").fill(org("Fresno Unified").cds_code)
    assert_accessible(page, "assessment-share")
    page.get_by_role("button", name="Share").click()
    expect(page.get_by_text("Shared with: Fresno Unified.")).to_be_visible()

    _switch(page, base, personas.outsider.email)
    response = page.goto(results_url)
    assert response is not None and response.status == 200
    expect(page.get_by_role("table", name="Consensus level of each element, by condition")).to_be_visible()


def test_the_framework_pages_are_accessible_and_searchable(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    sign_in(page, base, personas.school_member.email, PASSWORD)
    page.goto(f"{base}/framework/")
    assert_accessible(page, "framework-index")
    page.get_by_role("link", name="School").first.click()
    assert_accessible(page, "framework-level-school")
    page.get_by_role("link", name="Psychological safety").first.click()
    expect(page.get_by_role("heading", name="Look-fors at each rubric level")).to_be_visible()
    assert_accessible(page, "framework-element")
    page.get_by_label("Search the framework").fill("confianza")
    page.get_by_label("Search the framework").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the framework")
    page.get_by_label("Search the framework").fill("psychological safety")  # now live, through htmx
    expect(page.get_by_text(re.compile(r"\d+ entr(y|ies) found"))).to_be_visible()
    assert_accessible(page, "framework-search")


def test_the_reciprocal_and_overview_pages_are_accessible(page: Page, live_server: object, personas: Personas) -> None:
    from tests.assessments.factories import agree_all, reciprocal_pair
    from trellis.assessments.models import TeamMember

    pair = reciprocal_pair()
    provider, recipient = pair.sides.get(side="provider"), pair.sides.get(side="recipient")
    TeamMember.objects.create(assessment=provider, user=personas.coe_leader)
    agree_all(provider, personas.coe_leader, 4)
    agree_all(recipient, personas.district_leader, 2)
    actions.assessment_submit(assessment=provider, user=personas.coe_leader)
    base = str(live_server)
    sign_in(page, base, personas.district_leader.email, PASSWORD)
    page.goto(f"{base}/assessments/reciprocal/{pair.pk}/")
    expect(page.get_by_text("not visible yet").first).to_be_visible()
    assert_accessible(page, "reciprocal-waiting")
    page.goto(f"{base}/assessments/{recipient.pk}/")
    assert_accessible(page, "assessment-overview")
    actions.assessment_submit(assessment=recipient, user=personas.district_leader)
    page.goto(f"{base}/assessments/reciprocal/{pair.pk}/")
    expect(page.get_by_text("2 levels apart").first).to_be_visible()
    assert_accessible(page, "reciprocal-revealed")
