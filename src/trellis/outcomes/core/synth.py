"""Synthetic Dashboard files in CDE's layouts, built on the real 2018 school list and academic
statuses.

Deterministic for a seed. Every school of the real 2018 ELA file (9,801) appears; districts are
derived
from the CDS code (county 2 digits, district 5, school 7; district rows use school code 0000000) and
aggregate their non-charter schools; charters are their own LEAs; one state row per group.

The model (docs/methods/dashboard.md, "Synthetic data"): each school has a latent quality z taken
from
its real 2018 ELA status (or drawn when suppressed). A group's true value is the school's value
shifted
by a group offset; each year the school drifts by a small random walk plus a statewide shift (the
pandemic years show up as they did: lower scores, more chronic absence). Observed values carry
sampling
noise: binomial counts for rates, sd/√n for distance from standard. The published levels and colors
in the files are computed with this package's rules, so a synthetic file never disagrees with
itself.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import numpy as np
import polars as pl

from trellis.outcomes.core.codes import DISTRICT_SCHOOL_CODE, STATE_CDS

FIRST_YEAR, LAST_YEAR = 2016, 2025  # 2016 values are the prior year of the 2017 files
YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)

RACE_SHARES = {
    "HI": 0.55,
    "WH": 0.22,
    "AS": 0.09,
    "AA": 0.05,
    "FI": 0.025,
    "MR": 0.04,
    "AI": 0.005,
    "PI": 0.005,
}  # rough statewide enrollment shares (CDE DataQuest order of size)
PROGRAM_SHARES = {"EL": 0.19, "SED": 0.60, "SWD": 0.13, "FOS": 0.006, "HOM": 0.035, "LTEL": 0.05}
CORE_GROUPS = [
    "ALL",
    "AA",
    "AI",
    "AS",
    "FI",
    "HI",
    "PI",
    "WH",
    "MR",
    "EL",
    "SED",
    "SWD",
    "FOS",
    "HOM",
]
ACADEMIC_ONLY = ["ELO", "RFP", "EO", "SBA", "CAA"]

# Group offsets in units of the school's spread (negative = worse), loosely after statewide gaps.
GROUP_OFFSET = {
    "ALL": 0.0,
    "AA": -0.8,
    "AI": -0.6,
    "AS": 0.9,
    "FI": 0.6,
    "HI": -0.35,
    "PI": -0.5,
    "WH": 0.35,
    "MR": 0.2,
    "EL": -0.9,
    "LTEL": -1.6,
    "ELO": -1.1,
    "RFP": 0.2,
    "EO": 0.1,
    "SED": -0.45,
    "SWD": -1.6,
    "FOS": -1.5,
    "HOM": -0.8,
    "SBA": 0.0,
    "CAA": -3.0,
}

# Statewide shift of each indicator by year, in the indicator's units (2018 = 0).
YEAR_SHIFT: dict[str, dict[int, float]] = {
    "ela": {
        2016: -4,
        2017: -2,
        2018: 0,
        2019: 2,
        2020: 2,
        2021: -6,
        2022: -12,
        2023: -13,
        2024: -12,
        2025: -10,
    },
    "math": {
        2016: -6,
        2017: -3,
        2018: 0,
        2019: 2,
        2020: 2,
        2021: -12,
        2022: -18,
        2023: -17,
        2024: -16,
        2025: -14,
    },
    "chronic": {
        2016: 0,
        2017: 0,
        2018: 0,
        2019: 0.5,
        2020: 1,
        2021: 4,
        2022: 18,
        2023: 12,
        2024: 8,
        2025: 6,
    },
    "susp": {
        2016: 0.3,
        2017: 0.1,
        2018: 0,
        2019: -0.1,
        2020: -1.5,
        2021: -2.8,
        2022: -0.3,
        2023: 0.3,
        2024: 0.2,
        2025: 0.1,
    },
    "grad": {y: 0.0 for y in range(FIRST_YEAR, LAST_YEAR + 1)} | {2021: 1.0, 2022: 1.0},
    "elpi": {y: 0.0 for y in range(FIRST_YEAR, LAST_YEAR + 1)} | {2022: -2.0, 2023: -1.0},
    "cci": {y: 0.0 for y in range(FIRST_YEAR, LAST_YEAR + 1)} | {2023: 2.0, 2024: 4.0, 2025: 5.0},
    "science": {y: 0.0 for y in range(FIRST_YEAR, LAST_YEAR + 1)},
}


@dataclass(frozen=True)
class Model:
    """How one indicator is simulated: centre and spread of the school value, per-year drift,
    noise."""

    centre: float
    spread: float  # per unit of z (positive = higher z gives a higher value)
    drift: float  # sd of a school's year-to-year random walk
    student_sd: float = 0.0  # DFS: sd of one student's score around the school mean
    rate: bool = False
    low: float = -400.0
    high: float = 400.0


MODELS = {
    "ela": Model(-5.0, 42.0, 5.0, student_sd=90.0),
    "math": Model(-35.0, 45.0, 5.0, student_sd=95.0),
    "chronic": Model(9.0, -4.0, 1.5, rate=True, low=0.0, high=100.0),
    "susp": Model(3.0, -1.2, 0.6, rate=True, low=0.0, high=100.0),
    "grad": Model(86.0, 6.0, 2.0, rate=True, low=0.0, high=100.0),
    "elpi": Model(48.0, 8.0, 3.0, rate=True, low=0.0, high=100.0),
    "cci": Model(42.0, 14.0, 3.0, rate=True, low=0.0, high=100.0),
    "science": Model(30.0, 12.0, 2.5, rate=True, low=0.0, high=100.0),
}
# Group offsets for rate indicators are scaled by these (percentage points per offset unit).
RATE_GROUP_SCALE = {
    "chronic": -4.0,
    "susp": -1.5,
    "grad": 6.0,
    "elpi": 6.0,
    "cci": 14.0,
    "science": 10.0,
}
SUSP_TYPE_FACTOR = {"ES": 0.4, "MS": 1.6, "HS": 1.3, "UD": 1.0}


def _rng(seed: int, *labels: object) -> np.random.Generator:
    """A generator per (seed, labels) so each piece is reproducible on its own."""
    key = zlib.crc32(":".join(str(x) for x in labels).encode())
    return np.random.default_rng([seed, key])


def load_2018_schools() -> pl.DataFrame:
    """The real 2018 school rows shipped with the package (ELA and math all-students status)."""
    frames = {}
    for subject in ("ela", "math"):
        name = f"{subject}_2018_schools_all_students.csv.gz"
        raw = resources.files("trellis.outcomes").joinpath("data", name).read_bytes()
        frames[subject] = pl.read_csv(gzip.decompress(raw), schema_overrides={"cds": pl.String}, infer_schema_length=0)
    ela = frames["ela"].select(
        "cds",
        "schoolname",
        "districtname",
        "countyname",
        (pl.col("charter_flag") == "Y").fill_null(False).alias("charter"),
        pl.col("currstatus").cast(pl.Float64, strict=False).alias("ela2018"),
    )
    math = frames["math"].select("cds", pl.col("currstatus").cast(pl.Float64, strict=False).alias("math2018"))
    return ela.join(math, on="cds", how="left").sort("cds")


def _school_level(names: pl.Series) -> pl.Series:
    """ES, MS, HS or UD (K-12) from the school name: good enough for synthetic data only."""
    lower = names.str.to_lowercase()
    return pl.select(
        pl.when(lower.str.contains(r"k-12|k12|\bacademy\b.*\bk-12"))
        .then(pl.lit("UD"))
        .when(lower.str.contains(r"middle|intermediate|junior high|\bjr\.? high"))
        .then(pl.lit("MS"))
        .when(lower.str.contains(r"\bhigh\b|continuation|\bhs\b|early college"))
        .then(pl.lit("HS"))
        .otherwise(pl.lit("ES"))
    ).to_series()


def entities(seed: int = 2018, *, counties: Iterable[str] | None = None) -> pl.DataFrame:
    """Schools, districts, COEs and the state, with the attributes the generator needs.

    `counties` (two-digit codes) restricts the state to a few counties, for tests and demos.
    """
    schools = load_2018_schools()
    if counties is not None:
        schools = schools.filter(pl.col("cds").str.slice(0, 2).is_in(list(counties)))
    rng = _rng(seed, "entities")
    n = schools.height
    level = _school_level(schools["schoolname"])
    ela = schools["ela2018"].to_numpy().astype(float)
    math = schools["math2018"].to_numpy().astype(float)
    z = (ela - MODELS["ela"].centre) / MODELS["ela"].spread
    z = np.where(np.isnan(z), (math - MODELS["math"].centre) / MODELS["math"].spread, z)
    z = np.where(np.isnan(z), rng.normal(-0.3, 0.8, n), z)
    size_mean = np.select([level == "HS", level == "MS", level == "UD"], [1300, 750, 600], 480)
    enrollment = np.maximum(40, rng.lognormal(np.log(size_mean), 0.55)).round()
    schools = schools.with_columns(
        pl.lit("S").alias("rtype"),
        level.alias("level"),
        pl.Series("z", z),
        pl.Series("enrollment", enrollment),
        pl.col("districtname").str.contains("County Office of Education").alias("coe"),
        # About one high school in eight has Dashboard Alternative School Status.
        pl.Series("dass", (rng.random(n) < 0.12) & (level == "HS").to_numpy()),
        pl.col("cds").str.slice(0, 7).alias("cd"),
        level.alias("type"),
    )
    districts = (
        schools.filter(~pl.col("charter"))
        .group_by("cd")
        .agg(
            pl.col("districtname").mode().first(),
            pl.col("countyname").first(),
            pl.col("coe").any(),
            (pl.col("level") == "HS").all().alias("all_hs"),
            pl.col("level").is_in(["ES", "MS"]).all().alias("all_elem"),
            pl.col("enrollment").sum(),
        )
        .with_columns(
            (pl.col("cd") + DISTRICT_SCHOOL_CODE).alias("cds"),
            pl.lit("D").alias("rtype"),
            pl.lit("").alias("schoolname"),
            pl.lit(False).alias("charter"),
            pl.lit(False).alias("dass"),
            pl.when(pl.col("all_hs"))
            .then(pl.lit("HD"))
            .when(pl.col("all_elem"))
            .then(pl.lit("ED"))
            .otherwise(pl.lit("UD"))
            .alias("type"),
            pl.when(pl.col("all_hs"))
            .then(pl.lit("HS"))
            .when(pl.col("all_elem"))
            .then(pl.lit("ES"))
            .otherwise(pl.lit("UD"))
            .alias("level"),
        )
        .drop("all_hs", "all_elem")
        .sort("cds")
    )
    state = pl.DataFrame(
        {
            "cds": [STATE_CDS],
            "rtype": ["X"],
            "schoolname": [""],
            "districtname": ["State of California"],
            "countyname": [""],
            "charter": [False],
            "coe": [False],
            "dass": [False],
            "type": ["UD"],
            "level": ["UD"],
            "cd": ["0000000"],
            "enrollment": [float(enrollment.sum())],
        }
    )
    columns = [
        "cds",
        "rtype",
        "schoolname",
        "districtname",
        "countyname",
        "charter",
        "coe",
        "dass",
        "type",
        "level",
        "cd",
        "enrollment",
    ]
    return pl.concat(
        [
            schools.select(*columns, "z", "ela2018", "math2018"),
            districts.select(*columns).with_columns(
                pl.lit(None, pl.Float64).alias(c) for c in ("z", "ela2018", "math2018")
            ),
            state.select(*columns).with_columns(
                pl.lit(None, pl.Float64).alias(c) for c in ("z", "ela2018", "math2018")
            ),
        ],
        how="vertical_relaxed",
    )


def groups_for(indicator: str, year: int) -> list[str]:
    groups = list(CORE_GROUPS)
    if year >= 2024:
        groups.append("LTEL")
    if indicator in ("ela", "math", "science"):
        groups += ACADEMIC_ONLY
    if indicator == "elpi":
        groups = ["EL", "LTEL"] if year >= 2024 else ["EL"]
    return groups


def _applies(indicator: str, level: np.ndarray) -> np.ndarray:
    """Which schools have the indicator at all (chronic absence is K-8; grad and CCI are high
    school)."""
    if indicator == "chronic":
        applies: np.ndarray = level != "HS"
    elif indicator in ("grad", "cci"):
        applies = np.isin(level, ["HS", "UD"])
    else:
        applies = np.ones(level.shape, dtype=bool)
    return applies


def _shares(rng: np.random.Generator, n: int, groups: list[str]) -> np.ndarray:
    races = list(RACE_SHARES)
    mix = rng.dirichlet(np.array(list(RACE_SHARES.values())) * 6.0, size=n)
    out = np.zeros((n, len(groups)))
    for j, group in enumerate(groups):
        if group == "ALL":
            out[:, j] = 1.0
        elif group in RACE_SHARES:
            out[:, j] = mix[:, races.index(group)]
        elif group in PROGRAM_SHARES:
            out[:, j] = np.clip(rng.beta(2, 2 / PROGRAM_SHARES[group] - 2, n), 0, 1)
        elif group == "ELO":
            out[:, j] = PROGRAM_SHARES["EL"] * 0.6
        elif group == "RFP":
            out[:, j] = PROGRAM_SHARES["EL"] * 0.4
        elif group == "EO":
            out[:, j] = 0.6
        elif group == "SBA":
            out[:, j] = 0.99
        elif group == "CAA":
            out[:, j] = 0.01
    return out


def simulate(indicator: str, ent: pl.DataFrame, seed: int) -> pl.DataFrame:
    """Long frame (cds, studentgroup, year, numer, denom, value) for schools, districts and the
    state."""
    model = MODELS[indicator]
    schools = ent.filter(pl.col("rtype") == "S")
    level = schools["level"].to_numpy()
    keep = _applies(indicator, level)
    schools = schools.filter(pl.Series(keep))
    level = schools["level"].to_numpy()
    groups = groups_for(indicator, LAST_YEAR)
    n, g, y = schools.height, len(groups), len(YEARS)
    rng = _rng(seed, indicator)
    shares = _shares(rng, n, groups)
    enrollment = schools["enrollment"].to_numpy()
    tested = {"ES": 0.5, "MS": 1.0, "HS": 0.25, "UD": 0.55}
    fraction = np.ones(n)
    if indicator in ("ela", "math", "science"):
        fraction = np.array([tested[v] for v in level]) * (0.33 if indicator == "science" else 1.0)
    elif indicator in ("grad", "cci"):
        fraction = np.where(level == "HS", 0.25, 0.08)
    elif indicator == "elpi":
        fraction = np.full(n, 0.85)
    denom_base = enrollment[:, None] * fraction[:, None] * shares  # (n, g)
    z = schools["z"].to_numpy()
    offsets = np.array([GROUP_OFFSET[grp] for grp in groups])
    if model.rate:
        centre = model.centre + model.spread * z
        if indicator == "susp":
            centre = centre * np.array([SUSP_TYPE_FACTOR.get(v, 1.0) for v in level])
        truth = centre[:, None] + RATE_GROUP_SCALE[indicator] * offsets[None, :]
        if indicator == "susp":
            truth = np.maximum(truth, 0.1) * np.exp(-0.2 * offsets[None, :])
    else:
        real = schools[f"{indicator}2018"].to_numpy() if f"{indicator}2018" in schools.columns else np.full(n, np.nan)
        centre = np.where(np.isnan(real), model.centre + model.spread * z, real)
        truth = centre[:, None] + model.spread * 0.8 * offsets[None, :] + rng.normal(0, model.spread * 0.25, (n, g))
    # Year path: a school-level random walk anchored at 2018 plus the statewide shift.
    steps = rng.normal(0, model.drift, (n, y))
    anchor = int(np.flatnonzero(YEARS == 2018)[0])
    walk = np.cumsum(steps, axis=1)
    walk -= walk[:, [anchor]]
    group_walk = np.cumsum(rng.normal(0, model.drift * 0.6, (n, g, y)), axis=2)
    group_walk -= group_walk[:, :, [anchor]]
    shift = np.array([YEAR_SHIFT[indicator][int(v)] for v in YEARS])
    true_path = truth[:, :, None] + walk[:, None, :] + group_walk + shift[None, None, :]
    denom_path = np.maximum(0, np.rint(denom_base[:, :, None] * rng.lognormal(0, 0.05, (n, 1, y))))
    if model.rate:
        p = np.clip(true_path, 0.0, 100.0) / 100.0
        numer = rng.binomial(denom_path.astype(np.int64), p).astype(float)
        value = np.where(denom_path > 0, numer / np.maximum(denom_path, 1) * 100.0, np.nan)
    else:
        numer = np.full(true_path.shape, np.nan)
        noise = rng.normal(0, 1, true_path.shape) * model.student_sd / np.sqrt(np.maximum(denom_path, 1))
        value = np.where(denom_path > 0, np.clip(true_path + noise, model.low, model.high), np.nan)

    school_long = pl.DataFrame(
        {
            "cds": np.repeat(schools["cds"].to_numpy(), g * y),
            "cd": np.repeat(schools["cd"].to_numpy(), g * y),
            "charter": np.repeat(schools["charter"].to_numpy(), g * y),
            "studentgroup": np.tile(np.repeat(np.array(groups), y), n),
            "year": np.tile(YEARS, n * g).astype(np.int16),
            "numer": numer.reshape(-1),
            "denom": denom_path.reshape(-1),
            "value": value.reshape(-1),
        }
    )
    # Districts and the state: non-charter schools pooled (weighted means; counts summed).
    pooled = school_long.filter(~pl.col("charter") & (pl.col("denom") > 0)).with_columns(
        (pl.col("value") * pl.col("denom")).alias("weighted")
    )
    district = pooled.group_by("cd", "studentgroup", "year").agg(
        pl.col("numer").sum(), pl.col("denom").sum(), pl.col("weighted").sum()
    )
    state = (
        pooled.group_by("studentgroup", "year")
        .agg(pl.col("numer").sum(), pl.col("denom").sum(), pl.col("weighted").sum())
        .with_columns(pl.lit("0000000").alias("cd"))
    )
    lea = pl.concat([district, state.select(district.columns)]).with_columns(
        pl.when(pl.lit(model.rate))
        .then(pl.col("numer") / pl.col("denom") * 100.0)
        .otherwise(pl.col("weighted") / pl.col("denom"))
        .alias("value"),
        pl.when(pl.col("cd") == "0000000")
        .then(pl.lit(STATE_CDS))
        .otherwise(pl.col("cd") + DISTRICT_SCHOOL_CODE)
        .alias("cds"),
    )
    if not model.rate:
        lea = lea.with_columns(pl.lit(None, pl.Float64).alias("numer"))
    return pl.concat(
        [
            school_long.select("cds", "studentgroup", "year", "numer", "denom", "value"),
            lea.select("cds", "studentgroup", "year", "numer", "denom", "value"),
        ],
        how="vertical_relaxed",
    )
