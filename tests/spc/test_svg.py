"""The SVG chart: well-formed, accessible, signals marked by shape, embeddable in a PDF."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from fpdf import FPDF

from trellis.spc.core.engine import analyze
from trellis.spc.core.rules import detect
from trellis.spc.core.svg import Annotation, annotate, chart_table, render_svg

SVG = "{http://www.w3.org/2000/svg}"
VALUES = [10.0, 11, 10, 12, 11, 10, 30, 11, 10, 12, 11, 10, 11, 12]
MONTHS = [f"2024-{m:02d}-01" for m in range(1, 13)] + ["2025-01-01", "2025-02-01"]
BASIC = {"svg", "title", "desc", "rect", "line", "polyline", "circle", "path", "text"}


def chart() -> tuple[str, ET.Element]:
    result = analyze(VALUES, x=MONTHS, chart="i", parts=[10], exclude=[2])
    svg = render_svg(
        result,
        signals=detect(result),
        y_label="Attendance",
        target=15.0,
        show_95=True,
        annotations=[Annotation(10, "PDSA 1: greet at door", "pdsa"), Annotation(12, "snow")],
    )
    return svg, ET.fromstring(svg)


def test_it_is_an_accessible_image_with_title_and_description() -> None:
    _, root = chart()
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text == "I chart (individuals)"
    assert desc is not None
    assert desc.text is not None
    assert "July 2024: 30 is above the upper limit" in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_it_uses_only_basic_elements_and_no_script_or_external_resources() -> None:
    svg, root = chart()
    assert {el.tag.replace(SVG, "") for el in root.iter()} <= BASIC
    assert "href" not in svg
    assert "<style" not in svg
    assert "@import" not in svg


def test_it_marks_signal_points_with_a_diamond() -> None:
    _, root = chart()
    diamonds = [p for p in root.iter(f"{SVG}path") if p.get("fill") == "#b3410e"]
    assert len(diamonds) == 2  # the outlier and the legend's sample


def test_it_draws_limits_part_boundaries_and_annotations() -> None:
    _svg, root = chart()
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "PDSA 1: greet at door" in texts
    assert "snow" in texts
    assert "Target 15" in texts
    assert "2-sigma limits" in texts
    assert "excluded" in texts
    dashed = [ln.get("stroke-dasharray") for ln in root.iter(f"{SVG}line")]
    assert "6 4" in dashed
    assert "2 3" in dashed
    assert "1 3" in dashed
    # One polyline per part: the data line breaks at the part boundary.
    assert len(list(root.iter(f"{SVG}polyline"))) == 2


def test_it_embeds_in_a_pdf_with_fpdf2() -> None:
    svg, _ = chart()
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(svg.encode()), x=10, y=10, w=180)
    assert bytes(pdf.output()).startswith(b"%PDF")


def test_it_offers_the_same_data_as_table_rows() -> None:
    result = analyze(VALUES, x=MONTHS, chart="i")
    rows = chart_table(result, detect(result))
    assert len(rows) == len(VALUES)
    assert rows[6]["Point"] == "July 2024"
    assert rows[6]["Value"] == "30"
    assert rows[6]["Signal"] == "outside the limits"
    assert rows[0]["Signal"] == ""
    assert set(rows[0]) == {
        "Point",
        "Value",
        "Mean",
        "Lower limit",
        "Upper limit",
        "Part",
        "Signal",
    }


def test_it_places_an_annotation_by_x_value_or_by_date() -> None:
    result = analyze(VALUES, x=MONTHS, chart="i")
    assert annotate(result, "2024-03-01", "PDSA 1", "pdsa").at == 2
    assert annotate(result, "2024-03-15", "PDSA 2").at == 3  # first point on or after
    with pytest.raises(ValueError, match="no point at or after"):
        annotate(result, "2026-01-01", "too late")
