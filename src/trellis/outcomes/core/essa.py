"""ESSA school identification: CSI Low Performing, CSI Low Graduation Rate and ATSI — UNVERIFIED.

The criteria are the 2019 ones as summarized by a third party (edtec.com, 2020-02-18); CDE refers to
the Dashboard Technical Guide, which we have not read. Two limits are NOT applied because the data
are
not in the Dashboard files: CSI Low Performing is "not less than the lowest-performing five percent
of
Title I-funded schools" (csi.asp), and entry happens only in identification years (2019, then after
the 2023 and 2026 Dashboards). Every result is labelled `verified: false` by the rules file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from trellis.outcomes.core.classify import classify
from trellis.outcomes.core.codes import ORANGE, RED
from trellis.outcomes.core.rules import essa_rules, indicator_rules


def _school_colors(frames: Mapping[str, pl.DataFrame], year: int, groups: list[str]) -> pl.DataFrame:
    """cds, studentgroup, indicator, color (Red where a status proxy applies) of school rows."""
    rules = essa_rules()["csi_low_performing"]
    proxies: dict[str, str] = rules.get("status_proxies", {}).get(year, {})
    parts = []
    for indicator, frame in frames.items():
        if indicator not in rules["indicators"]:
            continue
        if "color_calc" not in frame.columns:
            frame = classify(frame, indicator, year)
        color = pl.coalesce("color", "color_calc") if "color" in frame.columns else pl.col("color_calc")
        level = (
            pl.coalesce("statuslevel", "statuslevel_calc")
            if "statuslevel" in frame.columns
            else pl.col("statuslevel_calc")
        )
        if indicator in proxies:
            # A proxy status ("Very Low") counts as Red, e.g. ELPI in 2019 and CCI in 2023.
            worst = 1 if indicator_rules(indicator).higher_is_better else 5
            proxy_code = worst if proxies[indicator] in ("VL", "VH") else 0
            color = (
                pl.when(level == proxy_code)
                .then(pl.lit(RED))
                .otherwise(pl.when(level > 0).then(pl.lit(ORANGE + 1)).otherwise(pl.lit(0)))
            )
        parts.append(
            frame.filter((pl.col("rtype") == "S") & pl.col("studentgroup").is_in(groups)).select(
                "cds",
                "schoolname",
                "studentgroup",
                pl.lit(indicator).alias("indicator"),
                color.fill_null(0).cast(pl.Int16).alias("color"),
            )
        )
    return pl.concat(parts) if parts else pl.DataFrame()


def low_performing(colors: pl.DataFrame) -> pl.DataFrame:
    """Per (cds, studentgroup): whether the colored indicators meet a CSI Low Performing pattern."""
    rules = essa_rules()["csi_low_performing"]
    return (
        colors.filter(pl.col("color") > 0)
        .group_by("cds", "studentgroup")
        .agg(
            pl.col("schoolname").first(),
            pl.len().alias("colored"),
            (pl.col("color") == RED).sum().alias("red"),
            (pl.col("color") <= ORANGE).sum().alias("red_or_orange"),
        )
        .with_columns(
            pl.when(pl.col("colored") < rules["min_indicators"])
            .then(pl.lit(None))
            .when(pl.col("red") == pl.col("colored"))
            .then(pl.lit("all Red"))
            .when(pl.col("red") == pl.col("colored") - 1)
            .then(pl.lit("all Red but one"))
            .when(pl.col("red_or_orange") == pl.col("colored"))
            .then(pl.lit("all Red and Orange"))
            .when((pl.col("colored") >= rules["majority_red_min_indicators"]) & (pl.col("red") * 2 > pl.col("colored")))
            .then(pl.lit("five or more, majority Red"))
            .otherwise(pl.lit(None))
            .alias("pattern")
        )
    )


def identify(
    frames: Mapping[str, pl.DataFrame], year: int, *, prior_atsi_groups: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Per school: `status` (CSI Grad, CSI Low Perform, ATSI or none) and `reason`, labelled
    unverified.

    prior_atsi_groups: (cds, studentgroup) that met a low-performing pattern the year before; ATSI
    then needs the same group in both years ("using two years of Dashboard results", tsi.asp).
    """
    rules: dict[str, Any] = essa_rules()
    atsi_groups = list(rules["atsi"]["groups"])
    colors = _school_colors(frames, year, ["ALL", *atsi_groups])
    patterns = (
        low_performing(colors)
        if colors.height
        else pl.DataFrame(
            schema={
                "cds": pl.String,
                "studentgroup": pl.String,
                "schoolname": pl.String,
                "pattern": pl.String,
            }
        )
    )
    schools = (
        colors.select("cds", "schoolname").unique("cds")
        if colors.height
        else pl.DataFrame(schema={"cds": pl.String, "schoolname": pl.String})
    )

    grad_low = pl.DataFrame(schema={"cds": pl.String, "grad_average": pl.Float64})
    if "grad" in frames:
        grad = frames["grad"].filter((pl.col("rtype") == "S") & (pl.col("studentgroup") == "ALL"))
        # Two-year average: pooled counts where present, else the mean of the two rates.
        average = (
            pl.when(
                pl.col("currdenom").is_not_null()
                & pl.col("priordenom").is_not_null()
                & pl.col("currnumer").is_not_null()
                & pl.col("priornumer").is_not_null()
            )
            .then((pl.col("currnumer") + pl.col("priornumer")) / (pl.col("currdenom") + pl.col("priordenom")) * 100)
            .otherwise(pl.mean_horizontal("currstatus", "priorstatus"))
        )
        grad_low = grad.select("cds", "schoolname", average.round(1).alias("grad_average")).filter(
            pl.col("grad_average") < rules["csi_low_graduation"]["threshold"]
        )
        schools = pl.concat([schools, grad_low.select("cds", "schoolname")]).unique("cds")

    all_students = patterns.filter((pl.col("studentgroup") == "ALL") & pl.col("pattern").is_not_null())
    groups = patterns.filter((pl.col("studentgroup") != "ALL") & pl.col("pattern").is_not_null())
    if prior_atsi_groups is not None:
        groups = groups.join(prior_atsi_groups.select("cds", "studentgroup"), on=["cds", "studentgroup"], how="semi")
    group_reasons = groups.group_by("cds").agg(
        pl.concat_str(pl.col("studentgroup"), pl.lit(": "), pl.col("pattern"))
        .sort()
        .str.join("; ")
        .alias("atsi_reason")
    )

    out = (
        schools.join(grad_low.select("cds", "grad_average"), on="cds", how="left")
        .join(all_students.select("cds", pl.col("pattern").alias("csi_pattern")), on="cds", how="left")
        .join(group_reasons, on="cds", how="left")
    )
    return out.select(
        "cds",
        "schoolname",
        # A school is eligible in only one CSI category per year (edtec 2020); low graduation first.
        pl.when(pl.col("grad_average").is_not_null())
        .then(pl.lit("CSI Grad"))
        .when(pl.col("csi_pattern").is_not_null())
        .then(pl.lit("CSI Low Perform"))
        .when(pl.col("atsi_reason").is_not_null())
        .then(pl.lit("ATSI"))
        .otherwise(pl.lit("No Status"))
        .alias("status"),
        pl.when(pl.col("grad_average").is_not_null())
        .then(pl.format("two-year graduation rate {}% (below 68%)", pl.col("grad_average")))
        .when(pl.col("csi_pattern").is_not_null())
        .then(pl.format("All Students: {}", pl.col("csi_pattern")))
        .otherwise(pl.col("atsi_reason"))
        .alias("reason"),
        pl.lit(False).alias("verified"),
    ).sort("cds")
