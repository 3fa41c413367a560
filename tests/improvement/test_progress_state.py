"""From a project's facts to its IHI progress score."""

from __future__ import annotations

from trellis.improvement.core.progress_state import MeasureFacts, ProjectFacts, project_progress


def facts(**changes: object) -> ProjectFacts:
    base: dict[str, object] = {
        "team_size": 3,
        "aim_measurable": True,
        "drivers": 4,
        "measures": [MeasureFacts("outcome", 0, True, False, 0.0, False)],
        "cycles_studied": 0,
        "adopted_changes": 0,
        "completed": False,
    }
    base.update(changes)
    return ProjectFacts(**base)  # type: ignore[arg-type]


def test_a_project_without_a_team_is_an_intent() -> None:
    assert project_progress(facts(team_size=1)).score == 0.5


def test_planning_then_baseline_then_tests() -> None:
    assert project_progress(facts()).score == 1.5
    with_data = [MeasureFacts("outcome", 12, True, False, 0.0, False)]
    assert project_progress(facts(measures=with_data)).score == 2.0
    assert project_progress(facts(measures=with_data, cycles_studied=1)).score == 2.5


def test_a_signal_in_the_desired_direction_is_improvement() -> None:
    improving = [MeasureFacts("outcome", 30, True, True, 0.3, False)]
    assert project_progress(facts(measures=improving, cycles_studied=2)).score == 3.5


def test_significant_and_sustained_improvement() -> None:
    half = [MeasureFacts("outcome", 30, True, True, 0.6, True)]
    assert project_progress(facts(measures=half, cycles_studied=3)).score == 3.5  # nothing adopted yet
    assert project_progress(facts(measures=half, cycles_studied=3, adopted_changes=1)).score == 4.5
    met = [MeasureFacts("outcome", 30, True, True, 1.0, True)]
    assert project_progress(facts(measures=met, cycles_studied=3, adopted_changes=1, completed=True)).score == 5.0


def test_a_balancing_measure_does_not_count_as_improvement() -> None:
    balancing = [
        MeasureFacts("balancing", 30, True, True, 0.0, True),
        MeasureFacts("outcome", 30, True, False, 0.0, False),
    ]
    assert project_progress(facts(measures=balancing, cycles_studied=1)).score == 2.5
