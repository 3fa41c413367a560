"""Reading framework files and the registry of the frameworks Trellis ships.

Layout: ``<root>/<slug>/<MAJOR.MINOR.PATCH>.yaml``, one file per published version, plus a
``CHANGELOG.md`` per slug. The shipped root is ``trellis/framework/data``; tests point a
`FrameworkRegistry` at a fixture directory instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from trellis.framework.core.errors import (
    FrameworkInvalidError,
    FrameworkIssue,
    FrameworkNotFoundError,
)
from trellis.framework.core.schema import VERSION_PATTERN, Framework
from trellis.framework.core.validate import validate_framework
from trellis.framework.core.versions import check_maps_complete, id_map

SHIPPED_ROOT = Path(__file__).resolve().parent.parent / "data"


# libyaml parses ten times faster than PyYAML's pure-Python parser (~25 ms vs ~250 ms for the
# capacity framework); construction stays in Python either way, so the same rules apply.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """A safe YAML loader that refuses duplicate keys (PyYAML would silently keep the last)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _readable_path(raw: Any, loc: tuple[int | str, ...]) -> tuple[str, str]:
    """(item, path) for a pydantic error location: the nearest enclosing ``id`` names the item."""
    path = ""
    item = ""
    node = raw
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        if isinstance(node, dict):
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            item = node["id"]
    return (item or path or "(file)"), path


def _line_of(node: yaml.Node | None, path: str) -> int | None:
    """The 1-based line where `path` (``conditions[1].elements[0].levels``) starts in the file.

    Walks as deep as the path exists; keys may themselves contain dots (IDs such as ``alpha.one``).
    """
    line = None
    rest = path
    while node is not None:
        line = node.start_mark.line + 1
        rest = rest.lstrip(".")
        if not rest:
            break
        child: yaml.Node | None = None
        if isinstance(node, yaml.SequenceNode) and (found := re.match(r"\[(\d+)\]", rest)):
            index = int(found.group(1))
            child = node.value[index] if index < len(node.value) else None
            rest = rest[found.end() :]
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if rest.startswith(key) and rest[len(key) : len(key) + 1] in ("", ".", "["):
                    child, rest = value_node, rest[len(key) :]
                    break
        node = child
    return line


def _with_lines(exc: FrameworkInvalidError, root: yaml.Node | None) -> FrameworkInvalidError:
    return FrameworkInvalidError(
        FrameworkIssue(i.file, i.item, i.path, i.problem, i.line or _line_of(root, i.path)) for i in exc.issues
    )


def _compose(path: Path) -> yaml.Node | None:
    with path.open(encoding="utf-8") as handle:
        return yaml.compose(handle, Loader=_SafeBase)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        raise FrameworkInvalidError(
            [FrameworkIssue(path.name, where, where, f"not valid YAML: {exc.problem}")]
        ) from exc
    except OSError as exc:
        raise FrameworkNotFoundError(f"cannot read {path}: {exc.strerror}") from exc


def parse_framework(raw: Any, file: str, measured: Framework | None = None) -> Framework:
    """Validate parsed YAML data; raise `FrameworkInvalidError` listing every problem."""
    if not isinstance(raw, dict):
        problem = "the file must hold a mapping"
        raise FrameworkInvalidError([FrameworkIssue(file, "(file)", "", problem)])
    try:
        framework = Framework.model_validate(raw)
    except ValidationError as exc:
        issues = []
        for error in exc.errors():
            item, path = _readable_path(raw, tuple(error["loc"]))
            issues.append(FrameworkIssue(file, item, path, error["msg"]))
        raise FrameworkInvalidError(issues) from exc
    issues = validate_framework(framework, file, measured)
    if issues:
        raise FrameworkInvalidError(issues)
    return framework


def load_framework_file(path: Path, measured: Framework | None = None) -> Framework:
    """Load one framework file on its own (no registry; a survey's measured framework passed in)."""
    raw = read_yaml(path)
    try:
        framework = parse_framework(raw, path.name, measured)
    except FrameworkInvalidError as exc:
        raise _with_lines(exc, _compose(path)) from exc
    if path.stem != framework.version:
        raise FrameworkInvalidError(
            [
                FrameworkIssue(
                    path.name,
                    "version",
                    "version",
                    f"file {path.name} declares version {framework.version}",
                )
            ]
        )
    return framework


@dataclass(frozen=True)
class FrameworkInfo:
    slug: str
    kind: str
    title: str
    versions: tuple[str, ...]  # oldest first

    @property
    def latest(self) -> str:
        return self.versions[-1]


class FrameworkRegistry:
    """The frameworks found under one root directory, loaded on demand and cached."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[tuple[str, str], Framework] = {}

    def versions(self, slug: str) -> list[str]:
        folder = self.root / slug
        if not folder.is_dir():
            known = ", ".join(self.slugs()) or "none"
            raise FrameworkNotFoundError(f"no framework {slug!r} (known: {known})")
        found = [p.stem for p in folder.glob("*.yaml") if _is_version(p.stem)]
        if not found:
            raise FrameworkNotFoundError(f"framework {slug!r} has no version files")
        return sorted(found, key=version_key)

    def slugs(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and any(p.glob("*.yaml")))

    def load(self, slug: str, version: str | None = None) -> Framework:
        """The framework `slug` at `version` (the latest when None), validated."""
        versions = self.versions(slug)
        chosen = version or versions[-1]
        if chosen not in versions:
            raise FrameworkNotFoundError(f"framework {slug!r} has no version {chosen} (has {', '.join(versions)})")
        key = (slug, chosen)
        if key not in self._cache:
            self._cache[key] = self._load_uncached(slug, chosen)
        return self._cache[key]

    def _load_uncached(self, slug: str, version: str) -> Framework:
        path = self.root / slug / f"{version}.yaml"
        try:
            return self._load_checked(slug, version, path)
        except FrameworkInvalidError as exc:
            if any(issue.file == f"{slug}/{path.name}" for issue in exc.issues):
                raise _with_lines(exc, _compose(path)) from exc
            raise

    def _load_checked(self, slug: str, version: str, path: Path) -> Framework:
        raw = read_yaml(path)
        file = f"{slug}/{path.name}"
        measured = None
        if isinstance(raw, dict) and isinstance(raw.get("measures"), dict):
            ref = raw["measures"]
            measured = self.load(str(ref.get("framework")), str(ref.get("version")))
        framework = parse_framework(raw, file, measured)
        problems = []
        if framework.slug != slug:
            problems.append(f"declares slug {framework.slug!r} but lives in folder {slug!r}")
        if framework.version != version:
            problems.append(f"declares version {framework.version} but is named {path.name}")
        if problems:
            raise FrameworkInvalidError(FrameworkIssue(file, "(file)", "", p) for p in problems)
        older = [v for v in self.versions(slug) if version_key(v) < version_key(version)]
        issues = check_maps_complete(framework, lambda v: self.load(slug, v), file, older[-1] if older else None)
        if issues:
            raise FrameworkInvalidError(issues)
        return framework

    def id_map(self, slug: str, from_version: str, to_version: str) -> dict[str, str | None]:
        """Every ID of `from_version` → its ID in `to_version` (None when retired)."""
        if version_key(from_version) > version_key(to_version):
            raise FrameworkNotFoundError("ID maps run forward only: from an older version to a newer one")
        between = [
            v for v in self.versions(slug) if version_key(from_version) <= version_key(v) <= version_key(to_version)
        ]
        if from_version not in between or to_version not in between:
            raise FrameworkNotFoundError(f"{slug!r} has no version {from_version} or {to_version}")
        return id_map([self.load(slug, v) for v in between])

    def list(self) -> list[FrameworkInfo]:
        infos = []
        for slug in self.slugs():
            latest = self.load(slug)
            infos.append(FrameworkInfo(slug, latest.kind, latest.title.en, tuple(self.versions(slug))))
        return infos


def _is_version(stem: str) -> bool:
    return re.fullmatch(VERSION_PATTERN, stem) is not None


SHIPPED = FrameworkRegistry(SHIPPED_ROOT)


def load_framework(slug: str, version: str | None = None) -> Framework:
    """A shipped framework: ``load_framework("capacity-framework")`` gives the latest version."""
    return SHIPPED.load(slug, version)


def list_frameworks() -> list[FrameworkInfo]:
    """Every shipped framework with its versions, oldest first."""
    return SHIPPED.list()
