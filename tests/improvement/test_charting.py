"""A measure's chart: rules chosen by chart type, signals in words, direction, goal and PDSA marks."""

from __future__ import annotations

import datetime as dt
import statistics

from tests.improvement.factories import SHIFTED, weekly
from trellis.improvement.core.charting import (
    Marker,
    MeasureSettings,
    Point,
    build_chart,
    goal_fraction,
    profile_for,
)


def points(values: list[float]) -> list[Point]:
    return [Point(d, v) for d, v in zip(weekly(len(values)), values, strict=True)]


def test_it_uses_ihi_run_rules_for_run_charts_and_shewhart_rules_otherwise() -> None:
    assert profile_for(MeasureSettings(chart="run")) == "ihi-run"
    assert profile_for(MeasureSettings(chart="i")) == "ihi-shewhart"
    assert profile_for(MeasureSettings(chart="p", profile="anhoej")) == "anhoej"


def test_it_finds_the_shift_after_a_change_on_a_run_chart() -> None:
    view = build_chart(MeasureSettings(chart="run", target=80), points(SHIFTED), title="On track")
    assert view is not None
    # The run chart's centre is the median of all 30 points (hand-computed with statistics.median).
    assert view.result.cl[0] == statistics.median(SHIFTED)
    shifts = [s for s in view.signals if s.rule == "shift"]
    assert shifts and shifts[-1].direction == 1
    assert any(
        s.startswith("10 points in a row above the median since 5 January 2026: a shift") for s in view.sentences
    )
    assert view.improving and not view.worsening


def test_it_freezes_the_baseline_and_groups_points_beyond_the_limit() -> None:
    view = build_chart(MeasureSettings(chart="i", baseline_points=20), points(SHIFTED), title="On track")
    assert view is not None
    assert view.baseline_centre == statistics.mean(SHIFTED[:20])
    assert "10 points above the upper limit since 5 January 2026: unusual points worth asking about." in view.sentences
    assert not any("2 of 3" in s for s in view.sentences), "already told: the points are beyond the limit"
    assert view.sustained


def test_noise_gives_no_signal() -> None:
    noise = [51, 48, 53, 50, 47, 52, 49, 54, 50, 46, 51, 53, 48, 50, 52, 49, 47, 51, 50, 53,
             48, 52, 49, 51, 47, 50, 53, 48, 51, 49]  # fmt: skip
    view = build_chart(MeasureSettings(chart="i"), points(noise), title="Noise")
    assert view is not None
    assert view.signals == ()
    assert view.sentences[0].startswith("No signals")
    assert not view.improving


def test_lower_is_better_turns_a_rise_into_a_worsening() -> None:
    view = build_chart(MeasureSettings(chart="run", direction=-1), points(SHIFTED), title="Referrals")
    assert view is not None
    # The early run below the median mirrors the later one above it; the latest decides.
    assert {s.direction for s in view.signals if s.rule == "shift"} == {-1, 1}
    assert view.worsening and not view.improving


def test_pdsa_cycles_are_marked_at_their_first_point() -> None:
    markers = [Marker(dt.date(2026, 1, 3), "PDSA 1"), Marker(dt.date(2030, 1, 1), "PDSA 9")]
    view = build_chart(MeasureSettings(), points(SHIFTED), markers, title="On track")
    assert view is not None
    assert ">PDSA 1</text>" in view.svg
    assert "PDSA 9" not in view.svg, "a cycle after the last point has nothing to mark"


def test_it_needs_two_points_and_cautions_below_the_recommended_counts() -> None:
    assert build_chart(MeasureSettings(), points([5.0]), title="x") is None
    view = build_chart(MeasureSettings(chart="i"), points([5.0, 6.0, 5.5]), title="x")
    assert view is not None
    assert any("provisional" in c for c in view.cautions)


def test_proportions_use_denominators() -> None:
    data = [
        Point(d, present, 600)
        for d, present in zip(weekly(12), [540, 552, 548, 545, 560, 551, 549, 547, 553, 550, 546, 555], strict=True)
    ]
    view = build_chart(MeasureSettings(chart="p", multiply=100), data, title="Attendance")
    assert view is not None
    assert abs(view.result.cl[0] - 100 * sum(p.value for p in data) / (600 * 12)) < 1e-9


def test_goal_fraction() -> None:
    assert goal_fraction(62, 71, 80, 1) == 0.5
    assert goal_fraction(62, 50, 80, 1) == 0.0
    assert goal_fraction(62, 90, 80, 1) == 1.0
    assert goal_fraction(20, 15, 10, -1) == 0.5
    assert goal_fraction(62, 71, None, 1) == 0.0
