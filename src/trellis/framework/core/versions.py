"""Versions and explicit ID mappings between them.

A past assessment keeps the framework version it used (``capacity-framework@1.0.0``) and is never
rewritten. To compare it with one made on a later version, its IDs are carried forward through
the ``maps_from`` sections of each later version: IDs that survive map to themselves, renamed or
merged IDs map to their successor, retired IDs map to None. Nothing is guessed from titles.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from trellis.framework.core.errors import (
    FrameworkInvalidError,
    FrameworkIssue,
    FrameworkNotFoundError,
)
from trellis.framework.core.schema import Framework, IdMap

T = TypeVar("T")


def check_maps_complete(
    framework: Framework,
    load_version: Callable[[str], Framework],
    file: str,
    previous_version: str | None = None,
) -> list[FrameworkIssue]:
    """Each ``maps_from`` must account for every ID of the older version that is gone.

    When `previous_version` is given (the registry passes the version just before this one),
    a mapping from it is required, so a chain of versions can always be walked.
    """
    issues: list[FrameworkIssue] = []
    if previous_version is not None and all(m.from_version != previous_version for m in framework.maps_from):
        issues.append(
            FrameworkIssue(
                file,
                framework.slug,
                "maps_from",
                f"no maps_from for the previous version {previous_version}",
            )
        )
    current = framework.ids()
    for i, mapping in enumerate(framework.maps_from):
        path = f"maps_from[{i}]"
        try:
            older = load_version(mapping.from_version)
        except (FrameworkNotFoundError, FrameworkInvalidError) as exc:
            issues.append(FrameworkIssue(file, framework.slug, path, f"cannot load {mapping.from_version}: {exc}"))
            continue
        old_ids = older.ids()
        for old_id in mapping.ids:
            if old_id not in old_ids:
                issues.append(
                    FrameworkIssue(
                        file,
                        old_id,
                        f"{path}.ids.{old_id}",
                        f"{old_id!r} is not an ID of {older.key}",
                    )
                )
        for old_id in sorted(old_ids - current - set(mapping.ids)):
            issues.append(
                FrameworkIssue(
                    file,
                    old_id,
                    f"{path}.ids",
                    f"{old_id!r} of {mapping.from_version} is gone from {framework.version} and "
                    "not mapped: map it to its successor, or to null if it is retired",
                )
            )
    return issues


def _step(older: Framework, newer: Framework) -> dict[str, str | None]:
    mapping: IdMap | None = next((m for m in newer.maps_from if m.from_version == older.version), None)
    explicit = mapping.ids if mapping else {}
    result: dict[str, str | None] = {}
    for old_id in older.ids():
        if old_id in explicit:
            result[old_id] = explicit[old_id]
        elif old_id in newer.ids():
            result[old_id] = old_id
        else:
            raise FrameworkNotFoundError(f"{newer.key} does not say what became of {old_id!r} from {older.key}")
    return result


def id_map(chain: list[Framework]) -> dict[str, str | None]:
    """Old ID → new ID across a chain of versions, oldest first; each step uses the newer map."""
    if not chain:
        return {}
    mapping: dict[str, str | None] = {entity_id: entity_id for entity_id in chain[0].ids()}
    for older, newer in itertools.pairwise(chain):
        step = _step(older, newer)
        mapping = {old: (step[mid] if mid is not None else None) for old, mid in mapping.items()}
    return dict(sorted(mapping.items()))


@dataclass(frozen=True)
class Comparison(Generic[T]):
    """One entry of the newer version beside whatever the older assessment said about it."""

    id: str
    previous_ids: tuple[str, ...]
    previous: tuple[T, ...]
    current: T | None


@dataclass(frozen=True)
class CrossVersionComparison(Generic[T]):
    pairs: list[Comparison[T]]
    retired: dict[str, T]  # older IDs mapped to None, with their old values


def compare_across_versions(
    previous: Mapping[str, T], current: Mapping[str, T], mapping: Mapping[str, str | None]
) -> CrossVersionComparison[T]:
    """Line up values keyed by old IDs (`previous`) with values keyed by new IDs (`current`).

    `mapping` comes from `id_map`. Several old IDs may feed one new ID (a merge); they are kept
    side by side rather than averaged, because only the reader knows whether averaging is fair.
    """
    gathered: dict[str, list[tuple[str, T]]] = {}
    retired: dict[str, T] = {}
    for old_id, value in previous.items():
        if old_id not in mapping:
            raise FrameworkNotFoundError(f"{old_id!r} is not an ID of the older version")
        new_id = mapping[old_id]
        if new_id is None:
            retired[old_id] = value
        else:
            gathered.setdefault(new_id, []).append((old_id, value))
    pairs = []
    for new_id in sorted(set(gathered) | set(current)):
        olds = sorted(gathered.get(new_id, []), key=lambda pair: pair[0])
        pairs.append(
            Comparison(
                id=new_id,
                previous_ids=tuple(old for old, _ in olds),
                previous=tuple(value for _, value in olds),
                current=current.get(new_id),
            )
        )
    return CrossVersionComparison(pairs=pairs, retired=retired)
