"""Exports of the results page: CSV and XLSX under the page's rules."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.factories import Personas, org
from tests.surveys.results_factories import scored_series
from trellis.surveys.models import MeasureScore

pytestmark = pytest.mark.django_db


def test_it_exports_the_published_scores_in_csv_and_xlsx(client: Client, personas: Personas) -> None:
    result_set = scored_series()
    county = org("C01")
    client.force_login(personas.coe_leader)
    csv_text = client.get(f"/surveys/results/{county.pk}/export.csv").content.decode()
    stored = MeasureScore.objects.filter(result__result_set=result_set, result__organization=county, kind="measure")
    first = stored.first()
    assert first is not None and f",measure,{first.code}," in csv_text
    book = load_workbook(io.BytesIO(client.get(f"/surveys/results/{county.pk}/export.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:3] == ("organization", "cds_code", "wave")
    assert len(rows) == len(csv_text.strip().splitlines())


def test_it_refuses_an_unknown_format(client: Client, personas: Personas) -> None:
    scored_series()
    client.force_login(personas.coe_leader)
    assert client.get(f"/surveys/results/{org('C01').pk}/export.pdf").status_code == 404
