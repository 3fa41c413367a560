"""School level (elementary / middle / high / K-12 / alternative) where CDE's directory is silent.

Order of evidence, strongest first (documented in docs/organizations.md):
1. The directory's EIL code (Educational Instruction Level) or SOC (school ownership code).
2. Alternative-education words in the name (continuation, community day, court, juvenile hall…).
3. Level words in the name ("High", "Middle", "Elementary", "K-8", "K-12"…).
4. The Dashboard's academic cut set: a 2018 status value whose published status level is only
   consistent with the high-school (grade 11) cuts means a high school; only with the grades 3–8
   cuts means an elementary or middle school (reference: ca_dashboard.md §1.4).
5. Otherwise elementary, the most common level (about 60% of California schools).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# CDE directory EIL codes → level. Source: CDE public schools directory record layout (EILCode).
EIL_LEVELS = {
    "ELEM": "elementary",
    "ELEMHIGH": "k12",
    "INTMIDJR": "middle",
    "HS": "high",
    "A": "alternative",
    "UG": "alternative",
    "PS": "elementary",
}
# CDE directory SOC (school ownership code) values that settle the level.
SOC_LEVELS = {
    "60": "elementary",
    "61": "elementary",
    "62": "middle",
    "63": "alternative",
    "64": "middle",
    "65": "k12",
    "66": "high",
    "67": "high",
    "68": "alternative",
    "69": "alternative",
    "70": "alternative",
    "71": "alternative",
    "72": "alternative",
    "73": "alternative",
}

_ALTERNATIVE = re.compile(
    r"\b(continuation|community day|court|juvenile|opportunity|independent study|alternative|"
    r"adult|detention|county community|hospital|home and hospital|re-?engagement)\b",
    re.I,
)
_K12 = re.compile(r"\b(k-?12|tk-?12)\b", re.I)
_HIGH = re.compile(r"\b(high|senior high|hs|secondary)\b", re.I)
_MIDDLE = re.compile(r"\b(middle|junior high|intermediate|jr\.? high|k?-?[5-7]-8)\b", re.I)
_ELEMENTARY = re.compile(r"\b(elementary|primary|k-?[3-8]|tk-?[5-8]|kindergarten|preschool)\b", re.I)

# Status cut points that separate the two sets: (subject, level) → (low, high) bounds on DFS.
# ca_dashboard.md §1.4, verified empirically on the 2018 files.
_CUTS_3_8 = {"ela": (-70.0, -5.0, 10.0, 45.0), "math": (-95.0, -25.0, 0.0, 35.0)}
_CUTS_HS = {"ela": (-45.0, 0.0, 30.0, 75.0), "math": (-115.0, -60.0, 0.0, 25.0)}


def status_level(value: float, cuts: tuple[float, float, float, float]) -> int:
    """Status level 1–5 for a DFS value; each bound belongs to the higher band (≥)."""
    return 1 + sum(value >= bound for bound in cuts)


def cut_set(subject: str, value: float, published_level: int) -> str | None:
    """'3-8' or 'hs' when only one cut set reproduces the published level; None when both or neither do."""
    fits_3_8 = status_level(value, _CUTS_3_8[subject]) == published_level
    fits_hs = status_level(value, _CUTS_HS[subject]) == published_level
    if fits_3_8 == fits_hs:
        return None
    return "3-8" if fits_3_8 else "hs"


def school_level(
    name: str,
    *,
    eil_code: str = "",
    soc: str = "",
    statuses: Mapping[str, tuple[float, int]] | None = None,
) -> tuple[str, str]:
    """Return (level, source) where source is 'directory' or 'heuristic'."""
    if eil_code in EIL_LEVELS:
        return EIL_LEVELS[eil_code], "directory"
    if soc in SOC_LEVELS:
        return SOC_LEVELS[soc], "directory"
    if _ALTERNATIVE.search(name):
        return "alternative", "heuristic"
    if _K12.search(name):
        return "k12", "heuristic"
    sets = {cut_set(s, v, lvl) for s, (v, lvl) in (statuses or {}).items()} - {None}
    if _MIDDLE.search(name):
        return "middle", "heuristic"
    # A name that says "High" wins unless the cut set contradicts it ("High Desert Elementary").
    if _HIGH.search(name) and sets != {"3-8"}:
        return "high", "heuristic"
    if _ELEMENTARY.search(name):
        return "elementary", "heuristic"
    if sets == {"hs"}:
        return "high", "heuristic"
    return "elementary", "heuristic"
