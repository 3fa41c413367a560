"""Shared paths for the SPC tests: the reference vectors copied from /work/shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
