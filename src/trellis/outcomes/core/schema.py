"""The canonical frame every Dashboard file is parsed into, whatever its year or layout.

One row per (entity, student group) as published. Published values are kept as given; computed
values
are added by `classify` under `*_calc` names. Columns a year's layout lacks are present and null.
Columns of the file that are not listed here are kept as text under their lower-cased names.
"""

from __future__ import annotations

from typing import Final

import polars as pl

TEXT: Final = ("cds", "rtype", "schoolname", "districtname", "countyname", "type", "studentgroup")
FLAGS: Final = (
    "charter_flag",
    "coe_flag",
    "dass_flag",
    "smalldenom",
    "hscutpoints",
    "currnsizemet",
    "priornsizemet",
    "accountabilitymet",
    "certifyflag",
    "dataerrorflag",
)
MEASURES: Final = (
    "currnumer",
    "currdenom",
    "currstatus",
    "priornumer",
    "priordenom",
    "priorstatus",
    "change",
)
PUBLISHED_LEVELS: Final = ("statuslevel", "changelevel", "color", "box")

CANONICAL: Final[dict[str, pl.DataType]] = {
    "line": pl.UInt32(),  # 1-based line (or xlsx row) in the source file; the header is line 1
    **{name: pl.String() for name in TEXT},
    **{name: pl.Boolean() for name in FLAGS},
    **{name: pl.Float64() for name in MEASURES},
    **{name: pl.Int16() for name in PUBLISHED_LEVELS},
    "reportingyear": pl.Int16(),
}

# Names CDE used for the same field in other years (matched after lower-casing).
ALIASES: Final = {
    "cdscode": "cds",
    "safetynet": "smalldenom",
    "charterflag": "charter_flag",
    "coeflag": "coe_flag",
    "dassflag": "dass_flag",
}

CALCULATED: Final[dict[str, pl.DataType]] = {
    "statuslevel_calc": pl.Int16(),
    "changelevel_calc": pl.Int16(),
    "color_calc": pl.Int16(),
    "box_calc": pl.Int16(),
    "cutset": pl.String(),
    "mismatch": pl.String(),
}
