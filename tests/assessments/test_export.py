"""Exports: CSV, an XLSX that openpyxl opens, a PDF that renders (to PNG, checked non-blank)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from tests.assessments.factories import district_leader, submitted
from tests.factories import Personas
from trellis.accounts.models import AuditEntry
from trellis.assessments import actions

pytestmark = pytest.mark.django_db


def _assessment() -> object:
    assessment = submitted(scope="both", rank=4)
    return assessment


def test_csv_has_one_row_per_item_with_the_consensus(client: Client, personas: Personas) -> None:
    assessment = _assessment()
    client.force_login(personas.district_viewer)
    response = client.get(reverse("assessments:export", args=[assessment.pk, "csv"]))  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 18 + 27
    assert {r["consensus_level"] for r in rows} == {"Full Implementation"}
    assert response["Content-Disposition"].endswith('.csv"')
    assert AuditEntry.objects.filter(action="trellis.assessments.assessment.exported", data__format="csv").count() == 1


def test_xlsx_opens_with_openpyxl(client: Client, personas: Personas) -> None:
    assessment = _assessment()
    client.force_login(personas.district_leader)
    response = client.get(reverse("assessments:export", args=[assessment.pk, "xlsx"]))  # type: ignore[attr-defined]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Items", "Heatmap"]
    items = book["Items"]
    assert items.cell(row=3, column=1).value == "item_id"
    assert items.max_row == 3 + 45
    heat = book["Heatmap"]
    assert heat.cell(row=1, column=1).value == "Conditions"
    assert "Full Implementation" in str(heat.cell(row=2, column=2).value)


def test_pdf_renders_with_the_heatmap(client: Client, personas: Personas, tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is needed (apt package poppler-utils)"
    assessment = _assessment()
    client.force_login(personas.district_leader)
    response = client.get(reverse("assessments:export", args=[assessment.pk, "pdf"]))  # type: ignore[attr-defined]
    assert response.content.startswith(b"%PDF-")
    (tmp_path / "a.pdf").write_bytes(response.content)
    subprocess.run(
        [pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "1", str(tmp_path / "a.pdf"), str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = image.getcolors(maxcolors=100_000) or []
    # A blank page is one colour; the heatmap fills cells with rank 4's teal (#5FB3C2).
    assert len(colours) > 20
    teal = sum(
        count for count, (r, g, b) in colours if abs(r - 0x5F) < 12 and abs(g - 0xB3) < 12 and abs(b - 0xC2) < 12
    )
    assert teal > 1000


def test_exports_of_a_shared_assessment_and_refusals(client: Client, personas: Personas) -> None:
    assessment = _assessment()
    url = reverse("assessments:export", args=[assessment.pk, "pdf"])  # type: ignore[attr-defined]
    client.force_login(personas.coe_leader)
    assert client.get(url).status_code == 404
    actions.assessment_share(
        assessment=assessment,
        organizations=[personas.coe_leader.memberships.get().organization],
        user=district_leader(),
    )  # type: ignore[arg-type]
    assert client.get(url).status_code == 200
    assert client.get(reverse("assessments:export", args=[assessment.pk, "docx"])).status_code == 404  # type: ignore[attr-defined]
    assert client.post(url).status_code == 405
