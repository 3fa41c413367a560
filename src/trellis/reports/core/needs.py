"""An organization's needs profile, computed from plain inputs and explained in words.

Three parts, each optional: its differentiated-assistance status with the reasons (sentences the
outcomes core already writes, one per student group); its weakest conditions and capacities (rubric
results shared with the viewer; survey measures when scored waves exist); and its improvement
projects that have stalled (no PDSA cycle and no new data for `stall_days`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

STALL_DAYS = 60
"""Default: a project with no PDSA cycle and no new data point for this many days has stalled.
Not from the literature: roughly two 90-day-cycle check-ins missed, a convention to revisit with users."""

WEAKEST_COUNT = 3
WEAK_BELOW = 0.5
"""A condition scored below the middle of its scale ((score − 1)/(out_of − 1) < 0.5) is a weakness."""


@dataclass(frozen=True)
class ConditionScore:
    element: str
    """Framework element ID ('trust.relational-trust')."""
    label: str
    score: float
    """On a 1…out_of scale (a rubric rank; a survey measure rescaled by the caller)."""
    source: str
    """'self-assessment', 'reciprocal assessment' or 'staff survey'."""
    out_of: int = 5

    @property
    def position(self) -> float:
        """Where the score sits on its scale, 0 (lowest) to 1 (highest)."""
        return (self.score - 1) / (self.out_of - 1) if self.out_of > 1 else 0.0


@dataclass(frozen=True)
class ProjectActivity:
    project_id: int
    title: str
    started_on: date
    last_cycle_on: date | None
    last_data_on: date | None
    problem: str = ""


@dataclass(frozen=True)
class StalledProject:
    project_id: int
    title: str
    days: int
    sentence: str


@dataclass(frozen=True)
class NeedsProfile:
    da_year: int | None = None
    da_eligible: bool | None = None
    da_reasons: Sequence[str] = ()
    da_groups: Sequence[str] = ()
    """Student-group codes named in the determination."""
    da_priorities: Sequence[int] = ()
    weakest: Sequence[ConditionScore] = ()
    stalled: Sequence[StalledProject] = ()
    problems: Sequence[str] = field(default_factory=tuple)
    """Problems of practice of its improvement projects (used to describe the need for matching)."""

    @property
    def empty(self) -> bool:
        return not (self.da_reasons or self.weakest or self.stalled)

    def sentences(self) -> list[str]:
        """The whole profile in words, most consequential first."""
        out: list[str] = []
        if self.da_eligible and self.da_year:
            out.append(f"Eligible for differentiated assistance in {self.da_year}.")
        out.extend(self.da_reasons)
        if self.weakest:
            parts = [f"{c.label} ({c.score:g} of {c.out_of}, {c.source})" for c in self.weakest]
            out.append("Weakest conditions and capacities: " + "; ".join(parts) + ".")
        out.extend(s.sentence for s in self.stalled)
        return out

    def need_text(self) -> str:
        """The need as text for matching: its own problems of practice, else its DA reasons."""
        if self.problems:
            return " ".join(self.problems)
        return " ".join(list(self.da_reasons) + [c.label for c in self.weakest])


def weakest_conditions(
    scores: Sequence[ConditionScore], *, count: int = WEAKEST_COUNT, below: float = WEAK_BELOW
) -> list[ConditionScore]:
    """The `count` lowest scores in the lower half of their scale, one per element (its lowest
    source), lowest first."""
    lowest: dict[str, ConditionScore] = {}
    for s in scores:
        if s.position < below and (s.element not in lowest or s.position < lowest[s.element].position):
            lowest[s.element] = s
    return sorted(lowest.values(), key=lambda s: (s.position, s.label))[:count]


def stalled_projects(
    projects: Sequence[ProjectActivity], today: date, *, days: int = STALL_DAYS
) -> list[StalledProject]:
    """Projects with neither a PDSA cycle nor a data point in the last `days` days (counted from
    the latest of either, or from the start when there is neither), longest stalled first."""
    out = []
    for p in projects:
        dates = [d for d in (p.last_cycle_on, p.last_data_on) if d is not None]
        latest = max(dates) if dates else p.started_on
        idle = (today - latest).days
        if idle < days:
            continue
        if dates:
            sentence = f"“{p.title}” has stalled: no PDSA cycle or new data for {idle} days (since {latest:%-d %B %Y})."
        else:
            sentence = f"“{p.title}” has stalled: no PDSA cycle or data since it started {idle} days ago."
        out.append(StalledProject(p.project_id, p.title, idle, sentence))
    return sorted(out, key=lambda s: (-s.days, s.title))


def da_focus(groups: dict[str, object]) -> tuple[list[str], list[int]]:
    """Student groups and priorities named in a determination's `groups` JSON
    ({group: [{"priority": 4, ...}, ...]} or {group: {"priorities": [...]}})."""
    names: list[str] = []
    priorities: set[int] = set()
    for group, hits in groups.items():
        names.append(group)
        items = hits if isinstance(hits, list) else [hits]
        for hit in items:
            if isinstance(hit, dict):
                p = hit.get("priority")
                if isinstance(p, int):
                    priorities.add(p)
                for q in hit.get("priorities", []) or []:
                    if isinstance(q, int):
                        priorities.add(q)
    return sorted(names), sorted(priorities)
