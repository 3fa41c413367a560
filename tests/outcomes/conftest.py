from __future__ import annotations

import gzip
from importlib import resources
from pathlib import Path

import polars as pl
import pytest

from trellis.outcomes.core.parse import read_dashboard_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "outcomes"


def packaged_2018(indicator: str) -> pl.DataFrame:
    name = f"{indicator}_2018_schools_all_students.csv.gz"
    raw = resources.files("trellis.outcomes").joinpath("data", name).read_bytes()
    return read_dashboard_file(name, indicator, 2018, data=gzip.decompress(raw)).frame


@pytest.fixture(scope="session")
def ela_2018() -> pl.DataFrame:
    return packaged_2018("ela")


@pytest.fixture(scope="session")
def math_2018() -> pl.DataFrame:
    return packaged_2018("math")


@pytest.fixture(scope="session")
def directory_2018() -> pl.DataFrame:
    return pl.read_csv(FIXTURES / "school_directory_sample_2018.csv", infer_schema_length=0)


@pytest.fixture(scope="session")
def synthetic_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic CDE files for Alameda (01) and Fresno (10), 2018 and 2019: the mini California's
    schools are among them."""
    from trellis.outcomes.core.synth_files import generate

    out = tmp_path_factory.mktemp("dashboard")
    generate(out, [2018, 2019], seed=2018, counties=["01", "10"])
    return out


@pytest.fixture
def imported(personas: object, synthetic_files: Path) -> None:
    """The mini California with the synthetic 2018 and 2019 Dashboard files imported."""
    from trellis.outcomes.actions import dashboard_import_many

    paths = sorted(synthetic_files.glob("*.txt"))
    dashboard_import_many([(p.name, p.read_bytes()) for p in paths])
