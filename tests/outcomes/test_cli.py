"""`trellis dashboard` commands, run without a database."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from trellis.outcomes.cli import dashboard


def test_it_writes_synthetic_files_and_classifies_them(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(dashboard, ["synth", str(tmp_path), "--years", "2019", "--seed", "3", "--counties", "01"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "suspdownload2019.txt").exists()
    result = runner.invoke(dashboard, ["classify", str(tmp_path / "suspdownload2019.txt")])
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split(",")
    assert header[-6:] == ["statuslevel", "changelevel", "color", "box", "cutset", "mismatch"]
    assert "0 differ from the published values" in result.stderr


def test_it_lists_eligible_leas_with_reasons(tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(dashboard, ["synth", str(tmp_path), "--years", "2018", "--seed", "3", "--counties", "01"])
    files = sorted(str(p) for p in tmp_path.iterdir())
    local = tmp_path / "local.csv"
    local.write_text("cds,priority\n01611920000000,1\n01611920000000,2\n")
    result = runner.invoke(dashboard, ["eligibility", *files, "--year", "2018", "--local", str(local)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    by_cds = {lea["cds"]: lea for lea in payload}
    assert by_cds["01611920000000"]["eligible"] is True
    assert any(
        "Local indicators Not Met for Two or More Years (Priority 1 and Priority 2)" in reason
        for reason in by_cds["01611920000000"]["reasons"]
    )
    assert any(lea["eligible"] and lea["reasons"] for lea in payload if lea["kind"] == "district")


def test_it_rejects_a_malformed_file_with_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "chronicdownload2024.txt"
    bad.write_text("cds\trtype\tstudentgroup\tcurrstatus\n01611920000000\tD\tALL\tabc\n")
    result = CliRunner().invoke(dashboard, ["classify", str(bad)])
    assert result.exit_code == 2
    assert "line 2, column 'currstatus'" in result.stderr
