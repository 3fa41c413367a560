"""County-District-School codes: 14 digits, county (2) + district (5) + school (7), kept as text.

Source: California School Dashboard glossary, https://caschooldashboard.org/about/glossary
District and LEA rows use the school code 0000000; the state uses 00000000000000.
"""

from __future__ import annotations

import re

CDS_LENGTH = 14
NO_SCHOOL = "0000000"
STATE_CDS = "0" * CDS_LENGTH
_DIGITS = re.compile(r"^[0-9]{14}$")


def cds_problem(value: str) -> str | None:
    """Why `value` is not a valid CDS code, in words, or None when it is valid."""
    if not value:
        return "the CDS code is empty"
    if not value.isdigit():
        return f"the CDS code {value!r} must contain digits only"
    if len(value) != CDS_LENGTH:
        return (
            f"the CDS code {value!r} has {len(value)} digits; it needs 14 "
            "(county 2, district 5, school 7) — check that leading zeros were not dropped"
        )
    return None


def is_valid_cds(value: str) -> bool:
    return bool(_DIGITS.match(value))


def county_code(cds: str) -> str:
    return cds[:2]


def district_cds(cds: str) -> str:
    """The 14-digit code of the district (LEA) a school code belongs to."""
    return cds[:7] + NO_SCHOOL


def is_district_code(cds: str) -> bool:
    return cds.endswith(NO_SCHOOL) and cds != STATE_CDS
