"""Derive the organization hierarchy from the entity columns of CDE files.

Both CDE shapes users have — the Dashboard download files (`cds, rtype, schoolname, districtname,
countyname, charter_flag, coe_flag, dass_flag`) and the public schools directory (`CDSCode, County,
District, School, StatusType, SOC, EILCode, GSoffered, Charter, Latitude, Longitude`) — are first
normalized to `SourceRow`s; `derive_entities` then builds county offices, LEAs and schools from them.

A charter school is its own LEA in California's accountability system, so it becomes two records: an
LEA of type `charter` (under its county office, with its authorizing district as `authorizer`) and the
school that LEA runs. A district whose name says it is a county office of education is the county
office itself acting as an LEA.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.orgs.core.cds import cds_problem, county_code, district_cds, is_district_code
from trellis.orgs.core.school_level import school_level

_COE_NAME = re.compile(r"county office of education|office of education$", re.I)


@dataclass(frozen=True)
class SourceRow:
    """One row of a CDE file, reduced to what the hierarchy needs."""

    line: int
    cds: str
    is_school: bool
    school_name: str
    district_name: str
    county_name: str
    is_charter: bool
    is_coe: bool = False
    status: str = "active"
    soc: str = ""
    eil_code: str = ""
    grades_offered: str = ""
    latitude: float | None = None
    longitude: float | None = None
    statuses: Mapping[str, tuple[float, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class EntityRecord:
    kind: str
    code: str
    cds_code: str
    name: str
    county_code: str
    county_name: str
    parent_code: str
    lea_type: str = ""
    is_charter: bool = False
    status: str = "active"
    school_level: str = ""
    school_level_source: str = ""
    grades_offered: str = ""
    latitude: float | None = None
    longitude: float | None = None
    authorizer_code: str = ""


def coe_code(county: str) -> str:
    return f"C{county}"


def charter_lea_code(cds: str) -> str:
    return f"{cds}-lea"


def lea_type_from_name(name: str, has_high_school: bool) -> str:
    """District type from its name; the documented heuristic when the name does not say."""
    lowered = name.lower()
    if "unified" in lowered:
        return "unified"
    if re.search(r"\bhigh\b", lowered):
        return "high"
    if "elementary" in lowered:
        return "elementary"
    return "unified" if has_high_school else "elementary"


def derive_entities(
    rows: Iterable[SourceRow],
    *,
    file: str,
    known_counties: Mapping[str, str],
    known_districts: Mapping[str, str],
) -> list[EntityRecord]:
    """Build COE, LEA and school records. Raises ImportFailed listing every bad row.

    `known_counties` maps county code → county name (the 58 counties); `known_districts` maps the
    14-digit code of districts already in the database → their name, so that a file of schools only
    may refer to districts imported earlier.
    """
    issues: list[ImportIssue] = []
    rows = list(rows)
    seen: dict[str, int] = {}
    district_names: dict[str, str] = dict(known_districts)
    district_is_coe: dict[str, bool] = {}
    for row in rows:
        problem = cds_problem(row.cds)
        if problem:
            issues.append(ImportIssue(file, row.line, "cds", problem))
            continue
        if county_code(row.cds) not in known_counties:
            issues.append(
                ImportIssue(
                    file,
                    row.line,
                    "cds",
                    f"the county code {county_code(row.cds)!r} is not one of California's 58 counties (01–58)",
                )
            )
            continue
        if row.cds in seen:
            issues.append(
                ImportIssue(
                    file, row.line, "cds", f"the CDS code {row.cds} appears twice (first on line {seen[row.cds]})"
                )
            )
            continue
        seen[row.cds] = row.line
        if row.is_school and is_district_code(row.cds):
            issues.append(
                ImportIssue(
                    file, row.line, "cds", "a school's CDS code cannot end in 0000000 (that is a district code)"
                )
            )
            continue
        dcds = district_cds(row.cds)
        if not row.is_school:
            district_names[dcds] = row.district_name or district_names.get(dcds, "")
        elif row.district_name and dcds not in district_names:
            district_names[dcds] = row.district_name
        district_is_coe[dcds] = (
            district_is_coe.get(dcds, False)
            or row.is_coe
            or bool(_COE_NAME.search(row.district_name or district_names.get(dcds, "")))
        )
    for row in rows:
        if row.is_school and not cds_problem(row.cds) and county_code(row.cds) in known_counties:
            dcds = district_cds(row.cds)
            if not district_names.get(dcds):
                issues.append(
                    ImportIssue(
                        file,
                        row.line,
                        "districtname",
                        f"the school's district {dcds[:7]} is unknown: it is not in this file or in Trellis, "
                        "and the row gives no district name; import the district first or fill in the name",
                    )
                )
    if issues:
        raise ImportFailed(issues)
    return _build(rows, known_counties, district_names, district_is_coe)


def _build(
    rows: list[SourceRow],
    counties: Mapping[str, str],
    district_names: Mapping[str, str],
    district_is_coe: Mapping[str, bool],
) -> list[EntityRecord]:
    schools = [r for r in rows if r.is_school]
    district_rows = {r.cds: r for r in rows if not r.is_school}
    levels = {r.cds: school_level(r.school_name, eil_code=r.eil_code, soc=r.soc, statuses=r.statuses) for r in schools}
    has_high: dict[str, bool] = {}
    for r in schools:
        if not r.is_charter:
            dcds = district_cds(r.cds)
            has_high[dcds] = has_high.get(dcds, False) or levels[r.cds][0] in ("high", "k12")

    records: dict[str, EntityRecord] = {}
    used_counties = sorted({county_code(r.cds) for r in rows})
    coe_cds = {county_code(d): d for d, is_coe in district_is_coe.items() if is_coe and d in district_names}
    for county in used_counties:
        records[coe_code(county)] = EntityRecord(
            kind="coe",
            code=coe_code(county),
            cds_code=coe_cds.get(county, ""),
            name=f"{counties[county]} County Office of Education",
            county_code=county,
            county_name=counties[county],
            parent_code="",
            lea_type="coe",
        )
    for dcds, name in sorted(district_names.items()):
        county = county_code(dcds)
        if county not in used_counties or district_is_coe.get(dcds):
            continue
        drow = district_rows.get(dcds)
        records[dcds] = EntityRecord(
            kind="lea",
            code=dcds,
            cds_code=dcds,
            name=name,
            county_code=county,
            county_name=counties[county],
            parent_code=coe_code(county),
            lea_type=lea_type_from_name(name, has_high.get(dcds, False)),
            status=drow.status if drow else "active",
        )
    for r in schools:
        county = county_code(r.cds)
        dcds = district_cds(r.cds)
        district_code = coe_code(county) if district_is_coe.get(dcds) else dcds
        level, source = levels[r.cds]
        parent = district_code
        if r.is_charter:
            parent = charter_lea_code(r.cds)
            records[parent] = EntityRecord(
                kind="lea",
                code=parent,
                cds_code=r.cds,
                name=r.school_name,
                county_code=county,
                county_name=counties[county],
                parent_code=coe_code(county),
                lea_type="charter",
                is_charter=True,
                status=r.status,
                authorizer_code=district_code,
            )
        records[r.cds] = EntityRecord(
            kind="school",
            code=r.cds,
            cds_code=r.cds,
            name=r.school_name,
            county_code=county,
            county_name=counties[county],
            parent_code=parent,
            is_charter=r.is_charter,
            status=r.status,
            school_level=level,
            school_level_source=source,
            grades_offered=r.grades_offered,
            latitude=r.latitude,
            longitude=r.longitude,
        )
    return list(records.values())
