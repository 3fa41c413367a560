"""Reliability and Rasch fit per measure and wave: the psychometric check on each scale."""

from __future__ import annotations

import numpy as np
import polars as pl

from trellis.surveys.core import rasch
from trellis.surveys.core.reliability import (
    NanPolicy,
    cronbach_alpha,
    item_statistics,
    mcdonald_omega,
)
from trellis.surveys.core.scale import Benchmark, Instrument
from trellis.surveys.core.scoring import _with_wave, item_matrix


def measure_quality(
    responses: pl.DataFrame,
    instrument: Instrument,
    benchmark: Benchmark,
    nan_policy: NanPolicy = "pairwise",
) -> pl.DataFrame:
    """One row per (measure, wave): n, alpha, standardized alpha, Feldt 95% interval, omega."""
    rows = []
    for measure, wave, x, _cal in _blocks(responses, instrument, benchmark):
        a = cronbach_alpha(x, nan_policy)
        rows.append(
            {
                "measure": measure,
                "wave": wave,
                "n": a.n_respondents,
                "items": a.n_items,
                "alpha": a.alpha,
                "standardized_alpha": a.standardized_alpha,
                "alpha_ci_low": a.ci_low,
                "alpha_ci_high": a.ci_high,
                "omega": mcdonald_omega(x, nan_policy).omega,
            }
        )
    return pl.DataFrame(rows)


def item_quality(
    responses: pl.DataFrame,
    instrument: Instrument,
    benchmark: Benchmark,
    nan_policy: NanPolicy = "pairwise",
) -> pl.DataFrame:
    """One row per (measure, wave, item): item-rest r, alpha if dropped, anchored item
    difficulty, infit and outfit mean-squares."""
    rows = []
    for measure, wave, x, cal in _blocks(responses, instrument, benchmark):
        stats = item_statistics(x, nan_policy)
        fit = rasch.item_fit(x, cal)
        for i, item in enumerate(cal.item_ids):
            rows.append(
                {
                    "measure": measure,
                    "wave": wave,
                    "item": item,
                    "item_rest_r": float(stats.item_rest_r[i]),
                    "alpha_if_dropped": float(stats.alpha_if_dropped[i]),
                    "difficulty": float(cal.difficulty[i]),
                    "infit": float(fit.infit[i]),
                    "outfit": float(fit.outfit[i]),
                }
            )
    return pl.DataFrame(rows)


def _blocks(
    responses: pl.DataFrame, instrument: Instrument, benchmark: Benchmark
) -> list[tuple[str, str, np.ndarray, rasch.Calibration]]:
    frame = _with_wave(responses)
    out = []
    for wave in sorted(frame["wave"].unique().to_list()):
        part = frame.filter(pl.col("wave") == wave)
        for measure in instrument.measures:
            cal = benchmark.measures[measure].calibration
            out.append((measure, wave, item_matrix(part, instrument, list(cal.item_ids)), cal))
    return out
