"""Past assessments keep their version; comparisons across versions map IDs explicitly."""

from __future__ import annotations

from pathlib import Path

import pytest

from trellis.framework.core import (
    FrameworkNotFoundError,
    FrameworkRegistry,
    compare_across_versions,
)


@pytest.fixture
def registry(registry_root: Path) -> FrameworkRegistry:
    return FrameworkRegistry(registry_root)


def test_both_versions_stay_loadable(registry: FrameworkRegistry) -> None:
    assert registry.versions("mini") == ["1.0.0", "1.1.0"]
    old, new = registry.load("mini", "1.0.0"), registry.load("mini", "1.1.0")
    assert "alpha.one" in old.ids()
    assert "alpha.one" not in new.ids()
    assert registry.load("mini").version == "1.1.0"


def test_it_maps_ids_from_an_older_version(registry: FrameworkRegistry) -> None:
    mapping = registry.id_map("mini", "1.0.0", "1.1.0")
    assert mapping["alpha.one"] == "alpha.first"  # renamed
    assert mapping["alpha.two"] == mapping["alpha.three"] == "alpha.combined"  # merged
    assert mapping["school.teach.old-habit"] is None  # retired
    assert mapping["school.teach.plan"] == "school.teach.plan"  # unchanged
    assert set(mapping) == registry.load("mini", "1.0.0").ids()


def test_the_identity_map_within_one_version(registry: FrameworkRegistry) -> None:
    mapping = registry.id_map("mini", "1.1.0", "1.1.0")
    assert all(old == new for old, new in mapping.items())


def test_it_refuses_to_map_backwards(registry: FrameworkRegistry) -> None:
    with pytest.raises(FrameworkNotFoundError, match="forward only"):
        registry.id_map("mini", "1.1.0", "1.0.0")


def test_it_compares_an_old_assessment_with_a_new_one(registry: FrameworkRegistry) -> None:
    # Rubric ranks from a 1.0.0 self-assessment and a later 1.1.0 one.
    before = {"alpha.one": 1, "alpha.two": 1, "alpha.three": 2, "school.teach.old-habit": 2}
    after = {"alpha.first": 2, "alpha.combined": 2, "alpha.new": 1}

    result = compare_across_versions(before, after, registry.id_map("mini", "1.0.0", "1.1.0"))

    rows = {p.id: (p.previous_ids, p.previous, p.current) for p in result.pairs}
    assert rows == {
        "alpha.combined": (("alpha.three", "alpha.two"), (2, 1), 2),
        "alpha.first": (("alpha.one",), (1,), 2),
        "alpha.new": ((), (), 1),
    }
    assert result.retired == {"school.teach.old-habit": 2}
    # The old assessment's own data are untouched.
    assert before == {"alpha.one": 1, "alpha.two": 1, "alpha.three": 2, "school.teach.old-habit": 2}


def test_it_refuses_values_for_ids_the_old_version_never_had(registry: FrameworkRegistry) -> None:
    mapping = registry.id_map("mini", "1.0.0", "1.1.0")
    with pytest.raises(FrameworkNotFoundError, match=r"alpha\.first"):
        compare_across_versions({"alpha.first": 1}, {}, mapping)
