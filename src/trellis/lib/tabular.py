"""Read the tabular files users already have: tab-delimited text, CSV and xlsx.

Rows come back as dicts keyed by the header as written, together with their 1-based line number
(the header is line 1), so that every validation error can name its line and column.
Header lookups are case-insensitive because CDE's files change the case of their column names
between years (`cds` / `CDS`, `ReportingYear` / `reportingyear`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from trellis.lib.errors import ImportFailed, ImportIssue

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column.lower(), default)


@dataclass
class Table:
    file: str
    header: list[str]
    """Column names, lower-cased and stripped."""
    rows: list[Row]

    def has(self, column: str) -> bool:
        return column.lower() in self.header

    def require(self, *columns: str) -> None:
        missing = [c for c in columns if not self.has(c)]
        if missing:
            raise ImportFailed(
                ImportIssue(
                    self.file,
                    1,
                    c,
                    "this column is missing from the header row; check that you chose the right file type",
                )
                for c in missing
            )


def read_table(path: Path | str, *, name: str | None = None, data: bytes | None = None) -> Table:
    """Read a whole tab-delimited, CSV or xlsx file. `data` overrides reading `path` (uploads)."""
    path = Path(path)
    display = name or path.name
    raw = data if data is not None else path.read_bytes()
    if raw[:4] == XLSX_MAGIC:
        return _read_xlsx(raw, display)
    return _read_text(raw, display)


def iter_text_rows(text: str, display: str) -> tuple[list[str], Iterator[Row]]:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        raise ImportFailed([ImportIssue(display, None, None, "the file is empty")]) from None

    def rows() -> Iterator[Row]:
        for index, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise ImportFailed(
                    [
                        ImportIssue(
                            display,
                            index,
                            None,
                            f"expected {len(header)} fields but found {len(cells)}; "
                            "check for a stray delimiter or an unclosed quote",
                        )
                    ]
                )
            yield Row(index, {h: c.strip() for h, c in zip(header, cells, strict=True)})

    return header, rows()


def _read_text(raw: bytes, display: str) -> Table:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # CDE's older downloads are Windows-1252.
        text = raw.decode("cp1252", errors="replace")
    header, rows = iter_text_rows(text, display)
    return Table(display, header, list(rows))


def _read_xlsx(raw: bytes, display: str) -> Table:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        header = [str(h or "").strip().lower() for h in next(values)]
    except StopIteration:
        raise ImportFailed([ImportIssue(display, None, None, "the workbook's first sheet is empty")]) from None
    rows: list[Row] = []
    for index, cells in enumerate(values, start=2):
        if not any(c not in (None, "") for c in cells):
            continue
        texts = [_cell_text(c) for c in cells]
        texts += [""] * (len(header) - len(texts))
        rows.append(Row(index, dict(zip(header, texts[: len(header)], strict=True))))
    book.close()
    return Table(display, header, rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
