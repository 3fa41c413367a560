"""Charts without a qicharts2 reference vector, checked against the textbook formulas written
out independently here, plus the engine's options and errors."""

from __future__ import annotations

import itertools
import math
import statistics

import numpy as np
import pytest

from trellis.spc.core.charts import CHART_TITLES, CHARTS
from trellis.spc.core.engine import analyze, breaks_from_labels, part_numbers

COUNTS = [12.0, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11]
SIZES = [50.0, 60, 45, 50, 40, 55, 70, 50, 60, 45, 40, 50, 65, 50, 70, 45, 50, 40, 60, 55]


def moving_range_sigma(values: list[float], screen: bool = True) -> float:
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    amr = statistics.fmean(ranges)
    if screen:
        amr = statistics.fmean([r for r in ranges if r < 3.267 * amr])
    return amr / 1.128


def test_it_computes_laney_p_prime_limits() -> None:
    p_bar = sum(COUNTS) / sum(SIZES)
    sigmas = [math.sqrt(p_bar * (1 - p_bar) / n) for n in SIZES]
    z = [(c / n - p_bar) / s for c, n, s in zip(COUNTS, SIZES, sigmas, strict=True)]
    sigma_z = moving_range_sigma(z)
    result = analyze(COUNTS, n=SIZES, chart="pp")
    expected_ucl = [min(1.0, p_bar + 3 * s * sigma_z) for s in sigmas]
    expected_lcl = [max(0.0, p_bar - 3 * s * sigma_z) for s in sigmas]
    np.testing.assert_allclose(result.ucl, expected_ucl, rtol=1e-12)
    np.testing.assert_allclose(result.lcl, expected_lcl, rtol=1e-12)
    assert result.cl[0] == pytest.approx(p_bar, rel=1e-12)


def test_it_computes_laney_u_prime_limits() -> None:
    u_bar = sum(COUNTS) / sum(SIZES)
    sigmas = [math.sqrt(u_bar / n) for n in SIZES]
    z = [(c / n - u_bar) / s for c, n, s in zip(COUNTS, SIZES, sigmas, strict=True)]
    sigma_z = moving_range_sigma(z)
    result = analyze(COUNTS, n=SIZES, chart="up")
    np.testing.assert_allclose(result.ucl, [u_bar + 3 * s * sigma_z for s in sigmas], rtol=1e-12)


def test_it_uses_the_standard_deviation_of_z_for_funnel_plots() -> None:
    u_bar = sum(COUNTS) / sum(SIZES)
    sigmas = [math.sqrt(u_bar / n) for n in SIZES]
    z = [(c / n - u_bar) / s for c, n, s in zip(COUNTS, SIZES, sigmas, strict=True)]
    result = analyze(COUNTS, n=SIZES, chart="up", categorical=True)
    expected = [u_bar + 3 * s * statistics.stdev(z) for s in sigmas]
    np.testing.assert_allclose(result.ucl, expected, rtol=1e-12)
    assert not any(r.runs_signal for r in result.runs)


def test_it_computes_g_chart_limits_around_the_mean_and_shows_the_median() -> None:
    result = analyze(COUNTS, chart="g")
    mean = statistics.fmean(COUNTS)
    assert result.ucl[0] == pytest.approx(mean + 3 * math.sqrt(mean * (mean + 1)), rel=1e-12)
    assert result.lcl[0] == 0.0
    assert result.cl[0] == statistics.median(COUNTS)


def test_it_computes_the_normalized_individuals_chart() -> None:
    y = [c / n for c, n in zip(COUNTS, SIZES, strict=True)]
    centre = sum(v * n for v, n in zip(y, SIZES, strict=True)) / sum(SIZES)
    s = [
        math.sqrt(math.pi / 2) * abs(b - a) / math.sqrt(1 / na + 1 / nb)
        for a, b, na, nb in zip(y, y[1:], SIZES, SIZES[1:], strict=False)
    ]
    mean_s = statistics.fmean(s)
    mean_s = statistics.fmean([v for v in s if v < 3.2665 * mean_s])
    result = analyze(COUNTS, n=SIZES, chart="ip")
    np.testing.assert_allclose(result.ucl, [centre + 3 * mean_s / math.sqrt(n) for n in SIZES], rtol=1e-12)


def test_it_screens_large_moving_ranges_out_of_sigma() -> None:
    y = [10.0, 11, 10, 12, 11, 10, 30, 11, 10, 12, 11, 10]
    screened = analyze(y, chart="i")
    raw = analyze(y, chart="i", screen_mr=False)
    mean = statistics.fmean(y)
    assert screened.ucl[0] == pytest.approx(mean + 3 * moving_range_sigma(y), rel=1e-12)
    assert raw.ucl[0] == pytest.approx(mean + 3 * moving_range_sigma(y, False), rel=1e-12)
    assert screened.ucl[0] < raw.ucl[0]
    assert screened.sigma_signal[6]


def test_it_lets_moving_ranges_span_excluded_points() -> None:
    y = [10.0, 11, 40, 12, 11, 10, 11, 12]
    result = analyze(y, chart="i", exclude=[3], screen_mr=False)
    kept = [10.0, 11, 12, 11, 10, 11, 12]
    assert result.ucl[0] == pytest.approx(statistics.fmean(kept) + 3 * moving_range_sigma(kept, False), rel=1e-12)


def test_it_needs_positive_times_for_a_t_chart() -> None:
    with pytest.raises(ValueError, match="greater than zero"):
        analyze([3.0, 0.0, 5.0], chart="t")


def test_it_refuses_unknown_charts_and_freeze_with_parts() -> None:
    with pytest.raises(ValueError, match="unknown chart type"):
        analyze([1.0, 2.0], chart="np")
    with pytest.raises(ValueError, match="cannot be combined"):
        analyze([1.0, 2.0, 3.0], chart="i", freeze=2, parts=[1])


def test_it_multiplies_values_and_lines_but_not_the_signals() -> None:
    plain = analyze(COUNTS, n=SIZES, chart="p")
    percent = analyze(COUNTS, n=SIZES, chart="p", multiply=100)
    np.testing.assert_allclose(percent.y, plain.y * 100)
    np.testing.assert_allclose(percent.ucl, plain.ucl * 100)
    np.testing.assert_array_equal(percent.sigma_signal, plain.sigma_signal)


def test_it_can_keep_the_lower_limit_at_zero_for_positive_data() -> None:
    result = analyze([1.0, 9, 1, 8, 2, 9, 1, 8], chart="i", y_neg=False)
    assert min(result.lcl) == 0.0


def test_it_numbers_parts_after_each_break() -> None:
    assert part_numbers([3, 5], 7).tolist() == [1, 1, 1, 2, 2, 3, 3]
    assert breaks_from_labels(["pre", "pre", "post", "post", "post"]) == [2]


def test_it_titles_every_registered_chart() -> None:
    assert set(CHART_TITLES) == set(CHARTS)
