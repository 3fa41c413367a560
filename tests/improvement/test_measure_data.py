"""Data entry by paste, grid and file: all or nothing, errors by line and column."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.improvement.factories import first_measure
from trellis.accounts.models import AuditEntry
from trellis.improvement.models import Project

pytestmark = pytest.mark.django_db


def test_paste_adds_new_dates_and_updates_existing_ones(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    response = lead_client.post(
        f"/improvement/measures/{measure.pk}/data/", {"source": "paste", "cells": "2025-08-18\t99\n2026-03-16\t75"}
    )
    assert response.status_code == 302
    assert measure.points.count() == 31
    assert measure.points.get(on="2025-08-18").value == 99
    assert AuditEntry.objects.filter(action="trellis.improvement.data.entered", data__added=1, data__updated=1).exists()


def test_a_bad_row_saves_nothing_and_says_where(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    response = lead_client.post(
        f"/improvement/measures/{measure.pk}/data/", {"source": "paste", "cells": "2026-03-16\t75\n2026-03-23\tlots"}
    )
    assert response.status_code == 200
    assert (
        "pasted data, line 2, column &#x27;value&#x27;: &#x27;lots&#x27; is not a number" in response.content.decode()
    )
    assert measure.points.count() == 30


def test_the_grid_replaces_the_data(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    response = lead_client.post(
        f"/improvement/measures/{measure.pk}/data/",
        {"source": "grid", "on": ["2026-01-05", "2026-01-12", ""], "value": ["70", "71", ""]},
    )
    assert response.status_code == 302
    assert list(measure.points.values_list("value", flat=True)) == [70.0, 71.0]


def test_the_grid_reports_its_row(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    response = lead_client.post(
        f"/improvement/measures/{measure.pk}/data/",
        {"source": "grid", "on": ["2026-01-05", "2026-01-05"], "value": ["70", "x"]},
    )
    body = response.content.decode()
    assert "grid, line 2, column &#x27;date&#x27;" in body and "grid, line 2, column &#x27;value&#x27;" in body
    assert measure.points.count() == 30


def test_it_imports_a_csv_file(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    upload = SimpleUploadedFile("weeks.csv", b"date,value,note\n2026-03-16,74,spring break next\n2026-03-23,75,\n")
    response = lead_client.post(f"/improvement/measures/{measure.pk}/data/", {"source": "upload", "file": upload})
    assert response.status_code == 302
    assert measure.points.get(on="2026-03-16").note == "spring break next"


def test_a_bad_file_is_refused_whole(lead_client: Client, project: Project) -> None:
    measure = first_measure(project)
    upload = SimpleUploadedFile("weeks.csv", b"date,value\n2026-03-16,74\nsoon,75\n")
    response = lead_client.post(f"/improvement/measures/{measure.pk}/data/", {"source": "upload", "file": upload})
    assert "weeks.csv, line 3, column &#x27;date&#x27;" in response.content.decode()
    assert measure.points.count() == 30


def test_it_answers_405_to_get(lead_client: Client, project: Project) -> None:
    assert lead_client.get(f"/improvement/measures/{first_measure(project).pk}/data/").status_code == 405
