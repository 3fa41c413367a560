"""Read a measure's data points from pasted spreadsheet cells or an uploaded CSV/xlsx table.

Two or more columns: a date, a value, and optionally a denominator and a note.  Pasted cells
may come with or without a header row.  Every bad cell is reported with its line and column; a
caller writes the points only when there is no issue at all (all or nothing).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.lib.tabular import Row, Table, iter_text_rows

# Header names accepted for each column (lower case).
DATE_COLUMNS = ("date", "period", "week", "month", "day", "when", "fecha")
VALUE_COLUMNS = ("value", "y", "numerator", "count", "valor")
DENOMINATOR_COLUMNS = ("denominator", "n", "total", "out of", "denominador")
NOTE_COLUMNS = ("note", "notes", "comment", "nota")
DEFAULT_HEADER = ("date", "value", "denominator", "note")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "ene", "enero"),
            ("feb", "february", "febrero"),
            ("mar", "march", "marzo"),
            ("apr", "april", "abr", "abril"),
            ("may", "mayo"),
            ("jun", "june", "junio"),
            ("jul", "july", "julio"),
            ("aug", "august", "ago", "agosto"),
            ("sep", "sept", "september", "septiembre"),
            ("oct", "october", "octubre"),
            ("nov", "november", "noviembre"),
            ("dec", "december", "dic", "diciembre"),
        ),
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class PointInput:
    line: int
    on: dt.date
    value: float
    denominator: float | None
    note: str


def parse_date(text: str) -> dt.date | None:
    """ISO (2024-03-04, 2024-03), US (3/4/2024, 3/4/24) or month names (Mar 2024, March 4, 2024)."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return _safe(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _safe(year, int(m[1]), int(m[2]))
    if m := re.fullmatch(r"([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})", text):
        month = _MONTHS.get(m[1].lower())
        return _safe(int(m[3]), month, int(m[2] or 1)) if month else None
    if m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text):
        month = _MONTHS.get(m[2].lower())
        return _safe(int(m[3]), month, int(m[1])) if month else None
    return None


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_number(text: str) -> float | None:
    """'62', '62.5', '62%', '1,234' -> a float; '' or junk -> None."""
    cleaned = text.strip().rstrip("%").replace(",", "").strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _pick(header: list[str], names: tuple[str, ...]) -> str | None:
    return next((h for h in header if h in names), None)


def points_from_rows(
    file: str, header: list[str], rows: list[Row], *, needs_denominator: bool, line_offset: int = 0
) -> list[PointInput]:
    """Validate every row; raise ImportFailed listing every problem, or return the points."""
    date_col, value_col = _pick(header, DATE_COLUMNS), _pick(header, VALUE_COLUMNS)
    denominator_col, note_col = _pick(header, DENOMINATOR_COLUMNS), _pick(header, NOTE_COLUMNS)
    if (date_col is None or value_col is None) and len(header) >= 2:
        # Headers in the team's own words ("Week", "Present", "Enrolled"): read the columns by position.
        date_col, value_col = header[0], header[1]
        denominator_col = header[2] if len(header) > 2 else None
        note_col = header[3] if len(header) > 3 else None
    missing = [name for name, col in (("date", date_col), ("value", value_col)) if col is None]
    if needs_denominator and denominator_col is None:
        missing.append("denominator")
    if missing:
        raise ImportFailed(ImportIssue(file, 1, name, "this column is missing from the header row") for name in missing)
    assert date_col is not None and value_col is not None
    issues: list[ImportIssue] = []
    points: list[PointInput] = []
    seen: dict[dt.date, int] = {}
    for row in rows:
        line = row.line - line_offset
        on = parse_date(row.get(date_col))
        value = parse_number(row.get(value_col))
        denominator = parse_number(row.get(denominator_col)) if denominator_col else None
        if on is None:
            issues.append(ImportIssue(file, line, date_col, f"'{row.get(date_col)}' is not a date (use 2024-03-04)"))
        elif on in seen:
            issues.append(ImportIssue(file, line, date_col, f"{on} is already on line {seen[on]}"))
        else:
            seen[on] = line
        if value is None:
            issues.append(ImportIssue(file, line, value_col, f"'{row.get(value_col)}' is not a number"))
        if denominator_col and (row.get(denominator_col) or needs_denominator):
            if denominator is None or denominator <= 0:
                issues.append(
                    ImportIssue(file, line, denominator_col, f"'{row.get(denominator_col)}' is not a positive number")
                )
            elif value is not None and (value < 0 or value > denominator) and needs_denominator:
                issues.append(
                    ImportIssue(
                        file, line, value_col, f"{value:g} is not between 0 and the denominator {denominator:g}"
                    )
                )
        if on is not None and value is not None:
            points.append(PointInput(line, on, value, denominator, row.get(note_col)[:200] if note_col else ""))
    if not rows:
        issues.append(ImportIssue(file, None, None, "there are no data rows"))
    if issues:
        raise ImportFailed(issues)
    return sorted(points, key=lambda p: p.on)


def parse_pasted(text: str, *, needs_denominator: bool = False, file: str = "pasted data") -> list[PointInput]:
    """Cells pasted from a spreadsheet (tab-separated) or typed as CSV, with or without a header."""
    text = text.strip("\n\r ").replace("\r\n", "\n")
    if not text:
        raise ImportFailed([ImportIssue(file, None, None, "nothing was pasted")])
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ","
    cells = [c.strip() for c in first.split(delimiter)]
    has_header = len(cells) >= 2 and parse_number(cells[1]) is None and parse_date(cells[0]) is None
    offset = 0
    if not has_header:
        text = delimiter.join(DEFAULT_HEADER[: max(2, len(cells))]) + "\n" + text
        offset = 1
    header, rows = iter_text_rows(text, file)
    try:
        rows_list = list(rows)
    except ImportFailed as failure:
        raise ImportFailed(
            ImportIssue(i.file, i.line - offset if i.line else i.line, i.column, i.message) for i in failure.issues
        ) from None
    return points_from_rows(file, header, rows_list, needs_denominator=needs_denominator, line_offset=offset)


def parse_table(table: Table, *, needs_denominator: bool = False) -> list[PointInput]:
    """Points from an uploaded file read with `trellis.lib.tabular.read_table`."""
    return points_from_rows(table.file, table.header, table.rows, needs_denominator=needs_denominator)
