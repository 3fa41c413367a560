"""`trellis framework` commands run without Django or a database."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from trellis.framework.cli import framework_group


def test_it_lists_the_shipped_frameworks() -> None:
    result = CliRunner().invoke(framework_group, ["list"])
    assert result.exit_code == 0, result.output
    assert "capacity-framework" in result.output
    assert "ci-current-state" in result.output


def test_it_validates_a_directory_and_reports_problems(tmp_path: Path, registry_root: Path) -> None:
    folder = tmp_path / "mini"
    folder.mkdir()
    raw = yaml.safe_load((registry_root / "mini" / "1.0.0.yaml").read_text())
    del raw["conditions"][0]["elements"][0]["levels"]["district"]
    (folder / "1.0.0.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True))

    result = CliRunner().invoke(framework_group, ["validate", "--root", str(tmp_path)])

    assert result.exit_code == 1
    assert "INVALID mini@1.0.0" in result.output
    assert "mini/1.0.0.yaml, line " in result.output
    assert ": alpha.one (conditions[0].elements[0].levels)" in result.output
    assert "missing description for level 'district'" in result.output


def test_it_searches(tmp_path: Path) -> None:
    result = CliRunner().invoke(framework_group, ["search", "psychological"])
    assert result.exit_code == 0
    assert "trust.psychological-safety" in result.output


def test_it_shows_one_level() -> None:
    result = CliRunner().invoke(framework_group, ["show", "capacity-framework", "--level", "district"])
    assert result.exit_code == 0
    assert "bargaining" in result.output
    assert "district.lcap.improvement-plans" in result.output
    assert "school.every-student" not in result.output


def test_it_prints_a_json_schema_for_editors() -> None:
    import json

    result = CliRunner().invoke(framework_group, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert set(schema["required"]) >= {"slug", "version", "kind", "levels"}
    assert schema["additionalProperties"] is False
