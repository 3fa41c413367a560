"""Benchmark: 10,000 series of 100 points, mixed chart types, against two PyPI qicharts2 ports.

Run our engine from the main environment:

    PYTHONPATH=src /work/venv/bin/python bench/bench_spc.py            # full size
    PYTHONPATH=src /work/venv/bin/python bench/bench_spc.py --quick    # 500 series smoke run

The comparison packages (`clinical-qikit`, imported as `qikit`, and `pyqicharts`) are NOT
dependencies of Trellis.  They live in a separate virtualenv made only for this benchmark:

    python3 -m venv /work/benchvenv
    /work/benchvenv/bin/pip install numpy scipy polars clinical-qikit pyqicharts

The script writes the generated series to a temporary .npz file and, when the interpreter given
by --compare-python exists (default /work/benchvenv/bin/python), re-runs itself there in
`--worker` mode to time each package on exactly the same series.  Those packages are one
series per call and slow (pyqicharts: ~10-90 ms a series), so by default they are timed on a
systematic sample of --compare-sample series and the time is scaled to the full count; pass
--compare-sample 0 to time them on every series.

Figures printed: wall time and series per second for our batch path (the statewide path, one
vectorized call per chart type), our one-series-at-a-time engine, and each package; peak
Python memory of our batch path (tracemalloc); the ratios.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

# Chart types every engine under test offers, with qicharts2's names.
CHARTS = ("run", "i", "p", "pp", "c", "u", "up", "g", "t")
WITH_DENOMINATOR = frozenset({"p", "pp", "u", "up"})
POINTS = 100
DEFAULT_COMPARE_PYTHON = "/work/benchvenv/bin/python"


def make_series(count: int, seed: int = 2026) -> dict[str, np.ndarray]:
    """Deterministic series: chart i % 9 for series i; counts with denominators where needed."""
    rng = np.random.default_rng(seed)
    kinds = np.array([CHARTS[i % len(CHARTS)] for i in range(count)])
    n = rng.integers(40, 400, (count, POINTS)).astype(np.float64)
    rate = rng.uniform(0.05, 0.4, (count, 1))
    shift = np.where(np.arange(POINTS) >= 70, rng.uniform(0.7, 1.3, (count, 1)), 1.0)
    y = np.empty((count, POINTS))
    for index, kind in enumerate(kinds):
        if kind in WITH_DENOMINATOR:
            y[index] = rng.binomial(n[index].astype(np.int64), np.minimum(rate[index] * shift[index], 0.95))
        elif kind == "c":
            y[index] = rng.poisson(20 * shift[index])
        elif kind in ("g", "t"):
            y[index] = rng.exponential(30 * shift[index]) + 1
        else:
            y[index] = rng.normal(50 * shift[index], 5)
    return {"y": y, "n": n, "kind": kinds}


# --- our engine (main environment) -----------------------------------------------------------


def run_batch(data: dict[str, np.ndarray]) -> int:
    from trellis.spc.core.batch import analyze_batch

    signals = 0
    for chart in CHARTS:
        rows = data["kind"] == chart
        n = data["n"][rows] if chart in WITH_DENOMINATOR else None
        result = analyze_batch(data["y"][rows], chart=chart, n=n)
        signals += int(result.runs.runs_signal.sum()) + int(result.sigma_signal.any(axis=1).sum())
    return signals


def run_engine(data: dict[str, np.ndarray], indices: np.ndarray) -> int:
    from trellis.spc.core.engine import analyze

    signals = 0
    for index in indices:
        chart = str(data["kind"][index])
        n = data["n"][index] if chart in WITH_DENOMINATOR else None
        result = analyze(data["y"][index], n=n, chart=chart)
        signals += int(result.runs[0].runs_signal)
    return signals


# --- comparison packages (benchmark virtualenv, --worker mode) -------------------------------


def _qikit_runner() -> Callable[[str, np.ndarray, np.ndarray | None], Any]:
    from qikit import qic

    def run(chart: str, y: np.ndarray, n: np.ndarray | None) -> Any:
        return qic(y=y, n=n, chart=chart) if n is not None else qic(y=y, chart=chart)

    return run


def _pyqicharts_runner() -> Callable[[str, np.ndarray, np.ndarray | None], Any]:
    import pandas as pd
    from pyqicharts.tables import qic_table

    # pyqicharts' p_prime / u_prime are risk-adjusted charts that need an `expected` column,
    # not Laney's P' / U'; it gets the plain P and U charts for those series (the same work).
    names = {"pp": "p", "up": "u"}
    x = np.arange(POINTS)

    def run(chart: str, y: np.ndarray, n: np.ndarray | None) -> Any:
        frame = pd.DataFrame({"x": x, "y": y, "n": n if n is not None else np.nan})
        return qic_table(
            data=frame,
            x="x",
            y="y",
            chart=names.get(chart, chart),
            denominator="n" if n is not None else None,
        )

    return run


RUNNERS: dict[str, Callable[[], Callable[[str, np.ndarray, np.ndarray | None], Any]]] = {
    "qikit": _qikit_runner,
    "pyqicharts": _pyqicharts_runner,
}


def worker(package: str, path: Path, sample: int) -> dict[str, Any]:
    warnings.filterwarnings("ignore")
    data = dict(np.load(path, allow_pickle=False))
    total = len(data["kind"])
    indices = _sample(total, sample)
    run = RUNNERS[package]()
    run("i", data["y"][0], None)  # import and first-call costs are not the package's speed
    failures = 0
    start = time.perf_counter()
    for index in indices:
        chart = str(data["kind"][index])
        n = data["n"][index] if chart in WITH_DENOMINATOR else None
        try:
            run(chart, data["y"][index], n)
        except Exception:
            failures += 1
    elapsed = time.perf_counter() - start
    return {
        "package": package,
        "timed": len(indices),
        "total": total,
        "seconds": elapsed,
        "failures": failures,
    }


def _sample(total: int, sample: int) -> np.ndarray:
    if sample <= 0 or sample >= total:
        return np.arange(total)
    # Every k-th series keeps the mix of chart types.
    step = total / sample
    return np.unique((np.arange(sample) * step).astype(np.int64))


def compare(python: str, path: Path, sample: int) -> list[dict[str, Any]]:
    results = []
    for package in RUNNERS:
        command = [
            python,
            __file__,
            "--worker",
            package,
            "--data",
            str(path),
            "--compare-sample",
            str(sample),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"  {package}: not run ({done.stderr.strip().splitlines()[-1:]})")
            continue
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 series instead of 10,000")
    parser.add_argument("--series", type=int, default=10_000)
    parser.add_argument("--compare-python", default=DEFAULT_COMPARE_PYTHON)
    parser.add_argument(
        "--compare-sample",
        type=int,
        default=1_000,
        help="series timed per comparison package (0 = all), scaled to the total",
    )
    parser.add_argument("--worker", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.compare_sample)))
        return

    count = 500 if args.quick else args.series
    data = make_series(count)
    print(f"SPC benchmark: {count:,} series x {POINTS} points, charts {', '.join(CHARTS)}")

    run_batch({k: v[: len(CHARTS)] for k, v in data.items()})  # warm-up (imports, caches)
    start = time.perf_counter()
    run_batch(data)
    batch_seconds = time.perf_counter() - start
    tracemalloc.start()  # a second run, since tracing slows the first
    run_batch(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  trellis batch    {batch_seconds:8.2f} s  {count / batch_seconds:12,.0f} series/s"
        f"  peak {peak / 2**20:.0f} MiB"
    )

    start = time.perf_counter()
    run_engine(data, np.arange(count))
    engine_seconds = time.perf_counter() - start
    print(
        f"  trellis engine   {engine_seconds:8.2f} s  {count / engine_seconds:12,.0f} series/s  (one series per call)"
    )

    if not Path(args.compare_python).exists():
        print(f"  comparison skipped: {args.compare_python} not found (see the module docstring)")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "series.npz"
        np.savez(path, **data)
        for found in compare(args.compare_python, path, args.compare_sample):
            scaled = found["seconds"] * found["total"] / found["timed"]
            note = "" if found["timed"] == found["total"] else f" (timed {found['timed']:,}, scaled)"
            failures = f", {found['failures']} refused" if found["failures"] else ""
            print(
                f"  {found['package']:<16} {scaled:8.2f} s  {count / scaled:12,.0f} series/s"
                f"{note}{failures}\n"
                f"    ratio to trellis batch {scaled / batch_seconds:10,.0f}x, "
                f"to trellis engine {scaled / engine_seconds:8,.1f}x"
            )


if __name__ == "__main__":
    sys.exit(main())
