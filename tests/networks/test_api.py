"""Networks in the API: scoped like the pages."""

from __future__ import annotations

from django.test import Client

from tests.factories import Personas, alameda_network
from trellis.networks.actions import library_entry_create


def test_it_lists_and_searches_for_members_only(client: Client, personas: Personas) -> None:
    network = alameda_network()
    library_entry_create(
        network=network, kind="lesson", title="Restorative circles", body="Circles instead of suspensions for defiance."
    )
    client.force_login(personas.school_member)
    assert [n["name"] for n in client.get("/api/v1/networks").json()["items"]] == ["Bay Improvement Network"]
    detail = client.get(f"/api/v1/networks/{network.pk}").json()
    assert len(detail["member_ids"]) == 3 and detail["convenings"][0]["title"] == "Fall summit"
    hits = client.get(
        f"/api/v1/networks/{network.pk}/library", {"q": "alternatives to suspending students who act out"}
    ).json()
    assert hits[0]["title"] == "Restorative circles" and hits[0]["score"] > 0.25
    client.force_login(personas.outsider)
    assert client.get("/api/v1/networks").json()["items"] == []
    assert client.get(f"/api/v1/networks/{network.pk}/library").status_code == 404
