"""Status level, change level, color and 5x5 box for every row, vectorized, plus the mismatch
report.

Codes follow CDE's files (math19.asp, chronic22.asp, suspindicatorspring17.asp): levels run 1
(worst)
to 5 (best) whichever way the indicator points, colors 1=Red … 5=Blue, 0 = no data / no color.
box = 10 × (5 × row + column + 1), row by status label (Very Low = 0 … Very High = 4) and column by
change label (Increased Significantly = 0 … Declined Significantly = 4): verified for suspension
(suspindicatorspring17.asp) and applied to every indicator by assumption.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from trellis.outcomes.core.codes import INFORMATIONAL_GROUPS
from trellis.outcomes.core.rules import IndicatorRules, YearRules, indicator_rules, nsize_rules

FLOAT = pl.Float64()
UNKNOWN = -1  # the cut set (or suspension type) needed to classify the row is not known

HS_CUTS, GRADES_3_8 = "HS", "3-8"


def _tenths(values: np.ndarray) -> np.ndarray:
    """Values on CDE's 0.1 grid as integers; NaN becomes a sentinel that is masked out later."""
    out: np.ndarray = np.rint(np.nan_to_num(values, nan=0.0) * 10.0).astype(np.int64)
    return out


def _column(frame: pl.DataFrame, name: str, dtype: pl.DataType = FLOAT) -> pl.Series:
    if name in frame.columns:
        return frame[name].cast(dtype)
    return pl.Series(name, [None] * frame.height, dtype=dtype)


def variant_codes(frame: pl.DataFrame, rules: IndicatorRules, names: list[str]) -> np.ndarray:
    """Index into `names` of the table variant each row uses (−1 when the row does not say).

    Variants: '*' when the indicator has one table, '3-8'/'HS' from hscutpoints, or the suspension
    `type`. A 2018 file without hscutpoints or a blank suspension type gives −1.
    """
    if rules.variant_by is None:
        return np.zeros(frame.height, dtype=np.int64)
    if rules.variant_by == "hscutpoints":
        flag = _column(frame, "hscutpoints", pl.Boolean())
        keys = pl.select(pl.when(flag).then(pl.lit(HS_CUTS)).when(flag.not_()).then(pl.lit(GRADES_3_8))).to_series()
    elif rules.variant_by == "type":
        keys = _column(frame, "type", pl.String())
    else:
        raise ValueError(f"unknown variant column {rules.variant_by!r}")
    lookup = {name: i for i, name in enumerate(names)}
    codes: np.ndarray = keys.replace_strict(lookup, default=-1, return_dtype=pl.Int64).fill_null(-1).to_numpy()
    return codes


def _status_index(
    tenths: np.ndarray, codes: np.ndarray, yr: YearRules, names: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Status band index per row (−1 unknown) and the variant code used: `len(names)` means
    'either' (every variant agrees), `len(names) + 1` 'unknown'."""
    index = np.full(tenths.shape, UNKNOWN, dtype=np.int64)
    used = codes.copy()
    for i, name in enumerate(names):
        bands = yr.status_for(name)
        assert bands is not None
        mask = codes == i
        index[mask] = bands.index(tenths[mask])
    unknown = codes < 0
    if unknown.any():
        # Without the variant, a row is still classifiable when every variant agrees.
        candidates = np.stack(
            [yr.status_for(n).index(tenths[unknown]) for n in names]  # type: ignore[union-attr]
        )
        agree = (candidates == candidates[0]).all(axis=0)
        rows = np.flatnonzero(unknown)
        index[rows[agree]] = candidates[0][agree]
        used[rows[agree]] = len(names)
        used[rows[~agree]] = len(names) + 1
    return index, used


def classify(frame: pl.DataFrame, indicator: str, year: int) -> pl.DataFrame:
    """Add statuslevel_calc, changelevel_calc, color_calc, box_calc, cutset and mismatch to a
    parsed frame."""
    rules = indicator_rules(indicator)
    yr = rules.year(year)
    n = frame.height
    status_value = _column(frame, "currstatus").to_numpy().astype(np.float64)
    change_value = _column(frame, "change").to_numpy().astype(np.float64)
    prior = _column(frame, "priorstatus").to_numpy().astype(np.float64)
    # CDE computes change from unrounded rates, so the file's own change wins; otherwise derive it.
    derived = np.isnan(change_value) & ~np.isnan(prior) & ~np.isnan(status_value)
    change_value = np.where(derived, np.round(status_value - prior, 1), change_value)

    group_column = _column(frame, "studentgroup", pl.String())
    denominator = _column(frame, "currdenom").to_numpy().astype(np.float64)
    nsizes = nsize_rules()
    minimum = np.full(n, nsizes.default, dtype=np.float64)
    for group in nsizes.by_group:
        minimum[(group_column == group).fill_null(False).to_numpy()] = nsizes.for_group(group, year)
    # A missing denominator (e.g. the 2018 extract) is treated as meeting the n-size.
    size_met = np.isnan(denominator) | (denominator >= minimum)
    informational = group_column.is_in(list(INFORMATIONAL_GROUPS)).fill_null(False).to_numpy()

    names = yr.variants or ["*"]
    codes = variant_codes(frame, rules, names)
    either, unknown_code = len(names), len(names) + 1
    statuslevel = np.zeros(n, dtype=np.int16)
    changelevel = np.zeros(n, dtype=np.int16)
    color = np.zeros(n, dtype=np.int16)
    box = np.zeros(n, dtype=np.int16)
    used = np.full(n, -2, dtype=np.int64)  # -2: no status to classify
    undetermined = np.zeros(n, dtype=bool)

    if yr.mode in ("color", "status_only"):
        has_status = ~np.isnan(status_value) & size_met
        s_index, used = _status_index(_tenths(status_value), codes, yr, names)
        undetermined = has_status & (s_index == UNKNOWN)
        ok = has_status & ~undetermined
        used = np.where(has_status, used, -2)
        level = s_index + 1 if rules.higher_is_better else 5 - s_index
        statuslevel = np.where(ok, level, 0).astype(np.int16)

        if yr.mode == "color":
            has_change = ok & ~np.isnan(change_value)
            c_index = np.full(n, UNKNOWN, dtype=np.int64)
            change_tenths = _tenths(change_value)
            s_clip = np.clip(s_index, 0, 4)
            grid_codes = np.zeros(n, dtype=np.int16)
            # A row whose variant is unknown ('either') still has a change level and a color when
            # the indicator uses one change table and one grid for every variant (ELA and math).
            tables = [(i, yr.change_for(name), yr.grid_for(name)) for i, name in enumerate(names)]
            tables.append((either, yr.change_for(""), yr.grid_for("")))
            for code, table, _ in tables:
                mask = has_change & (used == code)
                if table is not None and mask.any():
                    c_index[mask] = table.index(change_tenths[mask])
            undetermined |= has_change & (c_index == UNKNOWN)
            has_change &= c_index != UNKNOWN
            asc = np.clip(c_index, 0, 4)
            level = asc + 1 if rules.higher_is_better else 5 - asc
            changelevel = np.where(has_change, level, 0).astype(np.int16)
            column = 4 - asc  # grid column: IS=0 … DS=4
            small = rules.small_denominator
            if small is not None and small.fold:
                flag = _column(frame, "smalldenom", pl.Boolean())
                by_size = pl.Series(denominator < small.threshold)
                is_small = flag.fill_null(by_size).to_numpy().astype(bool)
                # The reduced 3x5 grid is not published; fold IS into I and DS into D ([R],
                # unverified).
                column = np.where(is_small & (column == 0), 1, column)
                column = np.where(is_small & (column == 4), 3, column)
            for code, _, grid in tables:
                mask = has_change & (used == code)
                if grid is not None and mask.any():
                    grid_codes[mask] = grid.codes[s_clip[mask], column[mask]]
            colored = has_change & ~informational
            color = np.where(colored, grid_codes, 0).astype(np.int16)
            box = np.where(color > 0, 10 * (5 * s_clip + column + 1), 0).astype(np.int16)

    labels = {-2: "", **dict(enumerate(names)), either: "either", unknown_code: "unknown"}
    cutset = pl.Series("cutset", used).replace_strict(labels, return_dtype=pl.String)
    calc = [
        pl.Series("statuslevel_calc", statuslevel, dtype=pl.Int16),
        pl.Series("changelevel_calc", changelevel, dtype=pl.Int16),
        pl.Series("color_calc", color, dtype=pl.Int16),
        pl.Series("box_calc", box, dtype=pl.Int16),
    ]
    if undetermined.any():
        calc = [series.scatter(np.flatnonzero(undetermined), None) for series in calc]
    result = frame.with_columns(*calc, cutset)
    return result.with_columns(mismatch_expr(result.columns))


def mismatch_expr(columns: list[str]) -> pl.Expr:
    """'' when computed and published agree, else the differing fields ('statuslevel,color');
    'unchecked' when the row cannot be classified or has a hand-assigned color (dataerrorflag)."""
    parts = []
    for name in ("statuslevel", "changelevel", "color"):
        if name in columns:
            published = pl.col(name)
            calc = pl.col(f"{name}_calc")
            parts.append(
                pl.when(published.is_not_null() & calc.is_not_null() & (published != calc))
                .then(pl.lit(name))
                .otherwise(None)
            )
    differs = pl.concat_str(parts, separator=",", ignore_nulls=True) if parts else pl.lit("")
    hand = pl.col("dataerrorflag").fill_null(False) if "dataerrorflag" in columns else pl.lit(False)
    return (
        pl.when(hand)
        .then(pl.lit("unchecked"))
        .when(pl.col("statuslevel_calc").is_null())
        .then(pl.lit("unchecked"))
        .otherwise(differs.fill_null(""))
        .alias("mismatch")
    )


def mismatch_report(classified: pl.DataFrame) -> pl.DataFrame:
    """Rows whose computed status level, change level or color differs from the published one."""
    return classified.filter((pl.col("mismatch") != "") & (pl.col("mismatch") != "unchecked"))
