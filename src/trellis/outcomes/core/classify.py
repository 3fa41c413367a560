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


def variant_keys(frame: pl.DataFrame, rules: IndicatorRules) -> np.ndarray:
    """Which table variant each row uses: '*' when the indicator has one table, else e.g. 'HS' or
    'UD'.

    Unknown variants come back as '' (no hscutpoints value in a 2018 file, a blank suspension type).
    """
    if rules.variant_by is None:
        return np.full(frame.height, "*", dtype=object)
    if rules.variant_by == "hscutpoints":
        flag = _column(frame, "hscutpoints", pl.Boolean())
        keys = pl.select(
            pl.when(flag)
            .then(pl.lit(HS_CUTS))
            .when(flag.not_())
            .then(pl.lit(GRADES_3_8))
            .otherwise(pl.lit(""))
        ).to_series()
        return keys.to_numpy().astype(object)
    if rules.variant_by == "type":
        return _column(frame, "type", pl.String()).fill_null("").to_numpy().astype(object)
    raise ValueError(f"unknown variant column {rules.variant_by!r}")


def _status_index(
    tenths: np.ndarray, variants: np.ndarray, yr: YearRules
) -> tuple[np.ndarray, np.ndarray]:
    """Status band index per row (−1 unknown) and the variant actually used ('either' if it did not
    matter)."""
    index = np.full(tenths.shape, UNKNOWN, dtype=np.int64)
    used = np.array(variants, dtype=object)
    names = yr.variants or ["*"]
    for name in names:
        bands = yr.status_for(name)
        assert bands is not None
        mask = variants == name
        index[mask] = bands.index(tenths[mask])
    unknown = ~np.isin(variants, names)
    if unknown.any() and len(names) > 1:
        # Without the variant, a row is still classifiable when every variant agrees.
        candidates = np.stack([yr.status_for(n).index(tenths[unknown]) for n in names])  # type: ignore[union-attr]
        agree = (candidates == candidates[0]).all(axis=0)
        rows = np.flatnonzero(unknown)
        index[rows[agree]] = candidates[0][agree]
        used[rows[agree]] = "either"
        used[rows[~agree]] = "unknown"
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

    groups = _column(frame, "studentgroup", pl.String()).fill_null("").to_numpy().astype(object)
    denominator = _column(frame, "currdenom").to_numpy().astype(np.float64)
    nsizes = nsize_rules()
    minimum = np.full(n, nsizes.default, dtype=np.float64)
    for group, _ in nsizes.by_group.items():
        minimum[groups == group] = nsizes.for_group(group, year)
    # A missing denominator (e.g. the 2018 extract) is treated as meeting the n-size.
    size_met = np.isnan(denominator) | (denominator >= minimum)

    variants = variant_keys(frame, rules)
    statuslevel = np.zeros(n, dtype=np.int16)
    changelevel = np.zeros(n, dtype=np.int16)
    color = np.zeros(n, dtype=np.int16)
    box = np.zeros(n, dtype=np.int16)
    cutset = np.full(n, "", dtype=object)
    undetermined = np.zeros(n, dtype=bool)

    if yr.mode in ("color", "status_only"):
        has_status = ~np.isnan(status_value) & size_met
        s_index, cutset = _status_index(_tenths(status_value), variants, yr)
        undetermined = has_status & (s_index == UNKNOWN)
        ok = has_status & ~undetermined
        cutset = np.where(has_status, cutset, "")
        level = s_index + 1 if rules.higher_is_better else 5 - s_index
        statuslevel = np.where(ok, level, 0).astype(np.int16)

        if yr.mode == "color":
            has_change = ok & ~np.isnan(change_value)
            c_index = np.full(n, UNKNOWN, dtype=np.int64)
            change_tenths = _tenths(change_value)
            # A row whose variant is unknown still has a change level and color when the indicator
            # uses one change table and one grid for every variant (ELA and math).
            for name in set(variants[has_change].tolist()):
                table = yr.change_for(name)
                mask = has_change & (variants == name)
                if table is not None:
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
            s_clip = np.clip(s_index, 0, 4)
            grid_codes = np.zeros(n, dtype=np.int16)
            for name in set(variants[has_change].tolist()):
                grid = yr.grid_for(name)
                mask = has_change & (variants == name)
                if grid is not None:
                    grid_codes[mask] = grid.codes[s_clip[mask], column[mask]]
            colored = has_change & ~np.isin(groups, list(INFORMATIONAL_GROUPS))
            color = np.where(colored, grid_codes, 0).astype(np.int16)
            box = np.where(color > 0, 10 * (5 * s_clip + column + 1), 0).astype(np.int16)

    result = frame.with_columns(
        pl.Series("statuslevel_calc", statuslevel, dtype=pl.Int16),
        pl.Series("changelevel_calc", changelevel, dtype=pl.Int16),
        pl.Series("color_calc", color, dtype=pl.Int16),
        pl.Series("box_calc", box, dtype=pl.Int16),
        pl.Series("cutset", cutset.astype(str), dtype=pl.String),
    )
    null_if_unknown = [
        pl.when(pl.lit(pl.Series(undetermined))).then(None).otherwise(pl.col(c)).alias(c)
        for c in ("statuslevel_calc", "changelevel_calc", "color_calc", "box_calc")
    ]
    return result.with_columns(null_if_unknown).with_columns(mismatch_expr(result.columns))


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
