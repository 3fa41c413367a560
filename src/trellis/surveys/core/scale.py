"""The reporting scale: instruments, the fixed benchmark, the 1–99 score and its five bands.

5Essentials model (survey_measurement.md §1.1): a measure score is placed on a 1–99 scale where
50 is the benchmark mean and every 20 points is one standard deviation; bands cut at ±0.5 and
±1.5 SD, i.e. 1–19 / 20–39 / 40–59 / 60–79 / 80–99. Here the mean and SD are those of the
organizations' mean person measures (logits) in the benchmark wave, held fixed for later waves
so that schools are not "compared to a moving target".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from trellis.surveys.core.rasch import Calibration, Model

FloatArray = npt.NDArray[np.float64]

SCALE_CENTER = 50.0  # 5Essentials: 50 is the benchmark mean
SCALE_POINTS_PER_SD = 20.0  # 5Essentials: "every twenty points is exactly one standard deviation"
SCALE_MIN, SCALE_MAX = 1.0, 99.0  # 5Essentials: scores run 1–99
# Band floors on the rounded 1–99 score (cuts at ±0.5 SD = 50±10 and ±1.5 SD = 50±30).
BANDS: tuple[tuple[float, str], ...] = (
    (80.0, "Very strong"),
    (60.0, "Strong"),
    (40.0, "Neutral"),
    (20.0, "Weak"),
    (SCALE_MIN, "Very weak"),
)
MIN_BENCHMARK_ORGS = 10  # below this, the SD of organization means is too unstable to use


@dataclass(frozen=True)
class Item:
    item_id: str
    measure: str
    condition: str = ""


@dataclass(frozen=True)
class Instrument:
    """Items grouped into measures (one per framework element) and conditions."""

    items: tuple[Item, ...]
    min_value: int = 1
    max_value: int = 5
    favorable_min: int = 4
    """Responses at or above this value count as favorable (4 and 5 on a 5-point scale)."""
    model: Model = "rsm"

    @property
    def n_categories(self) -> int:
        return self.max_value - self.min_value + 1

    @property
    def measures(self) -> list[str]:
        return list(dict.fromkeys(item.measure for item in self.items))

    def items_of(self, measure: str) -> list[str]:
        return [item.item_id for item in self.items if item.measure == measure]

    @property
    def conditions(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for item in self.items:
            if item.condition and item.measure not in out.setdefault(item.condition, []):
                out[item.condition].append(item.measure)
        return out

    @classmethod
    def from_columns(cls, columns: list[str], **options: Any) -> Instrument:
        """Items from column names written ``measure.item`` (e.g. ``trust.t1``)."""
        items = tuple(Item(c, c.split(".", 1)[0]) for c in columns if "." in c)
        return cls(items=items, **options)


@dataclass(frozen=True)
class MeasureBenchmark:
    calibration: Calibration
    mean: float
    sd: float
    basis: str
    """"organizations" (SD of organization means) or "respondents" (too few organizations)."""
    n_units: int


@dataclass(frozen=True)
class Benchmark:
    wave: str
    measures: dict[str, MeasureBenchmark] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "wave": self.wave,
            "measures": {
                name: {
                    "mean": mb.mean,
                    "sd": mb.sd,
                    "basis": mb.basis,
                    "n_units": mb.n_units,
                    "model": mb.calibration.model,
                    "items": list(mb.calibration.item_ids),
                    "thresholds": mb.calibration.thresholds.tolist(),
                    "n_categories": mb.calibration.n_categories,
                    "method": mb.calibration.method,
                    "n_respondents": mb.calibration.n_respondents,
                }
                for name, mb in self.measures.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Benchmark:
        measures = {}
        for name, m in data["measures"].items():
            cal = Calibration(
                model=m["model"],
                item_ids=tuple(m["items"]),
                thresholds=np.asarray(m["thresholds"], dtype=np.float64),
                n_categories=int(m["n_categories"]),
                method=m["method"],
                log_likelihood=float("nan"),
                n_respondents=int(m["n_respondents"]),
            )
            measures[name] = MeasureBenchmark(cal, float(m["mean"]), float(m["sd"]), m["basis"], int(m["n_units"]))
        return cls(wave=str(data["wave"]), measures=measures)


def to_scale(logits: npt.ArrayLike, mean: float, sd: float) -> FloatArray:
    """1–99 score: clip(50 + 20·(m − μ_benchmark)/σ_benchmark, 1, 99), unrounded."""
    z = (np.asarray(logits, dtype=np.float64) - mean) / sd
    return np.asarray(np.clip(SCALE_CENTER + SCALE_POINTS_PER_SD * z, SCALE_MIN, SCALE_MAX), dtype=np.float64)


def band(scores: npt.ArrayLike) -> npt.NDArray[np.object_]:
    """Band name of each score, judged on the rounded score people see (so 79.6 shows as 80 and
    is "Very strong"); NaN gives None."""
    s = np.round(np.asarray(scores, dtype=np.float64))
    out = np.full(s.shape, None, dtype=object)
    for floor, name in reversed(BANDS):
        out[s >= floor] = name
    return out
