"""`trellis spc analyze`: output, qicharts2 numbers, and errors naming file, line and column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from trellis.cli.groups import GROUPS
from trellis.spc.cli import spc

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc" / "qicharts2"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(spc, ["analyze", *args])
    return result.exit_code, result.output


def test_it_is_registered_as_a_trellis_group() -> None:
    assert "spc" in [group.name for group in GROUPS()]


def test_it_prints_points_and_the_runs_summary_as_json() -> None:
    code, output = run(
        str(FIXTURES / "montgomery_tables" / "tbl_06.07.csv"),
        "--chart",
        "i",
        "--x",
        "weeks",
        "--y",
        "cost",
        "--freeze",
        "20",
    )
    assert code == 0, output
    report = json.loads(output)
    first = report["points"][0]
    assert set(first) == {"x", "y", "cl", "lcl", "ucl", "lcl_95", "ucl_95", "sigma_signal", "part"}
    assert first["cl"] == pytest.approx(300.5)
    assert first["ucl"] == pytest.approx(321.21668533034716, rel=1e-12)
    assert [p["x"] for p in report["points"] if p["sigma_signal"]] == [39, 40]
    assert report["parts"] == [
        {
            "part": 1,
            "n_obs": 40,
            "n_useful": 40,
            "longest_run": 6,
            "longest_run_max": 8,
            "n_crossings": 20,
            "n_crossings_min": 14,
            "runs_signal": False,
        }
    ]
    assert report["summary"][0].startswith("Point 39: 333 is above the upper limit")


def test_it_prints_csv_with_parts_from_a_column(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    code, output = run(
        str(FIXTURES / "data" / "cdi.csv"),
        "--chart",
        "c",
        "--x",
        "month",
        "--y",
        "n",
        "--part",
        "period",
        "--format",
        "csv",
        "--svg",
        str(out),
    )
    assert code == 0, output
    points, parts, _signals = output.split("\n\n")
    rows = list(csv.DictReader(io.StringIO(points)))
    assert len(rows) == 36
    assert rows[0]["x"] == "2012-11-01"
    assert {r["part"] for r in rows} == {"1", "2"}
    assert [r["n_obs"] for r in csv.DictReader(io.StringIO(parts))] == ["24", "12"]
    assert out.read_text().startswith("<svg")


def test_it_applies_exclusions_and_a_rule_profile() -> None:
    code, output = run(
        str(FIXTURES / "montgomery_tables" / "tbl_07.08.csv"),
        "--chart",
        "c",
        "--x",
        "sample",
        "--y",
        "count",
        "--exclude",
        "6,20",
        "--freeze",
        "26",
        "--rules",
        "ihi-shewhart",
    )
    assert code == 0, output
    report = json.loads(output)
    assert report["points"][0]["cl"] == pytest.approx(19.666666666666668, rel=1e-12)
    assert report["rules"] == "ihi-shewhart"


def test_it_says_that_the_ihi_runs_table_is_not_applied() -> None:
    code, output = run(str(FIXTURES / "data" / "cdi.csv"), "--x", "month", "--y", "n", "--rules", "ihi-run")
    assert code == 0, output
    assert "runs table is not applied" in json.loads(output)["notes"]


def test_it_names_file_line_and_column_of_bad_cells(tmp_path: Path) -> None:
    data = tmp_path / "scores.csv"
    data.write_text("week,score,n\n1,3,10\n2,abc,10\n3,4,0\n")
    code, output = run(str(data), "--chart", "p", "--x", "week", "--y", "score", "--n", "n")
    assert code == 1
    assert "scores.csv, line 3, column 'score': expected a number, found 'abc'" in output
    assert "scores.csv, line 4, column 'n': expected a positive number" in output


def test_it_names_a_missing_column(tmp_path: Path) -> None:
    data = tmp_path / "scores.csv"
    data.write_text("week,score\n1,3\n")
    code, output = run(str(data), "--x", "wk", "--y", "score")
    assert code == 1
    assert "scores.csv, line 1, column 'wk': this column is missing" in output


def test_it_refuses_points_that_do_not_exist(tmp_path: Path) -> None:
    data = tmp_path / "scores.csv"
    data.write_text("week,score\n1,3\n2,4\n3,5\n")
    code, output = run(str(data), "--x", "week", "--y", "score", "--exclude", "7")
    assert code == 2
    assert "point 7 does not exist: the series has 3 points" in output


def test_it_asks_for_denominators_when_the_chart_needs_them(tmp_path: Path) -> None:
    data = tmp_path / "scores.csv"
    data.write_text("week,score\n1,3\n2,4\n")
    code, output = run(str(data), "--chart", "p", "--x", "week", "--y", "score")
    assert code == 2
    assert "needs denominators" in output


def test_it_reads_an_xlsx_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Week", "Late"])
    for week, late in enumerate([5, 7, 6, 8, 5, 6, 7, 5, 6, 30], start=1):
        sheet.append([week, late])
    path = tmp_path / "late.xlsx"
    book.save(path)
    code, output = run(str(path), "--chart", "i", "--x", "week", "--y", "late")
    assert code == 0, output
    report = json.loads(output)
    assert [p["x"] for p in report["points"] if p["sigma_signal"]] == [10]
