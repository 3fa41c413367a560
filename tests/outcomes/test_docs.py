"""The method page shows the shipped rule tables exactly, with their verification status."""

from __future__ import annotations

from pathlib import Path

from trellis.outcomes.core.rules_doc import rules_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "methods" / "dashboard.md"


def test_it_keeps_the_documented_tables_in_sync_with_the_rule_files() -> None:
    # Regenerate with: PYTHONPATH=src python -c "from trellis.outcomes.core.rules_doc import
    # rules_markdown; print(rules_markdown())" and paste it under section 9.
    assert rules_markdown() in DOC.read_text()
