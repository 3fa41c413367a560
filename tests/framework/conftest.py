from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "framework"


@pytest.fixture
def registry_root() -> Path:
    return FIXTURES / "registry"


@pytest.fixture
def mini_raw() -> dict[str, Any]:
    """A fresh, valid copy of the tiny test framework, to mutate in a test."""
    with (FIXTURES / "registry" / "mini" / "1.0.0.yaml").open(encoding="utf-8") as handle:
        return copy.deepcopy(yaml.safe_load(handle))


@pytest.fixture
def seed_structure() -> dict[str, Any]:
    with (FIXTURES / "seed000_structure.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data
