"""Reliability against published values: R `attitude` (psych::alpha) and pingouin's datasets."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import optimize

from trellis.surveys.core import reliability as rel

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "surveys"


def attitude() -> np.ndarray:
    return pd.read_csv(FIXTURES / "r_datasets_attitude.csv").iloc[:, 1:].to_numpy(float)


def wide_missing() -> np.ndarray:
    frame = pd.read_csv(FIXTURES / "pingouin_cronbach_wide_missing.csv", encoding="utf-8-sig")
    return frame.to_numpy(float)


def long_data() -> np.ndarray:
    frame = pd.read_csv(FIXTURES / "pingouin_cronbach_alpha_long.csv")
    return frame.pivot(index="Subj", columns="Items", values="Scores").to_numpy(float)


def test_it_reproduces_psych_alpha_on_attitude() -> None:
    result = rel.cronbach_alpha(attitude())
    assert result.alpha == pytest.approx(0.843143, abs=1e-6)
    assert result.standardized_alpha == pytest.approx(0.839084, abs=1e-6)
    # Feldt interval recomputed in survey_measurement.md §3.3 Vector B.
    assert result.ci_low == pytest.approx(0.7394, abs=5e-5)
    assert result.ci_high == pytest.approx(0.9158, abs=5e-5)


def test_it_reproduces_item_rest_and_alpha_if_dropped_on_attitude() -> None:
    stats = rel.item_statistics(attitude())
    r_drop = [0.6713, 0.7421, 0.5607, 0.7144, 0.7863, 0.2650, 0.4608]
    dropped = [0.8098, 0.7969, 0.8278, 0.8030, 0.7954, 0.8639, 0.8405]
    np.testing.assert_allclose(stats.item_rest_r, r_drop, atol=5e-5)
    np.testing.assert_allclose(stats.alpha_if_dropped, dropped, atol=5e-5)


def test_it_matches_item_rest_computed_directly_from_complete_data() -> None:
    data = attitude()
    stats = rel.item_statistics(data)
    for i in range(data.shape[1]):
        rest = np.delete(data, i, axis=1).sum(axis=1)
        assert stats.item_rest_r[i] == pytest.approx(np.corrcoef(data[:, i], rest)[0, 1], abs=1e-12)
        assert stats.alpha_if_dropped[i] == pytest.approx(
            rel.cronbach_alpha(np.delete(data, i, axis=1)).alpha, abs=1e-12
        )


def test_it_reproduces_pingouin_long_format_alpha() -> None:
    result = rel.cronbach_alpha(long_data())
    assert result.alpha == pytest.approx(0.5917188485995826, abs=1e-6)
    # pingouin prints the interval rounded to 3 decimals: [0.195, 0.84].
    assert round(result.ci_low, 3) == 0.195
    assert round(result.ci_high, 3) == 0.840


def test_it_reproduces_pingouin_pairwise_alpha_with_missing_values() -> None:
    result = rel.cronbach_alpha(wide_missing(), nan_policy="pairwise")
    assert result.alpha == pytest.approx(0.732660835214447, abs=1e-6)
    assert (round(result.ci_low, 3), round(result.ci_high, 3)) == (0.435, 0.909)


def test_it_reproduces_pingouin_listwise_alpha_with_missing_values() -> None:
    result = rel.cronbach_alpha(wide_missing(), nan_policy="listwise")
    assert result.alpha == pytest.approx(0.8016949152542373, abs=1e-6)
    assert result.n_respondents == 9
    # pingouin (current docstring) uses the 9 complete rows for the interval: [0.533, 0.947].
    assert (round(result.ci_low, 3), round(result.ci_high, 3)) == (0.533, 0.947)


def test_it_computes_pairwise_covariance_like_pandas() -> None:
    data = wide_missing()
    expected = pd.DataFrame(data).cov().to_numpy()
    np.testing.assert_allclose(rel.covariance_matrix(data), expected, atol=1e-12)


def test_it_finds_the_least_squares_one_factor_loadings() -> None:
    corr = np.corrcoef(attitude(), rowvar=False)
    loadings, _ = rel.one_factor_loadings(corr)
    off = ~np.eye(corr.shape[0], dtype=bool)

    def residual(lam: np.ndarray) -> float:
        return float(np.sum((corr - np.outer(lam, lam))[off] ** 2))

    direct = optimize.minimize(residual, np.full(corr.shape[0], 0.5), method="BFGS", options={"gtol": 1e-12}).x
    np.testing.assert_allclose(loadings, np.abs(direct), atol=1e-5)


def test_it_gives_the_population_omega_for_an_exact_one_factor_matrix() -> None:
    lam = np.array([0.8, 0.7, 0.6, 0.5])
    corr = np.outer(lam, lam)
    np.fill_diagonal(corr, 1.0)
    rng = np.random.default_rng(3)
    chol = np.linalg.cholesky(corr)
    data = rng.standard_normal((200_000, 4)) @ chol.T
    expected = lam.sum() ** 2 / (lam.sum() ** 2 + np.sum(1 - lam**2))
    result = rel.mcdonald_omega(data)
    assert result.omega == pytest.approx(expected, abs=2e-3)
    np.testing.assert_allclose(result.loadings, lam, atol=5e-3)


def test_it_refuses_a_single_item() -> None:
    with pytest.raises(ValueError, match="at least two items"):
        rel.cronbach_alpha(np.ones((5, 1)))
