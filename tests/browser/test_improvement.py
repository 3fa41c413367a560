"""A school team starts a project, pastes 30 weeks of data, sees the shift, logs a PDSA cycle (issue 6)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, Personas
from tests.improvement.factories import SHIFTED, alameda_project, weekly

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTE = "\n".join(f"{d:%m/%d/%Y}\t{v}" for d, v in zip(weekly(30), SHIFTED, strict=True))


def test_it_runs_a_project_from_aim_to_chart(page: Page, live_server: object, personas: Personas) -> None:
    base = str(live_server)
    sign_in(page, base, "school.member@example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Alameda High")
    page.get_by_role("link", name="Start a project").click()

    page.get_by_label("Title").fill("Ninth graders on track")
    page.get_by_label("Problem of practice").fill("Too many 9th graders fail a core class in their first semester.")
    page.get_by_label("Aim statement").fill("Increase the share of 9th-grade students on track")
    expect(page.get_by_text("Add a date: by when")).to_be_visible()  # the aim check, as one types (htmx)
    page.get_by_label("Aim statement").fill(
        "Increase the share of 9th-grade students on track from 62% to 80% by June 2027."
    )
    expect(page.get_by_text("Measurable: the aim says what")).to_be_visible()
    assert_accessible(page, "improvement-new-project")
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ninth graders on track")

    page.get_by_role("link", name="Add a measure").click()
    page.get_by_label("Name").fill("Students on track")
    page.get_by_label("Type of measure").select_option("outcome")
    page.get_by_label("Operational definition").fill(
        "Percent of 9th graders with no D or F, from the gradebook each Friday."
    )
    page.get_by_label("Target").fill("80")
    page.get_by_label("Chart", exact=True).select_option("i")
    page.get_by_label("Unit").fill("%")
    page.get_by_label("Baseline points").fill("20")
    page.get_by_role("button", name="Save").click()

    page.get_by_label("Paste from a spreadsheet").fill(PASTE)
    page.get_by_role("button", name="Save pasted data").click()
    expect(page.get_by_text("30 points saved.")).to_be_visible()
    chart = page.locator("figure.trellis-chart svg")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("3-sigma limits")
    signals = page.locator("#signals")
    expect(signals).to_contain_text(re.compile(r"\d+ points in a row above the mean since \d+ \w+ 20\d\d: a shift"))
    assert_accessible(page, "improvement-measure")

    page.get_by_role("link", name="Ninth graders on track").click()
    page.get_by_role("link", name="Plan a PDSA cycle").click()
    page.get_by_label("Title").fill("Grade conferences in advisory")
    page.get_by_label("Question", exact=True).fill("Will students act on a weekly look at their grades?")
    page.get_by_label("Prediction", exact=True).fill("Half of the advisory will turn in one missing assignment.")
    page.get_by_label("Starts on").fill("2026-01-05")
    assert_accessible(page, "improvement-pdsa-form")
    page.get_by_role("button", name="Save the cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grade conferences in advisory")

    page.get_by_role("link", name="Students on track").click()
    expect(page.locator("figure.trellis-chart svg")).to_contain_text("PDSA 1")
    expect(page.locator(".trellis-chart-key")).to_contain_text("PDSA 1 Grade conferences in advisory (5 Jan 2026)")

    page.get_by_role("link", name="Ninth graders on track").click()
    expect(page.locator("#progress-heading")).to_be_visible()
    assert_accessible(page, "improvement-project")


def test_it_edits_the_driver_diagram_in_place(page: Page, live_server: object, personas: Personas) -> None:
    project = alameda_project()
    base = str(live_server)
    sign_in(page, base, "school.member@example.org", PASSWORD)
    page.goto(f"{base}/improvement/{project.pk}/drivers/")
    page.get_by_label("New primary driver").fill("Families see grades weekly")
    page.get_by_role("button", name="Add primary driver").click()
    expect(page.locator(".trellis-drivers")).to_contain_text("Families see grades weekly")
    expect(page.locator(".trellis-driver-svg svg")).to_contain_text("Families see grades")
    assert_accessible(page, "improvement-drivers")
    page.goto(f"{base}/improvement/{project.pk}/root-causes/")
    page.get_by_label("Category").select_option("policies")
    page.get_by_label("Text").fill("Grades are posted once a month")
    page.get_by_role("button", name="Add").click()
    page.get_by_label("Category").select_option("students")
    page.get_by_label("Text").fill("Students do not know how to read the grade portal")
    page.get_by_role("button", name="Add").click()
    expect(page.locator("figure svg")).to_contain_text("Grades are posted once a month")
    assert_accessible(page, "improvement-root-causes")


def test_it_shows_a_shared_project_to_the_county_office_read_only(
    page: Page, live_server: object, personas: Personas
) -> None:
    project = alameda_project()
    base = str(live_server)
    sign_in(page, base, "coe.leader@example.org", PASSWORD)
    page.goto(f"{base}/improvement/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("On track in 9th grade")
    expect(page.get_by_role("link", name="Plan a PDSA cycle")).to_have_count(0)
    assert_accessible(page, "improvement-project-shared")


def test_the_measure_page_works_on_a_phone(phone: Page, live_server: object, personas: Personas) -> None:
    project = alameda_project()
    base = str(live_server)
    sign_in(phone, base, "school.member@example.org", PASSWORD)
    phone.goto(f"{base}/improvement/measures/{project.measures.get().pk}/")
    chart = phone.locator("figure.trellis-chart svg")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 390, "the chart scales down to the screen"
    assert_accessible(phone, "improvement-measure-phone")
