"""Rasch rating-scale and partial-credit models: calibration by conditional maximum likelihood
(CML), anchored person measures by Warm's weighted likelihood (WLE), and infit/outfit.

Notation (docs/methods/survey-scoring.md §2): responses x = 0..m; item i has absolute thresholds
b_i1..b_im (for the rating-scale model b_ik = δ_i + τ_k with Σ_k τ_k = 0); ψ_i(x) = Σ_{k≤x} b_ik and

    P(X_i = x | θ) = exp(xθ − ψ_i(x)) / Σ_y exp(yθ − ψ_i(y)).

Why CML: staff-survey measures have three or four items, where joint maximum likelihood (JMLE)
is badly biased (its (L−1)/L correction is only exact for long dichotomous tests) while CML is
consistent whatever the distribution of θ (Andersen 1973), needs no normal-population assumption
(unlike MML), and every statistic it needs is a count per (missing-data pattern, raw score), so a
statewide wave of 300,000 respondents reduces to a few hundred rows per measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import optimize

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Model = Literal["rsm", "pcm"]

WLE_BRACKET = 12.0  # logits; WLE roots of 3–60 item Likert scales lie well inside ±12
WLE_BISECTIONS = 80  # 24 / 2**80 is far below float precision
CML_GRADIENT_TOLERANCE = 1e-9
MISSING = -1


@dataclass(frozen=True)
class Calibration:
    """Anchored item parameters of one measure (identified by mean item difficulty = 0)."""

    model: Model
    item_ids: tuple[str, ...]
    thresholds: FloatArray
    """(items, m) absolute thresholds b_ik in logits."""
    n_categories: int
    method: str
    log_likelihood: float
    n_respondents: int

    @property
    def difficulty(self) -> FloatArray:
        """δ_i, the mean of item i's thresholds (the rating-scale model's item location)."""
        return np.asarray(self.thresholds.mean(axis=1), dtype=np.float64)

    @property
    def tau(self) -> FloatArray:
        """Andrich thresholds τ_k (RSM: shared by items; PCM: averaged over items)."""
        return np.asarray((self.thresholds - self.difficulty[:, None]).mean(axis=0), dtype=np.float64)


@dataclass(frozen=True)
class PersonMeasures:
    theta: FloatArray
    """WLE person measure in logits; NaN for a respondent with no answered item."""
    se: FloatArray
    raw_score: IntArray
    max_score: IntArray
    n_answered: IntArray

    @property
    def extreme(self) -> npt.NDArray[np.bool_]:
        extreme = (self.raw_score == 0) | (self.raw_score == self.max_score)
        return np.asarray((self.n_answered > 0) & extreme, dtype=np.bool_)


@dataclass(frozen=True)
class ItemFit:
    infit: FloatArray
    outfit: FloatArray
    n: IntArray


# ---------------------------------------------------------------------------------------------
# Input preparation


def as_responses(data: npt.ArrayLike, n_categories: int | None = None) -> tuple[IntArray, int]:
    """Turn a respondents × items matrix of category indices 0..m (NaN or negative = missing)
    into an int matrix with MISSING for gaps; return it with the number of categories."""
    x = np.asarray(data, dtype=np.float64)
    missing = np.isnan(x) | (x < 0)
    filled = np.where(missing, MISSING, x)
    if np.any((filled != np.round(filled)) & ~missing):
        raise ValueError("Rasch responses must be whole category numbers")
    out = filled.astype(np.int64)
    top = int(out.max()) if out.size else 0
    m_plus_1 = n_categories if n_categories is not None else top + 1
    if top >= m_plus_1:
        raise ValueError(f"a response of {top} is outside categories 0..{m_plus_1 - 1}")
    return out, m_plus_1


@dataclass(frozen=True)
class _ScoreTable:
    """Counts per (pattern of answered items, raw score), plus item × category counts."""

    patterns: npt.NDArray[np.bool_]  # (P, L) answered-item masks
    counts: FloatArray  # (P, R+1) respondents with raw score r in pattern p
    category_counts: FloatArray  # (L, m+1)
    person_pattern: IntArray  # (N,) pattern row of each respondent (-1 = nothing answered)
    person_score: IntArray  # (N,)


def _pattern_codes(answered: npt.NDArray[np.bool_]) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """A compact integer per answered-item pattern (bit codes, or row ranks for very long
    tests) and the distinct patterns in code order."""
    n_items = answered.shape[1]
    if n_items <= 62:
        weights = np.left_shift(np.int64(1), np.arange(n_items, dtype=np.int64))
        raw = answered.astype(np.int64) @ weights
        distinct, codes = np.unique(raw, return_inverse=True)
        patterns = ((distinct[:, None] >> np.arange(n_items)) & 1).astype(bool)
        return codes.ravel().astype(np.int64), patterns
    patterns, codes = np.unique(answered, axis=0, return_inverse=True)
    return codes.ravel().astype(np.int64), patterns


def _score_table(x: IntArray, m_plus_1: int) -> _ScoreTable:
    n, n_items = x.shape
    answered = x != MISSING
    keep = answered.any(axis=1)
    codes, patterns = _pattern_codes(answered[keep])
    score = np.where(answered, x, 0).sum(axis=1)
    max_r = (m_plus_1 - 1) * n_items
    counts = np.bincount(codes * (max_r + 1) + score[keep], minlength=patterns.shape[0] * (max_r + 1)).astype(
        np.float64
    )
    counts = counts.reshape(patterns.shape[0], max_r + 1)
    category_counts = np.zeros((n_items, m_plus_1))
    for i in range(n_items):
        category_counts[i] = np.bincount(x[answered[:, i], i], minlength=m_plus_1)
    person_pattern = np.full(n, -1, dtype=np.int64)
    person_pattern[keep] = codes
    return _ScoreTable(patterns, counts, category_counts, person_pattern, score.astype(np.int64))


# ---------------------------------------------------------------------------------------------
# Parameterisation: thresholds are linear in a free vector q (sum-to-zero identification)


def _design(model: Model, n_items: int, m: int) -> FloatArray:
    """Matrix D with vec(b) = D @ q (row-major b of shape (L, m))."""
    if model == "rsm":
        delta = np.vstack([np.eye(n_items - 1), -np.ones((1, n_items - 1))])  # Σδ = 0
        tau = np.vstack([np.eye(m - 1), -np.ones((1, m - 1))]) if m > 1 else np.zeros((1, 0))
        d_delta = np.repeat(delta, m, axis=0)  # row (i, k) -> δ_i
        d_tau = np.tile(tau, (n_items, 1))  # row (i, k) -> τ_k
        return np.asarray(np.hstack([d_delta, d_tau]), dtype=np.float64)
    if model == "pcm":
        size = n_items * m
        return np.asarray(np.vstack([np.eye(size - 1), -np.ones((1, size - 1))]), dtype=np.float64)
    raise ValueError(f"unknown Rasch model {model!r}; use 'rsm' or 'pcm'")


def _psi(thresholds: FloatArray) -> FloatArray:
    """ψ_i(x) = Σ_{k≤x} b_ik, shape (L, m+1) with ψ_i(0) = 0."""
    return np.hstack([np.zeros((thresholds.shape[0], 1)), np.cumsum(thresholds, axis=1)])


# ---------------------------------------------------------------------------------------------
# Conditional maximum likelihood


def _poly_product(polys: list[FloatArray], length: int) -> FloatArray:
    out = np.zeros(length)
    out[0] = 1.0
    size = 1
    for p in polys:
        new = np.convolve(out[:size], p)
        size = new.size
        out[:size] = new
    return out


def _cml_value_and_gradient(psi: FloatArray, table: _ScoreTable) -> tuple[float, FloatArray]:
    """Negative conditional log-likelihood and its gradient with respect to ψ (L, m+1).

    log L = −Σ_i Σ_x c_ix ψ_i(x) − Σ_{O,r} n_{O,r} log γ_r(O), where γ_r(O) is the coefficient
    of z^r in Π_{i∈O} Σ_x exp(−ψ_i(x)) z^x (the polytomous elementary symmetric function;
    Andersen 1973, Fischer & Molenaar 1995 ch. 15). ∂/∂ψ_i(x) of the second term is the
    expected count n_{O,r}·P(x_i = x | r, O) = n_{O,r}·ε_ix γ_{r−x}(O∖i) / γ_r(O)."""
    m_plus_1 = psi.shape[1]
    shift = psi.min(axis=1, keepdims=True)  # scale each item polynomial for stability
    eps = np.exp(-(psi - shift))
    log_scale = -shift[:, 0]
    value = float(np.sum(table.category_counts * psi))
    grad = table.category_counts.copy()
    for p, mask in enumerate(table.patterns):
        counts = table.counts[p]
        items = np.flatnonzero(mask)
        polys = [eps[i] for i in items]
        length = (m_plus_1 - 1) * items.size + 1
        gamma = _poly_product(polys, length)
        n_r = counts[:length]
        used = n_r > 0
        value += float(np.sum(n_r[used] * (np.log(gamma[used]) + log_scale[items].sum())))
        weights = np.where(used, n_r / np.where(used, gamma, 1.0), 0.0)
        # Leave-one-out products via prefix and suffix products.
        prefix = [np.ones(1)]
        for poly in polys[:-1]:
            prefix.append(np.convolve(prefix[-1], poly))
        suffix = [np.ones(1)]
        for poly in reversed(polys[1:]):
            suffix.append(np.convolve(suffix[-1], poly))
        suffix.reverse()
        for j, i in enumerate(items):
            without = np.convolve(prefix[j], suffix[j])  # γ(O∖i), length − m
            # expected[x] = ε_ix Σ_r weights[r] γ_{r−x}(O∖i)
            corr = np.correlate(weights, without, mode="valid")[:m_plus_1]
            grad[i] -= eps[i] * corr
    return value, grad


def _check_categories(table: _ScoreTable, model: Model) -> None:
    seen = table.category_counts > 0
    if model == "pcm":
        bad = np.argwhere(~seen)
        if bad.size:
            i, x = bad[0]
            raise ValueError(
                f"item {i} has no response in category {x}; the partial-credit "
                "model cannot estimate its threshold (use the rating-scale model "
                "or collapse categories)"
            )
    elif not seen.any(axis=0).all():
        x = int(np.flatnonzero(~seen.any(axis=0))[0])
        raise ValueError(f"no response in category {x} on any item; collapse categories")


def calibrate(
    data: npt.ArrayLike,
    item_ids: list[str] | tuple[str, ...] | None = None,
    model: Model = "rsm",
    n_categories: int | None = None,
) -> Calibration:
    """Estimate item thresholds by CML. ``data``: respondents × items, categories 0..m,
    NaN/negative = missing. Respondents with extreme or no scores carry no conditional information
    and drop out of the likelihood automatically."""
    x, m_plus_1 = as_responses(data, n_categories)
    n_items = x.shape[1]
    if n_items < 2:
        raise ValueError("a Rasch measure needs at least two items")
    m = m_plus_1 - 1
    table = _score_table(x, m_plus_1)
    _check_categories(table, model)
    design = _design(model, n_items, m)

    def objective(q: FloatArray) -> tuple[float, FloatArray]:
        b = (design @ q).reshape(n_items, m)
        value, g_psi = _cml_value_and_gradient(_psi(b), table)
        # ∂ψ_i(x)/∂b_ik = 1{k ≤ x}: reverse cumulative sum over x, dropping x = 0.
        g_b = np.cumsum(g_psi[:, ::-1], axis=1)[:, ::-1][:, 1:]
        return value, design.T @ g_b.ravel()

    start = np.zeros(design.shape[1])
    result = optimize.minimize(
        objective,
        start,
        jac=True,
        method="BFGS",
        options={"gtol": CML_GRADIENT_TOLERANCE, "maxiter": 2000},
    )
    thresholds = (design @ result.x).reshape(n_items, m)
    ids = tuple(item_ids) if item_ids is not None else tuple(str(i) for i in range(n_items))
    return Calibration(
        model=model,
        item_ids=ids,
        thresholds=thresholds,
        n_categories=m_plus_1,
        method="cml",
        log_likelihood=-float(result.fun),
        n_respondents=int((table.person_pattern >= 0).sum()),
    )


# ---------------------------------------------------------------------------------------------
# Model moments and person measures


def category_probabilities(theta: FloatArray, thresholds: FloatArray) -> FloatArray:
    """P(X_i = x | θ) with shape (len(θ), L, m+1)."""
    psi = _psi(thresholds)
    x = np.arange(psi.shape[1], dtype=np.float64)
    logits = theta[:, None, None] * x[None, None, :] - psi[None, :, :]
    logits -= logits.max(axis=2, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=2, keepdims=True)
    return np.asarray(p, dtype=np.float64)


def _moments(theta: FloatArray, thresholds: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Expected score, variance and third central moment per (θ, item)."""
    p = category_probabilities(theta, thresholds)
    x = np.arange(p.shape[2], dtype=np.float64)
    mean = p @ x
    dev = x[None, None, :] - mean[:, :, None]
    var = np.sum(p * dev**2, axis=2)
    third = np.sum(p * dev**3, axis=2)
    return mean, var, third


def _wle(scores: FloatArray, patterns: npt.NDArray[np.bool_], thresholds: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Solve Warm's (1989) WLE equation r − Σ_i E_i(θ) + J(θ)/(2I(θ)) = 0 for each
    (pattern, score) row, I = Σ Var_i, J = Σ third central moment_i, by vectorised bisection.
    The left side falls from +m/2·(…) to −…, so the root is unique and finite even for the
    lowest and highest raw scores, which is how extreme scores get sensible measures."""
    low = np.full(scores.shape, -WLE_BRACKET)
    high = np.full(scores.shape, WLE_BRACKET)
    mask = patterns.astype(np.float64)

    def equation(theta: FloatArray) -> tuple[FloatArray, FloatArray]:
        mean, var, third = _moments(theta, thresholds)
        info = np.sum(var * mask, axis=1)
        j = np.sum(third * mask, axis=1)
        return scores - np.sum(mean * mask, axis=1) + j / (2.0 * info), info

    for _ in range(WLE_BISECTIONS):
        mid = 0.5 * (low + high)
        value, _info = equation(mid)
        up = value > 0
        low = np.where(up, mid, low)
        high = np.where(up, high, mid)
    theta = 0.5 * (low + high)
    _value, info = equation(theta)
    return theta, 1.0 / np.sqrt(info)


def person_measures(data: npt.ArrayLike, calibration: Calibration) -> PersonMeasures:
    """WLE person measures with the calibration's item parameters held fixed (anchored)."""
    x, _ = as_responses(data, calibration.n_categories)
    if x.shape[1] != calibration.thresholds.shape[0]:
        raise ValueError("the response matrix and the calibration have different item counts")
    m = calibration.n_categories - 1
    answered = x != MISSING
    n_answered = answered.sum(axis=1)
    score = np.where(answered, x, 0).sum(axis=1)
    keep = n_answered > 0
    codes, patterns = _pattern_codes(answered[keep])
    span = m * x.shape[1] + 1
    unique_keys, inverse = np.unique(codes * span + score[keep], return_inverse=True)
    theta_u, se_u = _wle(
        (unique_keys % span).astype(np.float64),
        patterns[unique_keys // span],
        calibration.thresholds,
    )
    theta = np.full(x.shape[0], np.nan)
    se = np.full(x.shape[0], np.nan)
    theta[keep] = theta_u[inverse.ravel()]
    se[keep] = se_u[inverse.ravel()]
    return PersonMeasures(
        theta=theta,
        se=se,
        raw_score=score.astype(np.int64),
        max_score=(n_answered * m).astype(np.int64),
        n_answered=n_answered.astype(np.int64),
    )


def item_fit(data: npt.ArrayLike, calibration: Calibration, persons: PersonMeasures | None = None) -> ItemFit:
    """Infit and outfit mean-squares per item (Wright & Masters 1982, ch. 5):
    outfit_i = mean_n z_ni², infit_i = Σ_n (x_ni − E_ni)² / Σ_n W_ni, with z = (x − E)/√W.
    Respondents with extreme scores are left out, as in Winsteps, because their residuals carry
    no information about misfit."""
    x, _ = as_responses(data, calibration.n_categories)
    persons = persons if persons is not None else person_measures(x, calibration)
    use = (persons.n_answered > 0) & ~persons.extreme
    xs = x[use]
    answered = xs != MISSING
    # θ takes one value per (pattern, raw score), so the model moments are computed once per
    # distinct θ and gathered.
    distinct, inverse = np.unique(persons.theta[use], return_inverse=True)
    mean_u, var_u, _third = _moments(distinct, calibration.thresholds)
    mean, var = mean_u[inverse.ravel()], var_u[inverse.ravel()]
    resid2 = np.where(answered, (xs - mean) ** 2, 0.0)
    w = np.where(answered, var, 0.0)
    n = answered.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        outfit = np.sum(np.where(answered, resid2 / np.where(answered, var, 1.0), 0.0), axis=0) / n
        infit = resid2.sum(axis=0) / w.sum(axis=0)
    return ItemFit(
        infit=np.asarray(infit, dtype=np.float64),
        outfit=np.asarray(outfit, dtype=np.float64),
        n=n.astype(np.int64),
    )


def simulate(theta: FloatArray, thresholds: FloatArray, rng: np.random.Generator) -> IntArray:
    """Draw responses from the model (used by tests and the benchmark)."""
    p = category_probabilities(theta, thresholds)
    cum = np.cumsum(p, axis=2)
    u = rng.random(p.shape[:2])
    return np.asarray((u[:, :, None] > cum).sum(axis=2), dtype=np.int64)
