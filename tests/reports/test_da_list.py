"""The county office's DA list: needs, engagement or its absence, three suggestions with reasons."""

from __future__ import annotations

import re

from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import Personas, org
from tests.reports.factories import EL_REASON, SWD_REASON, alameda_da


def _page(client: Client, personas: Personas) -> str:
    client.force_login(personas.coe_leader)
    response = client.get(reverse("outcomes:da_list", kwargs={"pk": org("C01").pk}) + "?year=2025")
    assert response.status_code == 200
    return response.content.decode()


def _block(html: str, name: str) -> str:
    start = html.index(f">{name}</a>")
    end = html.find('class="usa-summary-box', start)
    return html[start : end if end != -1 else len(html)]


@override_settings(TRELLIS_MIN_RESPONDENTS=5)
def test_it_shows_each_eligible_lea_with_needs_engagement_and_three_suggestions(
    client: Client, personas: Personas
) -> None:
    alameda_da()
    html = _page(client, personas)
    alameda, oakland = _block(html, "Alameda Unified"), _block(html, "Oakland Unified")
    assert "Chronic absenteeism in the early grades" in alameda  # its engagement
    assert "No active engagement" not in alameda
    assert "No active engagement" in oakland
    assert SWD_REASON.split(":")[0] in oakland and EL_REASON.split(":")[0] in oakland
    for block in (alameda, oakland):
        reasons = re.findall(r'<li class="trellis-suggestion">(.*?)</li>', block, re.S)
        assert len(reasons) == 3
        text = " ".join(reasons)
        assert "Fresno County" in text  # the rated provider
        assert "no longer eligible for differentiated assistance in 2025" in text  # a peer that left DA
        assert "Rated " in text


def test_it_refuses_the_list_to_a_district_leader(client: Client, personas: Personas) -> None:
    alameda_da()
    client.force_login(personas.district_leader)
    response = client.get(reverse("outcomes:da_list", kwargs={"pk": org("C01").pk}))
    assert response.status_code == 404


def test_it_takes_peers_from_the_region_when_it_has_enough(personas: Personas) -> None:
    from trellis.reports.assistance import peers_left_assistance

    alameda_da()  # the two peers that left assistance are in Fresno County (Region 7)
    fresno_region = org("Fresno Unified").region_id
    alameda_region = org("Alameda Unified").region_id
    assert {p.name for p in peers_left_assistance(2025, fresno_region)} == {"Fresno Unified", "Big Creek Elementary"}
    assert peers_left_assistance(2025, alameda_region) == []
