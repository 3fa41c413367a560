"""`trellis dashboard …`: classify Dashboard files, determine differentiated assistance, write
synthetic files.

These commands only compute; they never touch the database.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click
import polars as pl

from trellis.lib.errors import ImportFailed
from trellis.outcomes.core.codes import INDICATORS

OUTPUT_COLUMNS = [
    "line",
    "cds",
    "rtype",
    "schoolname",
    "districtname",
    "type",
    "studentgroup",
    "currdenom",
    "currstatus",
    "priorstatus",
    "change",
]


def _parse_years(text: str) -> list[int]:
    years: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", part)
        if not match:
            raise click.BadParameter(f"{part!r} is not a year or a range like 2017-2025")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        years.extend(range(first, last + 1))
    return years


def _indicator_of(path: Path) -> str | None:
    name = path.name.lower()
    for indicator in INDICATORS:
        if name.startswith(indicator):
            return indicator
    return None


def _fail(error: ImportFailed) -> None:
    click.echo(f"The file was not read ({len(error.issues)} problem(s)):", err=True)
    click.echo(error.summary(), err=True)
    sys.exit(2)


@click.group("dashboard")
def dashboard() -> None:
    """California School Dashboard: colors, differentiated assistance, synthetic files."""


@dashboard.command("classify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--indicator", type=click.Choice(INDICATORS), help="Default: from the file name.")
@click.option("--year", type=int, help="Dashboard year. Default: from the file name.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option(
    "--school-types",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="School directory (cds, eil_code) to settle 3-8 vs high-school cuts when the file has no hscutpoints column.",
)
@click.option(
    "--other-subject",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The same year's math (or ELA) file, used the same way.",
)
def classify_command(
    file: Path,
    indicator: str | None,
    year: int | None,
    fmt: str,
    school_types: Path | None,
    other_subject: Path | None,
) -> None:
    """Compute statuslevel, changelevel, color and box for every row, with a mismatch column.

    `mismatch` is empty when the computed values equal the published ones, lists the fields that
    differ otherwise, and says `unchecked` when the row cannot be classified.
    """
    from trellis.outcomes.core.classify import classify
    from trellis.outcomes.core.cutsets import with_inferred_cutsets
    from trellis.outcomes.core.parse import read_dashboard_file

    indicator = indicator or _indicator_of(file)
    if indicator is None:
        raise click.UsageError("cannot tell the indicator from the file name; pass --indicator")
    try:
        parsed = read_dashboard_file(file, indicator, year)
        frame = parsed.frame
        if indicator in ("ela", "math") and (school_types or other_subject):
            other = None
            if other_subject:
                other_indicator = "math" if indicator == "ela" else "ela"
                other = read_dashboard_file(other_subject, other_indicator, parsed.year).frame
            directory = pl.read_csv(school_types, infer_schema_length=0) if school_types else None
            frame = with_inferred_cutsets(frame, indicator, parsed.year, other=other, directory=directory)
    except ImportFailed as error:
        _fail(error)
        return
    out = classify(frame, indicator, parsed.year)
    published = [c for c in ("statuslevel", "changelevel", "color", "box") if c in out.columns]
    table = out.select(
        *[c for c in OUTPUT_COLUMNS if c in out.columns],
        *[pl.col(c).alias(f"published_{c}") for c in published],
        pl.col("statuslevel_calc").alias("statuslevel"),
        pl.col("changelevel_calc").alias("changelevel"),
        pl.col("color_calc").alias("color"),
        pl.col("box_calc").alias("box"),
        "cutset",
        "mismatch",
    )
    if fmt == "json":
        click.echo(json.dumps(table.to_dicts()))
    else:
        click.echo(table.write_csv(), nl=False)
    differing = table.filter((pl.col("mismatch") != "") & (pl.col("mismatch") != "unchecked")).height
    unchecked = table.filter(pl.col("mismatch") == "unchecked").height
    click.echo(
        f"{table.height} rows; {differing} differ from the published values; {unchecked} could not be checked",
        err=True,
    )


@dashboard.command("eligibility")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=int, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json")
@click.option(
    "--local",
    "local_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of local indicators Not Met for Two or More Years: columns cds, priority.",
)
@click.option(
    "--prior",
    "prior_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The prior year's files (repeat the option), for the charter two-year rule.",
)
@click.option(
    "--source",
    type=click.Choice(["auto", "published", "computed"]),
    default="auto",
    help="Use the file's published colors (auto: where present) or recompute them.",
)
def eligibility_command(
    files: tuple[Path, ...],
    year: int,
    fmt: str,
    local_file: Path | None,
    prior_files: tuple[Path, ...],
    source: str,
) -> None:
    """Differentiated-assistance eligibility per LEA, with its reasons in words."""
    from trellis.outcomes.core.eligibility import determine
    from trellis.outcomes.core.reasons import lea_sentences

    def load(paths: tuple[Path, ...], file_year: int) -> dict[str, pl.DataFrame]:
        frames = {}
        for path in paths:
            indicator = _indicator_of(path)
            if indicator is None:
                raise click.UsageError(f"{path.name}: cannot tell the indicator from the file name")
            from trellis.outcomes.core.parse import read_dashboard_file

            frames[indicator] = read_dashboard_file(path, indicator, file_year).frame
        return frames

    try:
        frames = load(files, year)
        prior = load(prior_files, year - 1) if prior_files else None
    except ImportFailed as error:
        _fail(error)
        return
    local = pl.read_csv(local_file, schema_overrides={"cds": pl.String}) if local_file else None
    prior_met = None
    if prior is not None:
        prior_results = determine(year - 1, prior, local_not_met=local, source=source)  # type: ignore[arg-type]
        prior_met = {r.cds: r.met_this_year for r in prior_results}
    results = determine(year, frames, local_not_met=local, prior_met=prior_met, source=source)  # type: ignore[arg-type]
    if fmt == "json":
        payload = [
            {
                "cds": r.cds,
                "name": r.name,
                "kind": r.kind,
                "considered": r.considered,
                "eligible": r.eligible,
                "met_this_year": r.met_this_year,
                "reasons": lea_sentences(r),
                "groups": {
                    g: [
                        {
                            "priority": h.priority,
                            "indicators": list(h.indicators),
                            "values": list(h.values),
                        }
                        for h in hits
                    ]
                    for g, hits in r.groups.items()
                },
                "local_priorities": list(r.local_priorities),
            }
            for r in results
        ]
        click.echo(json.dumps(payload, indent=1))
    else:
        for r in results:
            if r.eligible or r.eligible is None:
                state = "eligible" if r.eligible else "undecided"
                click.echo(f"{r.cds}  {r.name} ({r.kind}): {state}")
                for sentence in lea_sentences(r):
                    click.echo(f"    {sentence}")
    eligible = sum(1 for r in results if r.eligible)
    click.echo(
        f"{eligible} of {len(results)} LEAs eligible for differentiated assistance in {year}",
        err=True,
    )


@dashboard.command("synth")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--years", default="2017-2025", show_default=True)
@click.option("--seed", type=int, default=2018, show_default=True)
@click.option("--counties", help="Only these two-digit county codes, comma-separated (e.g. 01,06).")
def synth_command(outdir: Path, years: str, seed: int, counties: str | None) -> None:
    """Write synthetic Dashboard download files in CDE's layouts (deterministic for a seed)."""
    from trellis.outcomes.core.synth_files import generate

    chosen = [c.strip().zfill(2) for c in counties.split(",")] if counties else None
    written = generate(outdir, _parse_years(years), seed=seed, counties=chosen)
    for path in written:
        click.echo(str(path))
    click.echo(f"{len(written)} files written to {outdir}", err=True)


@dashboard.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=int, help="Dashboard year. Default: from each file's name.")
@click.option("--indicator", type=click.Choice(INDICATORS), help="Default: from each file's name.")
def import_command(files: tuple[Path, ...], year: int | None, indicator: str | None) -> None:
    """Import Dashboard files into the database (each file all or nothing; re-importing changes
    nothing), then determine differentiated assistance for the years touched."""
    import time

    from trellis.cli.main import setup_django

    setup_django()
    from trellis.outcomes.actions import da_determine, dashboard_import

    failed = False
    years: set[int] = set()
    with click.progressbar(files, label="Importing", file=sys.stderr, show_pos=True) as bar:
        for path in bar:
            started = time.perf_counter()
            try:
                summary = dashboard_import(
                    path.name, path.read_bytes(), indicator=indicator, year=year, determine=False
                )
            except ImportFailed as failure:
                failed = True
                click.echo(f"\n{path.name}: nothing imported.\n{failure.summary()}", err=True)
            else:
                years.add(summary.year)
                click.echo(f"\n{summary} [{time.perf_counter() - started:.1f} s]", err=True)
    for touched in sorted(years):
        eligible = da_determine(touched)
        click.echo(f"{touched}: {eligible} LEAs eligible for differentiated assistance")
    if failed:
        raise SystemExit(1)


@dashboard.command("determine")
@click.option("--year", "years", type=str, required=True, help="A year or a range like 2017-2025.")
def determine_command(years: str) -> None:
    """Determine differentiated assistance from the stored Dashboard rows (replaces the year's
    determinations)."""
    from trellis.cli.main import setup_django

    setup_django()
    from trellis.outcomes.actions import da_determine

    for year in _parse_years(years):
        eligible = da_determine(year)
        click.echo(f"{year}: {eligible} LEAs eligible for differentiated assistance")
