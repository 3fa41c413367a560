"""Read the entity columns of the two CDE file shapes into `SourceRow`s, validating every field."""

from __future__ import annotations

from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.lib.tabular import Row, Table
from trellis.orgs.core.cds import STATE_CDS, is_district_code
from trellis.orgs.core.entities import SourceRow

DASHBOARD_COLUMNS = ("cds", "rtype", "schoolname", "districtname", "countyname", "charter_flag")
DIRECTORY_COLUMNS = ("cdscode", "county", "district", "school", "statustype", "charter")
_FLAG_VALUES = {"y": True, "": False, "n": False}
# CDE directory StatusType → our status. Merged and closed schools are kept, marked closed.
_STATUS = {"active": "active", "pending": "active", "closed": "closed", "merged": "closed"}


def detect_shape(table: Table) -> str:
    """'dashboard' or 'directory', from the header; raise with a helpful message otherwise."""
    if all(table.has(c) for c in DIRECTORY_COLUMNS):
        return "directory"
    if (table.has("cds") or table.has("cdscode")) and table.has("rtype"):
        return "dashboard"
    raise ImportFailed(
        [
            ImportIssue(
                table.file,
                1,
                None,
                "this is neither a Dashboard download file (cds, rtype, schoolname, districtname, countyname, "
                "charter_flag, …) nor the CDE public schools directory (CDSCode, County, District, School, "
                "StatusType, …); check the file and its header row",
            )
        ]
    )


def _flag(table: Table, row: Row, column: str, issues: list[ImportIssue]) -> bool:
    value = row.get(column).strip().lower()
    if value not in _FLAG_VALUES:
        issues.append(ImportIssue(table.file, row.line, column, f"expected Y or blank, found {row.get(column)!r}"))
        return False
    return _FLAG_VALUES[value]


def _coordinate(table: Table, row: Row, column: str, issues: list[ImportIssue]) -> float | None:
    raw = row.get(column)
    if raw in ("", "No Data"):
        return None
    try:
        return float(raw)
    except ValueError:
        issues.append(ImportIssue(table.file, row.line, column, f"expected a number, found {raw!r}"))
        return None


def dashboard_rows(table: Table) -> list[SourceRow]:
    """Entity rows of a Dashboard download file: one per CDS code (files repeat it per student group)."""
    cds_column = "cds" if table.has("cds") else "cdscode"
    table.require(cds_column, "rtype", "districtname", "countyname")
    issues: list[ImportIssue] = []
    out: dict[str, SourceRow] = {}
    for row in table.rows:
        rtype = row.get("rtype").upper()
        cds = row.get(cds_column)
        if rtype == "X" or cds == STATE_CDS:
            continue
        if rtype not in ("S", "D"):
            issues.append(ImportIssue(table.file, row.line, "rtype", f"expected S, D or X, found {row.get('rtype')!r}"))
            continue
        is_charter = _flag(table, row, "charter_flag", issues) if table.has("charter_flag") else False
        is_coe = _flag(table, row, "coe_flag", issues) if table.has("coe_flag") else False
        source = SourceRow(
            line=row.line,
            cds=cds,
            is_school=rtype == "S",
            school_name=row.get("schoolname"),
            district_name=row.get("districtname"),
            county_name=row.get("countyname"),
            is_charter=is_charter,
            is_coe=is_coe,
        )
        previous = out.get(cds)
        if previous is None:
            out[cds] = source
        elif (previous.school_name, previous.district_name) != (source.school_name, source.district_name):
            issues.append(
                ImportIssue(
                    table.file, row.line, "schoolname", f"CDS code {cds} is named differently on line {previous.line}"
                )
            )
    if issues:
        raise ImportFailed(issues)
    return list(out.values())


def directory_rows(table: Table) -> list[SourceRow]:
    """Rows of CDE's public schools directory (pubschls.txt or its xlsx export)."""
    table.require(*DIRECTORY_COLUMNS)
    issues: list[ImportIssue] = []
    out: list[SourceRow] = []
    for row in table.rows:
        cds = row.get("cdscode")
        school = row.get("school")
        is_school = not is_district_code(cds) and school not in ("", "No Data")
        if cds == STATE_CDS:
            continue
        status_raw = row.get("statustype").lower()
        if status_raw not in _STATUS:
            issues.append(
                ImportIssue(
                    table.file,
                    row.line,
                    "StatusType",
                    f"expected Active, Closed, Merged or Pending, found {row.get('statustype')!r}",
                )
            )
            continue
        charter = row.get("charter").lower()
        if charter not in ("y", "n", ""):
            issues.append(
                ImportIssue(table.file, row.line, "Charter", f"expected Y or N, found {row.get('charter')!r}")
            )
            continue
        out.append(
            SourceRow(
                line=row.line,
                cds=cds,
                is_school=is_school,
                school_name=school if is_school else "",
                district_name=row.get("district"),
                county_name=row.get("county"),
                is_charter=charter == "y",
                status=_STATUS[status_raw],
                soc=row.get("soc"),
                eil_code=row.get("eilcode"),
                grades_offered=row.get("gsoffered").replace("No Data", ""),
                latitude=_coordinate(table, row, "latitude", issues),
                longitude=_coordinate(table, row, "longitude", issues),
            )
        )
    if issues:
        raise ImportFailed(issues)
    return out
