"""The state administrator's upload page: all or nothing, problems with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import Personas
from trellis.outcomes.models import DaDetermination, DashboardImport, IndicatorResult

pytestmark = pytest.mark.django_db


def test_it_imports_an_uploaded_file(client: Client, personas: Personas, synthetic_files: Path) -> None:
    client.force_login(personas.state_admin)
    path = synthetic_files / "chronicdownload2019.txt"
    response = client.post(
        reverse("outcomes:import"), {"file": SimpleUploadedFile(path.name, path.read_bytes())}, follow=True
    )
    assert response.status_code == 200
    rows = len(path.read_text().splitlines()) - 1
    assert IndicatorResult.objects.filter(year=2019, indicator="chronic").count() == rows
    assert f"{rows} rows" in response.content.decode()
    assert DashboardImport.objects.get().imported_by == personas.state_admin
    assert DaDetermination.objects.filter(year=2019).exists()


def test_it_lists_problems_and_imports_nothing(client: Client, personas: Personas, synthetic_files: Path) -> None:
    client.force_login(personas.state_admin)
    lines = (synthetic_files / "graddownload2019.txt").read_text().splitlines()
    header = lines[0].split("\t")
    cells = lines[6].split("\t")
    cells[header.index("rtype")] = "Q"
    lines[6] = "\t".join(cells)
    upload = SimpleUploadedFile("graddownload2019.txt", ("\n".join(lines) + "\n").encode())
    response = client.post(reverse("outcomes:import"), {"file": upload})
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "graddownload2019.txt, line 7, column &#x27;rtype&#x27;" in html
    assert IndicatorResult.objects.count() == 0


def test_it_takes_the_indicator_and_year_when_the_name_does_not_say(
    client: Client, personas: Personas, synthetic_files: Path
) -> None:
    client.force_login(personas.state_admin)
    data = (synthetic_files / "ccidownload2019.txt").read_bytes()
    client.post(
        reverse("outcomes:import"), {"file": SimpleUploadedFile("export.txt", data), "indicator": "cci", "year": 2019}
    )
    assert IndicatorResult.objects.filter(indicator="cci", year=2019).exists()


def test_it_is_for_state_administrators(client: Client, personas: Personas) -> None:
    client.force_login(personas.coe_leader)
    assert client.get(reverse("outcomes:import")).status_code == 404
