"""Build src/trellis/lib/data/ca_counties.json from the npm package us-atlas (counties-10m.json).

    python tools/make_ca_counties.py /tmp/npmget/us-atlas-3.0.1.tgz   # or `npm pack us-atlas@3`

Keeps California's 58 counties (FIPS 06xxx), projects them with California Albers, simplifies
the shared arcs, scales to a 600-unit-wide view box and writes one SVG path per county with its
CDS county code (from src/trellis/orgs/data/ccsesa_regions.csv).
"""

from __future__ import annotations

import csv
import json
import sys
import tarfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from trellis.lib.topojson import CALIFORNIA_ALBERS, albers, arc_indices, decode_arcs, path_data, ring, simplify  # noqa: E402

WIDTH = 600.0
TOLERANCE = 0.35  # in view-box units (≈ pixels at full size)
OUT = ROOT / "src" / "trellis" / "lib" / "data" / "ca_counties.json"


def main(source: str) -> None:
    with tarfile.open(source) as tar:
        member = tar.extractfile("package/counties-10m.json")
        assert member is not None
        topology = json.load(member)
    geometries = [g for g in topology["objects"]["counties"]["geometries"] if g["id"].startswith("06")]
    assert len(geometries) == 58, len(geometries)
    arcs = decode_arcs(topology)
    used = sorted({i if i >= 0 else ~i for g in geometries for poly in arc_indices(g) for r in poly for i in r})
    projected = {i: albers(arcs[i], **CALIFORNIA_ALBERS) for i in used}
    everything = np.vstack(list(projected.values()))
    low, high = everything.min(axis=0), everything.max(axis=0)
    scale = WIDTH / (high[0] - low[0])
    height = float(np.ceil((high[1] - low[1]) * scale))
    # SVG's y axis points down.
    screen = {
        i: np.column_stack([(p[:, 0] - low[0]) * scale, (high[1] - p[:, 1]) * scale]) for i, p in projected.items()
    }
    simplified = {i: simplify(p, TOLERANCE) for i, p in screen.items()}
    full = [None] * len(arcs)
    for i, p in simplified.items():
        full[i] = p
    cds = {}
    with (ROOT / "src" / "trellis" / "orgs" / "data" / "ccsesa_regions.csv").open() as handle:
        for row in csv.DictReader(handle):
            cds[row["county_name"]] = row["county_code"]
    counties = []
    for g in sorted(geometries, key=lambda g: g["properties"]["name"]):
        name = g["properties"]["name"]
        rings = [ring(full, r) for poly in arc_indices(g) for r in poly]  # type: ignore[arg-type]
        counties.append({"fips": g["id"], "name": name, "cds": cds[name], "d": path_data(rings)})
    assert len({c["cds"] for c in counties}) == 58
    data = {
        "source": "us-atlas 3.0.1 counties-10m.json (U.S. Census Bureau cartographic boundaries, 1:10,000,000), "
        "ISC licence",
        "projection": "California Albers (EPSG:3310 parameters), simplified with Douglas-Peucker",
        "viewBox": [0, 0, WIDTH, height],
        "counties": counties,
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    points = sum(len(p) for p in simplified.values())
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1024:.0f} KB, {points} points")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/npmget/us-atlas-3.0.1.tgz")
