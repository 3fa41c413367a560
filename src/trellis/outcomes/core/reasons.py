"""Differentiated-assistance reasons in words.

"Students with Disabilities: Red in ELA and Mathematics (Priority 4) and in Chronic Absenteeism
(Priority 5)" — a value is not repeated when the next part has the same one.
"""

from __future__ import annotations

from trellis.outcomes.core.codes import STUDENT_GROUPS
from trellis.outcomes.core.eligibility import Hit, LeaResult

SHORT_NAMES = {
    "ela": "ELA",
    "math": "Mathematics",
    "chronic": "Chronic Absenteeism",
    "susp": "Suspension Rate",
    "grad": "Graduation Rate",
    "elpi": "English Learner Progress",
    "cci": "College/Career",
    "science": "Science",
}


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _pairs(hits: list[Hit]) -> list[tuple[str, list[str]]]:
    """(value, indicators) runs in order, merging consecutive indicators with the same value."""
    runs: list[tuple[str, list[str]]] = []
    for hit in hits:
        for indicator, value in zip(hit.indicators, hit.values, strict=True):
            name = SHORT_NAMES.get(indicator, indicator)
            if runs and runs[-1][0] == value:
                runs[-1][1].append(name)
            else:
                runs.append((value, [name]))
    return runs


def hits_phrase(hits: list[Hit], local_priorities: tuple[int, ...] = ()) -> str:
    by_priority: dict[int, list[Hit]] = {}
    for hit in hits:
        by_priority.setdefault(hit.priority, []).append(hit)
    parts: list[str] = []
    previous_value: str | None = None
    for priority in sorted(by_priority):
        runs = _pairs(by_priority[priority])
        texts = []
        for value, names in runs:
            lead = "in" if value == previous_value else f"{value} in"
            texts.append(f"{lead} {_join(names)}")
            previous_value = value
        parts.append(" and ".join(texts) + f" (Priority {priority})")
    if local_priorities:
        listed = _join([f"Priority {p}" for p in local_priorities])
        parts.append(f"Local indicators Not Met for Two or More Years ({listed})")
    return _join(parts)


def group_sentence(group: str, hits: list[Hit], local_priorities: tuple[int, ...] = ()) -> str:
    name = STUDENT_GROUPS.get(group, group)
    return f"{name}: {hits_phrase(hits, local_priorities)}"


def lea_sentences(result: LeaResult) -> list[str]:
    """Every reason of an LEA, one sentence per qualifying student group."""
    sentences = [
        group_sentence(group, hits, result.local_priorities)
        for group, hits in sorted(result.groups.items(), key=lambda kv: _order(kv[0]))
    ]
    if not result.groups and len(result.local_priorities) >= 2:
        sentences.append(f"All student groups: {hits_phrase([], result.local_priorities)}")
    sentences.extend(result.notes)
    return sentences


def _order(group: str) -> int:
    keys = list(STUDENT_GROUPS)
    return keys.index(group) if group in keys else len(keys)
