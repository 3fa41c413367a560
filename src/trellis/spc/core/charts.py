"""Centre lines and limits, one small function per chart type, registered in `CHARTS`.

Each function receives one part of one series (`PartData`) and returns its `ChartLines`.
Formulas and their treatment of missing values follow qicharts2 0.8.1 (`qic.<type>` in
`R/helper.functions.R`), so the results can be checked against qicharts2's own references; the
sources are cited beside each formula and collected in docs/methods/spc.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln

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
    """One part (phase) of a series, aggregated to one row per subgroup."""

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


def _mean(values: Array) -> float:
    finite = values[~np.isnan(values)]
    return float(finite.mean()) if finite.size else math.nan


def _nansum(values: Array) -> float:
    return float(np.nansum(values))


def _full(size: int, value: float) -> Array:
    return np.full(size, value, dtype=np.float64)


def _around(cl: Array, sigma: Array | float) -> ChartLines:
    """CL +/- 3 sigma and +/- 2 sigma, with no clamping."""
    return ChartLines(
        y=cl,  # replaced by the caller
        cl=cl,
        lcl=cl - SIGMA_LIMIT * sigma,
        ucl=cl + SIGMA_LIMIT * sigma,
        lcl_95=cl - SIGMA_INNER * sigma,
        ucl_95=cl + SIGMA_INNER * sigma,
    )


def _lines(y: Array, cl: Array, sigma: Array | float, *, floor: bool, ceiling: bool) -> ChartLines:
    """Assemble the lines; clamp finite lower limits at 0 and upper limits at 1 when asked."""
    lines = _around(cl, sigma)
    lcl, lcl_95, ucl, ucl_95 = lines.lcl, lines.lcl_95, lines.ucl, lines.ucl_95
    with np.errstate(invalid="ignore"):
        if floor:
            lcl = np.where(np.isfinite(lcl) & (lcl < 0), 0.0, lcl)
            lcl_95 = np.where(np.isfinite(lcl_95) & (lcl_95 < 0), 0.0, lcl_95)
        if ceiling:
            ucl = np.where(np.isfinite(ucl) & (ucl > 1), 1.0, ucl)
            ucl_95 = np.where(np.isfinite(ucl_95) & (ucl_95 > 1), 1.0, ucl_95)
    return ChartLines(y, cl, lcl, ucl, lcl_95, ucl_95)


def average_moving_range(values: Array, *, screen: bool, screen_limit: float = D4_N2) -> float:
    """Mean of |diff(values)|, optionally after dropping ranges >= limit * mean (Nelson 1982).

    Missing values make their moving ranges missing; they are ignored, not bridged.
    """
    ranges = np.abs(np.diff(values))
    amr = _mean(ranges)
    if screen:
        with np.errstate(invalid="ignore"):
            amr = _mean(ranges[ranges < screen_limit * amr])
    return amr


# --- c4-based constants for subgroup standard deviations (Montgomery, Appendix VI) ---------


def c4(size: Array) -> Array:
    """c4(n) = sqrt(2 / (n - 1)) * Gamma(n / 2) / Gamma((n - 1) / 2); NaN for n <= 1."""
    n = np.where(size > 1, size, np.nan)
    with np.errstate(invalid="ignore"):
        return np.asarray(np.sqrt(2 / (n - 1)) * np.exp(gammaln(n / 2) - gammaln((n - 1) / 2)))


def _a3(size: Array, sigmas: float) -> Array:
    """A3 = k / (c4 sqrt(n)): Xbar limits from the mean subgroup SD (Montgomery 6.29)."""
    return np.asarray(sigmas / (c4(size) * np.sqrt(np.where(size > 1, size, np.nan))))


def _b3_b4(size: Array, sigmas: float) -> tuple[Array, Array]:
    """B3 = max(0, 1 - k c5 / c4) and B4 = 1 + k c5 / c4, with c5 = sqrt(1 - c4^2)."""
    c4n = c4(size)
    ratio = np.sqrt(1 - c4n**2) / c4n
    # np.maximum keeps NaN for n <= 1, as R's pmax does.
    return np.maximum(0.0, 1 - sigmas * ratio), 1 + sigmas * ratio


def _subgroup_sd(part: PartData) -> float:
    """Mean subgroup SD when all subgroup sizes in the part are equal, else the pooled SD.

    Montgomery 6.29 / 6.31.  As in qicharts2, equality is checked over every subgroup of the
    part and the pooled denominator sums (n_i - 1) over baseline subgroups, missing SDs included.
    """
    base = part.base
    if np.unique(part.y_len).size > 1:
        num = _nansum((part.y_len[base] - 1) * part.y_sd[base] ** 2)
        return math.sqrt(num / _nansum(part.y_len[base] - 1))
    return _mean(part.y_sd[base])


# --- the chart functions ---------------------------------------------------------------------


def chart_run(part: PartData) -> ChartLines:
    """Run chart: the centre line is the baseline median; there are no limits."""
    size = part.y.size
    finite = part.y[part.base][~np.isnan(part.y[part.base])]
    cl = _full(size, float(np.median(finite)) if finite.size else math.nan)
    nan = _full(size, math.nan)
    return ChartLines(part.y, cl, nan, nan, nan, nan)


def chart_i(part: PartData) -> ChartLines:
    """Individuals: CL = mean, sigma = AMR / d2 (Montgomery 6.33), screened MRs (Nelson 1982)."""
    base_y = part.y[part.base]
    cl = _full(part.y.size, _mean(base_y))
    sigma = average_moving_range(base_y, screen=part.screen_mr) / D2_N2
    return _lines(part.y, cl, sigma, floor=False, ceiling=False)


def chart_mr(part: PartData) -> ChartLines:
    """Moving ranges: CL = mean MR, UCL = D4 * CL, LCL = 0 (Montgomery 6.33)."""
    y = np.r_[math.nan, np.abs(np.diff(part.y))]
    cl = _full(y.size, _mean(y[part.base]))
    zero = _full(y.size, 0.0)
    return ChartLines(y, cl, zero, D4_N2 * cl, zero, (D4_N2 / SIGMA_LIMIT) * SIGMA_INNER * cl)


def chart_xbar(part: PartData) -> ChartLines:
    """Xbar: CL = size-weighted grand mean (Montgomery 6.30), limits CL +/- A3 * s-bar."""
    base = part.base
    cl_value = _nansum(part.y_len[base] * part.y_mean[base]) / _nansum(part.y_len[base])
    cl = _full(part.y.size, cl_value)
    sbar = _subgroup_sd(part)
    a3 = _a3(part.y_len, SIGMA_LIMIT) * sbar
    a3_inner = _a3(part.y_len, SIGMA_INNER) * sbar
    return ChartLines(part.y_mean, cl, cl - a3, cl + a3, cl - a3_inner, cl + a3_inner)


def chart_s(part: PartData) -> ChartLines:
    """S: CL = s-bar (Montgomery 6.29 or pooled 6.31), limits B3 * CL and B4 * CL."""
    cl = _full(part.y.size, _subgroup_sd(part))
    b3, b4 = _b3_b4(part.y_len, SIGMA_LIMIT)
    b3_inner, b4_inner = _b3_b4(part.y_len, SIGMA_INNER)
    return ChartLines(part.y_sd, cl, b3 * cl, b4 * cl, b3_inner * cl, b4_inner * cl)


def _pooled_rate(part: PartData) -> Array:
    """p-bar or u-bar: sum of counts over sum of denominators in the baseline."""
    value = _nansum(part.y_sum[part.base]) / _nansum(part.n[part.base])
    return _full(part.y.size, value)


def chart_p(part: PartData) -> ChartLines:
    """Proportions: sigma_i = sqrt(p(1 - p) / n_i), limits clamped to [0, 1] (Montgomery 7.7)."""
    cl = _pooled_rate(part)
    with np.errstate(invalid="ignore", divide="ignore"):
        sigma = np.sqrt(cl * (1 - cl) / part.n)
    return _lines(part.y, cl, sigma, floor=True, ceiling=True)


def _laney_sigma_z(part: PartData, cl: Array, sigma: Array) -> float:
    """Laney (2002) between-subgroup inflation: the spread of z_i = (y_i - CL) / sigma_i.

    Time-ordered x: AMR(z) / d2 with screened MRs; categorical x (funnel plots): sd(z).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (part.y[part.base] - cl[part.base]) / sigma[part.base]
    if part.categorical:
        return float(np.std(z, ddof=1)) if z.size > 1 else math.nan
    return average_moving_range(z, screen=part.screen_mr) / D2_N2


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
    cl = _full(y.size, _mean(y[part.base]))
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
    mean = _full(part.y.size, _mean(part.y[part.base]))
    lines = _lines(part.y, mean, np.sqrt(mean * (mean + 1)), floor=True, ceiling=False)
    median = chart_run(part).cl
    return ChartLines(lines.y, median, lines.lcl, lines.ucl, lines.lcl_95, lines.ucl_95)


def chart_t(part: PartData) -> ChartLines:
    """Time between events: an I chart of y ** (1 / 3.6), back-transformed (Nelson 1994)."""
    if np.nanmin(part.y) <= 0:
        raise ValueError("a T chart needs times between events greater than zero")
    root = PartData(
        part.y ** (1 / T_CHART_POWER), part.y_sum, part.y_len, part.y_mean, part.y_sd, part.n,
        part.base, part.categorical, part.screen_mr,
    )
    lines = chart_i(root)
    with np.errstate(invalid="ignore"):
        lcl = lines.lcl**T_CHART_POWER
        lcl = np.where(np.isnan(lcl) | (lcl < 0), 0.0, lcl)
        return ChartLines(
            part.y, lines.cl**T_CHART_POWER, lcl, lines.ucl**T_CHART_POWER,
            lines.lcl_95**T_CHART_POWER, lines.ucl_95**T_CHART_POWER,
        )


def chart_ip(part: PartData) -> ChartLines:
    """Taylor's I' (normalized individuals) chart for values with unequal denominators.

    CL = sum(y n) / sum(n); s_i = sqrt(pi/2) |y_i - y_(i-1)| / sqrt(1/n_(i-1) + 1/n_i) over
    all points of the part; sigma_i = mean(s) / sqrt(n_i) (qicharts2 0.8.0 `qic.ip`).
    """
    n = part.n if not np.all(np.isnan(part.n)) else part.y_len
    base = part.base
    cl = _full(part.y.size, _nansum(part.y[base] * n[base]) / _nansum(n[base]))
    with np.errstate(invalid="ignore", divide="ignore"):
        s = IPRIME_SCALE * np.abs(np.diff(part.y)) / np.sqrt(1 / n[:-1] + 1 / n[1:])
        if part.screen_mr:
            s = s[s < D4_N2_IPRIME * _mean(s)]
        sigma = _mean(s) * np.sqrt(1 / n)
    return _lines(part.y, cl, sigma, floor=False, ceiling=False)


def chart_xmr(part: PartData) -> ChartLines:
    """NHS Making Data Count XmR as NHSRplotthedots 0.2.2: mean +/- 2.66 AMR, "near" limits
    at 2/3 of that, MRs >= 3.267 AMR screened out when asked (`R/ptd_spc_standard.R`)."""
    base_y = part.y[part.base]
    cl = _full(part.y.size, _mean(base_y))
    amr = average_moving_range(base_y, screen=part.screen_mr)
    near = MDC_NEAR_FRACTION * MDC_LIMIT * amr
    return ChartLines(
        part.y, cl, cl - MDC_LIMIT * amr, cl + MDC_LIMIT * amr, cl - near, cl + near
    )


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
