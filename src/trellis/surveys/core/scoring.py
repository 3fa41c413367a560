"""From a wave of responses to published organization scores at every level.

Pipeline (docs/methods/survey-scoring.md §2–§5):

1. calibrate each measure on the benchmark wave (CML, :mod:`rasch`) and fix the benchmark mean and
   SD of organization mean measures (:func:`calibrate_benchmark`);
2. person measures (WLE) with the anchored item parameters;
3. every respondent counts in its organization and each ancestor, for ``all`` and for each level
   of each subgroup variable; sums per cell give mean measures, SDs, counts and percent favorable;
4. cells go through :func:`suppression.suppress`; values of unpublished cells are removed;
5. measure scores go on the 1–99 scale with bands; a condition is the mean of its measure scores.

Respondents attached directly to an organization that also has child organizations (a district
office) are moved into a child unit ``"<org>/own staff"``, so that every real group is an explicit
cell and the suppression residuals are exact.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from trellis.surveys.core import rasch
from trellis.surveys.core.rollups import Groups, ancestor_matrix, cell_sums, membership
from trellis.surveys.core.scale import (
    MIN_BENCHMARK_ORGS,
    Benchmark,
    Instrument,
    MeasureBenchmark,
    band,
    to_scale,
)
from trellis.surveys.core.suppression import ALL, SuppressionPolicy, suppress
from trellis.surveys.core.trends import mean_change

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

NOT_STATED = "(not stated)"
OWN_STAFF = "/own staff"
DEFAULT_WAVE = "1"


@dataclass(frozen=True)
class ScoreReport:
    cells: pl.DataFrame
    """One row per (unit, subgroup, wave): n, n_min, published, reason, low_confidence, level."""
    measures: pl.DataFrame
    conditions: pl.DataFrame
    items: pl.DataFrame


def item_matrix(responses: pl.DataFrame, instrument: Instrument, item_ids: list[str]) -> FloatArray:
    """Responses of the given items as category indices 0..m (NaN = missing or out of range)."""
    x = responses.select([pl.col(i).cast(pl.Float64) for i in item_ids]).to_numpy()
    x = np.asarray(x, dtype=np.float64) - instrument.min_value
    x[(x < 0) | (x > instrument.max_value - instrument.min_value) | (x != np.round(x))] = np.nan
    return x


def person_measure_matrix(responses: pl.DataFrame, instrument: Instrument, benchmark: Benchmark) -> FloatArray:
    """(respondents × measures) WLE person measures with anchored item parameters."""
    out = np.full((responses.height, len(instrument.measures)), np.nan)
    for j, measure in enumerate(instrument.measures):
        cal = benchmark.measures[measure].calibration
        x = item_matrix(responses, instrument, list(cal.item_ids))
        out[:, j] = rasch.person_measures(x, cal).theta
    return out


def calibrate_benchmark(
    responses: pl.DataFrame,
    instrument: Instrument,
    wave: str | None = None,
    policy: SuppressionPolicy | None = None,
) -> Benchmark:
    """Calibrate every measure on the benchmark wave and fix the scale's mean and SD: those of
    the organizations' mean person measures, over organizations with at least k respondents to
    the measure. With fewer than MIN_BENCHMARK_ORGS such organizations, the respondents' mean
    and SD are used instead (and the benchmark says so)."""
    policy = policy or SuppressionPolicy()
    frame = _with_wave(responses)
    wave = wave if wave is not None else sorted(frame["wave"].unique().to_list())[0]
    bench = frame.filter(pl.col("wave") == wave)
    if bench.height == 0:
        raise ValueError(f"no responses in benchmark wave {wave!r}")
    org_codes = bench["org"].cast(pl.String).cast(pl.Categorical).to_physical().to_numpy()
    measures: dict[str, MeasureBenchmark] = {}
    for measure in instrument.measures:
        ids = instrument.items_of(measure)
        x = item_matrix(bench, instrument, ids)
        cal = rasch.calibrate(x, ids, instrument.model, instrument.n_categories)
        theta = rasch.person_measures(x, cal).theta
        ok = ~np.isnan(theta)
        counts = np.bincount(org_codes[ok], minlength=org_codes.max() + 1)
        sums = np.bincount(org_codes[ok], weights=theta[ok], minlength=org_codes.max() + 1)
        use = counts >= policy.k
        if use.sum() >= MIN_BENCHMARK_ORGS:
            means = sums[use] / counts[use]
            mean, sd, basis, units = (
                float(means.mean()),
                float(means.std(ddof=1)),
                "organizations",
                int(use.sum()),
            )
        else:
            mean, sd, basis, units = (
                float(theta[ok].mean()),
                float(theta[ok].std(ddof=1)),
                "respondents",
                int(ok.sum()),
            )
        if not sd > 0:
            raise ValueError(f"measure {measure!r} has no spread in the benchmark wave")
        measures[measure] = MeasureBenchmark(cal, mean, sd, basis, units)
    return Benchmark(wave=wave, measures=measures)


def _with_wave(responses: pl.DataFrame) -> pl.DataFrame:
    if "wave" not in responses.columns:
        responses = responses.with_columns(pl.lit(DEFAULT_WAVE).alias("wave"))
    return responses.with_columns(pl.col("wave").cast(pl.String), pl.col("org").cast(pl.String))


def _hierarchy(
    responses: pl.DataFrame, hierarchy: pl.DataFrame | None
) -> tuple[list[str], IntArray, IntArray, FloatArray | None]:
    """Unit names, each unit's parent index, each respondent's unit index, invited per unit."""
    parent_of: dict[str, str] = {}
    invited_of: dict[str, float] = {}
    if hierarchy is not None:
        for row in hierarchy.iter_rows(named=True):
            org = str(row["org"])
            parent_of[org] = str(row["parent"]) if row.get("parent") else ""
            if row.get("invited") is not None:
                invited_of[org] = float(row["invited"])
    orgs = responses["org"].to_list()
    has_children = {p for p in parent_of.values() if p}
    for org in set(orgs):
        parent_of.setdefault(org, "")
    for p in list(has_children):
        parent_of.setdefault(p, "")
    own = {org: org + OWN_STAFF for org in set(orgs) if org in has_children}
    for org, pseudo in own.items():
        parent_of[pseudo] = org
        if org in invited_of:
            invited_of[pseudo] = invited_of.pop(org)
    names = sorted(parent_of)
    index = {name: i for i, name in enumerate(names)}
    parent = np.asarray([index[parent_of[n]] if parent_of[n] else -1 for n in names], dtype=np.int64)
    unit = np.asarray([index[own.get(o, o)] for o in orgs], dtype=np.int64)
    invited = None
    if invited_of:
        invited = np.asarray([invited_of.get(n, np.nan) for n in names], dtype=np.float64)
    return names, parent, unit, invited


def score_survey(
    responses: pl.DataFrame,
    instrument: Instrument,
    benchmark: Benchmark,
    hierarchy: pl.DataFrame | None = None,
    subgroups: list[str] | None = None,
    policy: SuppressionPolicy | None = None,
) -> ScoreReport:
    """Score every wave in ``responses`` (columns ``org``, optional ``wave``, the subgroup
    columns and one column per item) against ``benchmark``, roll up through ``hierarchy``
    (columns ``org``, ``parent``, optional ``invited``) and apply suppression."""
    policy = policy or SuppressionPolicy()
    subgroups = subgroups or []
    frame = _with_wave(responses)
    names, parent, unit, invited = _hierarchy(frame, hierarchy)
    ancestors = ancestor_matrix(parent)
    wave_labels = sorted(frame["wave"].unique().to_list())
    wave = np.asarray([wave_labels.index(w) for w in frame["wave"].to_list()], dtype=np.int64)

    labels = [ALL]
    code_sets = [np.zeros(frame.height, dtype=np.int64)]
    for variable in subgroups:
        values = frame[variable].cast(pl.String).fill_null(NOT_STATED)
        values = values.replace("", NOT_STATED)
        levels = sorted(values.unique().to_list())
        offset = len(labels)
        labels.extend(f"{variable}={level}" for level in levels)
        lookup = {level: offset + i for i, level in enumerate(levels)}
        code_sets.append(np.asarray([lookup[v] for v in values.to_list()], dtype=np.int64))
    groups = membership(unit, wave, code_sets, ancestors)
    theta = person_measure_matrix(frame, instrument, benchmark)

    n = np.bincount(groups.cell, minlength=groups.n_cells).astype(np.float64)
    all_items = [item.item_id for item in instrument.items]
    x_items = item_matrix(frame, instrument, all_items)
    fav_cut = instrument.favorable_min - instrument.min_value
    favorable = np.where(np.isnan(x_items), np.nan, (x_items >= fav_cut) * 1.0)
    item_n, item_fav, _sq = cell_sums(groups, favorable)
    n_min = item_n.min(axis=1) if all_items else n

    cell_unit = groups.keys[:, 0]
    cell_frame = pl.DataFrame(
        {
            "unit": [names[u] for u in cell_unit],
            "parent": [names[parent[u]] if parent[u] >= 0 else "" for u in cell_unit],
            "subgroup": [labels[s] for s in groups.keys[:, 1]],
            "wave": [wave_labels[w] for w in groups.keys[:, 2]],
            "n": n.astype(np.int64),
            "n_min": n_min.astype(np.int64),
            "level": _depth(parent)[cell_unit],
        }
    )
    if invited is not None:
        inv = _rolled_invited(invited, ancestors)[cell_unit]
        inv = np.where(groups.keys[:, 1] == 0, inv, np.nan)
        cell_frame = cell_frame.with_columns(pl.Series("invited", inv).fill_nan(None))
    cells = suppress(cell_frame, policy)
    published = cells["published"].to_numpy()

    measures = _measure_rows(groups, theta, instrument, benchmark, cells, published)
    conditions = _condition_rows(measures, instrument)
    items = _item_rows(cells, all_items, item_n, item_fav, published)
    return ScoreReport(cells=cells, measures=measures, conditions=conditions, items=items)


def _depth(parent: IntArray) -> IntArray:
    anc = ancestor_matrix(parent)
    return np.asarray((anc >= 0).sum(axis=1) - 1, dtype=np.int64)


def _rolled_invited(invited: FloatArray, ancestors: IntArray) -> FloatArray:
    own = np.nan_to_num(invited)
    total = np.zeros(invited.size)
    for level in range(ancestors.shape[1]):
        a = ancestors[:, level]
        ok = a >= 0
        total += np.bincount(a[ok], weights=own[ok], minlength=invited.size)
    return np.where(total > 0, total, np.nan)


_KEYS = ["unit", "parent", "level", "subgroup", "wave"]


def _measure_rows(
    groups: Groups,
    theta: FloatArray,
    instrument: Instrument,
    benchmark: Benchmark,
    cells: pl.DataFrame,
    published: npt.NDArray[np.bool_],
) -> pl.DataFrame:
    frames = []
    counts, totals, all_squares = cell_sums(groups, theta)
    for j, measure in enumerate(instrument.measures):
        mb = benchmark.measures[measure]
        count, total, squares = counts[:, j], totals[:, j], all_squares[:, j]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = total / count
            sd = np.sqrt(np.maximum(squares - count * mean**2, 0.0) / (count - 1.0))
        score = to_scale(mean, mb.mean, mb.sd)
        hide = ~published | (count == 0)
        frames.append(
            cells.select([*_KEYS, "published", "reason", "low_confidence"]).with_columns(
                pl.lit(measure).alias("measure"),
                pl.Series("n", count.astype(np.int64)),
                pl.Series("logit_mean", np.where(hide, np.nan, mean)).fill_nan(None),
                pl.Series("logit_sd", np.where(hide, np.nan, sd)).fill_nan(None),
                pl.Series("score_exact", np.where(hide, np.nan, score)).fill_nan(None),
            )
        )
    out = pl.concat(frames)
    return out.with_columns(
        pl.col("score_exact").round(0).cast(pl.Int64).alias("score"),
        pl.Series("band", band(out["score_exact"].fill_null(np.nan).to_numpy()).tolist(), dtype=pl.String),
    )


def _condition_rows(measures: pl.DataFrame, instrument: Instrument) -> pl.DataFrame:
    """A condition's score is the mean of its measures' (unrounded, clipped) 1–99 scores;
    published only when every one of its measures is."""
    mapping = pl.DataFrame(
        [{"condition": c, "measure": m} for c, ms in instrument.conditions.items() for m in ms],
        schema={"condition": pl.String, "measure": pl.String},
    )
    if mapping.height == 0:
        return pl.DataFrame(
            schema={
                **{k: measures.schema[k] for k in _KEYS},
                "condition": pl.String,
                "score_exact": pl.Float64,
                "score": pl.Int64,
                "band": pl.String,
                "published": pl.Boolean,
            }
        )
    joined = measures.join(mapping, on="measure")
    out = joined.group_by([*_KEYS, "condition"], maintain_order=True).agg(
        pl.col("score_exact").mean().alias("score_exact"),
        pl.col("score_exact").is_null().any().alias("any_missing"),
        pl.col("published").all().alias("published"),
    )
    out = out.with_columns(
        pl.when(pl.col("published") & ~pl.col("any_missing"))
        .then(pl.col("score_exact"))
        .otherwise(None)
        .alias("score_exact")
    ).drop("any_missing")
    return out.with_columns(
        pl.col("score_exact").round(0).cast(pl.Int64).alias("score"),
        pl.Series("band", band(out["score_exact"].fill_null(np.nan).to_numpy()).tolist(), dtype=pl.String),
    )


def _item_rows(
    cells: pl.DataFrame,
    item_ids: list[str],
    item_n: FloatArray,
    item_fav: FloatArray,
    published: npt.NDArray[np.bool_],
) -> pl.DataFrame:
    base = cells.select([*_KEYS, "published"])
    frames = []
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = 100.0 * item_fav / item_n
    for j, item in enumerate(item_ids):
        hide = ~published | (item_n[:, j] == 0)
        frames.append(
            base.with_columns(
                pl.lit(item).alias("item"),
                pl.Series("n", item_n[:, j].astype(np.int64)),
                pl.Series("percent_favorable", np.where(hide, np.nan, pct[:, j])).fill_nan(None),
            )
        )
    return pl.concat(frames) if frames else base.clear()


def measure_changes(
    measures: pl.DataFrame, benchmark: Benchmark, pairs: list[tuple[str, str]] | None = None
) -> pl.DataFrame:
    """Change of each published measure between waves (default: consecutive waves): Δ in
    logits with its SE, the same on the 1–99 scale (20·Δ/σ_benchmark, unclipped), and the
    direction — "improved" only if the 95% interval lies wholly above zero. A change is
    reported only when both waves' cells are published."""
    waves = sorted(measures["wave"].unique().to_list())
    pairs = pairs if pairs is not None else list(itertools.pairwise(waves))
    keys = ["unit", "subgroup", "measure"]
    cols = [*keys, "published", "n", "logit_mean", "logit_sd"]
    frames = []
    for before, after in pairs:
        left = measures.filter(pl.col("wave") == before).select(cols)
        right = measures.filter(pl.col("wave") == after).select(cols)
        joined = left.join(right, on=keys, suffix="_to").filter(
            pl.col("published")
            & pl.col("published_to")
            & pl.col("logit_mean").is_not_null()
            & pl.col("logit_mean_to").is_not_null()
        )
        change = mean_change(
            joined["logit_mean"].to_numpy(),
            joined["logit_sd"].to_numpy(),
            joined["n"].to_numpy(),
            joined["logit_mean_to"].to_numpy(),
            joined["logit_sd_to"].to_numpy(),
            joined["n_to"].to_numpy(),
        )
        sd_b = np.asarray([benchmark.measures[m].sd for m in joined["measure"].to_list()])
        frames.append(
            joined.select(keys).with_columns(
                pl.lit(before).alias("wave_from"),
                pl.lit(after).alias("wave_to"),
                pl.Series("change_logits", change.difference),
                pl.Series("se_logits", change.se),
                pl.Series("change_points", 20.0 * change.difference / sd_b),
                pl.Series("se_points", 20.0 * change.se / sd_b),
                pl.Series("direction", change.direction.astype(str), dtype=pl.String),
            )
        )
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames)
