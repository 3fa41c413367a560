"""Importing Dashboard files into the database: every year's layout, validation with line and
column, all-or-nothing per file, idempotence, links to organizations, DA determinations."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.factories import Personas, org
from trellis.lib.errors import ImportFailed
from trellis.outcomes.actions import dashboard_import, dashboard_import_many
from trellis.outcomes.core.parse import read_dashboard_file
from trellis.outcomes.models import DaDetermination, DashboardImport, IndicatorResult

pytestmark = pytest.mark.django_db


def _import(path: Path, **kwargs: object) -> object:
    return dashboard_import(path.name, path.read_bytes(), **kwargs)  # type: ignore[arg-type]


def test_it_stores_published_and_computed_values(synthetic_files: Path, personas: Personas) -> None:
    path = synthetic_files / "eladownload2019.txt"
    summary = _import(path)
    parsed = read_dashboard_file(path, "ela", 2019).frame
    assert IndicatorResult.objects.filter(year=2019, indicator="ela").count() == parsed.height
    # The mini California's "Alameda County Community" (a real 2018 CDS code in the synthetic files).
    row = parsed.filter((pl.col("cds") == "01100170130401") & (pl.col("studentgroup") == "ALL")).row(0, named=True)
    stored = IndicatorResult.objects.get(year=2019, indicator="ela", cds="01100170130401", studentgroup="ALL")
    assert stored.currstatus == pytest.approx(row["currstatus"])
    assert stored.color == row["color"]
    # The synthetic files' levels are computed by the same rules, so computed equals published.
    assert (stored.statuslevel_calc, stored.changelevel_calc, stored.color_calc) == (
        row["statuslevel"],
        row["changelevel"],
        row["color"],
    )
    assert stored.mismatch == ""
    assert stored.organization == org("Alameda County Community")
    assert "created" in str(summary)


def test_it_links_district_coe_charter_and_state_rows(synthetic_files: Path, personas: Personas) -> None:
    _import(synthetic_files / "chronicdownload2019.txt")
    rows = IndicatorResult.objects.filter(year=2019, indicator="chronic", studentgroup="ALL")
    assert rows.get(cds="01611920000000").organization == org("Alameda Unified")
    assert rows.get(cds="01100170000000").organization == org("C01")  # the county office's district code
    charter = rows.get(cds="01100170112607")
    assert charter.organization == org("01100170112607")  # the school; its LEA is the charter LEA
    assert charter.organization.lea == org("01100170112607-lea")
    assert rows.get(cds="00000000000000").organization == org("CA")
    # Schools not in the mini California stay unlinked.
    assert rows.filter(organization__isnull=True).exists()


def test_it_is_idempotent(synthetic_files: Path, personas: Personas) -> None:
    path = synthetic_files / "suspdownload2019.txt"
    first = _import(path)
    ids = dict(IndicatorResult.objects.values_list("id", "currstatus"))
    again = _import(path)
    assert again.created == again.updated == 0  # type: ignore[attr-defined]
    assert again.unchanged == first.rows  # type: ignore[attr-defined]
    assert dict(IndicatorResult.objects.values_list("id", "currstatus")) == ids
    assert DashboardImport.objects.count() == 2


def test_it_updates_rows_that_changed(synthetic_files: Path, personas: Personas, tmp_path: Path) -> None:
    path = synthetic_files / "graddownload2019.txt"
    _import(path)
    lines = path.read_text().splitlines()
    header = lines[0].split("\t")
    status = header.index("currstatus")
    cells = lines[1].split("\t")
    cells[status] = "50.0" if cells[status] != "50.0" else "51.0"
    lines[1] = "\t".join(cells)
    changed = tmp_path / "graddownload2019.txt"
    changed.write_text("\n".join(lines) + "\n")
    summary = _import(changed)
    assert (summary.created, summary.updated) == (0, 1)  # type: ignore[attr-defined]
    stored = IndicatorResult.objects.get(
        year=2019, indicator="grad", cds=cells[0], studentgroup=cells[header.index("studentgroup")], type=""
    )
    assert stored.currstatus == float(cells[status])


@pytest.mark.parametrize("year", list(range(2017, 2026)))
def test_it_imports_every_years_layout(year: int, personas: Personas, tmp_path: Path) -> None:
    from trellis.outcomes.core.synth_files import generate

    written = generate(tmp_path, [year], seed=7, counties=["01"])
    summaries = dashboard_import_many([(p.name, p.read_bytes()) for p in written])
    assert {s.year for s in summaries} == {year}
    for path, summary in zip(written, summaries, strict=True):
        assert summary.rows == len(path.read_text().splitlines()) - 1, path.name
    assert IndicatorResult.objects.filter(year=year).count() == sum(s.rows for s in summaries)


def test_a_malformed_row_is_reported_and_nothing_is_imported(
    synthetic_files: Path, personas: Personas, tmp_path: Path
) -> None:
    source = (synthetic_files / "mathdownload2019.txt").read_text().splitlines()
    header = source[0].split("\t")
    cells = source[41].split("\t")  # line 42 of the file
    cells[header.index("currstatus")] = "twelve"
    source[41] = "\t".join(cells)
    bad = tmp_path / "mathdownload2019.txt"
    bad.write_text("\n".join(source) + "\n")
    with pytest.raises(ImportFailed) as failure:
        _import(bad)
    issue = failure.value.issues[0]
    assert (issue.line, issue.column) == (42, "currstatus")
    assert IndicatorResult.objects.count() == 0
    assert DashboardImport.objects.count() == 0


def test_a_failing_file_leaves_earlier_data_untouched(
    synthetic_files: Path, personas: Personas, tmp_path: Path
) -> None:
    good = synthetic_files / "mathdownload2019.txt"
    _import(good)
    before = dict(IndicatorResult.objects.values_list("id", "currstatus"))
    lines = good.read_text().splitlines()
    lines[3] = lines[3].replace("\t", "\t\t", 1)  # one field too many on line 4
    bad = tmp_path / good.name
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFailed) as failure:
        _import(bad)
    assert failure.value.issues[0].line == 4
    assert dict(IndicatorResult.objects.values_list("id", "currstatus")) == before


def test_it_reports_a_repeated_key_with_its_line(synthetic_files: Path, personas: Personas, tmp_path: Path) -> None:
    lines = (synthetic_files / "ccidownload2019.txt").read_text().splitlines()
    lines.append(lines[5])
    bad = tmp_path / "ccidownload2019.txt"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFailed) as failure:
        _import(bad)
    assert failure.value.issues[0].line == len(lines)
    assert IndicatorResult.objects.count() == 0


def test_it_determines_differentiated_assistance(synthetic_files: Path, personas: Personas) -> None:
    from trellis.outcomes.core.eligibility import determine

    paths = sorted(synthetic_files.glob("*2019.txt"))
    dashboard_import_many([(p.name, p.read_bytes()) for p in paths])
    stored = {d.cds: d for d in DaDetermination.objects.filter(year=2019)}
    # Independent reference: the core run straight on the files (charters need the prior year).
    frames = {
        p.name.split("download")[0]: read_dashboard_file(p, p.name.split("download")[0], 2019).frame for p in paths
    }
    expected = {r.cds: r for r in determine(2019, frames)}
    assert set(stored) == set(expected)
    for cds, result in expected.items():
        assert stored[cds].met_this_year == result.met_this_year, cds
        if result.kind != "charter":
            assert stored[cds].eligible == result.eligible, cds
    assert any(d.eligible for d in stored.values())
    assert stored["01611920000000"].organization == org("Alameda Unified")
    assert stored["01100170112607"].organization == org("01100170112607-lea")
    eligible = next(d for d in stored.values() if d.eligible)
    assert eligible.reasons and "(Priority" in eligible.reasons[0]


def test_it_links_a_county_office_row_by_its_county_when_the_code_is_unknown(
    synthetic_files: Path, personas: Personas
) -> None:
    from trellis.orgs.models import Organization

    Organization.objects.filter(code="C01").update(cds_code="")
    _import(synthetic_files / "chronicdownload2019.txt")
    row = IndicatorResult.objects.get(year=2019, indicator="chronic", cds="01100170000000", studentgroup="ALL")
    assert row.coe_flag is True
    assert row.organization == org("C01")
    assert DaDetermination.objects.get(year=2019, cds="01100170000000").organization == org("C01")
