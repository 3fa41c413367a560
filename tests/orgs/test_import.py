"""Importing the two CDE file shapes: idempotent, all or nothing, errors with line and column."""

from __future__ import annotations

import io

import openpyxl
import pytest

from trellis.accounts.models import AuditEntry
from trellis.lib.errors import ImportFailed
from trellis.orgs.importers import import_file
from trellis.orgs.models import Kind, Organization

DASHBOARD = (
    "cds\trtype\tschoolname\tdistrictname\tcountyname\tcharter_flag\tcoe_flag\tdass_flag\tstudentgroup\tcurrstatus\n"
    "00000000000000\tX\t\t\tCalifornia\t\t\t\tALL\t-2.5\n"
    "01611920000000\tD\t\tAlameda Unified\tAlameda\t\t\t\tALL\t40.1\n"
    "01611920130229\tS\tAlameda High\tAlameda Unified\tAlameda\t\t\t\tALL\t60.2\n"
    "01611920130229\tS\tAlameda High\tAlameda Unified\tAlameda\t\t\t\tEL\t-20.0\n"
    "01611926000509\tS\tBay Farm Elementary\tAlameda Unified\tAlameda\t\t\t\tALL\t70.0\n"
    "01100170112607\tS\tEnvision Academy\tAlameda County Office of Education\tAlameda\tY\t\t\tALL\t-3.6\n"
)
DIRECTORY_HEADER = (
    "CDSCode\tNCESDist\tCounty\tDistrict\tSchool\tStatusType\tSOC\tEILCode\tGSoffered\tCharter\tLatitude\tLongitude\n"
)
DIRECTORY = DIRECTORY_HEADER + (
    "10621660000000\t\tFresno\tFresno Unified\tNo Data\tActive\tNo Data\tNo Data\tNo Data\tN\tNo Data\tNo Data\n"
    "10621661030618\t\tFresno\tFresno Unified\tFresno High\tActive\t66\tHS\t9-12\tN\t36.77\t-119.81\n"
    "10621666005540\t\tFresno\tFresno Unified\tAddams Elementary\tActive\t60\tELEM\tK-6\tN\t36.80\t-119.85\n"
    "10621660114355\t\tFresno\tFresno Unified\tFresno Charter\tActive\t60\tELEM\tK-6\tY\t36.81\t-119.86\n"
)


def snapshot() -> list[tuple[object, ...]]:
    return list(
        Organization.objects.order_by("code").values_list(
            "code",
            "kind",
            "name",
            "cds_code",
            "parent__code",
            "region__code",
            "coe__code",
            "lea__code",
            "lea_type",
            "school_level",
            "status",
            "is_charter",
            "latitude",
        )
    )


def test_it_imports_a_dashboard_file(db: None) -> None:
    summary = import_file("ela2019.txt", DASHBOARD.encode())
    assert summary.created == 6  # county office, district, charter LEA, three schools
    high = Organization.objects.get(kind=Kind.SCHOOL, cds_code="01611920130229")
    assert (high.parent.name, high.coe.code, high.region.code) == ("Alameda Unified", "C01", "R04")  # type: ignore[union-attr]
    assert AuditEntry.objects.filter(action="trellis.orgs.imported").count() == 1


def test_it_imports_the_cde_directory_with_school_levels(db: None) -> None:
    import_file("pubschls.txt", DIRECTORY.encode())
    fresno_high = Organization.objects.get(kind=Kind.SCHOOL, cds_code="10621661030618")
    assert (fresno_high.school_level, fresno_high.school_level_source) == ("high", "directory")
    assert fresno_high.latitude == pytest.approx(36.77)
    assert fresno_high.grades_offered == "9-12"
    charter = Organization.objects.get(kind=Kind.LEA, cds_code="10621660114355")
    assert (charter.lea_type, charter.authorizer.name, charter.parent.code) == ("charter", "Fresno Unified", "C10")  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "content"), [("ela2019.txt", DASHBOARD), ("pubschls.txt", DIRECTORY)])
def test_it_changes_nothing_the_second_time(db: None, name: str, content: str) -> None:
    import_file(name, content.encode())
    before = snapshot()
    audit_before = AuditEntry.objects.count()
    summary = import_file(name, content.encode())
    assert (summary.created, summary.updated) == (0, 0)
    assert snapshot() == before
    assert AuditEntry.objects.count() == audit_before


def test_it_reads_xlsx(db: None) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in DIRECTORY.strip().split("\n"):
        sheet.append(line.split("\t"))
    buffer = io.BytesIO()
    book.save(buffer)
    import_file("pubschls.xlsx", buffer.getvalue())
    assert Organization.objects.filter(kind=Kind.SCHOOL).count() == 3


def test_it_imports_nothing_when_one_row_has_a_13_digit_code(db: None) -> None:
    bad = DIRECTORY + "1062166600555\t\tFresno\tFresno Unified\tBroken\tActive\t60\tELEM\tK-6\tN\t36.8\t-119.8\n"
    with pytest.raises(ImportFailed) as failure:
        import_file("pubschls.txt", bad.encode())
    assert [(i.file, i.line, i.column) for i in failure.value.issues] == [("pubschls.txt", 6, "cds")]
    assert Organization.objects.count() == 0


def test_it_imports_nothing_when_a_schools_district_is_unknown(db: None) -> None:
    bad = DASHBOARD + "19647330000001\tS\tOrphan School\t\tLos Angeles\t\t\t\tALL\t1.0\n"
    with pytest.raises(ImportFailed) as failure:
        import_file("ela2019.txt", bad.encode())
    assert [(i.line, i.column) for i in failure.value.issues] == [(8, "districtname")]
    assert Organization.objects.count() == 0


def test_it_reports_a_bad_flag_with_its_column(db: None) -> None:
    bad = DASHBOARD.replace(
        "Envision Academy\tAlameda County Office of Education\tAlameda\tY",
        "Envision Academy\tAlameda County Office of Education\tAlameda\tmaybe",
    )
    with pytest.raises(ImportFailed) as failure:
        import_file("ela2019.txt", bad.encode())
    assert [(i.line, i.column) for i in failure.value.issues] == [(7, "charter_flag")]


def test_it_says_what_is_wrong_with_an_unknown_file(db: None) -> None:
    with pytest.raises(ImportFailed, match="neither a Dashboard download file"):
        import_file("x.txt", b"a\tb\n1\t2\n")
