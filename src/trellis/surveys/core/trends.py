"""Change between survey waves, with its uncertainty, and which changes may be published.

Waves are repeated cross-sections (5Essentials, "How trends are calculated"): staff who left
still count in the earlier wave. The change in an organization's mean person measure is

    Δ = m₂ − m₁,   SE(Δ) = sqrt(s₁²/n₁ + s₂²/n₂)

(two independent samples; s the SD of person measures, which already contains measurement
error). "Improved" requires the whole two-sided 95% interval Δ ± 1.96·SE(Δ) above zero —
i.e. the change is larger than its noise — and "declined" the whole interval below zero.
No finite-population correction is applied: that treats each wave's staff as a sample of the
school's staff over time, the conservative choice (docs §4).

Privacy between waves: a change is published only if both of its waves' cells are published;
otherwise the change plus the published wave would give back the hidden one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

FloatArray = npt.NDArray[np.float64]

Z_95 = 1.959963984540054  # two-sided 95% normal quantile, scipy.stats.norm.ppf(0.975)
IMPROVED = "improved"
DECLINED = "declined"
NO_CLEAR_CHANGE = "no clear change"


@dataclass(frozen=True)
class Change:
    difference: FloatArray
    se: FloatArray
    low: FloatArray
    high: FloatArray
    direction: npt.NDArray[np.str_]


def mean_change(
    mean_from: npt.ArrayLike,
    sd_from: npt.ArrayLike,
    n_from: npt.ArrayLike,
    mean_to: npt.ArrayLike,
    sd_to: npt.ArrayLike,
    n_to: npt.ArrayLike,
    z: float = Z_95,
) -> Change:
    """Vectorised change of means between two independent waves."""
    m1, s1, n1 = (np.asarray(a, dtype=np.float64) for a in (mean_from, sd_from, n_from))
    m2, s2, n2 = (np.asarray(a, dtype=np.float64) for a in (mean_to, sd_to, n_to))
    diff = m2 - m1
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.sqrt(s1**2 / n1 + s2**2 / n2)
    low = diff - z * se
    high = diff + z * se
    direction = np.where(low > 0, IMPROVED, np.where(high < 0, DECLINED, NO_CLEAR_CHANGE))
    return Change(diff, se, low, high, direction.astype(np.str_))


def publishable_changes(cells: pl.DataFrame, pairs: list[tuple[str, str]] | None = None) -> pl.DataFrame:
    """For every (unit, subgroup) and pair of waves (default: consecutive waves in sorted
    order), whether the change may be published: only when both cells are published."""
    waves = sorted(cells["wave"].cast(pl.String).unique().to_list())
    pairs = pairs if pairs is not None else list(itertools.pairwise(waves))
    keyed = cells.select("unit", "subgroup", pl.col("wave").cast(pl.String), "published")
    frames = []
    for before, after in pairs:
        left = keyed.filter(pl.col("wave") == before).drop("wave")
        right = keyed.filter(pl.col("wave") == after).drop("wave")
        joined = left.join(right, on=["unit", "subgroup"], how="full", coalesce=True, suffix="_to")
        frames.append(
            joined.select(
                "unit",
                "subgroup",
                pl.lit(before).alias("wave_from"),
                pl.lit(after).alias("wave_to"),
                (pl.col("published").fill_null(False) & pl.col("published_to").fill_null(False)).alias("published"),
            )
        )
    if not frames:
        return pl.DataFrame(
            schema={
                "unit": pl.String,
                "subgroup": pl.String,
                "wave_from": pl.String,
                "wave_to": pl.String,
                "published": pl.Boolean,
            }
        )
    return pl.concat(frames)
