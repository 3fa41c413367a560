"""Rasch calibration (CML) against an independent estimator (MML), closed forms and truth."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize

from trellis.surveys.core import rasch
from trellis.surveys.core.rasch_mml import calibrate_mml

# Agreement tolerances stated in docs/methods/survey-scoring.md §2.4 (N = 4,000, 4 items,
# 5 categories, 10% missing): CML and MML differ by sampling noise only.
RSM_THRESHOLD_TOL = 0.03
PCM_THRESHOLD_TOL = 0.06
DIFFICULTY_TOL = 0.01
TRUTH_TOL = 0.15


def true_thresholds() -> np.ndarray:
    b = np.array([[-1.5, -0.5, 0.3, 1.2]]) + np.array([[-0.5], [0.0], [0.2], [0.3]])
    return b - b.mean()


def simulated(seed: int, n: int = 4000, missing: float = 0.1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    theta = rng.normal(0.3, 1.2, n)
    x = rasch.simulate(theta, true_thresholds(), rng).astype(float)
    x[rng.random(x.shape) < missing] = np.nan
    return x


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_it_agrees_with_mml_for_the_rating_scale_model(seed: int) -> None:
    data = simulated(seed)
    cml = rasch.calibrate(data, model="rsm")
    mml = calibrate_mml(data, model="rsm")
    assert np.abs(cml.thresholds - mml.thresholds).max() < RSM_THRESHOLD_TOL
    assert np.abs(cml.difficulty - mml.difficulty).max() < DIFFICULTY_TOL
    assert np.abs(cml.thresholds - true_thresholds()).max() < TRUTH_TOL


@pytest.mark.parametrize("seed", [0, 1])
def test_it_agrees_with_mml_for_the_partial_credit_model(seed: int) -> None:
    data = simulated(seed)
    cml = rasch.calibrate(data, model="pcm")
    mml = calibrate_mml(data, model="pcm")
    assert np.abs(cml.thresholds - mml.thresholds).max() < PCM_THRESHOLD_TOL
    assert np.abs(cml.difficulty - mml.difficulty).max() < DIFFICULTY_TOL


def test_it_matches_the_closed_form_for_two_dichotomous_items() -> None:
    rng = np.random.default_rng(5)
    theta = rng.normal(0, 1, 3000)
    x = rasch.simulate(theta, np.array([[-0.4], [0.4]]), rng)
    n10 = np.sum((x[:, 0] == 1) & (x[:, 1] == 0))
    n01 = np.sum((x[:, 0] == 0) & (x[:, 1] == 1))
    cal = rasch.calibrate(x)
    assert cal.difficulty[1] - cal.difficulty[0] == pytest.approx(np.log(n10 / n01), abs=1e-6)


def _weighted_log_likelihood(theta: float, row: np.ndarray, b: np.ndarray) -> float:
    """Warm's criterion log L(θ) + ½ log I(θ), written out per item without the library."""
    total = 0.0
    info = 0.0
    for i, x in enumerate(row):
        if np.isnan(x):
            continue
        psi = np.concatenate([[0.0], np.cumsum(b[i])])
        cats = np.arange(psi.size)
        logits = cats * theta - psi
        p = np.exp(logits - logits.max())
        p /= p.sum()
        total += np.log(p[int(x)])
        mean = float(p @ cats)
        info += float(p @ (cats - mean) ** 2)
    return total + 0.5 * np.log(info)


def test_it_gives_warm_estimates_including_finite_extreme_scores() -> None:
    b = true_thresholds()
    rows = np.array(
        [
            [0, 0, 0, 0],
            [0, 1, 0, 0],
            [2, 2, 3, 1],
            [4, 4, 4, 4],
            [4, np.nan, 4, 4],
            [np.nan, 1, np.nan, 3],
        ],
        dtype=float,
    )
    cal = rasch.Calibration("rsm", ("a", "b", "c", "d"), b, 5, "fixed", 0.0, 0)
    measures = rasch.person_measures(rows, cal)
    for row, theta in zip(rows, measures.theta, strict=True):
        best = optimize.minimize_scalar(
            lambda t, r=row: -_weighted_log_likelihood(t, r, b),
            bounds=(-12, 12),
            method="bounded",
            options={"xatol": 1e-10},
        )
        assert theta == pytest.approx(best.x, abs=1e-5)
    assert np.all(np.isfinite(measures.theta))
    assert measures.extreme.tolist() == [True, False, False, True, True, False]
    assert measures.theta[0] < measures.theta[1] < measures.theta[2] < measures.theta[3]


def test_it_leaves_a_respondent_with_no_answers_unmeasured() -> None:
    cal = rasch.calibrate(simulated(0, n=500))
    rows = np.array([[np.nan] * 4, [1, 2, 3, 2]])
    measures = rasch.person_measures(rows, cal)
    assert np.isnan(measures.theta[0])
    assert np.isfinite(measures.theta[1])


def test_it_computes_infit_and_outfit_like_the_textbook_sums() -> None:
    data = simulated(4, n=300)
    cal = rasch.calibrate(data)
    persons = rasch.person_measures(data, cal)
    fit = rasch.item_fit(data, cal, persons)
    b = cal.thresholds
    for i in range(4):
        num = den = z2 = 0.0
        count = 0
        for n, row in enumerate(data):
            if np.isnan(row[i]) or persons.extreme[n] or persons.n_answered[n] == 0:
                continue
            psi = np.concatenate([[0.0], np.cumsum(b[i])])
            cats = np.arange(psi.size)
            p = np.exp(cats * persons.theta[n] - psi)
            p /= p.sum()
            e = p @ cats
            w = p @ (cats - e) ** 2
            num += (row[i] - e) ** 2
            den += w
            z2 += (row[i] - e) ** 2 / w
            count += 1
        assert fit.infit[i] == pytest.approx(num / den, rel=1e-9)
        assert fit.outfit[i] == pytest.approx(z2 / count, rel=1e-9)


def test_it_flags_a_random_item_as_misfitting() -> None:
    data = simulated(6, n=2000, missing=0.0)
    rng = np.random.default_rng(7)
    data[:, 2] = rng.integers(0, 5, data.shape[0])
    cal = rasch.calibrate(data)
    fit = rasch.item_fit(data, cal)
    assert fit.infit[2] > max(np.delete(fit.infit, 2)) + 0.3


def test_it_refuses_an_unobserved_category_in_pcm() -> None:
    data = simulated(0, n=300)
    data[data[:, 0] == 4, 0] = 3
    with pytest.raises(ValueError, match="partial-credit"):
        rasch.calibrate(data, model="pcm")
