"""Every year's layout parses; malformed files are rejected with line and column."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from trellis.lib.errors import ImportFailed
from trellis.outcomes.core.layouts import layout, published_files
from trellis.outcomes.core.parse import read_dashboard_file
from trellis.outcomes.core.synth_files import generate

YEARS = range(2017, 2026)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic")
    generate(out, YEARS, seed=11, counties=["06", "46"])  # Colusa and Sierra: a few dozen entities
    return out


def test_it_writes_every_file_cde_published(synthetic: Path) -> None:
    names = sorted(p.name for p in synthetic.iterdir())
    assert names == sorted(name for _, _, name in published_files(list(YEARS)))
    assert "graddownload2020dassonly.txt" in names
    assert "chronicdownload2017f.txt" not in names


@pytest.mark.parametrize(("indicator", "year", "name"), published_files(list(YEARS)))
def test_it_parses_each_years_layout(synthetic: Path, indicator: str, year: int, name: str) -> None:
    parsed = read_dashboard_file(synthetic / name, indicator, year)
    header = (synthetic / name).read_text().split("\n", 1)[0].split("\t")
    assert header == list(layout(indicator, year).columns)
    assert parsed.layout_matches
    assert parsed.frame.height == (synthetic / name).read_text().count("\n") - 1
    assert parsed.frame["cds"].str.len_chars().unique().to_list() == [14]


def test_it_matches_columns_case_insensitively_and_through_old_names(synthetic: Path) -> None:
    text = (synthetic / "suspdownload2019.txt").read_text()
    assert text.startswith("cdscode\t")  # suspindicator19.asp
    header, body = text.split("\n", 1)
    shouted = header.upper() + "\n" + body
    frame = read_dashboard_file("SUSPdownload2019.txt", "susp", 2019, data=shouted.encode()).frame
    assert frame["cds"].null_count() == 0
    assert frame["type"].null_count() == 0
    assert "changeLevel" in (synthetic / "chronicdownload2024.txt").read_text().split("\n", 1)[0]


def test_it_reads_xlsx_like_text(synthetic: Path) -> None:
    text_frame = read_dashboard_file(synthetic / "graddownload2024.txt", "grad", 2024).frame
    lines = (synthetic / "graddownload2024.txt").read_text().splitlines()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in lines:
        cells = line.split("\t")
        # Excel stores the CDS code as a number and loses its leading zero.
        sheet.append([int(c) if i == 0 and c.isdigit() else (c or None) for i, c in enumerate(cells)])
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx_frame = read_dashboard_file("graddownload2024.xlsx", "grad", 2024, data=buffer.getvalue()).frame
    columns = ["line", "cds", "studentgroup", "currstatus", "statuslevel", "color", "smalldenom"]
    assert xlsx_frame.select(columns).equals(text_frame.select(columns))


def _issues(data: str, indicator: str = "chronic", year: int = 2024) -> list[tuple[int | None, str | None]]:
    with pytest.raises(ImportFailed) as caught:
        read_dashboard_file("chronicdownload2024.txt", indicator, year, data=data.encode())
    return [(issue.line, issue.column) for issue in caught.value.issues]


def _good(synthetic: Path) -> list[str]:
    return (synthetic / "chronicdownload2024.txt").read_text().splitlines()


def test_it_rejects_a_non_numeric_value_with_its_line_and_column(synthetic: Path) -> None:
    lines = _good(synthetic)
    header = lines[0].split("\t")
    cells = lines[5].split("\t")
    cells[header.index("currstatus")] = "12,5"
    lines[5] = "\t".join(cells)
    assert _issues("\n".join(lines) + "\n") == [(6, "currstatus")]


def test_it_rejects_a_line_with_a_missing_field(synthetic: Path) -> None:
    lines = _good(synthetic)
    lines[3] = lines[3].rsplit("\t", 1)[0]
    assert _issues("\n".join(lines) + "\n") == [(4, None)]


def test_it_rejects_unknown_codes_and_bad_cds(synthetic: Path) -> None:
    lines = _good(synthetic)
    header = lines[0].split("\t")
    cells = lines[2].split("\t")
    cells[header.index("studentgroup")] = "XYZ"
    cells[header.index("color")] = "7"
    lines[2] = "\t".join(cells)
    cells = lines[7].split("\t")
    cells[0] = "1234"
    lines[7] = "\t".join(cells)
    assert _issues("\n".join(lines) + "\n") == [(3, "color"), (3, "studentgroup"), (8, "cds")]


def test_it_names_a_missing_required_column() -> None:
    data = "cds\trtype\tstudentgroup\n01100170000000\tD\tALL\n"
    assert _issues(data) == [(1, "currstatus")]


def test_it_keeps_published_values_as_given_and_suppressed_cells_null() -> None:
    data = (
        "cds\trtype\tstudentgroup\tcurrdenom\tcurrstatus\tstatuslevel\tcolor\n"
        "01100170000000\tD\tALL\t8\t*\t0\t0\n"
        "01100170000000\tD\tSWD\t120\t31.4\t1\t1\n"
    )
    frame = read_dashboard_file("c.txt", "chronic", 2024, data=data.encode()).frame
    assert frame["currstatus"].to_list() == [None, 31.4]
    assert frame["statuslevel"].to_list() == [0, 1]
    assert frame["line"].to_list() == [2, 3]


def test_it_parses_the_real_2018_extract(ela_2018: pl.DataFrame) -> None:
    assert ela_2018.height == 9801
    assert ela_2018["statuslevel"].null_count() == 0


def test_it_reads_windows_files_with_blank_lines_and_keeps_line_numbers() -> None:
    data = (
        "cds\trtype\tstudentgroup\tschoolname\tcurrstatus\tstatuslevel\r\n"
        "01611920000000\tD\tALL\tCaf\xe9\t12.5\t2\r\n"
        "\r\n"
        "01611920000001\tS\tALL\tX\t3.0\t5\r\n"
    )
    for encoding in ("cp1252", "utf-8"):
        frame = read_dashboard_file("chronicdownload2024.txt", "chronic", 2024, data=data.encode(encoding)).frame
        assert frame.select("line", "schoolname", "statuslevel").rows() == [
            (2, "Café", 2),
            (4, "X", 5),
        ]
