"""Demo step: synthetic Dashboard files for 2017–2025 in CDE's exact layouts, built by the core's
generator on the real 2018 statuses, imported through the same path as real files."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from trellis.demo.pipeline import DemoContext

DEMO_YEARS = tuple(range(2017, 2026))


def demo_dashboard(context: DemoContext) -> None:
    from trellis.outcomes.actions import da_determine, dashboard_import
    from trellis.outcomes.core.synth_files import generate

    counties = context.notes.get("dashboard_counties")
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="trellis-dashboard-") as tmp:
        started = time.perf_counter()
        written = generate(Path(tmp), DEMO_YEARS, seed=context.seed, counties=counties)  # type: ignore[arg-type]
        timings["generate"] = time.perf_counter() - started
        started = time.perf_counter()
        rows = 0
        for path in written:
            rows += dashboard_import(path.name, path.read_bytes(), determine=False).rows
        timings["import"] = time.perf_counter() - started
    started = time.perf_counter()
    # In year order: a charter's determination reads its prior year's.
    eligible = {year: da_determine(year) for year in DEMO_YEARS}
    timings["determine"] = time.perf_counter() - started
    context.notes["dashboard_rows"] = rows
    context.notes["dashboard_eligible"] = eligible
    context.notes["dashboard_timings"] = timings
