"""A framework file with a mistake is refused; the error names the file, item and problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from trellis.framework.core import (
    FrameworkInvalidError,
    FrameworkIssue,
    FrameworkRegistry,
    load_framework_file,
    parse_framework,
)

FILE = "mini/1.0.0.yaml"


def _problems(raw: dict[str, Any]) -> list[FrameworkIssue]:
    with pytest.raises(FrameworkInvalidError) as caught:
        parse_framework(raw, FILE)
    return caught.value.issues


def test_it_accepts_the_untouched_fixture(mini_raw: dict[str, Any]) -> None:
    assert parse_framework(mini_raw, FILE).key == "mini@1.0.0"


def test_it_rejects_a_duplicate_id(mini_raw: dict[str, Any]) -> None:
    elements = mini_raw["conditions"][0]["elements"]
    elements[2]["id"] = "alpha.one"

    issues = _problems(mini_raw)

    assert len(issues) == 1
    issue = issues[0]
    assert issue.file == FILE
    assert issue.item == "alpha.one"
    assert issue.path == "conditions[0].elements[2]"
    assert "duplicate ID 'alpha.one'" in issue.problem
    assert "conditions[0].elements[0]" in issue.problem  # says where the first one is
    assert str(issue).startswith("mini/1.0.0.yaml: alpha.one (conditions[0].elements[2]): duplicate")


def test_it_rejects_a_duplicate_id_across_kinds(mini_raw: dict[str, Any]) -> None:
    # IDs share one namespace: a capacity may not reuse a role's ID.
    mini_raw["capacities"][1]["roles"][0]["capacities"].append(
        dict(mini_raw["capacities"][1]["roles"][0]["capacities"][0], id="district.support")
    )
    issues = _problems(mini_raw)
    dupes = [i for i in issues if "duplicate ID 'district.support'" in i.problem]
    assert [i.path for i in dupes] == ["capacities[1].roles[0].capacities[1]"]


def test_it_rejects_a_missing_level_description(mini_raw: dict[str, Any]) -> None:
    del mini_raw["conditions"][0]["elements"][1]["levels"]["district"]

    issues = _problems(mini_raw)

    assert [(i.file, i.item, i.path, i.problem) for i in issues] == [
        (
            FILE,
            "alpha.two",
            "conditions[0].elements[1].levels",
            "missing description for level 'district'",
        )
    ]


def test_it_rejects_a_blank_level_description(mini_raw: dict[str, Any]) -> None:
    mini_raw["conditions"][0]["elements"][0]["levels"]["school"] = "   "
    issues = _problems(mini_raw)
    assert [(i.item, i.problem) for i in issues] == [("alpha.one", "missing description for level 'school'")]


def test_it_rejects_a_description_for_a_level_that_borrows_descriptions(
    mini_raw: dict[str, Any],
) -> None:
    mini_raw["conditions"][0]["elements"][0]["levels"]["region"] = "Should come from district."
    issues = _problems(mini_raw)
    assert [(i.item, i.path) for i in issues] == [("alpha.one", "conditions[0].elements[0].levels.region")]
    assert "uses the descriptions of 'district'" in issues[0].problem


def test_it_rejects_an_unknown_rubric_level_in_element_look_fors(mini_raw: dict[str, Any]) -> None:
    look_fors = mini_raw["conditions"][0]["elements"][0]["look_fors"]
    look_fors["advanced"] = look_fors.pop("established")

    issues = _problems(mini_raw)

    assert len(issues) == 2
    unknown, missing = issues
    assert (unknown.file, unknown.item, unknown.path) == (
        FILE,
        "alpha.one",
        "conditions[0].elements[0].look_fors.advanced",
    )
    assert unknown.problem == ("unknown rubric level 'advanced' (the rubric's levels are: starting, established)")
    assert (missing.item, missing.problem) == (
        "alpha.one",
        "missing look-for for rubric level 'established'",
    )


def test_it_rejects_an_unknown_rubric_level_in_capacity_look_fors(mini_raw: dict[str, Any]) -> None:
    mini_raw["capacities"][1]["roles"][0]["capacities"][0]["look_fors"]["expert"] = "Beyond the scale."
    issues = _problems(mini_raw)
    assert [(i.item, i.path) for i in issues] == [
        ("district.support.coach", "capacities[1].roles[0].capacities[0].look_fors.expert")
    ]
    assert "unknown rubric level 'expert'" in issues[0].problem


def test_it_names_the_item_for_a_shape_error(mini_raw: dict[str, Any]) -> None:
    del mini_raw["capacities"][0]["roles"][0]["capacities"][0]["statement"]
    issues = _problems(mini_raw)
    assert [(i.item, i.path, i.problem) for i in issues] == [
        ("school.teach.plan", "capacities[0].roles[0].capacities[0].statement", "Field required")
    ]


def test_it_rejects_unknown_keys(mini_raw: dict[str, Any]) -> None:
    mini_raw["conditions"][0]["elements"][0]["descripton"] = "typo"
    issues = _problems(mini_raw)
    assert [(i.item, i.path) for i in issues] == [("alpha.one", "conditions[0].elements[0].descripton")]
    assert "Extra inputs are not permitted" in issues[0].problem


def test_it_rejects_ids_outside_their_parent(mini_raw: dict[str, Any]) -> None:
    mini_raw["conditions"][0]["elements"][0]["id"] = "beta.one"
    issues = _problems(mini_raw)
    assert [(i.item, i.problem) for i in issues] == [("beta.one", "element IDs must start with 'alpha.'")]


def test_it_reports_every_problem_at_once(mini_raw: dict[str, Any]) -> None:
    elements = mini_raw["conditions"][0]["elements"]
    elements[2]["id"] = "alpha.one"
    del elements[1]["levels"]["school"]
    elements[0]["look_fors"]["mastery"] = "x"
    items = {i.item for i in _problems(mini_raw)}
    assert items == {"alpha.one", "alpha.two"}
    assert len(_problems(mini_raw)) == 3


def test_it_names_the_file_when_loading_from_disk(tmp_path: Path, mini_raw: dict[str, Any]) -> None:
    del mini_raw["conditions"][0]["elements"][0]["levels"]["school"]
    path = tmp_path / "1.0.0.yaml"
    path.write_text(yaml.safe_dump(mini_raw, allow_unicode=True), encoding="utf-8")

    with pytest.raises(FrameworkInvalidError) as caught:
        load_framework_file(path)

    (issue,) = caught.value.issues
    assert issue.line is not None
    # The line named is where that element's `levels:` mapping is written.
    line_text = path.read_text(encoding="utf-8").splitlines()[issue.line - 1]
    assert line_text.strip().startswith(("levels:", "district:"))
    assert str(caught.value) == (
        f"1.0.0.yaml, line {issue.line}: alpha.one (conditions[0].elements[0].levels): "
        "missing description for level 'school'"
    )


def test_it_gives_the_line_of_a_duplicate_id_in_a_shipped_style_file(tmp_path: Path, registry_root: Path) -> None:
    text = (registry_root / "mini" / "1.0.0.yaml").read_text(encoding="utf-8")
    text = text.replace("- id: alpha.three", "- id: alpha.two")
    path = tmp_path / "1.0.0.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkInvalidError) as caught:
        load_framework_file(path)
    (issue,) = caught.value.issues
    assert issue.item == "alpha.two"
    assert issue.line == text.splitlines().index("      - id: alpha.two", 35) + 1  # the second one


def test_it_rejects_duplicate_yaml_keys_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "1.0.0.yaml"
    path.write_text("slug: mini\nversion: 1.0.0\nslug: other\n", encoding="utf-8")
    with pytest.raises(FrameworkInvalidError) as caught:
        load_framework_file(path)
    (issue,) = caught.value.issues
    assert issue.item == "line 3, column 1"
    assert "duplicate key 'slug' (first at line 1)" in issue.problem


def test_it_rejects_a_file_whose_name_is_not_its_version(tmp_path: Path, mini_raw: dict[str, Any]) -> None:
    path = tmp_path / "2.0.0.yaml"
    path.write_text(yaml.safe_dump(mini_raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkInvalidError, match=r"declares version 1\.0\.0"):
        load_framework_file(path)


def test_it_requires_a_new_version_to_map_every_vanished_id(tmp_path: Path, registry_root: Path) -> None:
    folder = tmp_path / "mini"
    folder.mkdir()
    (folder / "1.0.0.yaml").write_text((registry_root / "mini" / "1.0.0.yaml").read_text())
    newer = yaml.safe_load((registry_root / "mini" / "1.1.0.yaml").read_text())
    del newer["maps_from"][0]["ids"]["alpha.three"]
    (folder / "1.1.0.yaml").write_text(yaml.safe_dump(newer, allow_unicode=True))

    with pytest.raises(FrameworkInvalidError) as caught:
        FrameworkRegistry(tmp_path).load("mini", "1.1.0")

    (issue,) = caught.value.issues
    assert (issue.file, issue.item, issue.path) == (
        "mini/1.1.0.yaml",
        "alpha.three",
        "maps_from[0].ids",
    )
    assert "is gone from 1.1.0 and not mapped" in issue.problem


def test_it_rejects_a_map_to_an_id_that_does_not_exist(registry_root: Path) -> None:
    newer = yaml.safe_load((registry_root / "mini" / "1.1.0.yaml").read_text())
    newer["maps_from"][0]["ids"]["alpha.one"] = "alpha.nowhere"
    with pytest.raises(FrameworkInvalidError) as caught:
        parse_framework(newer, "mini/1.1.0.yaml")
    (issue,) = caught.value.issues
    assert issue.item == "alpha.one"
    assert issue.problem == "maps to 'alpha.nowhere', which is not in 1.1.0"
