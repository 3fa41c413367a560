"""Benchmark: import a statewide Dashboard year into the database (SQLite or PostgreSQL).

    PYTHONPATH=src /work/venv/bin/python bench/bench_dashboard_import.py [--quick] [--year 2025]
    DATABASE_URL=postgres://… PYTHONPATH=src /work/venv/bin/python bench/bench_dashboard_import.py

Builds a fresh database (a temporary SQLite file, or the given PostgreSQL database, which is
flushed), imports the real 2018 schools as organizations, writes the synthetic files of one year
for every indicator (trellis.outcomes.core.synth_files, ≈ 850,000 rows for 2025) and times
`trellis.outcomes.actions.dashboard_import` on each, then the differentiated-assistance
determination, then a second import of the same files (which must change nothing). Baseline: parse +
classify alone (no database), so the ratio is the cost of storing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="Three counties only.")
    parser.add_argument("--year", type=int, default=2025)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-dashboard-import-"))
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings.development")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)

    import random
    from datetime import date

    from trellis.demo.pipeline import DemoContext
    from trellis.orgs.demo import demo_organizations
    from trellis.outcomes.actions import da_determine, dashboard_import
    from trellis.outcomes.core.classify import classify
    from trellis.outcomes.core.parse import read_dashboard_file
    from trellis.outcomes.core.synth_files import generate

    demo_organizations(DemoContext(seed=2018, today=date.today(), rng=random.Random(2018)))
    counties = ["01", "06", "46"] if args.quick else None
    files = generate(workdir / "files", [args.year], seed=2018, counties=counties)

    started = time.perf_counter()
    for path in files:
        indicator = path.name.split("download")[0]
        classify(read_dashboard_file(path, indicator, args.year).frame, indicator, args.year)
    baseline = time.perf_counter() - started

    rows = 0
    started = time.perf_counter()
    for path in files:
        t = time.perf_counter()
        summary = dashboard_import(path.name, path.read_bytes(), determine=False)
        rows += summary.rows
        print(f"  {path.name:<28} {summary.rows:>9,} rows {time.perf_counter() - t:7.1f} s", file=sys.stderr)
    first = time.perf_counter() - started

    started = time.perf_counter()
    eligible = da_determine(args.year)
    determine_time = time.perf_counter() - started

    started = time.perf_counter()
    unchanged = sum(dashboard_import(p.name, p.read_bytes(), determine=False).unchanged for p in files)
    again = time.perf_counter() - started

    print(f"database: {connection.vendor}; year {args.year}; {len(files)} files; {rows:,} rows")
    print(f"parse + classify only (baseline): {baseline:.1f} s")
    print(
        f"import (parse, classify, link, write): {first:.1f} s = {rows / first:,.0f} rows/s; "
        f"ratio to baseline {first / baseline:.1f}x"
    )
    print(f"DA determination: {determine_time:.1f} s ({eligible} LEAs eligible)")
    print(f"re-import of the same files: {again:.1f} s; {unchanged:,} of {rows:,} rows unchanged")
    connection.close()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
