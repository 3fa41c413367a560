"""The outcomes API: an organization's results by year; DA determinations in scope; fuzzed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from tests.api.test_orgs_api import _fuzz, token_for
from tests.factories import Personas, org
from trellis.outcomes.models import IndicatorResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(personas: Personas, tmp_path_factory: pytest.TempPathFactory) -> None:
    from trellis.outcomes.actions import dashboard_import_many
    from trellis.outcomes.core.synth_files import generate

    out = tmp_path_factory.mktemp("api-dashboard")
    written = generate(out, [2019], seed=2018, counties=["01", "10"], indicators=["ela", "chronic", "susp"])
    dashboard_import_many([(p.name, Path(p).read_bytes()) for p in written])


def test_it_gives_an_organizations_results(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.district_leader)
    district = org("Alameda Unified")
    items = client.get(
        f"/api/v1/outcomes/orgs/{district.pk}/results", {"year": 2019, "indicator": "ela", "limit": 500}
    ).json()["items"]
    stored = IndicatorResult.objects.filter(cds=district.cds_code, year=2019, indicator="ela")
    assert {i["studentgroup"] for i in items} == set(stored.values_list("studentgroup", flat=True))
    everything = next(i for i in items if i["studentgroup"] == "ALL")
    row = stored.get(studentgroup="ALL")
    assert (everything["color"], everything["color_calc"], everything["currstatus"]) == (
        row.color,
        row.color_calc,
        row.currstatus,
    )


def test_it_lists_only_determinations_in_scope(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.coe_leader)
    items = client.get("/api/v1/outcomes/assistance", {"year": 2019, "limit": 500}).json()["items"]
    assert items and all(i["cds"].startswith("01") for i in items)
    client.force_login(personas.district_leader)
    items = client.get("/api/v1/outcomes/assistance", {"year": 2019}).json()["items"]
    assert [i["name"] for i in items] == ["Alameda Unified"]
    client.force_login(personas.state_admin)
    fresno = client.get("/api/v1/outcomes/assistance", {"within": org("C10").pk, "year": 2019}).json()["items"]
    assert fresno and all(i["cds"].startswith("10") for i in fresno)


def test_it_answers_404_outside_scope(client: Client, personas: Personas, imported: None) -> None:
    client.force_login(personas.outsider)
    assert client.get(f"/api/v1/outcomes/orgs/{org('Alameda Unified').pk}/results").status_code == 404
    assert client.get("/api/v1/outcomes/assistance", {"within": org("C01").pk}).status_code == 404


def test_it_honours_its_schema(personas: Personas, imported: None) -> None:
    import schemathesis
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from trellis.wsgi_test import application

    token = token_for(personas.coe_leader)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        operations = [r.ok() for r in schema.get_all_operations()]
        ours = [o for o in operations if "/outcomes/" in o.path]
        assert len(ours) == 2
        for operation in ours:
            _fuzz(operation, token)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
