"""Needs profiles from the database: DA reasons, shared rubric results, stalled projects."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client
from django.urls import reverse

from tests.factories import Personas, org
from tests.reports.factories import SWD_REASON, alameda_da
from trellis.reports.needs import needs_profile


def test_it_names_the_da_reasons_and_focus(personas: Personas) -> None:
    alameda_da()
    profile = needs_profile(personas.coe_leader, org("Alameda Unified"), year=2025)
    assert profile.da_eligible is True
    assert list(profile.da_reasons) == [SWD_REASON]
    assert profile.da_groups == ("SWD",) and profile.da_priorities == (4, 5)
    assert profile.sentences()[0] == "Eligible for differentiated assistance in 2025."


def test_it_flags_a_stalled_project_only_to_those_who_may_see_it(personas: Personas) -> None:
    from tests.improvement.factories import alameda_project

    project = alameda_project()
    project.started_on = date.today() - timedelta(days=90)
    project.save(update_fields=["started_on"])
    project.cycles.all().delete()
    from trellis.improvement.models import DataPoint

    DataPoint.objects.filter(measure__project=project).delete()
    seen = needs_profile(personas.school_member, project.organization)
    assert [s.project_id for s in seen.stalled] == [project.pk]
    assert "has stalled" in seen.sentences()[-1]
    assert needs_profile(personas.outsider, project.organization).stalled == ()


def test_it_shows_the_needs_section_on_the_organization_page(client: Client, personas: Personas) -> None:
    alameda_da()
    client.force_login(personas.district_leader)
    html = client.get(reverse("orgs:detail", kwargs={"pk": org("Alameda Unified").pk})).content.decode()
    assert "Needs profile" in html and "red in English language arts and mathematics (priority 4)" in html
