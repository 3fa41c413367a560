"""Which academic cut set (grades 3–8 or high school) a row is judged on, when the file does not
say.

From 2019 the ELA and math files carry `hscutpoints`. The 2018 files did not (as far as we could
confirm), so for them we determine it, in this order, for each school and subject:

1. **Value ranges.** Where both cut sets give the same level for the row's value (e.g. ELA 15.0 is
   High under both), the cut set does not matter; `classify` handles this by itself ("either").
2. **School type.** A directory's Educational Instruction Level: HS → high-school cuts; ELEM,
INTMIDJR
   and ELEMHIGH (K–12) → grades 3–8 cuts. Checked against every 2018 row with a directory match.
3. **The other subject.** A school is judged on the same cut set in ELA and math (no 2018 school
   contradicts this). When the *other* subject's value lies where the two cut sets disagree, its
   published level tells which set the school uses. The row's own published level is never used.

Rows where none of these applies stay undetermined and are not checked (docs/methods/dashboard.md).
"""

from __future__ import annotations

import polars as pl

from trellis.outcomes.core.classify import classify

HIGH_SCHOOL_LEVELS = frozenset({"HS"})
GRADES_3_8_LEVELS = frozenset({"ELEM", "INTMIDJR", "ELEMHIGH"})


def school_levels(directory: pl.DataFrame) -> pl.DataFrame:
    """cds → hscutpoints from a directory's `eil_code` column (other codes give no answer)."""
    return (
        directory.select(
            pl.col("cds").cast(pl.String).str.zfill(14),
            pl.when(pl.col("eil_code").is_in(list(HIGH_SCHOOL_LEVELS)))
            .then(True)
            .when(pl.col("eil_code").is_in(list(GRADES_3_8_LEVELS)))
            .then(False)
            .otherwise(None)
            .alias("hs_directory"),
        )
        .filter(pl.col("hs_directory").is_not_null())
        .unique("cds")
    )


def evidence_from_published(frame: pl.DataFrame, indicator: str, year: int) -> pl.DataFrame:
    """cds → hscutpoints implied by a subject's own published levels where the cut sets disagree."""
    base = frame.select("cds", "studentgroup", "currstatus", "statuslevel", "currdenom")
    as_38 = classify(base.with_columns(pl.lit(False).alias("hscutpoints")), indicator, year)
    as_hs = classify(base.with_columns(pl.lit(True).alias("hscutpoints")), indicator, year)
    both = base.with_columns(as_38["statuslevel_calc"].alias("level_38"), as_hs["statuslevel_calc"].alias("level_hs"))
    return (
        both.filter(
            (pl.col("studentgroup") == "ALL")
            & (pl.col("level_38") != pl.col("level_hs"))
            & ((pl.col("statuslevel") == pl.col("level_38")) | (pl.col("statuslevel") == pl.col("level_hs")))
        )
        .select("cds", (pl.col("statuslevel") == pl.col("level_hs")).alias("hs_evidence"))
        .unique("cds")
    )


def with_inferred_cutsets(
    frame: pl.DataFrame,
    indicator: str,
    year: int,
    *,
    other: pl.DataFrame | None = None,
    directory: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Fill a null `hscutpoints` from the directory, then from the other subject's published levels.

    Adds `cutset_source` ('file', 'directory', 'other subject' or null).
    """
    other_indicator = "math" if indicator == "ela" else "ela"
    out = frame.with_columns(
        pl.when(pl.col("hscutpoints").is_not_null()).then(pl.lit("file")).otherwise(None).alias("cutset_source")
    )
    if directory is not None:
        out = (
            out.join(school_levels(directory), on="cds", how="left")
            .with_columns(
                pl.when(pl.col("cutset_source").is_null() & pl.col("hs_directory").is_not_null())
                .then(pl.lit("directory"))
                .otherwise(pl.col("cutset_source"))
                .alias("cutset_source"),
                pl.coalesce("hscutpoints", "hs_directory").alias("hscutpoints"),
            )
            .drop("hs_directory")
        )
    if other is not None:
        evidence = evidence_from_published(other, other_indicator, year)
        out = (
            out.join(evidence, on="cds", how="left")
            .with_columns(
                pl.when(pl.col("cutset_source").is_null() & pl.col("hs_evidence").is_not_null())
                .then(pl.lit("other subject"))
                .otherwise(pl.col("cutset_source"))
                .alias("cutset_source"),
                pl.coalesce("hscutpoints", "hs_evidence").alias("hscutpoints"),
            )
            .drop("hs_evidence")
        )
    return out
