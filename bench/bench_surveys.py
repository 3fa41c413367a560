"""Statewide survey scoring benchmark.

A synthetic statewide wave shaped like California (BRIEF §7): 1 state, 11 regions, 58 counties,
~1,000 districts, ~10,000 schools, 300,000 staff respondents answering 60 five-point items in 18
measures of 3–4 items, with item and whole-measure missingness and two subgroup variables.
Times calibration (CML per measure + benchmark scale), scoring (WLE person measures, roll-ups to
every level, percent favorable, suppression) and reliability (alpha, omega, infit/outfit per
measure), with peak memory, and compares with a plain pandas group-by-mean of the items by school.

    PYTHONPATH=src /work/venv/bin/python bench/bench_surveys.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time

# The suppression audit solves many small dense systems; multi-threaded BLAS only adds contention
# for matrices this size on a 2-core machine, so the benchmark pins it to one thread.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import polars as pl

from trellis.surveys.core import rasch
from trellis.surveys.core.quality import measure_quality
from trellis.surveys.core.scale import Instrument, Item
from trellis.surveys.core.scoring import calibrate_benchmark, score_survey

TARGET_SECONDS = 60.0
TARGET_PEAK_GB = 4.0


def synthetic_state(respondents: int, schools: int, seed: int = 2026) -> tuple[pl.DataFrame, pl.DataFrame, Instrument]:
    rng = np.random.default_rng(seed)
    districts = max(schools // 10, 6)
    counties = min(58, max(districts // 17, 3))
    regions = min(11, max(counties // 5, 2))
    orgs = ["CA"] + [f"R{r:02d}" for r in range(regions)] + [f"C{c:02d}" for c in range(counties)]
    parents = [""] + ["CA"] * regions + [f"R{c % regions:02d}" for c in range(counties)]
    district_county = rng.integers(0, counties, districts)
    orgs += [f"D{d:04d}" for d in range(districts)]
    parents += [f"C{c:02d}" for c in district_county]
    # Skewed district sizes: a few large districts, many one- and two-school districts.
    weights = rng.pareto(1.2, districts) + 0.2
    school_district = rng.choice(districts, size=schools, p=weights / weights.sum())
    orgs += [f"S{s:05d}" for s in range(schools)]
    parents += [f"D{d:04d}" for d in school_district]
    staff_weights = rng.lognormal(0.0, 0.6, schools)
    school_of = rng.choice(schools, size=respondents, p=staff_weights / staff_weights.sum())
    invited = np.bincount(school_of, minlength=schools) / rng.uniform(0.45, 0.95, schools)
    hierarchy = pl.DataFrame(
        {
            "org": orgs,
            "parent": parents,
            "invited": [None] * (1 + regions + counties + districts) + np.ceil(invited).tolist(),
        }
    )

    items: list[Item] = []
    columns: dict[str, object] = {
        "respondent_id": np.arange(respondents),
        "org": [f"S{s:05d}" for s in school_of],
        "role": rng.choice(["teacher", "administrator", "classified"], respondents, p=[0.75, 0.1, 0.15]),
        "years": np.where(
            rng.random(respondents) < 0.03,
            None,
            rng.choice(["0-3", "4-10", "11+"], respondents, p=[0.3, 0.35, 0.35]),
        ),
    }
    school_effect = rng.normal(0.0, 0.45, (schools, 18))
    for m in range(18):
        n_items = 3 if m < 12 else 4
        theta = 0.4 + school_effect[school_of, m] + rng.normal(0.0, 1.0, respondents)
        b = rng.normal(0.0, 0.5, (n_items, 1)) + np.array([[-2.0, -0.8, 0.4, 1.8]])
        x = rasch.simulate(theta, b, rng).astype(np.float64) + 1.0
        x[rng.random(x.shape) < 0.05] = np.nan
        x[rng.random(respondents) < 0.02] = np.nan
        condition = f"condition{m // 3 + 1}"
        for i in range(n_items):
            item_id = f"m{m + 1:02d}.i{i + 1}"
            items.append(Item(item_id, f"m{m + 1:02d}", condition))
            columns[item_id] = x[:, i]
    return pl.DataFrame(columns), hierarchy, Instrument(items=tuple(items))


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small smoke size")
    args = parser.parse_args()
    respondents, schools = (6_000, 200) if args.quick else (300_000, 10_000)

    t = time.perf_counter()
    responses, hierarchy, instrument = synthetic_state(respondents, schools)
    generated = time.perf_counter() - t
    print(
        f"synthetic wave: {respondents:,} respondents, {schools:,} schools, "
        f"{len(instrument.items)} items, {len(instrument.measures)} measures "
        f"({generated:.1f} s to generate, not counted)"
    )
    base_memory = peak_gb()

    print("running the pipeline…", flush=True)
    t0 = time.perf_counter()
    benchmark = calibrate_benchmark(responses, instrument)
    t1 = time.perf_counter()
    print(f"calibrated in {t1 - t0:.1f} s", flush=True)
    report = score_survey(responses, instrument, benchmark, hierarchy, subgroups=["role", "years"])
    t2 = time.perf_counter()
    quality = measure_quality(responses, instrument, benchmark)
    t3 = time.perf_counter()

    import pandas as pd  # baseline only; pandas is not a runtime dependency

    item_ids = [item.item_id for item in instrument.items]
    frame = pd.DataFrame({c: responses[c].to_numpy() for c in ["org", *item_ids]})
    p0 = time.perf_counter()
    baseline = frame.groupby("org")[item_ids].mean()
    p1 = time.perf_counter()
    del pd

    total = t3 - t0
    cells = report.cells
    published = int(cells["published"].sum())
    print(f"calibration (CML, 18 measures + benchmark scale): {t1 - t0:6.2f} s")
    print(
        f"scoring + roll-ups + suppression:                 {t2 - t1:6.2f} s "
        f"({cells.height:,} cells, {published:,} published, levels "
        f"{sorted(cells['level'].unique().to_list())})"
    )
    print(f"reliability + Rasch fit per measure:              {t3 - t2:6.2f} s ({quality.height} measure rows)")
    print(f"total:                                            {total:6.2f} s (target <= {TARGET_SECONDS:.0f} s)")
    print(
        f"peak memory (process max RSS): {peak_gb():.2f} GB (after data generation "
        f"{base_memory:.2f} GB; target <= {TARGET_PEAK_GB:.0f} GB)"
    )
    print(
        f"pandas groupby('org').mean() over the same items: {p1 - p0:.3f} s "
        f"({baseline.shape[0]:,} schools); ratio full pipeline / baseline = "
        f"{total / (p1 - p0):.0f}x"
    )
    reasons = cells.group_by("reason").len().sort("reason")
    print(
        "cells by reason:",
        dict(zip(reasons["reason"].to_list(), reasons["len"].to_list(), strict=True)),
    )
    ok = total <= TARGET_SECONDS and peak_gb() <= TARGET_PEAK_GB
    print("within targets" if ok else "OUTSIDE TARGETS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
