"""The synthetic generator: deterministic, complete, and giving a plausible assistance list."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from trellis.outcomes.core.eligibility import determine
from trellis.outcomes.core.parse import read_dashboard_file
from trellis.outcomes.core.synth import entities
from trellis.outcomes.core.synth_files import generate


def test_it_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", [2019], seed=5, counties=["06"])
    second = generate(tmp_path / "b", [2019], seed=5, counties=["06"])
    other = generate(tmp_path / "c", [2019], seed=6, counties=["06"])
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_it_covers_every_real_2018_school_and_derives_districts_from_cds(
    ela_2018: pl.DataFrame,
) -> None:
    ent = entities(2018)
    schools = ent.filter(pl.col("rtype") == "S")
    assert schools.height == 9801
    assert set(schools["cds"]) == set(ela_2018["cds"])
    districts = ent.filter(pl.col("rtype") == "D")
    assert districts["cds"].str.slice(7).unique().to_list() == ["0000000"]
    non_charter = schools.filter(~pl.col("charter"))
    assert set(districts["cds"].str.slice(0, 7)) == set(non_charter["cds"].str.slice(0, 7))


def test_it_builds_on_the_real_2018_academic_status(tmp_path: Path, ela_2018: pl.DataFrame) -> None:
    (path,) = generate(tmp_path, [2018], seed=3, indicators=["ela"], counties=["01"])
    synthetic = read_dashboard_file(path, "ela", 2018).frame.filter(
        (pl.col("rtype") == "S") & (pl.col("studentgroup") == "ALL")
    )
    joined = synthetic.join(ela_2018.select("cds", pl.col("currstatus").alias("real")), on="cds")
    both = joined.drop_nulls(["currstatus", "real"])
    assert both.height > 300
    assert both.select(pl.corr("currstatus", "real")).item() > 0.95


@pytest.mark.slow
def test_it_makes_about_one_district_in_three_eligible_in_2018(tmp_path: Path) -> None:
    paths = generate(tmp_path, [2018], seed=2018)
    frames = {
        p.name.split("download")[0]: read_dashboard_file(p, p.name.split("download")[0], 2018).frame for p in paths
    }
    results = [r for r in determine(2018, frames) if r.kind in ("district", "coe")]
    share = sum(1 for r in results if r.eligible) / len(results)
    # Real 2018: 374 districts, "about 1 in 3" (EdSource, reference §2.5).
    assert 0.28 <= share <= 0.42
