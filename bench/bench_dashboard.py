"""Benchmark: parse + classify + differentiated assistance for a statewide Dashboard year.

    PYTHONPATH=src /work/venv/bin/python bench/bench_dashboard.py [--quick] [--rows 1500000]

Synthetic 2025 files for every indicator (trellis.outcomes.core.synth_files) are replicated under
unused county codes (91, 92, …) until they hold about `--rows` rows, as a stand-in for a statewide
year of ~1.5 million rows. Each measurement runs in a fresh process so its peak memory (VmHWM) is
its own. Baseline: merely reading the same files with `pandas.read_csv(path, sep="\\t")`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

YEAR = 2025


def _indicator(path: Path) -> str:
    return path.name.split("download")[0]


def prepare(workdir: Path, rows: int, quick: bool) -> list[Path]:
    import polars as pl

    from trellis.outcomes.core.synth_files import generate

    source = workdir / "generated"
    counties = ["01", "06", "46"] if quick else None
    files = generate(source, [YEAR], seed=2018, counties=counties)
    frames = {p: pl.read_csv(p, separator="\t", infer_schema=False, quote_char=None) for p in files}
    total = sum(f.height for f in frames.values())
    scale = max(1.0, rows / total) if not quick else 1.0
    out_dir = workdir / "statewide"
    out_dir.mkdir(exist_ok=True)
    written = []
    for path, frame in frames.items():
        first = frame.columns[0]
        parts = [frame]
        copies = scale - 1.0
        k = 1
        while copies > 1e-9:
            take = frame.head(round(frame.height * min(1.0, copies)))
            # Pseudo-counties 91, 92, … do not exist, so every copied CDS code is unique.
            parts.append(take.with_columns((pl.lit(f"9{k}") + pl.col(first).str.slice(2)).alias(first)))
            copies -= 1.0
            k += 1
        target = out_dir / path.name
        pl.concat(parts).write_csv(target, separator="\t", quote_style="never")
        written.append(target)
    return written


def run_ours(files: list[Path]) -> dict[str, float]:
    from trellis.outcomes.core.classify import classify
    from trellis.outcomes.core.eligibility import determine
    from trellis.outcomes.core.parse import read_dashboard_file

    start = time.perf_counter()
    frames = {}
    rows = 0
    for path in files:
        parsed = read_dashboard_file(path, _indicator(path), YEAR)
        rows += parsed.frame.height
        frames[_indicator(path)] = parsed.frame
    parsed_at = time.perf_counter()
    classified = {ind: classify(frame, ind, YEAR) for ind, frame in frames.items()}
    classified_at = time.perf_counter()
    results = determine(YEAR, classified)
    done = time.perf_counter()
    return {
        "rows": rows,
        "parse_s": parsed_at - start,
        "classify_s": classified_at - parsed_at,
        "eligibility_s": done - classified_at,
        "total_s": done - start,
        "leas": len(results),
        "eligible": sum(1 for r in results if r.eligible),
    }


def run_pandas(files: list[Path]) -> dict[str, float]:
    import pandas as pd

    start = time.perf_counter()
    rows = sum(len(pd.read_csv(path, sep="\t")) for path in files)
    return {"rows": rows, "total_s": time.perf_counter() - start}


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM restarts at exec, unlike ru_maxrss on Linux, which
    would still include the parent's memory at the time of the fork."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(kind: str, files: list[Path]) -> None:
    result = run_ours(files) if kind == "ours" else run_pandas(files)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


def measure(kind: str, files: list[Path]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *map(str, files)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="three counties, no replication")
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child and args.child[0] == "prepare":
        _, tmp, rows, quick = args.child
        print(json.dumps([str(p) for p in prepare(Path(tmp), int(rows), quick == "True")]))
        return
    if args.child:
        child(args.child[0], [Path(p) for p in args.child[1:]])
        return
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        # Prepared in a child process too, so this parent stays small while the others run.
        out = subprocess.run(
            [sys.executable, __file__, "--child", "prepare", tmp, str(args.rows), str(args.quick)],
            check=True,
            capture_output=True,
            text=True,
        )
        files = [Path(p) for p in json.loads(out.stdout.strip().splitlines()[-1])]
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        took = time.perf_counter() - started
        print(f"prepared {len(files)} files, {size_mb:.0f} MB, in {took:.1f} s")
        runs: dict[str, list[dict[str, float]]] = {"ours": [], "pandas": []}
        for _ in range(args.repeat):  # interleaved, so a busy machine slows both alike
            for kind, results in runs.items():
                results.append(measure(kind, files))
        ours = min(runs["ours"], key=lambda r: r["total_s"])
        base = min(runs["pandas"], key=lambda r: r["total_s"])
        loadavg = Path("/proc/loadavg")
        load = loadavg.read_text().split()[0] if loadavg.exists() else "?"
    print(f"rows: {int(ours['rows']):,} in {len(files)} files (year {YEAR})")
    print(
        f"trellis parse {ours['parse_s']:.2f} s + classify {ours['classify_s']:.2f} s + "
        f"eligibility {ours['eligibility_s']:.2f} s = {ours['total_s']:.2f} s; "
        f"peak memory {ours['peak_mb']:.0f} MB; "
        f"{int(ours['eligible'])} of {int(ours['leas'])} LEAs eligible"
    )
    print(f"pandas.read_csv only: {base['total_s']:.2f} s; peak memory {base['peak_mb']:.0f} MB")
    ratio = ours["total_s"] / base["total_s"]
    print(
        f"ratio to pandas.read_csv: {ratio:.2f}x (target <= 3x); best of {args.repeat} each; "
        f"load average {load} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
