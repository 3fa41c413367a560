"""`trellis dashboard import` and `trellis dashboard determine` against the test database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.factories import Personas
from trellis.outcomes.cli import dashboard
from trellis.outcomes.models import DaDetermination, IndicatorResult

pytestmark = pytest.mark.django_db


def test_it_imports_files_and_determines(synthetic_files: Path, personas: Personas) -> None:
    files = [str(synthetic_files / f"{i}download2019.txt") for i in ("ela", "math", "chronic", "susp")]
    result = CliRunner().invoke(dashboard, ["import", *files])
    assert result.exit_code == 0, result.output
    assert IndicatorResult.objects.filter(year=2019).count() == sum(
        len(Path(f).read_text().splitlines()) - 1 for f in files
    )
    eligible = DaDetermination.objects.filter(year=2019, eligible=True).count()
    assert f"2019: {eligible} LEAs eligible" in result.output

    DaDetermination.objects.all().delete()
    again = CliRunner().invoke(dashboard, ["determine", "--year", "2019"])
    assert again.exit_code == 0, again.output
    assert DaDetermination.objects.filter(year=2019, eligible=True).count() == eligible


def test_it_reports_a_bad_file_and_exits_1(synthetic_files: Path, personas: Personas, tmp_path: Path) -> None:
    lines = (synthetic_files / "ccidownload2019.txt").read_text().splitlines()
    lines[2] = lines[2].replace("\t", "\t\t", 1)
    bad = tmp_path / "ccidownload2019.txt"
    bad.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(dashboard, ["import", str(bad)])
    assert result.exit_code == 1
    assert "nothing imported" in result.output
    assert "line 3" in result.output
    assert IndicatorResult.objects.count() == 0
