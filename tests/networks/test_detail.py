"""The network page: members, convenings, the library and its search."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import Personas, alameda_network, org
from trellis.networks.actions import library_entry_create


def test_a_member_school_sees_members_convenings_and_library(client: Client, personas: Personas) -> None:
    network = alameda_network()
    library_entry_create(
        network=network, kind="lesson", title="Attendance buddies", body="Older students walk younger ones to school."
    )
    client.force_login(personas.school_member)
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert "3 members" in page and "Alameda High" in page and "Fall summit" in page
    assert "Attendance buddies" in page
    assert "Plan a convening" not in page  # only the host plans


def test_the_search_answers_htmx_with_results_only(client: Client, personas: Personas) -> None:
    network = alameda_network()
    library_entry_create(
        network=network,
        kind="change_idea",
        title="Attendance buddies",
        body="Older students walk kindergarteners to school.",
    )
    library_entry_create(
        network=network, kind="change_idea", title="Number talks", body="Open each math lesson with a talk on ratios."
    )
    client.force_login(personas.district_leader)
    response = client.get(
        reverse("networks:library", args=[network.pk]),
        {"q": "young children missing school"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="library-results"')
    assert html.index("Attendance buddies") < (html.index("Number talks") if "Number talks" in html else len(html))


def test_the_organization_page_lists_its_networks(client: Client, personas: Personas) -> None:
    alameda_network()
    client.force_login(personas.school_member)
    page = client.get(reverse("orgs:detail", args=[org("Alameda High").pk])).content.decode()
    assert "Bay Improvement Network" in page


def test_the_index_lists_only_networks_one_belongs_to(client: Client, personas: Personas) -> None:
    alameda_network()
    client.force_login(personas.outsider)
    assert b"Bay Improvement Network" not in client.get(reverse("networks:index")).content
    client.force_login(personas.district_viewer)
    assert b"Bay Improvement Network" in client.get(reverse("networks:index")).content
