"""A second, independent Rasch estimator: marginal maximum likelihood (MML) with a normal person
distribution integrated by Gauss–Hermite quadrature (Bock & Aitkin 1981).

It shares no likelihood code with the CML estimator in :mod:`rasch`: CML conditions θ away with
elementary symmetric functions, MML integrates θ out numerically. Both are consistent when the
persons really are normal, so their agreement checks the implementation (docs §2.4).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numpy.polynomial.hermite_e import hermegauss
from scipy import optimize
from scipy.special import logsumexp

from trellis.surveys.core.rasch import MISSING, Calibration, Model, as_responses

QUADRATURE_POINTS = 61  # ample for a N(μ, σ²) population with σ ≤ 3 logits


def calibrate_mml(
    data: npt.ArrayLike,
    item_ids: list[str] | tuple[str, ...] | None = None,
    model: Model = "rsm",
    n_categories: int | None = None,
) -> Calibration:
    """MML estimates of the same thresholds, identified the same way (mean item difficulty 0),
    with the population mean and log-SD estimated alongside."""
    x, m_plus_1 = as_responses(data, n_categories)
    n_items = x.shape[1]
    m = m_plus_1 - 1
    answered = x != MISSING
    keep = answered.any(axis=1)
    x, answered = x[keep], answered[keep]
    # Sufficient statistics under the Rasch family: counts per (answered pattern, raw score)
    # and item-category counts.
    score = np.where(answered, x, 0).sum(axis=1)
    rows = np.column_stack([answered.astype(np.int64), score])
    groups, group_counts = np.unique(rows, axis=0, return_counts=True)
    group_mask = groups[:, :-1].astype(np.float64)
    group_score = groups[:, -1].astype(np.float64)
    cat_counts = np.zeros((n_items, m_plus_1))
    for i in range(n_items):
        cat_counts[i] = np.bincount(x[answered[:, i], i], minlength=m_plus_1)
    nodes, weights = hermegauss(QUADRATURE_POINTS)
    log_w = np.log(weights / weights.sum())
    cats = np.arange(m_plus_1, dtype=np.float64)

    def unpack(params: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], float, float]:
        if model == "rsm":
            delta = np.append(params[: n_items - 1], -params[: n_items - 1].sum())
            tau_free = params[n_items - 1 : n_items - 1 + m - 1]
            tau = np.append(tau_free, -tau_free.sum())
            b = delta[:, None] + tau[None, :]
            rest = params[n_items - 1 + m - 1 :]
        else:
            size = n_items * m
            flat = np.append(params[: size - 1], -params[: size - 1].sum())
            b = flat.reshape(n_items, m)
            rest = params[size - 1 :]
        return b, float(rest[0]), float(rest[1])

    def negative_log_likelihood(params: npt.NDArray[np.float64]) -> float:
        b, mu, log_sigma = unpack(params)
        psi = np.hstack([np.zeros((n_items, 1)), np.cumsum(b, axis=1)])
        theta = mu + np.exp(log_sigma) * nodes  # (Q,)
        # log Σ_y exp(yθ − ψ_i(y)) for every node and item: (Q, L)
        log_norm = logsumexp(theta[:, None, None] * cats[None, None, :] - psi[None, :, :], axis=2)
        # log P(pattern | θ_q) without the θ-free term: rθ − Σ_{i∈O} log norm_i(θ)
        log_pattern = group_score[:, None] * theta[None, :] - group_mask @ log_norm.T
        marginal = logsumexp(log_pattern + log_w[None, :], axis=1)
        return float(np.sum(cat_counts * psi) - np.sum(group_counts * marginal))

    size = (n_items - 1 + m - 1) if model == "rsm" else (n_items * m - 1)
    start = np.zeros(size + 2)
    result = optimize.minimize(negative_log_likelihood, start, method="BFGS", options={"gtol": 1e-7, "maxiter": 5000})
    b, _mu, _log_sigma = unpack(result.x)
    ids = tuple(item_ids) if item_ids is not None else tuple(str(i) for i in range(n_items))
    return Calibration(
        model=model,
        item_ids=ids,
        thresholds=b,
        n_categories=m_plus_1,
        method="mml",
        log_likelihood=-float(result.fun),
        n_respondents=int(keep.sum()),
    )
