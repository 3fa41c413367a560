"""The documentation keeps up with the code (after Datasette's test_docs)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from trellis.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: str = "trellis") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text()
    missing = [name for name in _commands(cli) if f"`{name}" not in text]
    assert missing == []


def test_every_benchmark_is_documented() -> None:
    text = (ROOT / "docs" / "development.md").read_text()
    missing = [p.name for p in sorted((ROOT / "bench").glob("*.py")) if f"`bench/{p.name}" not in text]
    assert missing == []


def test_every_environment_variable_is_documented() -> None:
    used = set()
    for path in (ROOT / "src" / "trellis").rglob("*.py"):
        used |= set(re.findall(r"\b(TRELLIS_[A-Z_]+)\b", path.read_text()))
    used -= {"TRELLIS_APPS", "TRELLIS_MIN_COMMENT_RESPONDENTS"}  # settings, not environment variables
    text = (ROOT / "docs" / "deploy.md").read_text() + (ROOT / "docs" / "development.md").read_text()
    assert sorted(v for v in used if v not in text) == []


def test_every_doc_link_resolves() -> None:
    for doc in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)\)", doc.read_text()):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
