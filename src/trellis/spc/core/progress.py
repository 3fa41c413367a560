"""The IHI progress score (0.5-5.0) of an improvement project, computed from its state.

The scale is IHI's project self-assessment scale from the Breakthrough Series collaboratives
(Associates in Process Improvement / IHI; described at
https://iecodesign.com/blog/2017/2/13/improvement-project-progress-on-a-1-to-5-scalepart-1),
with the level definitions as Life QI publishes them
(https://blog.lifeqisystem.com/ihi-progress-scores, 2019).  In Life QI teams set the score by
hand; here it is suggested from what the platform knows, and a team may still override it.

Each level needs every level below it, so the score is the highest level whose condition and
all earlier conditions hold.  Which project facts stand for each definition is our mapping, not
IHI's; it is documented in docs/methods/spc.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MODEST_FRACTION = 0.2  # Life QI / IHI level 3.0: "expected results are 20% complete"
SIGNIFICANT_FRACTION = 0.5  # level 4.0: "project goals are 50% or more complete"


@dataclass(frozen=True)
class ProjectState:
    """What the platform knows about a project (all optional facts default to "not yet")."""

    team_formed: bool = False
    aim_written: bool = False
    """The charter: an aim statement has been written and reviewed."""
    planning_started: bool = False
    """Measures, meeting schedule or a driver diagram exist."""
    baseline_collected: bool = False
    """Data collection has begun (baseline data on at least one measure)."""
    changes_tested: int = 0
    """Completed PDSA cycles that tested a change."""
    measures_with_target: bool = False
    """At least one measure is charted against a target."""
    goal_fraction: float = 0.0
    """How far the outcome measure has moved from baseline towards the aim, 0 to 1."""
    improvement_seen: bool = False
    """A signal in the desired direction on an outcome or process measure."""
    implementation_started: bool = False
    """A tested change has been adopted as the standard way of working."""
    sustained: bool = False
    """Key measures hold their improvement (e.g. a new, stable phase after the change)."""
    goals_met: bool = False
    """All goals of the aim reached and the changes built into the system."""


@dataclass(frozen=True)
class ProgressLevel:
    score: float
    label: str
    meaning: str


@dataclass(frozen=True)
class ProgressScore:
    score: float
    label: str
    meaning: str
    next_step: str | None
    """What would move the project to the next level, in words."""


Condition = Callable[[ProjectState], bool]

# (level, condition to reach it, what to do to reach it)
LEVELS: tuple[tuple[ProgressLevel, Condition, str], ...] = (
    (
        ProgressLevel(0.5, "Intent to participate", "The project has been identified; no charter or team yet."),
        lambda s: True,
        "",
    ),
    (
        ProgressLevel(
            1.0,
            "Charter and team established",
            "An aim has been written and reviewed and a team assigned; no work yet.",
        ),
        lambda s: s.team_formed and s.aim_written,
        "form a team and write the aim",
    ),
    (
        ProgressLevel(
            1.5,
            "Planning for the project has begun",
            "Project structure is being organized: measures, meetings, materials.",
        ),
        lambda s: s.planning_started,
        "plan the work: choose measures and set a meeting schedule",
    ),
    (
        ProgressLevel(
            2.0,
            "Activity, but no changes",
            "Initial cycles for learning have begun: baseline data, study of the process.",
        ),
        lambda s: s.baseline_collected,
        "collect baseline data on a measure",
    ),
    (
        ProgressLevel(
            2.5,
            "Changes tested, but no improvement",
            "Initial cycles testing changes have begun; measures are charted with targets.",
        ),
        lambda s: s.changes_tested >= 1 and s.measures_with_target,
        "test a change in a PDSA cycle and chart a measure against its target",
    ),
    (
        ProgressLevel(
            3.0,
            "Modest improvement",
            "Successful tests of changes; some small-scale implementation; results about 20% of the way to the goal.",
        ),
        lambda s: s.goal_fraction >= MODEST_FRACTION or s.improvement_seen,
        "keep testing until the measure moves (about 20% of the way to the aim)",
    ),
    (
        ProgressLevel(
            3.5,
            "Improvement",
            "Testing and implementation continue and measures improve towards the goals.",
        ),
        lambda s: s.improvement_seen,
        "show a signal of improvement on the run chart",
    ),
    (
        ProgressLevel(
            4.0,
            "Significant improvement",
            "Expected results achieved for major parts of the system; implementation has "
            "begun; goals are 50% or more complete.",
        ),
        lambda s: s.goal_fraction >= SIGNIFICANT_FRACTION and s.implementation_started,
        "adopt the change as standard work and reach half of the aim",
    ),
    (
        ProgressLevel(
            4.5,
            "Sustainable improvement",
            "Data on key measures begin to show that the improvement is sustained.",
        ),
        lambda s: s.sustained,
        "show the improvement holding over time",
    ),
    (
        ProgressLevel(
            5.0,
            "Outstanding sustainable results",
            "All goals and expected results accomplished; the changes are built into the organization.",
        ),
        lambda s: s.goals_met and s.goal_fraction >= 1.0,
        "reach every goal of the aim",
    ),
)

SCALE: tuple[ProgressLevel, ...] = tuple(level for level, _, _ in LEVELS)


def progress_score(state: ProjectState) -> ProgressScore:
    """The highest level whose condition holds together with every condition below it."""
    reached = 0
    for index, (_, condition, _) in enumerate(LEVELS):
        if not condition(state):
            break
        reached = index
    level = LEVELS[reached][0]
    following = LEVELS[reached + 1][2] if reached + 1 < len(LEVELS) else None
    return ProgressScore(level.score, level.label, level.meaning, following)
