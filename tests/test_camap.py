"""The California county map: TopoJSON decoding, projection, simplification and the choropleth."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest

from trellis.lib.camap import BLUES_5, NO_DATA, choropleth, county_by_cds, shapes
from trellis.lib.topojson import CALIFORNIA_ALBERS, albers, decode_arcs, ring, simplify

ROOT = Path(__file__).resolve().parents[1]


def test_it_decodes_quantized_delta_arcs_and_reversed_indices() -> None:
    # Spec example: quantized deltas with a transform.
    topology = {
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]},
        "arcs": [[[0, 0], [2, 1], [1, -1]], [[3, 0], [0, 3]]],
    }
    first, second = decode_arcs(topology)
    assert first.tolist() == [[10.0, 20.0], [11.0, 22.0], [11.5, 20.0]]
    assert second.tolist() == [[11.5, 20.0], [11.5, 26.0]]
    # ~1 = -2 is arc 1 reversed; the joining point is written once.
    assert ring([first, second], [0, 1, ~1]).tolist()[2:] == [[11.5, 20.0], [11.5, 26.0], [11.5, 20.0]]


def test_the_albers_origin_and_symmetry() -> None:
    # On the central meridian x = 0; points symmetric about it project symmetrically.
    p = albers(np.array([[-120.0, 37.0], [-118.0, 37.0], [-122.0, 37.0]]), **CALIFORNIA_ALBERS)
    assert p[0, 0] == pytest.approx(0.0)
    assert p[1, 0] == pytest.approx(-p[2, 0]) and p[1, 1] == pytest.approx(p[2, 1])
    # Further north is further up.
    north = albers(np.array([[-120.0, 41.0]]), **CALIFORNIA_ALBERS)
    assert north[0, 1] > p[0, 1]


def test_douglas_peucker_keeps_corners_and_drops_near_collinear_points() -> None:
    line = np.array([[0, 0], [1, 0.01], [2, 0], [2, 5], [2.01, 6], [2, 10]], dtype=float)
    assert simplify(line, 0.1).tolist() == [[0, 0], [2, 0], [2, 10]]


def test_it_ships_all_58_counties_with_cds_codes_matching_the_region_table() -> None:
    counties = shapes().counties
    assert len(counties) == 58 and all(c.fips.startswith("06") for c in counties)
    with (ROOT / "src" / "trellis" / "orgs" / "data" / "ccsesa_regions.csv").open() as handle:
        table = {r["county_code"]: r["county_name"] for r in csv.DictReader(handle)}
    assert county_by_cds() == table
    # CDS county codes are the alphabetical order; FIPS county codes are the odd numbers in the same order.
    assert all(int(c.fips[2:]) == 2 * int(c.cds) - 1 for c in counties)
    assert (ROOT / "src" / "trellis" / "lib" / "data" / "ca_counties.json").stat().st_size < 200_000


def test_it_renders_an_accessible_choropleth_with_a_table() -> None:
    values = {c.name: float(i) for i, c in enumerate(shapes().counties)}
    values["Alpine"] = None  # type: ignore[assignment]
    chart = choropleth(values, title="Chronic absenteeism", label="Rate (%)", fmt=lambda v: f"{v:.0f}%")
    svg = chart.svg
    assert 'role="img"' in svg and '<title id="ca-map-title">Chronic absenteeism</title>' in svg
    assert svg.count("<path ") == 58
    assert "<title>Alameda: 0%</title>" in svg and "<title>Alpine: No data</title>" in svg
    assert f'fill="{NO_DATA}"><title>Alpine' in svg
    assert re.search(rf'fill="{BLUES_5[-1]}"><title>Yuba: 57%', svg)
    assert "from 0% in Alameda to 57% in Yuba" in svg
    assert (
        chart.table.count("<tr>") == 59 and '<th scope="row">Alpine</th><td class="text-right">No data' in chart.table
    )
    assert chart.classes["Alameda"] == 0 and chart.classes["Yuba"] == 4
    assert len(chart.breaks) == 4


def test_it_refuses_names_that_are_not_counties() -> None:
    with pytest.raises(ValueError, match="Atlantis"):
        choropleth({"Atlantis": 1.0}, title="t", label="l")


def test_ties_collapse_classes_without_failing() -> None:
    chart = choropleth({"Fresno": 1.0, "Kern": 1.0, "Tulare": 1.0}, title="t", label="l")
    assert chart.breaks == (1.0,) and set(chart.classes.values()) == {0}
