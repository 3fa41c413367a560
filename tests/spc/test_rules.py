"""Rule profiles on series built to contain (or just miss) each pattern."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from trellis.spc.core.engine import analyze
from trellis.spc.core.rules import (
    IHI_SHIFT,
    IHI_TREND,
    PROFILE_TITLES,
    PROFILES,
    detect,
    monotone_runs,
    side_runs,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spc" / "qicharts2" / "data"
ALTERNATING = [5.0, 3.0] * 6


def rules(values: list[float], profile: str, chart: str = "run") -> list[tuple[str, int, int]]:
    result = analyze(values, chart=chart)
    return [(s.rule, len(s.points), s.direction) for s in detect(result, profile)]


def test_it_finds_the_cdi_shift_the_qicharts2_vignette_describes() -> None:
    # Vignette: run chart of cdi with freeze = 24 has median 19 and a longest run of 15.
    cdi = pd.read_csv(FIXTURES / "cdi.csv")
    result = analyze(cdi["n"], x=list(cdi["month"]), chart="run", freeze=24)
    assert result.cl[0] == 19
    signals = detect(result, "anhoej")
    long_run = next(s for s in signals if s.rule == "long_run")
    assert (len(long_run.points), long_run.direction) == (15, -1)
    assert any(s.rule == "few_crossings" for s in signals)


def test_it_finds_runs_of_six_on_one_side_but_not_five() -> None:
    positions = np.arange(12)
    six = np.array([1, -1, 1, 1, 1, 1, 1, 1, -1, 1, -1, 1], dtype=float)
    five = np.array([1, -1, 1, 1, 1, 1, 1, -1, -1, 1, -1, 1], dtype=float)
    assert side_runs(six, positions, IHI_SHIFT, zero_breaks=False) == [((2, 3, 4, 5, 6, 7), 1)]
    assert side_runs(five, positions, IHI_SHIFT, zero_breaks=False) == []


def test_it_skips_or_breaks_on_points_on_the_line() -> None:
    positions = np.arange(8)
    side = np.array([1, 1, 1, 0, 1, 1, 1, -1], dtype=float)
    assert side_runs(side, positions, 6, zero_breaks=False) == [((0, 1, 2, 4, 5, 6), 1)]
    assert side_runs(side, positions, 6, zero_breaks=True) == []


def test_it_lets_points_on_the_median_neither_add_to_nor_break_an_ihi_shift() -> None:
    values = [1.0, 9, 1, 9, 1, 9, 5, 9, 9, 9, 5, 9, 9, 9, 1, 1, 1, 1, 1, 1, 5]
    result = analyze(values, chart="run")
    assert result.cl[0] == 5
    shift = next(s for s in detect(result, "ihi-run") if s.rule == "shift" and s.direction == 1)
    assert len(shift.points) == 7  # 9,9,9,9,9,9,9 with the 5s skipped


def test_it_finds_trends_of_five_ignoring_ties_or_breaking_on_them() -> None:
    positions = np.arange(7)
    tied = np.array([3.0, 1, 2, 2, 3, 4, 5])
    assert monotone_runs(tied, positions, IHI_TREND, ties_break=False) == [((1, 2, 4, 5, 6), 1)]
    assert monotone_runs(tied, positions, IHI_TREND, ties_break=True) == []
    four = np.array([3.0, 1, 2, 3, 4, 2, 1])
    assert monotone_runs(four, positions, IHI_TREND, ties_break=False) == []


def test_it_breaks_an_mdc_trend_on_equal_values() -> None:
    base = [5.0, 4.0] * 8
    tied = [*base, 1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, *base]
    strict = [*base, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, *base]
    assert not [r for r in rules(tied, "mdc", "xmr") if r[0] == "trend"]
    assert ("trend", 7, 1) in rules(strict, "mdc", "xmr")


def test_it_finds_shewhart_two_of_three_beyond_two_sigma() -> None:
    values = [10.0, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 13.5, 10, 13.6, 10]
    result = analyze(values, chart="i", freeze=15)
    two = [s for s in detect(result, "ihi-shewhart") if s.rule == "two_of_three"]
    assert [(s.points, s.direction) for s in two] == [((16, 18), 1)]


def test_it_finds_fifteen_points_hugging_the_centre_line() -> None:
    wide = [10.0, 14, 6, 13, 7, 14, 6, 13, 7, 14, 6, 13, 7, 14, 6, 13]
    narrow = [10.0, 10.2, 9.8, 10.1, 9.9] * 3
    result = analyze(wide + narrow, chart="i", freeze=len(wide))
    inner = [s for s in detect(result, "ihi-shewhart") if s.rule == "inner_third"]
    assert len(inner) == 1
    assert len(inner[0].points) >= 15


def test_it_reports_nothing_for_common_cause_variation() -> None:
    # NHSRplotthedots' rnorm(20) series is all common cause.
    y = list(pd.read_csv(FIXTURES.parents[1] / "nhsrplotthedots" / "rnorm20_seed123.csv")["y"])
    for chart in ("run", "i"):
        for profile in PROFILES:
            assert rules(y, profile, chart) == [], (chart, profile)


def test_it_calls_alternating_points_hugging_the_mean() -> None:
    # Strict alternation sits inside one sigma: the inner-third rule's stratification signal.
    assert rules(ALTERNATING * 2, "ihi-shewhart", "i") == [("inner_third", 24, 1)]


def test_it_refuses_unknown_profiles() -> None:
    with pytest.raises(ValueError, match="unknown rule profile"):
        detect(analyze([1.0, 2.0, 3.0]), "western-electric")


def test_it_describes_every_profile() -> None:
    assert set(PROFILE_TITLES) == set(PROFILES)


def test_it_splits_a_peak_into_a_rising_and_a_falling_mdc_trend() -> None:
    base = [5.0, 4.0] * 8
    peak = [*base, 1.0, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1, *base]
    trends = [r for r in rules(peak, "mdc", "xmr") if r[0] == "trend"]
    # The peak takes the direction of the step to its right (NHSRplotthedots #167, #171).
    assert [(length, direction) for _, length, direction in trends] == [(6, 1), (7, -1)]
