"""Rules that span a framework file, checked after its shape (schema.py) is known to be right.

Each rule reports a `FrameworkIssue` naming the file, the item's stable ID and path, and the
problem in plain words, so an author can fix the YAML without reading Python.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from trellis.framework.core.errors import FrameworkIssue
from trellis.framework.core.schema import Framework


@dataclass
class _Report:
    file: str
    issues: list[FrameworkIssue] = field(default_factory=list)

    def add(self, item: str, path: str, problem: str) -> None:
        self.issues.append(FrameworkIssue(self.file, item, path, problem))


def validate_framework(framework: Framework, file: str, measured: Framework | None = None) -> list[FrameworkIssue]:
    """Every cross-entry problem in `framework`; [] when it is sound.

    `measured` is the rubric framework a survey's items point at (its ``measures`` reference);
    without it, items must point at the survey's own elements.
    """
    report = _Report(file)
    _check_unique_ids(framework, report)
    level_ids = _check_levels(framework, report)
    _check_conditions(framework, report, level_ids)
    _check_capacities(framework, report, level_ids)
    _check_survey(framework, report, measured)
    _check_maps(framework, report)
    return report.issues


def _check_unique_ids(fw: Framework, report: _Report) -> None:
    seen: dict[str, str] = {}

    def claim(entity_id: str, path: str) -> None:
        if entity_id in seen:
            report.add(entity_id, path, f"duplicate ID {entity_id!r}: already used at {seen[entity_id]}")
        else:
            seen[entity_id] = path

    for i, condition in enumerate(fw.conditions):
        claim(condition.id, f"conditions[{i}]")
        for j, element in enumerate(condition.elements):
            claim(element.id, f"conditions[{i}].elements[{j}]")
    for i, block in enumerate(fw.capacities):
        for j, role in enumerate(block.roles):
            claim(role.id, f"capacities[{i}].roles[{j}]")
            for k, capacity in enumerate(role.capacities):
                claim(capacity.id, f"capacities[{i}].roles[{j}].capacities[{k}]")
    for i, item in enumerate(fw.items):
        claim(item.id, f"items[{i}]")
    for i, question in enumerate(fw.background):
        claim(question.id, f"background[{i}]")

    # Separate namespaces, each unique within itself.
    for name, ids in (
        ("levels", [lv.id for lv in fw.levels]),
        ("response_scales", [s.id for s in fw.response_scales]),
        ("rubric.levels", [lv.id for lv in fw.rubric.levels] if fw.rubric else []),
    ):
        for entity_id, count in Counter(ids).items():
            if count > 1:
                report.add(entity_id, name, f"duplicate ID {entity_id!r} appears {count} times")
    if fw.rubric is not None:
        ranks = [lv.rank for lv in fw.rubric.levels]
        if sorted(ranks) != list(range(1, len(ranks) + 1)):
            report.add(fw.rubric.id, "rubric.levels", f"ranks must run 1..{len(ranks)}, got {ranks}")


def _check_levels(fw: Framework, report: _Report) -> set[str]:
    level_ids = {lv.id for lv in fw.levels}
    for i, level in enumerate(fw.levels):
        source = level.conditions_from
        if source is None:
            continue
        path = f"levels[{i}].conditions_from"
        if source not in level_ids:
            report.add(level.id, path, f"conditions_from names unknown level {source!r}")
        elif fw.level(source).conditions_from is not None:
            report.add(level.id, path, f"{source!r} itself borrows its descriptions; point at the source")
    return level_ids


def _check_look_fors(fw: Framework, report: _Report, entity_id: str, path: str, look_fors: dict[str, str]) -> None:
    rubric_ids = fw.rubric_level_ids()
    if not rubric_ids:
        if look_fors:
            report.add(entity_id, f"{path}.look_fors", "look-fors given but the framework has no rubric")
        return
    for key in look_fors:
        if key not in rubric_ids:
            report.add(
                entity_id,
                f"{path}.look_fors.{key}",
                f"unknown rubric level {key!r} (the rubric's levels are: {', '.join(rubric_ids)})",
            )
    for key in rubric_ids:
        if not look_fors.get(key, "").strip():
            report.add(entity_id, f"{path}.look_fors", f"missing look-for for rubric level {key!r}")


def _check_conditions(fw: Framework, report: _Report, level_ids: set[str]) -> None:
    own = [lv.id for lv in fw.levels if lv.conditions_from is None]
    for i, condition in enumerate(fw.conditions):
        for j, element in enumerate(condition.elements):
            path = f"conditions[{i}].elements[{j}]"
            if not element.id.startswith(condition.id + "."):
                report.add(element.id, path, f"element IDs must start with {condition.id + '.'!r}")
            for level_id in own:
                if not element.levels.get(level_id, "").strip():
                    report.add(element.id, f"{path}.levels", f"missing description for level {level_id!r}")
            for level_id in element.levels:
                if level_id not in level_ids:
                    report.add(element.id, f"{path}.levels.{level_id}", f"unknown level {level_id!r}")
                elif level_id not in own:
                    report.add(
                        element.id,
                        f"{path}.levels.{level_id}",
                        f"level {level_id!r} uses the descriptions of "
                        f"{fw.level(level_id).conditions_from!r}; remove this one",
                    )
            _check_look_fors(fw, report, element.id, path, element.look_fors)
            if fw.kind == "rubric" and not element.evidence:
                report.add(element.id, f"{path}.evidence", "no examples of evidence")


def _check_capacities(fw: Framework, report: _Report, level_ids: set[str]) -> None:
    if fw.kind == "rubric" and fw.rubric is None:
        report.add(fw.slug, "rubric", "a rubric framework needs a rubric scale")
    seen_levels: set[str] = set()
    for i, block in enumerate(fw.capacities):
        path = f"capacities[{i}]"
        if block.level not in level_ids:
            report.add(block.level, f"{path}.level", f"unknown level {block.level!r}")
        if block.level in seen_levels:
            report.add(block.level, f"{path}.level", f"capacities for {block.level!r} given twice")
        seen_levels.add(block.level)
        for j, role in enumerate(block.roles):
            role_path = f"{path}.roles[{j}]"
            if not role.id.startswith(block.level + "."):
                report.add(role.id, role_path, f"role IDs must start with {block.level + '.'!r}")
            for k, capacity in enumerate(role.capacities):
                cap_path = f"{role_path}.capacities[{k}]"
                if not capacity.id.startswith(role.id + "."):
                    report.add(capacity.id, cap_path, f"capacity IDs must start with {role.id + '.'!r}")
                _check_look_fors(fw, report, capacity.id, cap_path, capacity.look_fors)
                if fw.kind == "rubric" and not capacity.evidence:
                    report.add(capacity.id, f"{cap_path}.evidence", "no examples of evidence")
    if fw.kind == "rubric":
        for level in fw.levels:
            if level.id not in seen_levels:
                report.add(level.id, "capacities", f"no capacities for level {level.id!r}")


def _check_survey(fw: Framework, report: _Report, measured: Framework | None) -> None:
    for i, scale in enumerate(fw.response_scales):
        values = [opt.value for opt in scale.options]
        if values != sorted(set(values)):
            report.add(scale.id, f"response_scales[{i}]", f"option values must rise strictly: {values}")
    if fw.kind == "rubric":
        if fw.items:
            report.add(fw.slug, "items", "a rubric framework has no survey items; make a survey framework")
        return
    if fw.measures is not None and measured is None:
        report.add(fw.slug, "measures", f"measured framework {fw.measures.framework} is not available")
        return
    target = measured if measured is not None else fw
    element_ids = {element.id for _, element in target.elements()}
    item_levels = {lv.id for lv in target.levels if lv.conditions_from is None}
    scale_ids = {scale.id for scale in fw.response_scales}
    counts: Counter[tuple[str, str]] = Counter()
    for i, item in enumerate(fw.items):
        path = f"items[{i}]"
        if item.element not in element_ids:
            report.add(item.id, f"{path}.element", f"unknown element {item.element!r}")
        if item.level not in item_levels:
            report.add(item.id, f"{path}.level", f"unknown level {item.level!r}")
        if item.scale not in scale_ids:
            report.add(item.id, f"{path}.scale", f"unknown response scale {item.scale!r}")
        if not item.id.startswith(f"{item.element}.{item.level}."):
            report.add(item.id, path, f"item IDs must start with {item.element}.{item.level}.")
        counts[(item.element, item.level)] += 1
    bounds = fw.items_per_element
    if bounds is not None:
        for element_id in sorted(element_ids):
            for level_id in sorted(item_levels):
                n = counts[(element_id, level_id)]
                if not bounds.min <= n <= bounds.max:
                    report.add(
                        f"{element_id}.{level_id}",
                        "items",
                        f"{n} item(s) for element {element_id!r} at level {level_id!r}; "
                        f"expected {bounds.min}–{bounds.max}",
                    )
    background_levels = {lv.id for lv in fw.levels} | item_levels
    for i, question in enumerate(fw.background):
        for level_id in question.levels:
            if level_id not in background_levels:
                report.add(question.id, f"background[{i}].levels", f"unknown level {level_id!r}")


def _check_maps(fw: Framework, report: _Report) -> None:
    ids = fw.ids()
    mine = tuple(int(part) for part in fw.version.split("."))
    for i, mapping in enumerate(fw.maps_from):
        path = f"maps_from[{i}]"
        if tuple(int(part) for part in mapping.from_version.split(".")) >= mine:
            report.add(fw.slug, path, f"maps_from {mapping.from_version} is not older than {fw.version}")
        for old_id, new_id in mapping.ids.items():
            if new_id is not None and new_id not in ids:
                report.add(
                    old_id,
                    f"{path}.ids.{old_id}",
                    f"maps to {new_id!r}, which is not in {fw.version}",
                )
