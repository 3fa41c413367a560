"""Pasted cells and uploaded tables become data points, or every problem is named by line and column."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from trellis.improvement.core.series_input import parse_date, parse_pasted, parse_table
from trellis.lib.errors import ImportFailed
from trellis.lib.tabular import read_table


def test_it_reads_pasted_spreadsheet_cells_without_a_header() -> None:
    points = parse_pasted("8/18/2025\t61\n8/25/2025\t63%\n9/1/2025\t60.5\n")
    assert [(p.on, p.value, p.line) for p in points] == [
        (dt.date(2025, 8, 18), 61.0, 1),
        (dt.date(2025, 8, 25), 63.0, 2),
        (dt.date(2025, 9, 1), 60.5, 3),
    ]


def test_it_reads_a_header_and_denominators() -> None:
    points = parse_pasted("Week,Present,Enrolled\n2025-08-18,540,600\n2025-08-25,552,600", needs_denominator=True)
    assert [(p.value, p.denominator) for p in points] == [(540.0, 600.0), (552.0, 600.0)]


def test_it_sorts_points_by_date() -> None:
    points = parse_pasted("2025-09-01\t3\n2025-08-01\t1")
    assert [p.value for p in points] == [1.0, 3.0]


def test_it_reports_every_bad_cell_with_line_and_column() -> None:
    with pytest.raises(ImportFailed) as failure:
        parse_pasted("2025-08-18\t61\nnot a date\t62\n2025-08-25\tabc\n2025-08-18\t64")
    assert [str(i) for i in failure.value.issues] == [
        "pasted data, line 2, column 'date': 'not a date' is not a date (use 2024-03-04)",
        "pasted data, line 3, column 'value': 'abc' is not a number",
        "pasted data, line 4, column 'date': 2025-08-18 is already on line 1",
    ]


def test_it_needs_a_denominator_for_proportions() -> None:
    with pytest.raises(ImportFailed) as failure:
        parse_pasted("date,value,denominator\n2025-08-18,610,600", needs_denominator=True)
    assert "not between 0 and the denominator 600" in str(failure.value)
    with pytest.raises(ImportFailed) as missing:
        parse_pasted("2025-08-18\t61", needs_denominator=True)
    assert "column 'denominator': this column is missing" in str(missing.value)


def test_it_refuses_empty_paste() -> None:
    with pytest.raises(ImportFailed, match="nothing was pasted"):
        parse_pasted("  \n ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-04", dt.date(2025, 3, 4)),
        ("2025-03", dt.date(2025, 3, 1)),
        ("3/4/2025", dt.date(2025, 3, 4)),
        ("3/4/25", dt.date(2025, 3, 4)),
        ("Mar 2025", dt.date(2025, 3, 1)),
        ("March 4, 2025", dt.date(2025, 3, 4)),
        ("4 March 2025", dt.date(2025, 3, 4)),
        ("2025-03-04 00:00:00", dt.date(2025, 3, 4)),
        ("13/45/2025", None),
        ("soon", None),
    ],
)
def test_it_reads_the_dates_people_type(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_it_reads_an_xlsx_upload_with_real_dates() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Date", "Value", "Note"])
    sheet.append([dt.datetime(2025, 8, 18), 61, "first week"])
    sheet.append([dt.datetime(2025, 8, 25), 63, ""])
    buffer = io.BytesIO()
    book.save(buffer)
    points = parse_table(read_table("data.xlsx", name="data.xlsx", data=buffer.getvalue()))
    assert [(p.on, p.value, p.note) for p in points] == [
        (dt.date(2025, 8, 18), 61.0, "first week"),
        (dt.date(2025, 8, 25), 63.0, ""),
    ]
