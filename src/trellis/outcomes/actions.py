"""Every write to the outcomes tables: importing Dashboard files and determining differentiated
assistance.

The import is vectorized end to end: the core parses and validates the file into a Polars frame and
classifies every row; the rows are linked to organizations by a join on the CDS code, then written
with one set-based upsert — `COPY` into a temporary table and `INSERT … ON CONFLICT` on PostgreSQL,
`executemany` of the same upsert in one transaction on SQLite. No per-row ORM objects are built.
Re-importing the same file changes nothing (the upsert only touches rows whose values differ).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from django.db import connection, transaction

from trellis.accounts.audit import log_action
from trellis.accounts.models import User
from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.orgs.models import Kind, LeaType, Organization
from trellis.outcomes.core.classify import classify
from trellis.outcomes.core.codes import INDICATORS
from trellis.outcomes.core.parse import read_dashboard_file
from trellis.outcomes.models import DaDetermination, DashboardImport, IndicatorResult

TABLE = IndicatorResult._meta.db_table
KEY = ("cds", "year", "indicator", "studentgroup", "type")
FLAGS = ("charter_flag", "coe_flag", "dass_flag", "smalldenom", "hscutpoints", "dataerrorflag")
NUMBERS = ("currdenom", "currstatus", "priorstatus", "change")
LEVELS = ("statuslevel", "changelevel", "color", "box")
CALC = ("statuslevel_calc", "changelevel_calc", "color_calc", "box_calc")
VALUES = ("rtype", "organization_id", *FLAGS, *NUMBERS, *LEVELS, *CALC, "cutset", "mismatch")
COLUMNS = (*KEY, *VALUES)
SQLITE_BATCH = 50_000


@dataclass(frozen=True)
class ImportSummary:
    file: str
    indicator: str
    year: int
    rows: int
    created: int
    updated: int
    unchanged: int
    linked: int

    def __str__(self) -> str:
        return (
            f"{self.file} ({self.indicator} {self.year}): {self.rows} rows — {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged; {self.linked} linked to organizations"
        )


def indicator_of(file_name: str) -> str | None:
    """The indicator from CDE's file name (`eladownload2019.txt` → ela)."""
    name = Path(file_name).name.lower()
    return next((i for i in INDICATORS if name.startswith(i)), None)


# --- linking rows to organizations ---------------------------------------------------------------


def organization_map() -> pl.DataFrame:
    """(rtype, cds, organization_id) for every organization a Dashboard row can belong to.

    School rows (S) → the school; district rows (D, and L in Spring 2017) → the district or the
    county office whose district code it is; the state row (X) → the state. A charter school's rows
    belong to the school, whose `lea` is the charter LEA, so the charter LEA sees them too.
    """
    rows: list[tuple[str, str, int]] = []
    for kind, cds, pk in (
        Organization.objects.exclude(cds_code="")
        .exclude(kind=Kind.LEA, lea_type=LeaType.CHARTER)
        .values_list("kind", "cds_code", "id")
    ):
        if kind == Kind.SCHOOL:
            rows.append(("S", cds, pk))
        elif kind in (Kind.LEA, Kind.COE):
            rows.extend([("D", cds, pk), ("L", cds, pk)])
    state = Organization.objects.filter(kind=Kind.STATE).values_list("id", flat=True).first()
    if state is not None:
        rows.append(("X", "00000000000000", state))
    return pl.DataFrame(
        rows, schema={"rtype": pl.String, "cds": pl.String, "organization_id": pl.Int64}, orient="row"
    ).unique(["rtype", "cds"], keep="first")


def lea_organization_map() -> dict[str, int]:
    """CDS code → the organization a DA determination belongs to (district, county office or
    charter LEA)."""
    found: dict[str, int] = {}
    for cds, pk in (
        Organization.objects.filter(kind__in=[Kind.LEA, Kind.COE]).exclude(cds_code="").values_list("cds_code", "id")
    ):
        found.setdefault(cds, pk)
    return found


def database_frame(classified: pl.DataFrame, indicator: str, year: int, orgs: pl.DataFrame) -> pl.DataFrame:
    """The classified frame in the table's columns, linked to organizations."""

    def col(name: str, dtype: pl.DataType) -> pl.Expr:
        if name in classified.columns:
            return pl.col(name).cast(dtype).alias(name)
        return pl.lit(None, dtype).alias(name)

    frame = classified.select(
        pl.lit(year, pl.Int16).alias("year"),
        pl.lit(indicator).alias("indicator"),
        pl.col("cds"),
        # ELPI files before 2024 have no student group: every row is English learners.
        col("studentgroup", pl.String()).fill_null("EL"),
        col("type", pl.String()).fill_null(""),
        pl.col("rtype"),
        *[col(f, pl.Boolean()) for f in FLAGS],
        *[col(f, pl.Float64()) for f in NUMBERS],
        *[col(f, pl.Int16()) for f in (*LEVELS, *CALC)],
        col("cutset", pl.String()).fill_null(""),
        col("mismatch", pl.String()).fill_null(""),
    )
    frame = frame.join(orgs, on=["rtype", "cds"], how="left")
    # A county office's row whose district code the directory does not know: by its county.
    coes = coe_by_county()
    if coes:
        by_county = pl.col("cds").str.slice(0, 2).replace_strict(coes, default=None, return_dtype=pl.Int64)
        flagged = (pl.col("rtype") == "D") & pl.col("coe_flag").fill_null(False)
        frame = frame.with_columns(
            pl.when(pl.col("organization_id").is_null() & flagged)
            .then(by_county)
            .otherwise(pl.col("organization_id"))
            .alias("organization_id")
        )
    return frame.select(COLUMNS)


def coe_by_county() -> dict[str, int]:
    """County code (two digits) → its county office, from the stable code `C01`."""
    return {code[1:]: pk for code, pk in Organization.objects.filter(kind=Kind.COE).values_list("code", "id")}


def _duplicates(frame: pl.DataFrame, classified: pl.DataFrame, display: str) -> list[ImportIssue]:
    keyed = frame.select("cds", "studentgroup", "type").with_columns(classified["line"])
    dup = keyed.filter(keyed.select("cds", "studentgroup", "type").is_duplicated())
    issues = []
    seen: set[tuple[str, str, str]] = set()
    for cds, group, kind, line in dup.sort("line").iter_rows():
        key = (cds, group, kind)
        if key in seen:
            issues.append(
                ImportIssue(
                    display,
                    int(line),
                    "studentgroup",
                    f"a second row for CDS {cds}, student group {group}{' type ' + kind if kind else ''}; "
                    "each organization and group appears once",
                )
            )
        seen.add(key)
    return issues[:200]


# --- the set-based upsert ------------------------------------------------------------------------


def _upsert_sql(source: str) -> str:
    columns = ", ".join(COLUMNS)
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    updates = ", ".join(f"{c} = excluded.{c}" for c in VALUES)
    differs = " OR ".join(f"{TABLE}.{c} {distinct} excluded.{c}" for c in VALUES)
    return (
        f"INSERT INTO {TABLE} ({columns}) {source} "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates} WHERE {differs}"
    )


def _write(frame: pl.DataFrame, year: int, indicator: str) -> int:
    """Upsert every row; returns how many rows were inserted or changed."""
    if frame.is_empty():
        return 0
    if connection.vendor != "postgresql":
        return _write_by_difference(frame, year, indicator)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"CREATE TEMPORARY TABLE outcomes_incoming (LIKE {TABLE} INCLUDING DEFAULTS) ON COMMIT DROP")
            cursor.execute("ALTER TABLE outcomes_incoming DROP COLUMN id")
            data = frame.write_csv(include_header=False, null_value=r"\N")
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY outcomes_incoming ({', '.join(COLUMNS)}) FROM STDIN (FORMAT csv, NULL '\\N')") as copy:
                copy.write(data)
            cursor.execute(_upsert_sql(f"SELECT {', '.join(COLUMNS)} FROM outcomes_incoming"))
            changed = cursor.rowcount
            cursor.execute("DROP TABLE outcomes_incoming")
            return int(changed)
    raise AssertionError("unreachable")


def _write_by_difference(frame: pl.DataFrame, year: int, indicator: str) -> int:
    """SQLite: compare with the stored rows in Polars, then plain INSERTs for new keys and UPDATEs by
    id for changed rows (SQLite's UPSERT slows down with the table's size; plain inserts do not)."""
    stored = _stored(year, indicator)
    keys = ["cds", "studentgroup", "type"]
    joined = frame.join(stored, on=keys, how="left", suffix="_old")
    new = joined.filter(pl.col("id").is_null()).select(COLUMNS)
    differs = pl.lit(False)
    for c in VALUES:
        differs = differs | pl.col(c).ne_missing(pl.col(f"{c}_old"))
    changed = joined.filter(pl.col("id").is_not_null() & differs)
    with connection.cursor() as cursor:
        insert = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        for start in range(0, new.height, SQLITE_BATCH):
            cursor.executemany(insert, new.slice(start, SQLITE_BATCH).rows())
        if changed.height:
            update = f"UPDATE {TABLE} SET {', '.join(f'{c} = %s' for c in VALUES)} WHERE id = %s"
            cursor.executemany(update, changed.select(*VALUES, "id").rows())
    return new.height + changed.height


def _stored(year: int, indicator: str) -> pl.DataFrame:
    """The stored rows of one file's (year, indicator), typed like `database_frame`'s output."""
    names = ("id", "cds", "studentgroup", "type", *VALUES)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(names)} FROM {TABLE} WHERE year = %s AND indicator = %s", [year, indicator])
        rows = cursor.fetchall()
    schema: dict[str, Any] = {"id": pl.Int64, "cds": pl.String, "studentgroup": pl.String, "type": pl.String}
    schema |= {"rtype": pl.String, "organization_id": pl.Int64}
    schema |= {c: pl.Boolean for c in FLAGS} | {c: pl.Float64 for c in NUMBERS}
    schema |= {c: pl.Int16 for c in (*LEVELS, *CALC)} | {"cutset": pl.String, "mismatch": pl.String}
    raw = pl.DataFrame(
        rows, schema={n: pl.Int64 if schema[n] == pl.Boolean else schema[n] for n in names}, orient="row"
    )
    # SQLite stores booleans as 0/1.
    return raw.with_columns(pl.col(c).cast(pl.Boolean) for c in FLAGS)


@transaction.atomic
def dashboard_import(
    file_name: str,
    data: bytes,
    *,
    indicator: str | None = None,
    year: int | None = None,
    user: User | None = None,
    determine: bool = True,
) -> ImportSummary:
    """Validate, classify and store one Dashboard file. All or nothing: any problem raises
    ImportFailed (with line and column) and nothing from the file is written."""
    indicator = indicator or indicator_of(file_name)
    if indicator is None:
        raise ImportFailed(
            [ImportIssue(file_name, None, None, "cannot tell the indicator from the file name; choose it")]
        )
    parsed = read_dashboard_file(file_name, indicator, year, name=Path(file_name).name, data=data)
    classified = classify(parsed.frame, indicator, parsed.year)
    frame = database_frame(classified, indicator, parsed.year, organization_map())
    problems = _duplicates(frame, classified, parsed.file)
    if problems:
        raise ImportFailed(problems)
    existing = IndicatorResult.objects.filter(year=parsed.year, indicator=indicator)
    before = existing.count()
    changed = _write(frame, parsed.year, indicator)
    created = existing.count() - before
    summary = ImportSummary(
        file=parsed.file,
        indicator=indicator,
        year=parsed.year,
        rows=frame.height,
        created=created,
        updated=changed - created,
        unchanged=frame.height - changed,
        linked=int(frame["organization_id"].is_not_null().sum()),
    )
    DashboardImport.objects.create(
        year=parsed.year,
        indicator=indicator,
        file_name=parsed.file[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        rows=summary.rows,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        imported_by=user,
    )
    log_action(
        "trellis.outcomes.imported",
        user=user,
        target=Organization.objects.filter(kind=Kind.STATE).first(),
        data={"file": parsed.file, "indicator": indicator, "year": parsed.year, "rows": summary.rows},
    )
    if determine:
        da_determine(parsed.year)
    return summary


def dashboard_import_many(
    files: Iterable[tuple[str, bytes]], *, year: int | None = None, user: User | None = None
) -> list[ImportSummary]:
    """Import several files (each all-or-nothing), then determine DA once per year touched."""
    summaries = [dashboard_import(name, data, year=year, user=user, determine=False) for name, data in files]
    for touched in sorted({s.year for s in summaries}):
        da_determine(touched)
    return summaries


# --- differentiated assistance -------------------------------------------------------------------


def lea_frames(year: int) -> dict[str, pl.DataFrame]:
    """The stored LEA-level rows of a year (districts, county offices, charter schools), one frame
    per indicator, in the columns `core.eligibility.determine` reads."""
    columns = ("indicator", "cds", "rtype", "studentgroup", "charter_flag", "coe_flag", *LEVELS[:3], *CALC[:3])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {TABLE} "
            "WHERE year = %s AND (rtype IN ('D', 'L') OR (rtype = 'S' AND charter_flag = %s))",
            [year, True],
        )
        rows = cursor.fetchall()
    schema: dict[str, Any] = {
        "indicator": pl.String,
        "cds": pl.String,
        "rtype": pl.String,
        "studentgroup": pl.String,
        "charter_flag": pl.Boolean,
        "coe_flag": pl.Boolean,
        **{c: pl.Int16 for c in (*LEVELS[:3], *CALC[:3])},
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row").with_columns(
        pl.lit("").alias("schoolname"), pl.lit("").alias("districtname")
    )
    return {
        indicator: part.drop("indicator")
        for (indicator,), part in frame.partition_by("indicator", as_dict=True).items()
    }


@transaction.atomic
def da_determine(year: int, *, user: User | None = None) -> int:
    """Determine differentiated assistance for every LEA with rows in `year`; replaces that year's
    determinations. Charters use the prior year's stored result (two consecutive years). Returns
    how many LEAs are eligible."""
    from trellis.outcomes.core.eligibility import determine, year_rules
    from trellis.outcomes.core.reasons import lea_sentences

    try:
        year_rules(year)
    except KeyError:
        DaDetermination.objects.filter(year=year).delete()
        return 0
    frames = lea_frames(year)
    prior = dict(DaDetermination.objects.filter(year=year - 1).values_list("cds", "met_this_year"))
    results = determine(year, frames, prior_met=prior or None) if frames else []
    orgs = lea_organization_map()
    coes = coe_by_county()
    for r in results:
        if r.kind == "coe" and r.cds not in orgs and r.cds[:2] in coes:
            orgs[r.cds] = coes[r.cds[:2]]
    names = dict(Organization.objects.filter(pk__in=orgs.values()).values_list("id", "name"))
    DaDetermination.objects.filter(year=year).delete()
    DaDetermination.objects.bulk_create(
        [
            DaDetermination(
                year=year,
                cds=r.cds,
                organization_id=orgs.get(r.cds),
                name=names.get(orgs.get(r.cds, -1), r.name or r.cds)[:200],
                kind=r.kind,
                considered=r.considered,
                eligible=r.eligible,
                met_this_year=r.met_this_year,
                reasons=lea_sentences(r),
                groups={
                    g: [
                        {"priority": h.priority, "indicators": list(h.indicators), "values": list(h.values)} for h in hs
                    ]
                    for g, hs in r.groups.items()
                },
                local_priorities=list(r.local_priorities),
            )
            for r in results
        ],
        batch_size=2000,
    )
    eligible = sum(1 for r in results if r.eligible)
    log_action(
        "trellis.outcomes.determined", user=user, data={"year": year, "leas": len(results), "eligible": eligible}
    )
    return eligible


def years_stored() -> Sequence[int]:
    return list(IndicatorResult.objects.order_by("-year").values_list("year", flat=True).distinct())
