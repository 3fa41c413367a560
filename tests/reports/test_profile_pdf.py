"""The organization profile page and its PDF, rendered to PNG with pdftoppm."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from django.test import Client
from django.urls import reverse

from tests.factories import Personas, alameda_engagement, org


def test_it_renders_the_profile_pdf_with_its_chart(client: Client, personas: Personas, tmp_path: Path) -> None:
    from tests.improvement.factories import alameda_project

    project = alameda_project()
    alameda_engagement()
    client.force_login(personas.school_member)
    page = client.get(reverse("reports:profile", kwargs={"pk": project.organization.pk}))
    assert page.status_code == 200
    assert project.title in page.content.decode() and "<svg" in page.content.decode()
    response = client.get(reverse("reports:profile_pdf", kwargs={"pk": project.organization.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "profile.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages
    artifacts = Path("test-artifacts")
    artifacts.mkdir(exist_ok=True)
    (artifacts / "reports-profile-pdf-page1.png").write_bytes(pages[0].read_bytes())
    from PIL import Image

    pixels = np.asarray(Image.open(pages[0]).convert("L"))
    # Not blank: a good share of the page is ink, and the chart's lines add many dark pixels.
    assert (pixels < 128).mean() > 0.01
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Organization profile: Alameda High" in text and "Improvement work" in text


def test_it_has_a_chart_in_the_pdf(client: Client, personas: Personas, tmp_path: Path) -> None:
    """The page with the chart has more drawn area than the same page without it."""
    from tests.improvement.factories import alameda_project
    from trellis.reports.profile import gather, render_pdf

    project = alameda_project()
    with_chart = gather(personas.school_member, project.organization)
    assert with_chart.chart is not None
    without = gather(personas.school_member, project.organization)
    without.chart = None

    def ink(pdf_bytes: bytes, name: str) -> float:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf_bytes)
        subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / name)], check=True)
        from PIL import Image

        return float(sum((np.asarray(Image.open(p).convert("L")) < 200).sum() for p in tmp_path.glob(f"{name}*.png")))

    assert ink(render_pdf(with_chart), "with") > ink(render_pdf(without), "without") * 1.2
    assert org("Alameda High").pk == project.organization.pk
