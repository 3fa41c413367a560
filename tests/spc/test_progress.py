"""The IHI progress score from a project's state."""

from __future__ import annotations

from trellis.spc.core.progress import SCALE, ProjectState, progress_score


def test_it_uses_the_ihi_half_point_scale() -> None:
    assert [level.score for level in SCALE] == [0.5 * k for k in range(1, 11)]


def test_it_starts_at_intent_to_participate() -> None:
    score = progress_score(ProjectState())
    assert (score.score, score.label) == (0.5, "Intent to participate")
    assert score.next_step == "form a team and write the aim"


def test_it_climbs_one_level_per_fact() -> None:
    steps = [
        ({"team_formed": True, "aim_written": True}, 1.0),
        ({"planning_started": True}, 1.5),
        ({"baseline_collected": True}, 2.0),
        ({"changes_tested": 2, "measures_with_target": True}, 2.5),
        ({"goal_fraction": 0.25}, 3.0),
        ({"improvement_seen": True}, 3.5),
        ({"goal_fraction": 0.6, "implementation_started": True}, 4.0),
        ({"sustained": True}, 4.5),
        ({"goals_met": True, "goal_fraction": 1.0}, 5.0),
    ]
    facts: dict[str, object] = {}
    for added, expected in steps:
        facts.update(added)
        assert progress_score(ProjectState(**facts)).score == expected, added  # type: ignore[arg-type]
    assert progress_score(ProjectState(**facts)).next_step is None  # type: ignore[arg-type]


def test_it_needs_every_lower_level() -> None:
    # Improvement without a team or baseline is still only an intent.
    state = ProjectState(improvement_seen=True, sustained=True, goal_fraction=1.0)
    assert progress_score(state).score == 0.5
