"""Write synthetic Dashboard download files: one frame per (indicator, year) in CDE's exact layout.

The values come from `synth.simulate`; the published status level, change level, color and box are
computed with this package's rules (`classify`), so a synthetic file never disagrees with itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polars as pl

from trellis.outcomes.core.classify import classify
from trellis.outcomes.core.layouts import layout, published_files
from trellis.outcomes.core.synth import entities, groups_for, simulate


def _yn(expr: pl.Expr) -> pl.Expr:
    return pl.when(expr).then(pl.lit("Y")).otherwise(pl.lit(""))


def year_frame(indicator: str, year: int, ent: pl.DataFrame, values: pl.DataFrame) -> pl.DataFrame:
    """The canonical-schema frame of one file (before published levels are added)."""
    groups = groups_for(indicator, year)
    cur = values.filter((pl.col("year") == year) & pl.col("studentgroup").is_in(groups))
    prior = values.filter(pl.col("year") == year - 1).select(
        "cds",
        "studentgroup",
        pl.col("numer").alias("priornumer"),
        pl.col("denom").alias("priordenom"),
        pl.col("value").alias("priorvalue"),
    )
    frame = cur.join(prior, on=["cds", "studentgroup"], how="left").join(
        ent.select(
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
        ),
        on="cds",
        how="inner",
    )
    frame = frame.filter(pl.col("denom") > 0)
    # Cells under 11 students are suppressed (2022 layouts: blank "if currdenom<11").
    shown = pl.col("denom") >= 11
    prior_shown = pl.col("priordenom") >= 11
    status = pl.when(shown).then(pl.col("value").round(1)).otherwise(None)
    prior_status = pl.when(prior_shown).then(pl.col("priorvalue").round(1)).otherwise(None)
    return frame.select(
        "cds",
        "rtype",
        "schoolname",
        "districtname",
        "countyname",
        pl.col("charter").alias("charter_flag"),
        pl.col("coe").alias("coe_flag"),
        pl.col("dass").alias("dass_flag"),
        "type",
        "studentgroup",
        pl.when(shown).then(pl.col("numer")).otherwise(None).alias("currnumer"),
        pl.col("denom").alias("currdenom"),
        status.alias("currstatus"),
        pl.when(prior_shown).then(pl.col("priornumer")).otherwise(None).alias("priornumer"),
        pl.col("priordenom"),
        prior_status.alias("priorstatus"),
        # CDE computes change from unrounded values (californiamodel placement page note).
        pl.when(shown & prior_shown)
        .then((pl.col("value") - pl.col("priorvalue")).round(1))
        .otherwise(None)
        .alias("change"),
        (pl.col("denom") < 150).alias("smalldenom"),
        (pl.col("level") == "HS").alias("hscutpoints"),
        pl.lit(False).alias("dataerrorflag"),
    ).sort("cds", "studentgroup")


def _text(frame: pl.DataFrame, indicator: str, year: int) -> pl.DataFrame:
    """Render a classified frame in the exact column order and spelling of the year's layout."""
    lay = layout(indicator, year)

    def number(c: str) -> pl.Expr:
        return pl.col(c).cast(pl.Int64).cast(pl.String).fill_null("")

    def decimal(c: str) -> pl.Expr:
        return pl.col(c).round(1).cast(pl.String).fill_null("")

    nsize = pl.col("currdenom") >= 30
    values: dict[str, pl.Expr] = {
        "cds": pl.col("cds"),
        "cdscode": pl.col("cds"),
        "rtype": pl.col("rtype"),
        "schoolname": pl.col("schoolname").fill_null(""),
        "districtname": pl.col("districtname").fill_null(""),
        "countyname": pl.col("countyname").fill_null(""),
        "charter_flag": _yn(pl.col("charter_flag")),
        "coe_flag": _yn(pl.col("coe_flag")),
        "dass_flag": _yn(pl.col("dass_flag")),
        "type": pl.col("type"),
        "studentgroup": pl.col("studentgroup"),
        "currnumer": number("currnumer"),
        "currdenom": number("currdenom"),
        "currstatus": decimal("currstatus"),
        "priornumer": number("priornumer"),
        "priordenom": number("priordenom"),
        "priorstatus": decimal("priorstatus"),
        "priordenom_swd": number("priordenom"),
        "change": decimal("change"),
        "statuslevel": number("statuslevel_calc"),
        "changelevel": number("changelevel_calc"),
        "color": number("color_calc"),
        "box": number("box_calc"),
        "safetynet": pl.when(pl.col("smalldenom")).then(pl.lit("Y")).otherwise(pl.lit("N")),
        "smalldenom": pl.when(pl.col("smalldenom")).then(pl.lit("Y")).otherwise(pl.lit("N")),
        "currnsizemet": pl.when(nsize).then(pl.lit("Y")).otherwise(pl.lit("N")),
        "priornsizemet": pl.when(pl.col("priordenom") >= 30).then(pl.lit("Y")).otherwise(pl.lit("N")),
        "accountabilitymet": pl.when(nsize).then(pl.lit("Y")).otherwise(pl.lit("N")),
        "hscutpoints": _yn(pl.col("hscutpoints")),
        "certifyflag": pl.lit("N"),
        "dataerrorflag": pl.lit("N"),
        "indicator": pl.lit(indicator.upper()),
        "reportingyear": pl.lit(str(year)),
        "fiveyrnumer": (pl.col("currnumer") * 0.03).round(0).cast(pl.Int64).cast(pl.String).fill_null(""),
    }
    out = []
    for column in lay.columns:
        key = column.lower()
        expr = values.get(key, pl.lit(""))  # measure-detail columns we do not model stay blank
        out.append(expr.alias(column))
    return frame.select(out)


def generate(
    outdir: Path | str,
    years: Iterable[int],
    *,
    seed: int = 2018,
    indicators: Iterable[str] | None = None,
    counties: Iterable[str] | None = None,
) -> list[Path]:
    """Write the synthetic download files CDE published for `years` into `outdir`."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    ent = entities(seed, counties=counties)
    wanted = set(indicators) if indicators else None
    cache: dict[str, pl.DataFrame] = {}
    written = []
    for indicator, year, file_name in published_files(list(years)):
        if wanted is not None and indicator not in wanted:
            continue
        if indicator not in cache:
            cache[indicator] = simulate(indicator, ent, seed)
        frame = year_frame(indicator, year, ent, cache[indicator])
        if "dassonly" in file_name:
            frame = frame.filter(pl.col("dass_flag") | (pl.col("rtype") != "S"))
        classified = classify(frame, indicator, year)
        path = outdir / file_name
        _text(classified, indicator, year).write_csv(path, separator="\t", quote_style="never")
        written.append(path)
    return written
