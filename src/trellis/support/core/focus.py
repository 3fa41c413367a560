"""The vocabulary of a focus: Dashboard student groups, LCFF priority areas, framework elements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from trellis.outcomes.core.codes import INFORMATIONAL_GROUPS, STUDENT_GROUPS
from trellis.support.core.matching import Focus

# The state priority areas of the Local Control Funding Formula, California Education Code
# §52060(d) (priorities 1–8) and §52066(d) (9 and 10, county offices only).
PRIORITIES: Mapping[int, str] = {
    1: "Basic services",
    2: "Implementation of state standards",
    3: "Parental involvement and family engagement",
    4: "Pupil achievement",
    5: "Pupil engagement",
    6: "School climate",
    7: "Course access",
    8: "Other pupil outcomes",
    9: "Coordination of services for expelled pupils",
    10: "Coordination of services for foster youth",
}
# Groups an engagement can focus on: the Dashboard's accountable groups (informational groups are
# reported, not judged, so support is not organised around them).
FOCUS_GROUPS: Mapping[str, str] = {
    code: name for code, name in STUDENT_GROUPS.items() if code not in INFORMATIONAL_GROUPS
}


def focus_of(groups: Iterable[str], priorities: Iterable[int], elements: Iterable[str]) -> Focus:
    return Focus(frozenset(groups), frozenset(priorities), frozenset(elements))


def labelled(
    groups: Iterable[str], priorities: Iterable[int], elements: Iterable[str], element_titles: Mapping[str, str]
) -> list[tuple[str, Focus]]:
    """One (label, focus) per part of a focus, labels as they read in a sentence."""
    out: list[tuple[str, Focus]] = []
    for code in groups:
        out.append((STUDENT_GROUPS.get(code, code), Focus(student_groups=frozenset({code}))))
    for number in priorities:
        out.append((PRIORITIES.get(number, f"priority {number}").lower(), Focus(priorities=frozenset({number}))))
    for element in elements:
        out.append((element_titles.get(element, element).lower(), Focus(elements=frozenset({element}))))
    return out
