"""Pure cores must not import Django: they are tested directly and reused by the CLI and benchmarks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "trellis"
PURE_DIRS = [*sorted(p for p in SRC.rglob("core") if p.is_dir()), SRC / "lib"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PURE_DIRS, ids=lambda p: str(p.relative_to(SRC)))
def test_it_keeps_pure_cores_free_of_django(package: Path) -> None:
    offenders = {
        str(path.relative_to(SRC)): sorted(n for n in _imports(path) if n.split(".")[0] == "django")
        for path in package.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
