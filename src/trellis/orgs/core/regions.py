"""California's 58 counties and the 11 CCSESA service regions, as shipped data.

The county → region mapping is UNVERIFIED (reference ca_dashboard.md §6, tagged [M]); it is data in
`orgs/data/ccsesa_regions.csv` so that a deployment can correct it without a code change.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

REGION_NAMES = {
    "R01": "Region 1 (North Coast)",
    "R02": "Region 2 (Northeastern)",
    "R03": "Region 3 (Capital Service Region)",
    "R04": "Region 4 (Bay Region)",
    "R05": "Region 5 (South Bay)",
    "R06": "Region 6 (Delta Sierra)",
    "R07": "Region 7 (Central Valley)",
    "R08": "Region 8 (Costa del Sur)",
    "R09": "Region 9 (Southern)",
    "R10": "Region 10 (RIMS)",
    "R11": "Region 11 (Los Angeles)",
}


@dataclass(frozen=True)
class County:
    code: str
    name: str
    region_code: str
    verified: bool


@cache
def counties() -> dict[str, County]:
    text = resources.files("trellis.orgs").joinpath("data/ccsesa_regions.csv").read_text()
    return {
        row["county_code"]: County(row["county_code"], row["county_name"], row["region_code"], row["verified"] == "yes")
        for row in csv.DictReader(io.StringIO(text))
    }


def normalize_search(text: str) -> str:
    """Lower-case and strip accents, so 'San José' matches 'san jose'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()
