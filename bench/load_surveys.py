"""Load test of survey submission on loopback: gunicorn + PostgreSQL, a duplicate-submit storm and a
database restart midway. Every response must be stored exactly once.

    PYTHONPATH=src /work/venv/bin/python bench/load_surveys.py            # 3,000 surveys, 300 at once
    PYTHONPATH=src /work/venv/bin/python bench/load_surveys.py --quick    # 300 surveys, 60 at once

What it does (docs/methods/survey-collection.md, "Load test"):
1. recreates the database `trellis_load` on 127.0.0.1, migrates it, builds 30 schools and one
   confidential window with N people on its roster;
2. starts gunicorn (`--workers`, 4 threads each) with the demo settings against that database;
3. N simulated respondents, `--concurrency` at a time, each open their link, save four pages and
   submit the last one, then replay the final submit 2–5 times *at once* (double clicks, retries);
4. halfway through, restarts PostgreSQL (`pg_ctlcluster … restart`); clients retry connection errors
   and 5xx answers with backoff, as a browser user pressing the button again would;
5. checks the database: exactly N responses, N completed invitations, per-school counts equal, and
   every respondent's answers present exactly once (each answered a value derived from their number).
Bounded: it stops with an error after `--deadline` seconds.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
DATABASE = "trellis_load"
SECRET = "load-test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0
    retries: int = 0
    server_errors: int = 0
    connection_errors: int = 0
    submit_latencies: list[float] = field(default_factory=list)
    replay_statuses: dict[int, int] = field(default_factory=dict)
    finished: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, **counts: int) -> None:
        with self.lock:
            for key, value in counts.items():
                setattr(self, key, getattr(self, key) + value)


def setup_database(respondents: int, schools: int) -> tuple[int, list[str], list[list[int]], int]:
    """Fresh database with one window and `respondents` invitations: (window id, tokens, page items, page count)."""
    import psycopg

    with psycopg.connect(f"host={HOST} user=postgres dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    from trellis.orgs.actions import organizations_import
    from trellis.orgs.core.entities import SourceRow, derive_entities
    from trellis.orgs.core.regions import counties
    from trellis.orgs.models import Kind, Organization
    from trellis.surveys import actions, tokens
    from trellis.surveys.models import Invitation
    from trellis.surveys.roster import RosterEntry

    rows = [
        SourceRow(
            line=i + 2,
            cds=f"0161192{i:07d}",
            is_school=True,
            school_name=f"Load Test School {i}",
            district_name="Load Test Unified",
            county_name="Alameda",
            is_charter=False,
        )
        for i in range(1, schools + 1)
    ]
    records = derive_entities(
        rows, file="load.csv", known_counties={c.code: c.name for c in counties().values()}, known_districts={}
    )
    organizations_import(records, file="load.csv")
    district = Organization.objects.get(kind=Kind.LEA, name="Load Test Unified")
    population = list(Organization.objects.filter(kind=Kind.SCHOOL, lea=district).order_by("cds_code"))
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    window = actions.window_open(
        owner=district,
        title="Load test",
        level="school",
        mode="confidential",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=7),
        population=population,
    )
    entries = [
        RosterEntry("load", i, f"Person {i}", f"p{i:05d}@load.example.org", "teacher", population[i % schools].cds_code)
        for i in range(respondents)
    ]
    actions.roster_import(window, entries, user=None)
    salts = dict(Invitation.objects.filter(window=window).values_list("email", "salt"))
    links = [tokens.invitation_token(salts[f"p{i:05d}@load.example.org"]) for i in range(respondents)]
    pages: list[list[int]] = []
    start = 0
    for _, count in window.instrument.pages:
        pages.append(list(range(start, start + int(count))))
        start += int(count)
    connections.close_all()
    return window.pk, links, pages, len(pages) + 1


def start_server(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "trellis.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--timeout",
        "60",
        "--backlog",
        "2048",
        "--logger-class",
        "trellis.cli.access_log.PrivateAccessLogger",
    ]
    # The server's own log goes to a file: a pipe nobody reads would fill up and block the workers.
    log = open(Path(env["TRELLIS_VAR_DIR"]) / "gunicorn.log", "wb")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/s/resume/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start")


def request(
    port: int, method: str, path: str, stats: Stats, body: dict[str, str] | None = None, cookie: str = ""
) -> tuple[int, dict[str, str], str, float]:
    """One request, retried on connection errors and 5xx (as a person pressing the button again)."""
    data = urllib.parse.urlencode(body).encode() if body is not None else None
    headers = {"Cookie": cookie} if cookie else {}
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    for attempt in range(40):
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            elapsed = time.perf_counter() - started
            connection.close()
            stats.add(requests=1)
            if response.status >= 500:
                stats.add(server_errors=1, retries=1)
            else:
                return response.status, {k.lower(): v for k, v in response.getheaders()}, text, elapsed
        except (OSError, http.client.HTTPException):
            stats.add(requests=1, connection_errors=1, retries=1)
        time.sleep(min(2.0, 0.1 * 2 ** min(attempt, 5)) * random.uniform(0.5, 1.0))
    raise RuntimeError(f"{method} {path}: gave up after 40 attempts")


def respondent(number: int, token: str, pages: list[list[int]], page_count: int, port: int, stats: Stats) -> None:
    value = str(number % 5 + 1)  # what this respondent answers, to check later that nothing mixed
    status, headers, html, _ = request(port, "GET", f"/s/{token}/1/", stats)
    cookie_match = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    form_match = CSRF_INPUT.search(html)
    if status != 200 or not cookie_match or not form_match:
        raise RuntimeError(f"respondent {number}: first page answered {status}")
    cookie, csrf = f"csrftoken={cookie_match.group(1)}", form_match.group(1)
    for page_number, items in enumerate(pages, start=1):
        body = {"csrfmiddlewaretoken": csrf, "action": "next", **{f"i{i}": value for i in items}}
        status, _, _, _ = request(port, "POST", f"/s/{token}/{page_number}/", stats, body, cookie)
        if status != 302:
            raise RuntimeError(f"respondent {number}: page {page_number} answered {status}")
    final = {"csrfmiddlewaretoken": csrf, "action": "submit", "tenure": "2"}
    status, headers, _, elapsed = request(port, "POST", f"/s/{token}/{page_count}/", stats, final, cookie)
    if status != 302 or not headers.get("location", "").endswith("/done/"):
        raise RuntimeError(f"respondent {number}: submit answered {status}")
    with stats.lock:
        stats.submit_latencies.append(elapsed)
    # The storm: the same final submit again, 2–5 times at once.
    replays = random.randint(2, 5)
    barrier = threading.Barrier(replays)
    results: list[int] = []

    def replay() -> None:
        barrier.wait()
        results.append(request(port, "POST", f"/s/{token}/{page_count}/", stats, final, cookie)[0])

    threads = [threading.Thread(target=replay) for _ in range(replays)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with stats.lock:
        for code in results:
            stats.replay_statuses[code] = stats.replay_statuses.get(code, 0) + 1
        stats.finished += 1


def restart_postgres() -> float:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    started = time.perf_counter()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True)
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--respondents", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (2–4)")
    parser.add_argument("--schools", type=int, default=30)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--deadline", type=int, default=900, help="give up after this many seconds")
    parser.add_argument("--no-restart", action="store_true", help="do not restart PostgreSQL midway")
    parser.add_argument("--quick", action="store_true", help="300 respondents, 60 at once")
    args = parser.parse_args()
    if args.quick:
        args.respondents, args.concurrency = 300, 60

    var = Path("/tmp/trellis-load")
    var.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "trellis.settings.demo",
        "TRELLIS_SECRET_KEY": SECRET,
        "TRELLIS_VAR_DIR": str(var),
        "TRELLIS_LOG_LEVEL": "CRITICAL",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
    }
    os.environ.update(env)
    print(f"Setting up {DATABASE}: {args.schools} schools, {args.respondents:,} people on the roster …", flush=True)
    window_id, links, pages, page_count = setup_database(args.respondents, args.schools)
    server = start_server(args.port, args.workers, env)
    stats = Stats()
    restart_seconds: list[float] = []

    def chaos() -> None:
        while stats.finished < args.respondents // 2:
            time.sleep(0.05)
        restart_seconds.append(restart_postgres())

    print(
        f"gunicorn: {args.workers} workers × 4 threads; {args.respondents:,} respondents, "
        f"{args.concurrency} at once; PostgreSQL restart midway: {not args.no_restart}",
        flush=True,
    )
    started = time.perf_counter()
    chaos_thread = threading.Thread(target=chaos, daemon=True)
    if not args.no_restart:
        chaos_thread.start()
    try:
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            futures = [
                pool.submit(respondent, n, token, pages, page_count, args.port, stats) for n, token in enumerate(links)
            ]
            for future in futures:
                remaining = args.deadline - (time.perf_counter() - started)
                try:
                    future.result(timeout=max(1.0, remaining))
                except Exception as exc:
                    stats.failures.append(str(exc))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    from django.db import connections

    connections.close_all()
    from trellis.surveys.models import Invitation, Response

    responses = Response.objects.filter(window_id=window_id)
    stored = responses.count()
    completed = Invitation.objects.filter(window_id=window_id, completed=True).count()
    by_org_responses = dict(
        responses.values_list("organization_id").annotate(n=__import__("django.db.models").db.models.Count("id"))
    )
    by_org_completed = dict(
        Invitation.objects.filter(window_id=window_id, completed=True)
        .values_list("organization_id")
        .annotate(n=__import__("django.db.models").db.models.Count("id"))
    )
    first_bytes = [bytes(a)[0] for a in responses.values_list("answers", flat=True)]
    expected_values = {v: sum(1 for n in range(args.respondents) if n % 5 + 1 == v) for v in range(1, 6)}
    observed_values = {v: first_bytes.count(v) for v in range(1, 6)}
    uniform_rows = all(len(set(bytes(a))) == 1 for a in responses.values_list("answers", flat=True))

    latencies = stats.submit_latencies
    print()
    print(f"respondents finished        {stats.finished:,} of {args.respondents:,} in {elapsed:.1f} s")
    print(f"requests                    {stats.requests:,} ({stats.requests / elapsed:.0f}/s)")
    if latencies:
        print(
            f"final submit latency        p50 {1000 * statistics.median(latencies):.0f} ms · "
            f"p95 {1000 * percentile(latencies, 0.95):.0f} ms · p99 {1000 * percentile(latencies, 0.99):.0f} ms · "
            f"max {1000 * max(latencies):.0f} ms"
        )
    print(f"replayed final submits      {sum(stats.replay_statuses.values()):,} (status: {stats.replay_statuses})")
    print(
        f"retried requests            {stats.retries:,} "
        f"({stats.server_errors} 5xx, {stats.connection_errors} connection errors)"
    )
    if restart_seconds:
        print(f"PostgreSQL restart          took {restart_seconds[0]:.1f} s, midway through")
    print(f"responses stored            {stored:,} (expected {args.respondents:,})")
    print(f"invitations completed       {completed:,}")
    print(f"per-school counts agree     {by_org_responses == by_org_completed}")
    print(f"answers intact              {observed_values == expected_values and uniform_rows}")
    if stats.failures:
        print(f"failures                    {len(stats.failures)}: {stats.failures[:3]}")
    ok = (
        stored == completed == args.respondents
        and by_org_responses == by_org_completed
        and observed_values == expected_values
        and uniform_rows
        and not stats.failures
    )
    print("RESULT                      " + ("exactly once: PASS" if ok else "FAIL"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
