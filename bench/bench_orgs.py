"""Benchmark: import the whole state's organizations, and directory search latency over ~10,000 schools.

    python bench/bench_orgs.py                 # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/trellis_bench python bench/bench_orgs.py

Targets (issue 2): import ≤ 10 s; directory search p95 ≤ 50 ms. Baseline for the import: merely reading
the same file with Python's csv module (the ratio shows what validation and writing cost on top).
"""

from __future__ import annotations

import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def directory_file() -> bytes:
    """The demo's real school list written in CDE's public schools directory layout."""
    from trellis.orgs.demo import school_rows

    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(
        [
            "CDSCode",
            "County",
            "District",
            "School",
            "StatusType",
            "SOC",
            "EILCode",
            "GSoffered",
            "Charter",
            "Latitude",
            "Longitude",
        ]
    )
    districts: dict[str, tuple[str, str]] = {}
    for r in school_rows():
        districts.setdefault(r.cds[:7], (r.county_name, r.district_name))
    for code, (county, district) in sorted(districts.items()):
        writer.writerow([code + "0000000", county, district, "No Data", "Active", "", "", "", "N", "", ""])
    for r in school_rows():
        writer.writerow(
            [
                r.cds,
                r.county_name,
                r.district_name,
                r.school_name,
                "Active",
                r.soc,
                r.eil_code,
                "",
                "Y" if r.is_charter else "N",
                r.latitude or "",
                r.longitude or "",
            ]
        )
    return out.getvalue().encode()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="trellis-bench-")
    os.environ["TRELLIS_VAR_DIR"] = tmp
    # Production-like settings (the test settings re-scan static files on every request).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings.demo")
    # The test client's host; no test-environment template instrumentation, which would slow pages down.
    os.environ["TRELLIS_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    old_name = settings.DATABASES["default"]["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    del call_command


def run() -> None:
    from django.db import connection
    from django.test import Client

    from trellis.accounts.models import Membership, Role, User
    from trellis.orgs import selectors
    from trellis.orgs.importers import import_file
    from trellis.orgs.models import Kind, Organization

    data = directory_file()
    print(f"database: {connection.vendor}; file: {len(data) / 1e6:.1f} MB")

    started = time.perf_counter()
    rows = list(csv.reader(io.StringIO(data.decode()), delimiter="\t"))
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    summary = import_file("pubschls.txt", data)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = import_file("pubschls.txt", data)
    second = time.perf_counter() - started
    schools = Organization.objects.filter(kind=Kind.SCHOOL).count()
    print(
        f"import, whole state ({len(rows) - 1} rows, {schools} schools): {first:.2f} s  [{summary}]  "
        f"(target ≤ 10 s; ratio to csv.reader alone: {first / baseline:.0f}×)"
    )
    print(f"import again (idempotent): {second:.2f} s  [{again}]")

    state = Organization.objects.get(kind=Kind.STATE)
    admin = User.objects.create_user("bench@example.org", "x" * 12, full_name="Bench")
    Membership.objects.create(user=admin, organization=state, role=Role.ADMINISTRATOR)
    rng = random.Random(7)
    names = list(Organization.objects.filter(kind=Kind.SCHOOL).values_list("name", "cds_code"))
    queries = []
    for _ in range(300):
        name, cds = rng.choice(names)
        word = rng.choice(name.split())
        queries.append(cds[: rng.randint(2, 9)] if rng.random() < 0.3 else word[: max(3, len(word) - 1)])

    selector_times = []
    for q in queries:
        started = time.perf_counter()
        page = selectors.organization_search(admin, q)
        list(page[:50])
        page.count()
        selector_times.append((time.perf_counter() - started) * 1000)

    client = Client()
    client.force_login(admin)
    page_times = []
    for q in queries:
        started = time.perf_counter()
        response = client.get("/orgs/", {"q": q}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        page_times.append((time.perf_counter() - started) * 1000)
    print(
        f"directory search, query only (first page + count): p50 {statistics.median(selector_times):.1f} ms, "
        f"p95 {percentile(selector_times, 0.95):.1f} ms"
    )
    print(
        f"directory search, whole htmx response: p50 {statistics.median(page_times):.1f} ms, "
        f"p95 {percentile(page_times, 0.95):.1f} ms  (target ≤ 50 ms)"
    )


if __name__ == "__main__":
    main()
