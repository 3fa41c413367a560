"""Centre lines and limits, one small function per chart type, registered in `CHARTS`.

Each function receives one part of one series (`PartData`) and returns its `ChartLines`.
Formulas and their treatment of missing values follow qicharts2 0.8.1 (`qic.<type>` in
`R/helper.functions.R`), so the results can be checked against qicharts2's own references; the
sources are cited beside each formula and collected in docs/methods/spc.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from trellis.spc.core.constants import (
    D2_N2,
    D4_N2,
    D4_N2_IPRIME,
    IPRIME_SCALE,
    MDC_LIMIT,
    MDC_NEAR_FRACTION,
    SIGMA_INNER,
    SIGMA_LIMIT,
    T_CHART_POWER,
)

Array = NDArray[np.float64]


@dataclass(frozen=True)
class PartData:
    """Parts of series, aggregated to one row per subgroup: arrays of shape (series, points).

    The engine passes one part of one series (shape (1, m)); the batch path passes many equally
    long series at once.  Every chart function works along the last axis only.
    """

    y: Array
    """The plotted value: the subgroup mean, or sum(y) / sum(n) when denominators are given."""
    y_sum: Array
    y_len: Array
    """Number of non-missing observations in the subgroup."""
    y_mean: Array
    y_sd: Array
    n: Array
    """Denominators (NaN when none were given)."""
    base: NDArray[np.bool_]
    """Points that estimate the centre line and limits: in the baseline and not excluded."""
    categorical: bool = False
    """x is categorical (funnel plot): Laney's sigma_z is then sd(z), not AMR(z) / d2."""
    screen_mr: bool = True
    """Drop moving ranges above D4 * AMR before estimating sigma (Nelson 1982)."""


@dataclass(frozen=True)
class ChartLines:
    y: Array
    cl: Array
    lcl: Array
    ucl: Array
    lcl_95: Array
    ucl_95: Array


# --- row-wise helpers: statistics over the baseline points of each row ----------------------


def _in_base(values: Array, base: NDArray[np.bool_]) -> Array:
    return np.where(base, values, np.nan)


def _row_mean(values: Array) -> Array:
    """Mean of the non-missing values of each row, NaN for a row without any; shape (k, 1)."""
    present = ~np.isnan(values)
    count = present.sum(axis=-1, keepdims=True)
    total = np.where(present, values, 0.0).sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _row_sum(values: Array) -> Array:
    return np.asarray(np.nansum(values, axis=-1, keepdims=True), dtype=np.float64)


def _row_median(values: Array) -> Array:
    out = np.full((values.shape[0], 1), np.nan)
    has = ~np.all(np.isnan(values), axis=-1)
    if has.any():
        out[has, 0] = np.nanmedian(values[has], axis=-1)
    return out


def _compact(values: Array, base: NDArray[np.bool_]) -> tuple[Array, NDArray[np.int64]]:
    """Move each row's baseline points to the front (order kept); return them and their count.

    Excluded points are thereby dropped *before* moving ranges are taken, so a moving range
    spans an exclusion, as in qicharts2.
    """
    order = np.argsort(~base, axis=-1, kind="stable")
    packed = np.take_along_axis(np.where(base, values, np.nan), order, axis=-1)
    return packed, base.sum(axis=-1, keepdims=True)


def average_moving_range(values: Array, base: NDArray[np.bool_], *, screen: bool, screen_limit: float = D4_N2) -> Array:
    """Mean of |diff| over each row's baseline points, optionally after dropping moving ranges
    at or above `screen_limit` times that mean (Nelson 1982).  Shape (k, 1).

    A missing value makes its two moving ranges missing; they are ignored, not bridged.
    """
    packed, count = _compact(values, base)
    ranges = np.abs(np.diff(packed, axis=-1))
    ranges[np.arange(ranges.shape[-1]) + 1 >= count] = np.nan
    amr = _row_mean(ranges)
    if screen:
        with np.errstate(invalid="ignore"):
            amr = _row_mean(np.where(ranges < screen_limit * amr, ranges, np.nan))
    return amr


def _full(like: Array, value: Array) -> Array:
    """Broadcast a per-row value (k, 1) to the shape of `like`."""
    return np.broadcast_to(value, like.shape).astype(np.float64, copy=True)


def _around(cl: Array, sigma: Array) -> tuple[Array, Array, Array, Array]:
    """CL -/+ 3 sigma and CL -/+ 2 sigma, with no clamping."""
    return (
        cl - SIGMA_LIMIT * sigma,
        cl + SIGMA_LIMIT * sigma,
        cl - SIGMA_INNER * sigma,
        cl + SIGMA_INNER * sigma,
    )


def _lines(y: Array, cl: Array, sigma: Array, *, floor: bool, ceiling: bool) -> ChartLines:
    """Assemble the lines; clamp finite lower limits at 0 and upper limits at 1 when asked."""
    lcl, ucl, lcl_95, ucl_95 = _around(cl, sigma)
    with np.errstate(invalid="ignore"):
        if floor:
            lcl = np.where(np.isfinite(lcl) & (lcl < 0), 0.0, lcl)
            lcl_95 = np.where(np.isfinite(lcl_95) & (lcl_95 < 0), 0.0, lcl_95)
        if ceiling:
            ucl = np.where(np.isfinite(ucl) & (ucl > 1), 1.0, ucl)
            ucl_95 = np.where(np.isfinite(ucl_95) & (ucl_95 > 1), 1.0, ucl_95)
    return ChartLines(y, cl, lcl, ucl, lcl_95, ucl_95)


# --- c4-based constants for subgroup standard deviations (Montgomery, Appendix VI) ---------


def c4(size: Array) -> Array:
    """c4(n) = sqrt(2 / (n - 1)) * Gamma(n / 2) / Gamma((n - 1) / 2); NaN for n <= 1."""
    n = np.where(size > 1, size, np.nan)
    with np.errstate(invalid="ignore"):
        log_ratio = _lgamma(n / 2) - _lgamma((n - 1) / 2)
        return np.asarray(np.sqrt(2 / (n - 1)) * np.exp(log_ratio))


def _lgamma(values: Array) -> Array:
    """log Gamma, element-wise (NaN stays NaN); subgroup sizes are few, so a loop is enough."""
    flat = [math.lgamma(v) if np.isfinite(v) else math.nan for v in values.ravel()]
    return np.asarray(flat, dtype=np.float64).reshape(values.shape)


def _a3(size: Array, sigmas: float) -> Array:
    """A3 = k / (c4 sqrt(n)): Xbar limits from the mean subgroup SD (Montgomery 6.29)."""
    return np.asarray(sigmas / (c4(size) * np.sqrt(np.where(size > 1, size, np.nan))))


def _b3_b4(size: Array, sigmas: float) -> tuple[Array, Array]:
    """B3 = max(0, 1 - k c5 / c4) and B4 = 1 + k c5 / c4, with c5 = sqrt(1 - c4^2)."""
    c4n = c4(size)
    ratio = np.sqrt(1 - c4n**2) / c4n
    # np.maximum keeps NaN for n <= 1, as R's pmax does.
    return np.maximum(0.0, 1 - sigmas * ratio), 1 + sigmas * ratio


def _subgroup_sd(part: PartData) -> Array:
    """Mean subgroup SD when all subgroup sizes in the row are equal, else the pooled SD.

    Montgomery 6.29 / 6.31.  As in qicharts2, equality is checked over every subgroup of the
    part and the pooled denominator sums (n_i - 1) over baseline subgroups, missing SDs included.
    """
    base = part.base
    varying = part.y_len.max(axis=-1, keepdims=True) != part.y_len.min(axis=-1, keepdims=True)
    weights = _in_base(part.y_len - 1, base)
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = np.sqrt(_row_sum(weights * part.y_sd**2) / _row_sum(weights))
    return np.where(varying, pooled, _row_mean(_in_base(part.y_sd, base)))


# --- the chart functions ---------------------------------------------------------------------


def chart_run(part: PartData) -> ChartLines:
    """Run chart: the centre line is the baseline median; there are no limits."""
    cl = _full(part.y, _row_median(_in_base(part.y, part.base)))
    nan = np.full(part.y.shape, np.nan)
    return ChartLines(part.y, cl, nan, nan, nan.copy(), nan.copy())


def chart_i(part: PartData) -> ChartLines:
    """Individuals: CL = mean, sigma = AMR / d2 (Montgomery 6.33), screened MRs (Nelson 1982)."""
    cl = _full(part.y, _row_mean(_in_base(part.y, part.base)))
    sigma = average_moving_range(part.y, part.base, screen=part.screen_mr) / D2_N2
    return _lines(part.y, cl, sigma, floor=False, ceiling=False)


def chart_mr(part: PartData) -> ChartLines:
    """Moving ranges: CL = mean MR, UCL = D4 * CL, LCL = 0 (Montgomery 6.33)."""
    first = np.full((*part.y.shape[:-1], 1), np.nan)
    y = np.concatenate([first, np.abs(np.diff(part.y, axis=-1))], axis=-1)
    cl = _full(y, _row_mean(_in_base(y, part.base)))
    zero = np.zeros(y.shape)
    return ChartLines(y, cl, zero, D4_N2 * cl, zero.copy(), (D4_N2 / SIGMA_LIMIT) * SIGMA_INNER * cl)


def chart_xbar(part: PartData) -> ChartLines:
    """Xbar: CL = size-weighted grand mean (Montgomery 6.30), limits CL +/- A3 * s-bar."""
    size = _in_base(part.y_len, part.base)
    with np.errstate(invalid="ignore", divide="ignore"):
        cl = _full(part.y, _row_sum(size * part.y_mean) / _row_sum(size))
    sbar = _subgroup_sd(part)
    outer = _a3(part.y_len, SIGMA_LIMIT) * sbar
    inner = _a3(part.y_len, SIGMA_INNER) * sbar
    return ChartLines(part.y_mean, cl, cl - outer, cl + outer, cl - inner, cl + inner)


def chart_s(part: PartData) -> ChartLines:
    """S: CL = s-bar (Montgomery 6.29 or pooled 6.31), limits B3 * CL and B4 * CL."""
    cl = _full(part.y, _subgroup_sd(part))
    b3, b4 = _b3_b4(part.y_len, SIGMA_LIMIT)
    b3_inner, b4_inner = _b3_b4(part.y_len, SIGMA_INNER)
    return ChartLines(part.y_sd, cl, b3 * cl, b4 * cl, b3_inner * cl, b4_inner * cl)


def _pooled_rate(part: PartData) -> Array:
    """p-bar or u-bar: sum of counts over sum of denominators in the baseline."""
    with np.errstate(invalid="ignore", divide="ignore"):
        value = _row_sum(_in_base(part.y_sum, part.base)) / _row_sum(_in_base(part.n, part.base))
    return _full(part.y, value)


def chart_p(part: PartData) -> ChartLines:
    """Proportions: sigma_i = sqrt(p(1 - p) / n_i), limits clamped to [0, 1] (Montgomery 7.7)."""
    cl = _pooled_rate(part)
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma = np.sqrt(cl * (1 - cl) / part.n)
    return _lines(part.y, cl, sigma, floor=True, ceiling=True)


def _laney_sigma_z(part: PartData, cl: Array, sigma: Array) -> Array:
    """Laney (2002) between-subgroup inflation: the spread of z_i = (y_i - CL) / sigma_i.

    Time-ordered x: AMR(z) / d2 with screened MRs; categorical x (funnel plots): sd(z).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (part.y - cl) / sigma
        if part.categorical:
            spread: Array = np.nanstd(_in_base(z, part.base), axis=-1, ddof=1, keepdims=True)
            return spread
    return average_moving_range(z, part.base, screen=part.screen_mr) / D2_N2


def chart_pp(part: PartData) -> ChartLines:
    """Laney P' chart: P-chart sigma_i times sigma_z, clamped to [0, 1] (Laney 2002)."""
    cl = _pooled_rate(part)
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma = np.sqrt(cl * (1 - cl) / part.n)
    sigma = sigma * _laney_sigma_z(part, cl, sigma)
    return _lines(part.y, cl, sigma, floor=True, ceiling=True)


def chart_c(part: PartData) -> ChartLines:
    """Counts: CL = mean count, sigma = sqrt(CL), LCL floored at 0 (Montgomery 7.17)."""
    y = part.y_sum
    cl = _full(y, _row_mean(_in_base(y, part.base)))
    return _lines(y, cl, np.sqrt(cl), floor=True, ceiling=False)


def chart_u(part: PartData) -> ChartLines:
    """Rates: CL = u-bar, sigma_i = sqrt(u / n_i), LCL floored at 0 (Montgomery 7.19)."""
    cl = _pooled_rate(part)
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma = np.sqrt(cl / part.n)
    return _lines(part.y, cl, sigma, floor=True, ceiling=False)


def chart_up(part: PartData) -> ChartLines:
    """Laney U' chart: U-chart sigma_i times sigma_z, LCL floored at 0 (Laney 2002)."""
    cl = _pooled_rate(part)
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma = np.sqrt(cl / part.n)
    sigma = sigma * _laney_sigma_z(part, cl, sigma)
    return _lines(part.y, cl, sigma, floor=True, ceiling=False)


def chart_g(part: PartData) -> ChartLines:
    """Opportunities between events: limits m +/- 3 sqrt(m(m + 1)) around the mean m
    (Montgomery p. 319, geometric distribution); the displayed CL is the baseline median."""
    mean = _full(part.y, _row_mean(_in_base(part.y, part.base)))
    lines = _lines(part.y, mean, np.sqrt(mean * (mean + 1)), floor=True, ceiling=False)
    return ChartLines(lines.y, chart_run(part).cl, lines.lcl, lines.ucl, lines.lcl_95, lines.ucl_95)


def chart_t(part: PartData) -> ChartLines:
    """Time between events: an I chart of y ** (1 / 3.6), back-transformed (Nelson 1994)."""
    if np.nanmin(part.y) <= 0:
        raise ValueError("a T chart needs times between events greater than zero")
    root = replace(part, y=part.y ** (1 / T_CHART_POWER))
    lines = chart_i(root)
    with np.errstate(invalid="ignore"):
        lcl = lines.lcl**T_CHART_POWER
        lcl = np.where(np.isnan(lcl) | (lcl < 0), 0.0, lcl)
        return ChartLines(
            part.y,
            lines.cl**T_CHART_POWER,
            lcl,
            lines.ucl**T_CHART_POWER,
            lines.lcl_95**T_CHART_POWER,
            lines.ucl_95**T_CHART_POWER,
        )


def chart_ip(part: PartData) -> ChartLines:
    """Taylor's I' (normalized individuals) chart for values with unequal denominators.

    CL = sum(y n) / sum(n); s_i = sqrt(pi/2) |y_i - y_(i-1)| / sqrt(1/n_(i-1) + 1/n_i) over
    all points of the part; sigma_i = mean(s) / sqrt(n_i) (qicharts2 0.8.0 `qic.ip`).
    """
    n = np.where(np.all(np.isnan(part.n), axis=-1, keepdims=True), part.y_len, part.n)
    with np.errstate(invalid="ignore", divide="ignore"):
        weighted = _row_sum(_in_base(part.y * n, part.base)) / _row_sum(_in_base(n, part.base))
        cl = _full(part.y, weighted)
        s = IPRIME_SCALE * np.abs(np.diff(part.y, axis=-1)) / np.sqrt(1 / n[..., :-1] + 1 / n[..., 1:])
        mean_s = _row_mean(s)
        if part.screen_mr:
            mean_s = _row_mean(np.where(s < D4_N2_IPRIME * mean_s, s, np.nan))
        sigma = mean_s * np.sqrt(1 / n)
    return _lines(part.y, cl, sigma, floor=False, ceiling=False)


def chart_xmr(part: PartData) -> ChartLines:
    """NHS Making Data Count XmR as NHSRplotthedots 0.2.2: mean +/- 2.66 AMR, "near" limits
    at 2/3 of that, MRs >= 3.267 AMR screened out when asked (`R/ptd_spc_standard.R`)."""
    cl = _full(part.y, _row_mean(_in_base(part.y, part.base)))
    amr = average_moving_range(part.y, part.base, screen=part.screen_mr)
    near = MDC_NEAR_FRACTION * MDC_LIMIT * amr
    return ChartLines(part.y, cl, cl - MDC_LIMIT * amr, cl + MDC_LIMIT * amr, cl - near, cl + near)


ChartFunction = Callable[[PartData], ChartLines]

CHARTS: dict[str, ChartFunction] = {
    "run": chart_run,
    "i": chart_i,
    "mr": chart_mr,
    "xbar": chart_xbar,
    "s": chart_s,
    "t": chart_t,
    "p": chart_p,
    "pp": chart_pp,
    "c": chart_c,
    "u": chart_u,
    "up": chart_up,
    "g": chart_g,
    "ip": chart_ip,
    "xmr": chart_xmr,
}
"""Chart types by their qicharts2 name (`pp` = P', `up` = U', `ip` = I'), plus `xmr` (MDC)."""

CHART_TITLES: dict[str, str] = {
    "run": "Run chart",
    "i": "I chart (individuals)",
    "mr": "MR chart (moving ranges)",
    "xbar": "Xbar chart (subgroup means)",
    "s": "S chart (subgroup standard deviations)",
    "t": "T chart (time between events)",
    "p": "P chart (proportions)",
    "pp": "P′ chart (Laney proportions)",
    "c": "C chart (counts)",
    "u": "U chart (rates)",
    "up": "U′ chart (Laney rates)",
    "g": "G chart (opportunities between events)",
    "ip": "I′ chart (normalized individuals)",
    "xmr": "XmR chart (NHS Making Data Count)",
}

CENTRE_LINE_NAMES: dict[str, str] = {"run": "median", "g": "median"}
"""What the centre line is called in words; every other chart has a mean."""

NEEDS_DENOMINATOR = frozenset({"p", "pp", "u", "up"})
NO_RUNS_SIGNAL = frozenset({"mr"})
"""qicharts2 reports runs statistics for MR charts but never signals them (moving ranges are
autocorrelated)."""
