"""From a project's facts to the IHI progress score (the scale itself is `trellis.spc.core.progress`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trellis.spc.core.progress import ProgressScore, ProjectState, progress_score


@dataclass(frozen=True)
class MeasureFacts:
    kind: str
    """outcome, process or balancing."""
    points: int
    has_target: bool
    improving: bool
    goal_fraction: float
    sustained: bool


@dataclass(frozen=True)
class ProjectFacts:
    team_size: int
    aim_measurable: bool
    drivers: int
    measures: Sequence[MeasureFacts]
    cycles_studied: int
    """PDSA cycles whose results have been studied against the prediction."""
    adopted_changes: int
    completed: bool


def project_state(facts: ProjectFacts) -> ProjectState:
    """The mapping from what Trellis knows to each level's condition (docs/methods/improvement.md)."""
    outcome = [m for m in facts.measures if m.kind == "outcome"]
    moving = [m for m in facts.measures if m.kind in ("outcome", "process")]
    fraction = max((m.goal_fraction for m in outcome if m.has_target), default=0.0)
    return ProjectState(
        team_formed=facts.team_size >= 2,
        aim_written=facts.aim_measurable,
        planning_started=bool(facts.measures) or facts.drivers > 0,
        baseline_collected=any(m.points > 0 for m in facts.measures),
        changes_tested=facts.cycles_studied,
        measures_with_target=any(m.has_target and m.points > 0 for m in facts.measures),
        goal_fraction=fraction,
        improvement_seen=any(m.improving for m in moving),
        implementation_started=facts.adopted_changes > 0,
        sustained=any(m.sustained for m in outcome),
        goals_met=facts.completed and fraction >= 1.0,
    )


def project_progress(facts: ProjectFacts) -> ProgressScore:
    return progress_score(project_state(facts))
