"""The hierarchy derived from CDE rows (pure)."""

from __future__ import annotations

import pytest

from tests.factories import school_rows
from trellis.lib.errors import ImportFailed
from trellis.orgs.core.entities import SourceRow, derive_entities
from trellis.orgs.core.regions import counties

COUNTIES = {c.code: c.name for c in counties().values()}


def derive(rows: list[SourceRow]) -> dict[str, object]:
    return {r.code: r for r in derive_entities(rows, file="f.txt", known_counties=COUNTIES, known_districts={})}


def test_it_builds_county_offices_leas_and_schools() -> None:
    records = derive(school_rows())
    assert records["C01"].kind == "coe"  # type: ignore[attr-defined]
    assert records["C01"].cds_code == "01100170000000"  # type: ignore[attr-defined]
    assert records["01611920000000"].kind == "lea"  # type: ignore[attr-defined]
    assert records["01611920000000"].lea_type == "unified"  # type: ignore[attr-defined]
    assert records["01611920130229"].parent_code == "01611920000000"  # type: ignore[attr-defined]


def test_it_makes_a_charter_its_own_lea_authorized_by_its_district() -> None:
    records = derive(school_rows())
    lea = records["01100170112607-lea"]
    school = records["01100170112607"]
    assert (lea.kind, lea.lea_type, lea.parent_code, lea.authorizer_code) == ("lea", "charter", "C01", "C01")  # type: ignore[attr-defined]
    assert (school.kind, school.parent_code, school.is_charter) == ("school", "01100170112607-lea", True)  # type: ignore[attr-defined]


def test_it_puts_county_office_schools_under_the_county_office() -> None:
    records = derive(school_rows())
    assert records["01100170130401"].parent_code == "C01"  # type: ignore[attr-defined]
    assert "01100170000000" not in records


def test_it_names_line_and_column_of_a_13_digit_code() -> None:
    rows = school_rows()
    rows[2] = SourceRow(
        line=4,
        cds="0161200011822",
        is_school=True,
        school_name="X",
        district_name="Oakland Unified",
        county_name="Alameda",
        is_charter=False,
    )
    with pytest.raises(ImportFailed) as failure:
        derive(rows)
    (issue,) = failure.value.issues
    assert (issue.file, issue.line, issue.column) == ("f.txt", 4, "cds")
    assert "13 digits" in issue.message


def test_it_refuses_a_school_whose_district_is_unknown() -> None:
    rows = [
        SourceRow(
            line=7,
            cds="19647330000001",
            is_school=True,
            school_name="Orphan",
            district_name="",
            county_name="Los Angeles",
            is_charter=False,
        )
    ]
    with pytest.raises(ImportFailed) as failure:
        derive(rows)
    (issue,) = failure.value.issues
    assert (issue.line, issue.column) == (7, "districtname")
    assert "district 1964733 is unknown" in issue.message


def test_it_accepts_a_school_of_a_district_already_known() -> None:
    rows = [
        SourceRow(
            line=2,
            cds="19647330000001",
            is_school=True,
            school_name="Known",
            district_name="",
            county_name="Los Angeles",
            is_charter=False,
        )
    ]
    records = derive_entities(
        rows, file="f", known_counties=COUNTIES, known_districts={"19647330000000": "Los Angeles Unified"}
    )
    assert {r.kind for r in records} == {"coe", "lea", "school"}


def test_it_refuses_an_unknown_county() -> None:
    rows = [
        SourceRow(
            line=3,
            cds="99647330000001",
            is_school=True,
            school_name="Nowhere",
            district_name="X",
            county_name="X",
            is_charter=False,
        )
    ]
    with pytest.raises(ImportFailed, match="not one of California's 58 counties"):
        derive(rows)
