"""The scoring pipeline: scale, bands, roll-ups, conditions, trends and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from click.testing import CliRunner

from trellis.surveys.cli import measures, survey
from trellis.surveys.core import rasch
from trellis.surveys.core.scale import Benchmark, Instrument, Item, band, to_scale
from trellis.surveys.core.scoring import (
    calibrate_benchmark,
    item_matrix,
    measure_changes,
    score_survey,
)
from trellis.surveys.core.suppression import SuppressionPolicy
from trellis.surveys.core.trends import mean_change

TWO_DISTRICTS = SuppressionPolicy(min_units=2)  # the test state has only two districts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "surveys"


def test_it_puts_the_benchmark_mean_at_50_and_one_sd_at_20_points() -> None:
    scores = to_scale([0.0, 1.0, -1.0, 0.5, 10.0, -10.0], mean=0.0, sd=1.0)
    np.testing.assert_allclose(scores, [50, 70, 30, 60, 99, 1])


def test_it_names_the_five_bands_at_half_and_one_and_a_half_sd() -> None:
    assert band([1, 19, 19.4, 19.5, 39, 40, 59, 60, 79, 80, 99, np.nan]).tolist() == [
        "Very weak",
        "Very weak",
        "Very weak",
        "Weak",
        "Weak",
        "Neutral",
        "Neutral",
        "Strong",
        "Strong",
        "Very strong",
        "Very strong",
        None,
    ]


def survey_data(seed: int = 0, schools: int = 14, waves: int = 2) -> tuple[pl.DataFrame, pl.DataFrame, Instrument]:
    rng = np.random.default_rng(seed)
    items = tuple(
        Item(f"{m}.i{i}", m, "cond" if m in ("trust", "voice") else "other")
        for m in ("trust", "voice", "focus")
        for i in range(1, 4)
    )
    rows = []
    for w in range(waves):
        for s in range(schools):
            size = int(rng.integers(2, 30))
            theta = rng.normal(0.2 * s / schools + 0.3 * w, 1.0, size)
            block = {
                "org": [f"S{s}"] * size,
                "wave": [str(2024 + w)] * size,
                "role": rng.choice(["teacher", "staff"], size).tolist(),
            }
            for m in ("trust", "voice", "focus"):
                b = np.array([[-1.5, -0.5, 0.5, 1.5]]) + np.array([[-0.3], [0.0], [0.3]])
                x = rasch.simulate(theta, b, rng) + 1.0
                for i in range(3):
                    block[f"{m}.i{i + 1}"] = x[:, i].astype(float).tolist()
            rows.append(pl.DataFrame(block))
    responses = pl.concat(rows)
    hierarchy = pl.DataFrame(
        {
            "org": ["State", "D0", "D1"] + [f"S{s}" for s in range(schools)],
            "parent": ["", "State", "State"] + ["D0" if s < schools // 2 else "D1" for s in range(schools)],
        }
    )
    return responses, hierarchy, Instrument(items=items)


def test_it_scores_schools_and_roll_ups_from_person_measures() -> None:
    responses, hierarchy, instrument = survey_data()
    benchmark = calibrate_benchmark(responses, instrument, "2024")
    report = score_survey(responses, instrument, benchmark, hierarchy, ["role"], TWO_DISTRICTS)
    m = report.measures.filter(
        (pl.col("measure") == "trust") & (pl.col("subgroup") == "all") & (pl.col("wave") == "2024")
    )
    cal = benchmark.measures["trust"].calibration
    wave = responses.filter(pl.col("wave") == "2024")
    theta = rasch.person_measures(item_matrix(wave, instrument, list(cal.item_ids)), cal).theta
    orgs = np.asarray(wave["org"].to_list())
    mb = benchmark.measures["trust"]
    for row in m.filter(pl.col("published")).iter_rows(named=True):
        if row["unit"] == "State":
            members = np.ones(orgs.size, dtype=bool)
        elif row["unit"].startswith("D"):
            district = hierarchy.filter(pl.col("parent") == row["unit"])["org"].to_list()
            members = np.isin(orgs, district)
        else:
            members = orgs == row["unit"]
        assert row["n"] == members.sum() >= 5
        expected = to_scale(theta[members].mean(), mb.mean, mb.sd)
        assert row["score_exact"] == pytest.approx(float(expected), abs=1e-9)
    assert m.filter(pl.col("unit") == "State")["published"].item() is True
    # Every hidden number is gone from the output.
    hidden = report.measures.filter(~pl.col("published"))
    assert hidden["score"].null_count() == hidden.height


def test_it_scores_a_condition_as_the_mean_of_its_measures() -> None:
    responses, hierarchy, instrument = survey_data()
    benchmark = calibrate_benchmark(responses, instrument, "2024")
    report = score_survey(responses, instrument, benchmark, hierarchy, policy=TWO_DISTRICTS)
    state = report.measures.filter((pl.col("unit") == "State") & (pl.col("wave") == "2024"))
    by_measure = dict(zip(state["measure"].to_list(), state["score_exact"].to_list(), strict=True))
    cond = report.conditions.filter(
        (pl.col("unit") == "State") & (pl.col("wave") == "2024") & (pl.col("condition") == "cond")
    )
    assert cond["score_exact"].item() == pytest.approx((by_measure["trust"] + by_measure["voice"]) / 2)


def test_it_round_trips_the_benchmark() -> None:
    responses, _h, instrument = survey_data(schools=12, waves=1)
    benchmark = calibrate_benchmark(responses, instrument)
    again = Benchmark.from_dict(json.loads(json.dumps(benchmark.to_dict())))
    for name, mb in benchmark.measures.items():
        np.testing.assert_allclose(again.measures[name].calibration.thresholds, mb.calibration.thresholds)
        assert again.measures[name].sd == mb.sd


def test_it_calls_a_change_improved_only_beyond_its_noise() -> None:
    change = mean_change(
        [0.0, 0.0, 0.0],
        [1.0, 1.0, 1.0],
        [100, 100, 100],
        [0.3, 0.2, -0.3],
        [1.0, 1.0, 1.0],
        [100, 100, 100],
    )
    se = np.sqrt(2 / 100)
    np.testing.assert_allclose(change.se, se)
    assert change.direction.tolist() == ["improved", "no clear change", "declined"]


def test_it_reports_changes_only_between_published_cells() -> None:
    responses, hierarchy, instrument = survey_data()
    benchmark = calibrate_benchmark(responses, instrument, "2024")
    report = score_survey(responses, instrument, benchmark, hierarchy, ["role"])
    changes = measure_changes(report.measures, benchmark)
    published = {
        (r["unit"], r["subgroup"], r["measure"], r["wave"])
        for r in report.measures.filter(pl.col("published")).iter_rows(named=True)
    }
    assert changes.height > 0
    for r in changes.iter_rows(named=True):
        assert (r["unit"], r["subgroup"], r["measure"], "2024") in published
        assert (r["unit"], r["subgroup"], r["measure"], "2025") in published


def test_it_answers_reliability_on_the_command_line() -> None:
    result = CliRunner().invoke(
        measures,
        ["reliability", str(FIXTURES / "r_datasets_attitude.csv"), "--exclude", "rownames"],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["alpha"] == pytest.approx(0.843143, abs=1e-6)
    assert payload["standardized_alpha"] == pytest.approx(0.839084, abs=1e-6)
    assert round(payload["items"][0]["alpha_if_dropped"], 4) == 0.8098


def test_it_answers_rasch_on_the_command_line(tmp_path: Path) -> None:
    responses, _h, _i = survey_data(schools=10, waves=1)
    path = tmp_path / "items.csv"
    responses.select("trust.i1", "trust.i2", "trust.i3").write_csv(path)
    result = CliRunner().invoke(measures, ["rasch", str(path), "--compare-mml"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert len(payload["items"]) == 3
    assert payload["categories"] == [1, 2, 3, 4, 5]
    assert payload["mml_max_threshold_difference"] < 0.1
    assert all(np.isfinite(p["theta"]) for p in payload["persons"])


def test_it_scores_a_responses_file_with_suppression(tmp_path: Path) -> None:
    responses, hierarchy, _i = survey_data()
    rpath, opath = tmp_path / "responses.csv", tmp_path / "orgs.csv"
    responses.write_csv(rpath)
    hierarchy.write_csv(opath)
    result = CliRunner().invoke(
        survey,
        [
            "score",
            str(rpath),
            "--orgs",
            str(opath),
            "--subgroup",
            "role",
            "--benchmark-wave",
            "2024",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    rows = payload["measures"]
    assert {r["measure"] for r in rows} == {"trust", "voice", "focus"}
    for r in rows:
        assert (r["score"] is None) == (not r["published"])
        if r["published"]:
            assert r["n"] >= 5
            assert 1 <= r["score"] <= 99
    csv = CliRunner().invoke(survey, ["score", str(rpath), "--orgs", str(opath), "--format", "csv"])
    assert csv.exit_code == 0
    assert csv.output.splitlines()[0].startswith("unit,parent,level,subgroup,wave")


def test_it_refuses_k_below_three_on_the_command_line(tmp_path: Path) -> None:
    responses, _h, _i = survey_data(schools=3, waves=1)
    path = tmp_path / "r.csv"
    responses.write_csv(path)
    result = CliRunner().invoke(survey, ["score", str(path), "-k", "2"])
    assert result.exit_code != 0
    assert "never below 3" in result.output


def test_it_names_the_line_of_a_bad_value(tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text("a,b\n1,2\n3,x\n")
    result = CliRunner().invoke(measures, ["reliability", str(path)])
    assert result.exit_code != 0
    assert "line 3, column 'b'" in result.output


def test_it_reports_reliability_and_fit_per_measure_and_wave() -> None:
    from trellis.surveys.core.quality import item_quality, measure_quality
    from trellis.surveys.core.reliability import cronbach_alpha

    responses, _h, instrument = survey_data(schools=10)
    benchmark = calibrate_benchmark(responses, instrument, "2024")
    table = measure_quality(responses, instrument, benchmark)
    assert table.height == 3 * 2
    wave = responses.filter(pl.col("wave") == "2025")
    x = item_matrix(wave, instrument, instrument.items_of("voice"))
    row = table.filter((pl.col("measure") == "voice") & (pl.col("wave") == "2025"))
    assert row["alpha"].item() == pytest.approx(cronbach_alpha(x).alpha, abs=1e-12)
    items = item_quality(responses, instrument, benchmark)
    assert items.height == 9 * 2
    assert items["infit"].is_between(0.3, 2.0).all()
