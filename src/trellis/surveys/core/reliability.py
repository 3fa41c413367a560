"""Classical reliability of a multi-item measure: Cronbach's alpha, its Feldt interval, item-rest
correlations, alpha if an item is dropped, and McDonald's omega from a one-factor model.

Everything works from an item covariance matrix, so missing responses are handled in one place:
``listwise`` drops every respondent with a missing item first; ``pairwise`` (the default, as in
pingouin and ``psych::alpha(use="pairwise")``) estimates each covariance from the respondents who
answered both items. Formulas and sources: docs/methods/survey-scoring.md §1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

FloatArray = npt.NDArray[np.float64]
NanPolicy = Literal["pairwise", "listwise"]

FELDT_DEFAULT_CONFIDENCE = 0.95  # Feldt, Woodruff & Salih (1987); pingouin's default `ci=.95`
OMEGA_MAX_ITERATIONS = 1000
OMEGA_TOLERANCE = 1e-10


@dataclass(frozen=True)
class AlphaResult:
    alpha: float
    standardized_alpha: float
    ci_low: float
    ci_high: float
    n_respondents: int
    n_items: int


@dataclass(frozen=True)
class ItemStatistics:
    item_rest_r: FloatArray
    """Corrected item-total correlation (psych's ``r.drop``): item vs the sum of the other items."""
    alpha_if_dropped: FloatArray


@dataclass(frozen=True)
class OmegaResult:
    omega: float
    loadings: FloatArray
    """Standardized one-factor loadings (minimum residual / unweighted least squares)."""
    iterations: int


def covariance_matrix(data: FloatArray, nan_policy: NanPolicy = "pairwise") -> FloatArray:
    """Sample covariance (ddof=1) of the columns of ``data`` (respondents × items, NaN = missing).

    Pairwise: each covariance uses the respondents who answered both items, with the means taken
    over that same subset (pandas ``DataFrame.cov`` semantics, which pingouin relies on)."""
    x = _rows(data, nan_policy)
    observed = ~np.isnan(x)
    filled = np.where(observed, x, 0.0)
    mask = observed.astype(np.float64)
    pair_n = mask.T @ mask
    sums_given_pair = filled.T @ mask  # [i, j] = sum of item i over rows where j is observed too
    cross = filled.T @ filled
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (cross - sums_given_pair * sums_given_pair.T / pair_n) / (pair_n - 1.0)
    cov[pair_n < 2] = np.nan
    return np.asarray(cov, dtype=np.float64)


def correlation_from_covariance(cov: FloatArray) -> FloatArray:
    sd = np.sqrt(np.diag(cov))
    return np.asarray(cov / np.outer(sd, sd), dtype=np.float64)


def alpha_from_covariance(cov: FloatArray) -> float:
    """α = k/(k−1) · (1 − tr C / ΣC)  (Cronbach 1951)."""
    k = cov.shape[0]
    return float(k / (k - 1.0) * (1.0 - np.trace(cov) / cov.sum()))


def standardized_alpha_from_covariance(cov: FloatArray) -> float:
    """α_std = k·r̄ / (1 + (k−1)·r̄), r̄ the mean inter-item correlation."""
    k = cov.shape[0]
    corr = correlation_from_covariance(cov)
    mean_r = float(corr[~np.eye(k, dtype=bool)].mean())
    return float(k * mean_r / (1.0 + (k - 1.0) * mean_r))


def feldt_interval(
    alpha: float, n_respondents: int, n_items: int, confidence: float = FELDT_DEFAULT_CONFIDENCE
) -> tuple[float, float]:
    """Feldt, Woodruff & Salih (1987): (1−α̂)/(1−α) ~ F(n−1, (n−1)(k−1)), so the interval is
    1 − (1−α̂)·F_{upper/lower quantile}. Same form as pingouin.cronbach_alpha (unrounded here)."""
    tail = 1.0 - confidence
    df1 = n_respondents - 1.0
    df2 = df1 * (n_items - 1.0)
    low = 1.0 - (1.0 - alpha) * float(stats.f.isf(tail / 2.0, df1, df2))
    high = 1.0 - (1.0 - alpha) * float(stats.f.isf(1.0 - tail / 2.0, df1, df2))
    return low, high


def cronbach_alpha(
    data: FloatArray,
    nan_policy: NanPolicy = "pairwise",
    confidence: float = FELDT_DEFAULT_CONFIDENCE,
) -> AlphaResult:
    """Raw and standardized alpha with the Feldt interval. ``n`` for the interval is the number
    of respondents used: all rows with any answer (pairwise) or the complete rows (listwise)."""
    x = _rows(data, nan_policy)
    _require_items(x)
    cov = covariance_matrix(x, "pairwise")
    alpha = alpha_from_covariance(cov)
    n = int(x.shape[0])
    low, high = feldt_interval(alpha, n, x.shape[1], confidence)
    return AlphaResult(
        alpha=alpha,
        standardized_alpha=standardized_alpha_from_covariance(cov),
        ci_low=low,
        ci_high=high,
        n_respondents=n,
        n_items=int(x.shape[1]),
    )


def item_statistics(data: FloatArray, nan_policy: NanPolicy = "pairwise") -> ItemStatistics:
    """Item-rest correlations and alpha-if-dropped, both computed from the covariance matrix so
    that they use the same missing-data handling as alpha:
    r_i,rest = Σ_{j≠i} C_ij / sqrt(C_ii · Σ_{j,l≠i} C_jl)."""
    cov = covariance_matrix(data, nan_policy)
    _require_items(cov)
    k = cov.shape[0]
    total = cov.sum()
    row = cov.sum(axis=1)
    diag = np.diag(cov)
    rest_var = total - 2.0 * row + diag
    item_rest = (row - diag) / np.sqrt(diag * rest_var)
    rest_trace = np.trace(cov) - diag
    kd = k - 1.0
    alpha_dropped = kd / (kd - 1.0) * (1.0 - rest_trace / rest_var) if k > 2 else np.full(k, np.nan)
    return ItemStatistics(
        item_rest_r=np.asarray(item_rest, dtype=np.float64),
        alpha_if_dropped=np.asarray(alpha_dropped, dtype=np.float64),
    )


def one_factor_loadings(corr: FloatArray) -> tuple[FloatArray, int]:
    """Minimum-residual (unweighted least squares) one-factor loadings by iterated principal-axis
    factoring: put communalities on the diagonal, take the first eigenpair, repeat until the
    communalities stop changing (Harman 1976 ch. 8; the fixed point minimises Σ_{i≠j}(r_ij−λ_iλ_j)²,
    which is what psych::fa(fm="minres") minimises). Starts from squared multiple correlations."""
    k = corr.shape[0]
    try:
        smc = 1.0 - 1.0 / np.diag(np.linalg.inv(corr))
    except np.linalg.LinAlgError:
        smc = np.full(k, 0.5)
    communality = np.clip(smc, 0.05, 0.995)
    loadings = np.zeros(k)
    iterations = 0
    for iterations in range(1, OMEGA_MAX_ITERATIONS + 1):  # noqa: B007 - reported
        reduced = corr.copy()
        reduced[np.diag_indices(k)] = communality
        values, vectors = np.linalg.eigh(reduced)
        loadings = vectors[:, -1] * np.sqrt(max(values[-1], 0.0))
        new = np.minimum(loadings**2, 1.0)
        if np.max(np.abs(new - communality)) < OMEGA_TOLERANCE:
            communality = new
            break
        communality = new
    if loadings.sum() < 0:
        loadings = -loadings
    return np.asarray(loadings, dtype=np.float64), iterations


def mcdonald_omega(data: FloatArray, nan_policy: NanPolicy = "pairwise") -> OmegaResult:
    """ω = (Σλ)² / ((Σλ)² + Σ(1−λ²))  (McDonald 1999, eq. 6.20b), λ the standardized one-factor
    loadings from :func:`one_factor_loadings` on the (pairwise or listwise) correlation matrix."""
    corr = correlation_from_covariance(covariance_matrix(data, nan_policy))
    _require_items(corr)
    loadings, iterations = one_factor_loadings(corr)
    common = loadings.sum() ** 2
    unique = float(np.sum(1.0 - loadings**2))
    return OmegaResult(omega=float(common / (common + unique)), loadings=loadings, iterations=iterations)


def _rows(data: FloatArray, nan_policy: NanPolicy) -> FloatArray:
    x = np.asarray(data, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError("expected a respondents × items matrix")
    if nan_policy == "listwise":
        return x[~np.isnan(x).any(axis=1)]
    if nan_policy != "pairwise":
        raise ValueError(f"nan_policy must be 'pairwise' or 'listwise', not {nan_policy!r}")
    return x[~np.isnan(x).all(axis=1)]


def _require_items(x: FloatArray) -> None:
    if x.shape[1] < 2:
        raise ValueError("reliability needs at least two items")
