"""Signals in words."""

from __future__ import annotations

from trellis.spc.core.engine import analyze
from trellis.spc.core.rules import Signal, detect
from trellis.spc.core.words import describe, describe_all, format_value, point_labels

MONTHS = [f"2024-{m:02d}-01" for m in range(1, 13)] + [f"2025-{m:02d}-01" for m in range(1, 9)]


def test_it_names_monthly_dates_by_month_and_other_dates_by_day() -> None:
    assert point_labels(["2024-03-01", "2024-04-01"]) == ["March 2024", "April 2024"]
    assert point_labels(["2024-03-04"]) == ["4 March 2024"]
    assert point_labels([1, 2]) == ["point 1", "point 2"]
    assert point_labels(["Room 4"]) == ["Room 4"]


def test_it_writes_a_shift_since_a_month() -> None:
    values = [
        5.1,
        4.2,
        5.3,
        4.4,
        5.0,
        4.1,
        5.2,
        4.3,
        5.4,
        4.0,
        4.6,
        4.9,
        4.5,
        4.8,
        6.0,
        6.3,
        6.1,
        6.4,
        6.2,
        6.5,
    ]
    result = analyze(values, x=MONTHS, chart="run")
    (shift,) = detect(result, "ihi-run")
    assert describe(shift, result) == "6 points in a row above the median since March 2025: a shift."


def test_it_writes_an_outside_point_with_its_limit() -> None:
    values = [10.0, 11, 10, 12, 11, 10, 30, 11, 10, 12, 11, 10]
    result = analyze(values, chart="i")
    (outside,) = [s for s in detect(result, "anhoej") if s.rule == "outside_limits"]
    sentence = describe(outside, result)
    assert sentence.startswith("Point 7: 30 is above the upper limit (")
    assert sentence.endswith("an unusual point worth asking about.")


def test_it_writes_a_trend_between_two_points() -> None:
    result = analyze([1.0, 2, 3, 4, 5, 1, 5, 1, 5], chart="run")
    trend = Signal("trend", 1, (0, 1, 2, 3, 4), 1)
    assert describe(trend, result) == "5 points in a row going up from point 1 to point 5: a trend."


def test_it_says_so_when_there_is_no_signal() -> None:
    result = analyze([5.0, 3] * 6, chart="i")
    assert describe_all(result, []) == [
        "No signals: the points vary around the mean the way a stable process does (common-cause variation)."
    ]


def test_it_formats_numbers_without_exponents() -> None:
    assert [format_value(v) for v in (1234.5, 12.5, 0.000123456)] == ["1,234", "12.5", "0.000123"]


def test_it_names_whole_float_positions_without_decimals() -> None:
    assert point_labels([1.0, 2.5]) == ["point 1", "point 2.5"]
