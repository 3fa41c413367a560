"""Where the PyPI qicharts2 ports disagree with qicharts2 0.8.1 on its own reference vectors.

Runs in the benchmark virtualenv only (the ports are not Trellis dependencies):

    /work/benchvenv/bin/python bench/ports_vs_qicharts2.py

It reads the reference vectors from tests/fixtures/spc/ and prints, for clinical-qikit
(`qikit`) and `pyqicharts`: the Anhøj critical values against the vignette's Appendix 2, the
limits of every Montgomery reference, and the runs signals of the 18 hospital-infection
facets.  The findings are written up in docs/methods/spc.md.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "spc" / "qicharts2"


def table(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "montgomery_tables" / name)


# --- 1. critical values -------------------------------------------------------------------


def critical_values() -> None:
    from pyqicharts import rules as pyq_rules
    from qikit.spc import signals as qk_signals

    expected = pd.read_csv(FIXTURES / "anhoej_critical_values_vignette_appendix2.csv")
    # Each port's rule restated as "largest longest run allowed" / "fewest crossings allowed".
    ports: dict[str, tuple[Callable[[int], int], Callable[[int], int]]] = {
        "qikit": (
            lambda n: qk_signals._longest_run_threshold(n) - 1,  # signals when run >= threshold
            lambda n: qk_signals._crossings_threshold(n) + 1,  # signals when crossings <= it
        ),
        "pyqicharts": (
            lambda n: pyq_rules._longest_run_limit(n),  # signals when run > limit
            lambda n: pyq_rules._lower_crossings_limit(n),  # signals when crossings < limit
        ),
    }
    print("1. Anhøj critical values, n = 10..100 (vignette Appendix 2)")
    for name, (run_max, cross_min) in ports.items():
        runs = [
            n
            for n, want in zip(expected.n_useful, expected.longest_run_upper_limit, strict=True)
            if run_max(int(n)) != want
        ]
        cross = [
            n
            for n, want in zip(expected.n_useful, expected.crossings_lower_limit, strict=True)
            if cross_min(int(n)) != want
        ]
        print(
            f"   {name:<11} longest-run limit differs for {len(runs)} of 91 n"
            f" (e.g. {runs[:6]}); crossings limit differs for {len(cross)} of 91 n"
            f" (e.g. {cross[:6]})"
        )


# --- 2. limits on the Montgomery references -------------------------------------------------


def qikit_case(name: str) -> pd.DataFrame:
    from qikit import qic

    cases: dict[str, Callable[[], Any]] = {
        "ex_6.3_1": lambda: qic(x="sample", y="obs", data=table("tbl_06.03.csv"), chart="xbar"),
        "ex_6.3_2": lambda: qic(x="sample", y="obs", data=table("tbl_06.03.csv"), chart="s"),
        "ex_6.4_1": lambda: qic(x="sample", y="obs", data=table("tbl_06.04.csv"), chart="xbar"),
        "ex_6.4_2": lambda: qic(x="sample", y="obs", data=table("tbl_06.04.csv"), chart="s"),
        "ex_6.5_3": lambda: qic(x="weeks", y="cost", data=table("tbl_06.07.csv"), chart="i", freeze=20),
        "ex_6.5_4": lambda: qic(x="weeks", y="cost", data=table("tbl_06.07.csv"), chart="mr", freeze=20),
        "ex_7.1_5": lambda: qic(
            x="sample",
            y="count",
            n="size",
            data=table("tbl_07.03.csv"),
            chart="p",
            exclude=[15, 23],
            part=[31],
        ),
        "tbl_7.4_1": lambda: qic(x="sample", y="count", n="size", data=table("tbl_07.04.csv"), chart="p"),
        "ex_7.3_3": lambda: qic(
            x="sample",
            y="count",
            data=table("tbl_07.08.csv"),
            chart="c",
            exclude=[6, 20],
            freeze=26,
        ),
        "ex_7.4_1": lambda: qic(x="sample", y="count", n="size", data=table("tbl_07.10.csv"), chart="u"),
        "ex_7.5_1": lambda: qic(x="roll", y="count", n="meters", data=table("tbl_07.11.csv"), chart="u", multiply=50),
        "ex_7.6_1": lambda: qic(x="failure", y="hours", data=table("tbl_07.14.csv"), chart="t"),
        "NA_test": lambda: qic(x="sample", y="obs", data=table("NA_test.csv"), chart="xbar"),
    }
    return cases[name]().data


def pyqicharts_case(name: str) -> pd.DataFrame:
    from pyqicharts.tables import qic_table

    def single(file: str, x: str, y: str, chart: str, **options: Any) -> pd.DataFrame:
        frame = table(file)
        out = qic_table(data=frame, x=x, y=y, chart=chart, **options)
        return out.rename(columns={"centre": "cl", "plot_value": "y_plot"})

    cases: dict[str, Callable[[], pd.DataFrame]] = {
        "ex_6.5_3": lambda: single("tbl_06.07.csv", "weeks", "cost", "i", baseline_points=20),
        "ex_6.5_4": lambda: single("tbl_06.07.csv", "weeks", "cost", "mr", baseline_points=20),
        "tbl_7.4_1": lambda: single("tbl_07.04.csv", "sample", "count", "p", denominator="size"),
        "ex_7.3_3": lambda: single("tbl_07.08.csv", "sample", "count", "c", baseline_points=26, exclude_points=[6, 20]),
        "ex_7.4_1": lambda: single("tbl_07.10.csv", "sample", "count", "u", denominator="size"),
        "ex_7.6_1": lambda: single("tbl_07.14.csv", "failure", "hours", "t"),
        "ex_6.3_1": lambda: single("tbl_06.03.csv", "sample", "obs", "xbar"),
        "ex_6.3_2": lambda: single("tbl_06.03.csv", "sample", "obs", "s"),
    }
    if name not in cases:
        raise NotImplementedError("not attempted")
    return cases[name]()


def compare_limits() -> None:
    names = [
        "ex_6.3_1",
        "ex_6.3_2",
        "ex_6.4_1",
        "ex_6.4_2",
        "ex_6.5_3",
        "ex_6.5_4",
        "ex_7.1_5",
        "tbl_7.4_1",
        "ex_7.3_3",
        "ex_7.4_1",
        "ex_7.5_1",
        "ex_7.6_1",
        "NA_test",
    ]
    print("2. Centre lines and limits on the Montgomery references (relative difference)")
    for package, run in (("qikit", qikit_case), ("pyqicharts", pyqicharts_case)):
        for name in names:
            expected = pd.read_csv(FIXTURES / "expected" / f"{name}.csv")
            try:
                got = run(name)
            except NotImplementedError:
                continue
            except Exception as error:
                print(f"   {package:<11} {name:<10} error: {str(error)[:90]}")
                continue
            print(f"   {package:<11} {name:<10} {_difference(got, expected)}")


def _difference(got: pd.DataFrame, expected: pd.DataFrame) -> str:
    if len(got) != len(expected):
        return f"{len(got)} points, qicharts2 has {len(expected)}"
    worst = 0.0
    for column in ("cl", "lcl", "ucl"):
        a = got[column].to_numpy(float)
        b = expected[column].to_numpy(float)
        both = ~np.isnan(a) & ~np.isnan(b)
        if (np.isnan(a) != np.isnan(b)).any():
            return f"{column}: missing where qicharts2 has a value (or the reverse)"
        if both.any():
            scale = np.maximum(np.abs(b[both]), 1e-300)
            worst = max(worst, float(np.max(np.abs(a[both] - b[both]) / scale)))
    verdict = "match" if worst < 1e-9 else "DIFFER"
    sigma = ""
    if "sigma_signal" in got:
        mismatch = got["sigma_signal"].to_numpy(bool) != expected["sigma.signal"].to_numpy(bool)
        sigma = f"; sigma signals {'match' if not mismatch.any() else 'DIFFER'}"
    return f"{verdict} (max {worst:.1e}){sigma}"


# --- 3. runs signals on the hospital-infection facets ---------------------------------------


def hai_runs() -> None:
    from pyqicharts.rules import anhoej_rules
    from qikit import qic

    hai = pd.read_csv(FIXTURES / "data" / "hospital_infections.csv")
    expected = pd.read_csv(FIXTURES / "expected" / "hai_3.csv")
    print("3. Runs signals of the 18 hai_3 U charts (qicharts2: BOH/UTI and NOH/UTI only)")
    wrong = []
    for (key, frame), (_, row) in zip(hai.groupby(["hospital", "infection"]), expected.iterrows(), strict=True):
        data = qic(
            x=frame["month"].tolist(),
            y=frame["n"].to_numpy(float),
            n=frame["days"].to_numpy(float),
            chart="u",
        ).data
        signal = bool(data["runs_signal"].any())
        if signal != bool(row["runs.signal"]):
            wrong.append(f"{key[0]}/{key[1]} (qikit {signal}, longest {row['longest.run']})")
    print(f"   qikit       {len(wrong)} of 18 differ: {wrong}")
    # pyqicharts applies Anhøj rules to run charts only: compare on the rates around their median.
    disagree = []
    for key, frame in hai.groupby(["hospital", "infection"]):
        rates = frame["n"].to_numpy(float) / frame["days"].to_numpy(float)
        theirs = anhoej_rules(rates)
        longest, crossings, useful = _runs(rates, float(np.median(rates)))
        ours = longest > round(math.log2(useful)) + 3 or crossings < _qbinom(useful - 1)
        if ours != theirs.any_signal:
            disagree.append(
                f"{key[0]}/{key[1]} (qicharts2 rule {ours}, pyqicharts "
                f"{theirs.any_signal}; crossings {crossings}, limit "
                f"{theirs.lower_crossings_limit})"
            )
    print(f"   pyqicharts  run charts of the same rates: {len(disagree)} of 18 differ: {disagree}")


def _runs(values: np.ndarray, centre: float) -> tuple[int, int, int]:
    side = np.sign(values - centre)
    side = side[side != 0]
    starts = np.flatnonzero(np.r_[True, side[1:] != side[:-1]])
    lengths = np.diff(np.r_[starts, side.size])
    return int(lengths.max()), int(starts.size - 1), int(side.size)


def _qbinom(trials: int) -> int:
    total = 0
    for k in range(trials + 1):
        total += math.comb(trials, k)
        if 20 * total >= 2**trials:
            return k
    return trials


if __name__ == "__main__":
    critical_values()
    compare_limits()
    hai_runs()
