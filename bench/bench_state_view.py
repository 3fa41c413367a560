"""Server time of the state "System of Support" view (all panels and the county map) on the demo state.

    PYTHONPATH=src /work/venv/bin/python bench/bench_state_view.py           # builds the demo in a temporary SQLite
    PYTHONPATH=src /work/venv/bin/python bench/bench_state_view.py --db URL  # an existing demo database
    PYTHONPATH=src /work/venv/bin/python bench/bench_state_view.py --quick     # fewer repetitions

Acceptance (issue 7): under one second of server time. Times the computation (`system_view`) and the
full response (the view through Django's test client as a state user: queries, template, map SVG),
median of N runs after one warm-up. Baseline: the one-second budget.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BUDGET_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="DATABASE_URL of an existing demo database (default: build one)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    tmp = None
    if args.db:
        os.environ["DATABASE_URL"] = args.db
    else:
        tmp = tempfile.TemporaryDirectory(prefix="trellis-bench-state-")
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings.development")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if not args.db:
        call_command("migrate", verbosity=0)
        from trellis.demo.pipeline import run

        started = time.perf_counter()
        run(echo=lambda _: None)
        print(f"demo built in {time.perf_counter() - started:.1f} s")
    from trellis.accounts.models import Membership
    from trellis.orgs.models import Kind
    from trellis.reports.system import system_view

    member = Membership.objects.filter(organization__kind=Kind.STATE).select_related("user").first()
    if member is None:
        print("no state user in this database", file=sys.stderr)
        return 1
    repeats = 3 if args.quick else 10
    system_view()  # warm-up (county shapes, caches)
    compute = []
    for _ in range(repeats):
        started = time.perf_counter()
        view = system_view()
        compute.append(time.perf_counter() - started)
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(member.user)
    client.get("/reports/state/")
    full = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/reports/state/")
            full.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    eligible = view.da_by_year[0]["eligible"] if view.da_by_year else 0
    print(
        f"database: {connection.vendor}; year {view.year}; eligible LEAs {eligible}; "
        f"covered {len(view.covered)}, uncovered {len(view.uncovered)}"
    )
    c, f = statistics.median(compute), statistics.median(full)
    print(f"system_view computation: median {c * 1000:.0f} ms over {repeats} runs")
    print(f"full response (view + template + map): median {f * 1000:.0f} ms, {len(queries)} queries")
    print(f"ratio to the {BUDGET_SECONDS:.0f} s budget: {f / BUDGET_SECONDS:.2f}")
    if tmp is not None:
        tmp.cleanup()
    return 0 if f < BUDGET_SECONDS else 2


if __name__ == "__main__":
    sys.exit(main())
