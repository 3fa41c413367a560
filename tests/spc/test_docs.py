"""Every registered chart type and rule profile is documented in docs/methods/spc.md."""

from __future__ import annotations

from pathlib import Path

from trellis.spc.core.charts import CHARTS
from trellis.spc.core.rules import PROFILES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "methods" / "spc.md").read_text()


def test_it_documents_every_chart_type() -> None:
    assert [key for key in CHARTS if f"| `{key}` |" not in DOC] == []


def test_it_documents_every_rule_profile() -> None:
    assert [key for key in PROFILES if f"| `{key}`" not in DOC] == []
