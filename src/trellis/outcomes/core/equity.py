"""Equity gaps and bright spots (pure).

Gap: each student group's status minus All Students' status at the same organization, with
`gap_worse` signed so that a positive number always means the group does worse (for chronic absence
and suspension a higher rate is worse). `levels_below` compares colors (All Students' color minus
the
group's, so 2 = two colors below).

Bright spots: a group (or the whole organization, group ALL) whose color rose two or more levels
since
the prior year, or whose change level is the best one ("Increased Significantly", or "Declined
Significantly" for rates where lower is better: code 5 in both cases).
"""

from __future__ import annotations

import polars as pl

from trellis.outcomes.core.classify import classify
from trellis.outcomes.core.rules import indicator_rules


def _with_levels(frame: pl.DataFrame, indicator: str, year: int) -> pl.DataFrame:
    if "color_calc" not in frame.columns:
        frame = classify(frame, indicator, year)
    color = pl.coalesce("color", "color_calc") if "color" in frame.columns else pl.col("color_calc")
    change = (
        pl.coalesce("changelevel", "changelevel_calc") if "changelevel" in frame.columns else pl.col("changelevel_calc")
    )
    return frame.with_columns(color.fill_null(0).alias("color_eff"), change.fill_null(0).alias("changelevel_eff"))


def gaps(frame: pl.DataFrame, indicator: str, year: int) -> pl.DataFrame:
    """Per organization and student group: status, All Students' status, the gap and color levels
    below."""
    sign = 1.0 if indicator_rules(indicator).higher_is_better else -1.0
    data = _with_levels(frame, indicator, year)
    all_students = data.filter(pl.col("studentgroup") == "ALL").select(
        "cds", pl.col("currstatus").alias("all_status"), pl.col("color_eff").alias("all_color")
    )
    return (
        data.filter(pl.col("studentgroup") != "ALL")
        .join(all_students, on="cds", how="inner")
        .select(
            "cds",
            "rtype",
            "studentgroup",
            pl.lit(indicator).alias("indicator"),
            "currstatus",
            "all_status",
            (pl.col("currstatus") - pl.col("all_status")).round(1).alias("gap"),
            ((pl.col("all_status") - pl.col("currstatus")) * sign).round(1).alias("gap_worse"),
            pl.when((pl.col("color_eff") > 0) & (pl.col("all_color") > 0))
            .then(pl.col("all_color") - pl.col("color_eff"))
            .otherwise(None)
            .alias("levels_below"),
        )
        .sort("cds", "studentgroup")
    )


def bright_spots(current: pl.DataFrame, prior: pl.DataFrame | None, indicator: str, year: int) -> pl.DataFrame:
    """Organizations and groups that rose two or more colors, or changed the most in the right
    direction."""
    now = _with_levels(current, indicator, year).select(
        "cds", "rtype", "studentgroup", "currstatus", "color_eff", "changelevel_eff"
    )
    if prior is not None:
        before = _with_levels(prior, indicator, year - 1).select(
            "cds", "studentgroup", pl.col("color_eff").alias("prior_color")
        )
        now = now.join(before, on=["cds", "studentgroup"], how="left")
    else:
        now = now.with_columns(pl.lit(None, pl.Int16).alias("prior_color"))
    rose = (pl.col("color_eff") > 0) & (pl.col("prior_color") > 0) & (pl.col("color_eff") - pl.col("prior_color") >= 2)
    best_change = pl.col("changelevel_eff") == 5
    return (
        now.filter(rose.fill_null(False) | best_change)
        .select(
            "cds",
            "rtype",
            "studentgroup",
            pl.lit(indicator).alias("indicator"),
            "currstatus",
            "prior_color",
            pl.col("color_eff").alias("color"),
            pl.when(rose.fill_null(False) & best_change)
            .then(pl.lit("rose two or more colors; best change level"))
            .when(rose.fill_null(False))
            .then(pl.lit("rose two or more colors"))
            .otherwise(pl.lit("best change level"))
            .alias("reason"),
        )
        .sort("cds", "studentgroup")
    )
