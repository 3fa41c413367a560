"""Read a Dashboard download file (tab-delimited text, CSV or xlsx) into the canonical frame.

Columns are matched by name, case-insensitively and through the aliases CDE used in other years
(`cdscode` for `cds`, `safetynet` for `smalldenom`), so every year's layout parses. Every row is
validated; any problem is reported with its line and column and the whole file is rejected
(`ImportFailed`), so nothing half-read reaches the caller. Big files are read by Polars; validation
is
vectorized and only the failing rows are looked at one by one.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.outcomes.core.codes import (
    GROUP_ALIASES,
    RECORD_TYPES,
    STATE_CDS,
    STUDENT_GROUPS,
    SUSPENSION_TYPES,
)
from trellis.outcomes.core.layouts import layout
from trellis.outcomes.core.rules import indicator_rules
from trellis.outcomes.core.schema import ALIASES, CANONICAL, FLAGS, MEASURES, PUBLISHED_LEVELS

XLSX_MAGIC = b"PK\x03\x04"
MAX_ISSUES = 200
NULL_MARKERS = ("", "*")  # CDE suppresses small cells with "*" ([R] reference §3.1)
# Plausible published ranges: rates are percentages; distance from standard is within ±500 points.
RATE_RANGE = (0.0, 100.0)
DFS_RANGE = (-500.0, 500.0)
VALID_BOXES = frozenset({0, *range(10, 251, 10)})
FLAG_VALUES = {
    "Y": True,
    "y": True,
    "YES": True,
    "Yes": True,
    "N": False,
    "n": False,
    "NO": False,
    "No": False,
}


@dataclass(frozen=True)
class ParsedFile:
    file: str
    indicator: str
    year: int
    frame: pl.DataFrame
    header: list[str]
    """The header as written in the file."""
    extra_columns: list[str]
    layout_matches: bool


def _year_from(name: str) -> int | None:
    match = re.search(r"(20[12]\d)", name)
    return int(match.group(1)) if match else None


def _check_field_counts_tab(raw: bytes, display: str, expected: int) -> np.ndarray:
    """Find lines whose number of tabs differs from the header's, without a Python loop per line.

    Returns a mask of the data lines (after the header) that are not blank.
    """
    buffer = np.frombuffer(raw, dtype=np.uint8)
    newlines = np.flatnonzero(buffer == 10)
    starts = np.concatenate(([0], newlines + 1))
    ends = np.append(newlines, len(buffer))
    if starts[-1] >= len(buffer):  # the file ends with a newline: no last line
        starts, ends = starts[:-1], ends[:-1]
    is_tab = (buffer == 9).view(np.uint8)
    lengths = ends - starts
    # uint16 sums are ~20x faster than int64 here; a line with 65,536+ tabs would wrap around,
    # which the total below catches, and then the exact (slower) count is used.
    counts = np.add.reduceat(is_tab, starts, dtype=np.uint16).astype(np.int64)
    counts[lengths == 0] = 0  # reduceat gives the next element for an empty segment
    if counts.sum() != np.count_nonzero(is_tab):
        tabs = np.flatnonzero(is_tab)
        counts = np.searchsorted(tabs, ends) - np.searchsorted(tabs, starts)
    # A line holding only "\r" or nothing is blank and skipped.
    last = buffer[np.maximum(ends - 1, 0)]
    blank = (lengths == 0) | ((lengths == 1) & (last == 13))
    bad = np.flatnonzero((counts != expected - 1) & ~blank)
    if len(bad):
        raise ImportFailed(
            ImportIssue(
                display,
                int(i) + 1,
                None,
                f"expected {expected} tab-separated fields but found {int(counts[i]) + 1}; "
                "check for a stray tab or a line broken in two",
            )
            for i in bad[:MAX_ISSUES]
        )
    nonblank: np.ndarray = ~blank[1:]
    return nonblank


def _check_field_counts_csv(text: str, display: str, expected: int) -> None:
    issues = []
    for line, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if cells and len(cells) != expected:
            issues.append(
                ImportIssue(
                    display,
                    line,
                    None,
                    f"expected {expected} comma-separated fields but found "
                    f"{len(cells)}; check for a stray comma or an unclosed quote",
                )
            )
            if len(issues) >= MAX_ISSUES:
                break
    if issues:
        raise ImportFailed(issues)


def _read_text(raw: bytes, display: str) -> pl.DataFrame:
    first_line = raw.split(b"\n", 1)[0]
    tab = b"\t" in first_line
    separator = "\t" if tab else ","
    header_count = (
        len(first_line.split(separator.encode()))
        if tab
        else len(next(csv.reader([first_line.decode("utf-8", "replace")])))
    )
    nonblank = None
    if tab:
        nonblank = _check_field_counts_tab(raw, display, header_count)
    else:
        _check_field_counts_csv(raw.decode("utf-8-sig", "replace"), display, header_count)
    # CDE's tab files are not quoted; reading them without quote handling keeps row i on line i + 2.
    options: dict[str, Any] = {
        "separator": separator,
        "has_header": True,
        "infer_schema": False,
        "quote_char": None if tab else '"',
    }
    try:
        frame = pl.read_csv(io.BytesIO(raw), **options)
    except pl.exceptions.ComputeError:
        # Not UTF-8: CDE's older downloads are Windows-1252 (as in trellis.lib.tabular).
        frame = pl.read_csv(io.BytesIO(raw.decode("cp1252", "replace").encode()), **options)
    frame = frame.with_columns(pl.int_range(2, pl.len() + 2, dtype=pl.UInt32).alias("line"))
    if nonblank is not None and len(nonblank) == frame.height:
        return frame.filter(pl.Series(nonblank)) if not nonblank.all() else frame
    # Blank lines come through as rows of nulls; they are skipped, like tabular.read_table does.
    columns = [c for c in frame.columns if c != "line"]
    return frame.filter(~pl.all_horizontal(pl.col(columns).is_null() | (pl.col(columns) == "")))


def _read_xlsx(raw: bytes, display: str) -> pl.DataFrame:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    try:
        header = [str(h if h is not None else "").strip() for h in next(rows)]
    except StopIteration:
        raise ImportFailed([ImportIssue(display, None, None, "the workbook's first sheet is empty")]) from None
    columns: list[list[str | None]] = [[] for _ in header]
    lines: list[int] = []
    for line, cells in enumerate(rows, start=2):
        if all(c is None or c == "" for c in cells):
            continue
        lines.append(line)
        for i in range(len(header)):
            value = cells[i] if i < len(cells) else None
            if (
                isinstance(value, float)
                and value.is_integer()
                and header[i].lower() not in ("currstatus", "priorstatus", "change")
            ):
                value = int(value)
            columns[i].append(None if value is None else str(value).strip())
    book.close()
    frame = pl.DataFrame({h: pl.Series(h, col, dtype=pl.String) for h, col in zip(header, columns, strict=True)})
    frame = frame.with_columns(pl.Series("line", lines, dtype=pl.UInt32))
    # Excel turns CDS codes into numbers and drops their leading zero.
    cds_name = next((h for h in header if h.lower() in ("cds", "cdscode")), None)
    if cds_name:
        frame = frame.with_columns(
            pl.when(pl.col(cds_name).str.contains(r"^\d{1,13}$"))
            .then(pl.col(cds_name).str.zfill(14))
            .otherwise(pl.col(cds_name))
            .alias(cds_name)
        )
    return frame


def _canonical_names(header: list[str], display: str) -> dict[str, str]:
    """Map written column names to canonical ones; two columns for one field is an error."""
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    issues = []
    for written in header:
        if written == "line":
            continue
        key = written.strip().lstrip("\ufeff").lower()
        key = ALIASES.get(key, key)
        if key in seen:
            issues.append(ImportIssue(display, 1, written, f"this column repeats {seen[key]!r}; remove one of them"))
        seen[key] = written
        mapping[written] = key
    if issues:
        raise ImportFailed(issues)
    return mapping


def _issues_from_mask(
    frame: pl.DataFrame, bad: pl.Series, written: str, display: str, message: str
) -> list[ImportIssue]:
    rows = frame.filter(bad).head(MAX_ISSUES)
    return [
        ImportIssue(display, int(line), written, message.format(value=value))
        for line, value in zip(rows["line"].to_list(), rows[written].to_list(), strict=True)
    ]


def read_dashboard_file(
    path: Path | str,
    indicator: str,
    year: int | None = None,
    *,
    name: str | None = None,
    data: bytes | None = None,
) -> ParsedFile:
    """Parse and validate one Dashboard download file. Raises ImportFailed listing every problem."""
    path = Path(path)
    display = name or path.name
    rules = indicator_rules(indicator)
    raw = data if data is not None else path.read_bytes()
    if not raw.strip():
        raise ImportFailed([ImportIssue(display, None, None, "the file is empty")])
    table = _read_xlsx(raw, display) if raw[:4] == XLSX_MAGIC else _read_text(raw, display)
    # Stripping every cell is the costliest step of a big file; skip it when no cell can be padded.
    separator = b"\t" if b"\t" in raw.split(b"\n", 1)[0] else b","
    padded = (
        raw[:4] == XLSX_MAGIC
        or raw[:1] == b" "
        or any(b in raw for b in (b" " + separator, separator + b" ", b" \n", b"\n ", b" \r"))
    )
    header = [c for c in table.columns if c != "line"]
    mapping = _canonical_names(header, display)
    written_of = {canonical: written for written, canonical in mapping.items()}

    if year is None:
        year = _year_from(display)
        if year is None and "reportingyear" in written_of and table.height:
            first = table[written_of["reportingyear"]][0]
            year = int(first) if first and first.isdigit() else None
        if year is None:
            raise ImportFailed([ImportIssue(display, None, None, "cannot tell the Dashboard year; give it explicitly")])
    required = ["cds", "rtype", "currstatus"]
    if indicator != "elpi" or year >= 2024:
        required.append("studentgroup")
    if indicator == "susp":
        required.append("type")
    missing = [c for c in required if c not in written_of]
    if missing:
        raise ImportFailed(
            ImportIssue(
                display,
                1,
                c,
                f"this column is missing from the header row; check that this is a {indicator} file",
            )
            for c in missing
        )

    issues: list[ImportIssue] = []
    out: dict[str, pl.Expr] = {}
    checks: list[tuple[pl.Expr, str, str]] = []  # (bad-row expression, written column, message)

    # Codes and numbers are read without surrounding blanks; names are kept exactly as written.
    text_kept = {"schoolname", "districtname", "countyname"}
    validated = [w for w, c in mapping.items() if c in CANONICAL and c not in text_kept]
    if padded:
        table = table.with_columns(pl.col(validated).str.strip_chars())

    def cell(w: str) -> pl.Expr:
        return pl.col(w)

    def null_like(w: str) -> pl.Expr:
        return cell(w).is_null() | (cell(w).str.len_bytes() == 0) | (cell(w) == "*")

    for canonical, dtype in CANONICAL.items():
        w = written_of.get(canonical)
        if canonical == "line":
            continue
        if w is None:
            out[canonical] = pl.lit(None, dtype=dtype).alias(canonical)
            continue
        if canonical in MEASURES or canonical in PUBLISHED_LEVELS or canonical == "reportingyear":
            target = pl.Float64 if canonical in MEASURES else pl.Int16
            # "" and "*" (suppressed) cast to null, which is what they mean.
            value = cell(w).cast(target, strict=False)
            kind = "a number" if canonical in MEASURES else "a whole number"
            checks.append(
                (
                    ~null_like(w) & value.is_null(),
                    w,
                    f"{{value!r}} is not {kind}; leave the cell blank (or *) when there is none",
                )
            )
            if canonical == "box":
                checks.append(
                    (
                        value.is_not_null() & ~value.is_in(list(VALID_BOXES)),
                        w,
                        "{value!r} is not a 5x5 box code (0, 10, 20, … 250)",
                    )
                )
            elif canonical in ("statuslevel", "changelevel", "color"):
                checks.append(
                    (
                        value.is_not_null() & ((value < 0) | (value > 5)),
                        w,
                        "{value!r} is not a level code from 0 to 5",
                    )
                )
            out[canonical] = value.alias(canonical)
        elif canonical in FLAGS:
            value = cell(w).replace_strict(FLAG_VALUES, default=None, return_dtype=pl.Boolean)
            checks.append((~null_like(w) & value.is_null(), w, "{value!r} is not Y, N or blank"))
            out[canonical] = value.alias(canonical)
        else:
            out[canonical] = pl.when(pl.col(w) == "").then(None).otherwise(pl.col(w)).alias(canonical)

    w = written_of["rtype"]
    checks.append(
        (
            ~cell(w).is_in(list(RECORD_TYPES)),
            w,
            "{value!r} is not a record type (S school, D district/LEA, X state)",
        )
    )
    w = written_of["cds"]
    is_state = cell(written_of["rtype"]) == "X"
    checks.append(
        (
            ~cell(w).str.contains(r"^\d{14}$").fill_null(False) & ~(is_state & null_like(w)),
            w,
            "{value!r} is not a 14-digit CDS code",
        )
    )
    out["cds"] = pl.when(is_state & null_like(w)).then(pl.lit(STATE_CDS)).otherwise(cell(w)).alias("cds")
    if "studentgroup" in written_of:
        w = written_of["studentgroup"]
        group = cell(w).replace(GROUP_ALIASES)
        checks.append(
            (
                ~group.is_in(list(STUDENT_GROUPS)).fill_null(False),
                w,
                "{value!r} is not a Dashboard student group code (ALL, AA, EL, SWD, …)",
            )
        )
        out["studentgroup"] = group.alias("studentgroup")
    else:
        out["studentgroup"] = pl.lit("EL").alias("studentgroup")  # pre-2024 ELPI files are EL only
    if indicator == "susp":
        w = written_of["type"]
        checks.append(
            (
                ~null_like(w) & ~cell(w).is_in(list(SUSPENSION_TYPES)),
                w,
                "{value!r} is not a suspension type (ES, MS, HS, ED, HD, UD)",
            )
        )
    low, high = DFS_RANGE if indicator in ("ela", "math") else RATE_RANGE
    for measure in ("currstatus", "priorstatus"):
        w2 = written_of.get(measure)
        if w2 is not None:
            value = cell(w2).cast(pl.Float64, strict=False)
            checks.append(
                (
                    ((value < low) | (value > high)).fill_null(False),
                    w2,
                    f"{{value!r}} is outside the plausible range {low:g} to {high:g}",
                )
            )

    out["rtype"] = cell(written_of["rtype"]).alias("rtype")
    if "type" in written_of:
        out["type"] = (
            pl.when(null_like(written_of["type"])).then(None).otherwise(cell(written_of["type"])).alias("type")
        )
    extra = [w for w, c in mapping.items() if c not in CANONICAL]
    flags = [f"__bad{i}" for i in range(len(checks))]
    # One lazy pass computes the typed columns and every check, sharing the casts between them.
    result = (
        table.lazy()
        .select(
            pl.col("line"),
            *[out[c].cast(CANONICAL[c]) for c in CANONICAL if c != "line"],
            *[pl.col(w).alias(mapping[w]) for w in extra],
            *[check.fill_null(False).alias(flag) for (check, _, _), flag in zip(checks, flags, strict=True)],
        )
        .collect()
    )
    failing = result.select(pl.col(flags).any()).row(0) if flags else ()
    for flag, (_, w_name, message), failed in zip(flags, checks, failing, strict=True):
        if failed:
            issues.extend(_issues_from_mask(table, result[flag], w_name, display, message))
    if issues:
        issues.sort(key=lambda issue: (issue.line or 0, issue.column or ""))
        raise ImportFailed(issues[:MAX_ISSUES])
    frame = result.drop(flags)
    if rules.variant_by == "hscutpoints" and "hscutpoints" in written_of:
        # The flag is Y or blank (ela24.asp): blank means the grades 3-8 cuts, not "unknown".
        frame = frame.with_columns(pl.col("hscutpoints").fill_null(False))
    expected = [c.lower() for c in layout(indicator, year).columns]
    return ParsedFile(
        display,
        indicator,
        year,
        frame,
        header,
        [mapping[w] for w in extra],
        [h.lower() for h in header] == expected,
    )
