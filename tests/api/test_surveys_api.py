"""The survey results API: an organization's suppressed scores, under the policy; fuzzed."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.test_orgs_api import _fuzz, token_for
from tests.factories import Personas, org
from tests.surveys.results_factories import scored_series
from trellis.surveys.models import MeasureScore

pytestmark = pytest.mark.django_db


def test_it_gives_published_scores_with_trends(client: Client, personas: Personas) -> None:
    result_set = scored_series()
    client.force_login(personas.coe_leader)
    county = org("C01")
    items = client.get(f"/api/v1/surveys/orgs/{county.pk}/scores").json()["items"]
    assert [i["wave"] for i in items] == ["Test staff survey, spring 2024", "Test staff survey, spring 2025"]
    stored = MeasureScore.objects.filter(result__result_set=result_set, result__organization=county)
    assert len(items[1]["scores"]) == stored.filter(result__window_id=items[1]["window"]).count()
    assert all(s["direction"] for s in items[1]["scores"] if s["kind"] == "measure")


def test_it_answers_404_outside_scope(client: Client, personas: Personas) -> None:
    scored_series()
    client.force_login(personas.outsider)
    assert client.get(f"/api/v1/surveys/orgs/{org('Alameda Unified').pk}/scores").status_code == 404
    client.force_login(personas.school_member)
    assert client.get(f"/api/v1/surveys/orgs/{org('Alameda High').pk}/scores").status_code == 404


def test_it_honours_its_schema(personas: Personas) -> None:
    import schemathesis
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from trellis.wsgi_test import application

    scored_series()
    token = token_for(personas.coe_leader)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        ours = [r.ok() for r in schema.get_all_operations() if "/surveys/" in r.ok().path]
        assert len(ours) == 1
        for operation in ours:
            _fuzz(operation, token)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
