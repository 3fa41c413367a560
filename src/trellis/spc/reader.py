"""Read a measure's series from a CSV, tab-delimited or xlsx file, with line and column errors."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path

from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.lib.tabular import read_table


@dataclass(frozen=True)
class SeriesFile:
    x: list[Hashable]
    y: list[float]
    n: list[float] | None
    part: list[str] | None
    lines: list[int]
    """The file line of each row, for messages about a row."""


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", "")) if text else math.nan
    except ValueError:
        return None
    return value


def _x_values(texts: list[str]) -> list[Hashable]:
    """Numbers stay numbers (whole numbers as int) so positions read as "point 3"."""
    numbers = [_number(t) for t in texts]
    if texts and all(v is not None and not math.isnan(v) for v in numbers):
        return [int(v) if v is not None and v.is_integer() else v for v in numbers]
    return list(texts)


def read_series(path: Path | str, *, x: str, y: str, n: str | None = None, part: str | None = None) -> SeriesFile:
    """Rows of (x, y[, n][, part]); every bad cell is reported, not just the first."""
    table = read_table(path)
    table.require(*(c for c in (x, y, n, part) if c))
    issues: list[ImportIssue] = []
    xs: list[str] = []
    ys: list[float] = []
    ns: list[float] = []
    parts: list[str] = []
    lines: list[int] = []
    for row in table.rows:
        x_text = row.get(x)
        if not x_text:
            issues.append(ImportIssue(table.file, row.line, x, "the x value is empty"))
        value = _number(row.get(y))
        if value is None:
            issues.append(ImportIssue(table.file, row.line, y, f"expected a number, found {row.get(y)!r}"))
        if n:
            size = _number(row.get(n))
            if size is None or (not math.isnan(size) and size <= 0):
                issues.append(
                    ImportIssue(
                        table.file,
                        row.line,
                        n,
                        f"expected a positive number (the denominator), found {row.get(n)!r}",
                    )
                )
            elif value is not None and not math.isnan(value) and value < 0:
                issues.append(ImportIssue(table.file, row.line, y, "a count cannot be negative"))
            ns.append(size if size is not None else math.nan)
        xs.append(x_text)
        ys.append(value if value is not None else math.nan)
        parts.append(row.get(part) if part else "")
        lines.append(row.line)
    if not table.rows:
        issues.append(ImportIssue(table.file, None, None, "the file has a header but no rows"))
    if issues:
        raise ImportFailed(issues)
    return SeriesFile(_x_values(xs), ys, ns if n else None, parts if part else None, lines)
