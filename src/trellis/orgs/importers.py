"""Import CDE files into the hierarchy: read, validate every row, then write all or nothing."""

from __future__ import annotations

from pathlib import Path

from trellis.accounts.models import User
from trellis.lib.tabular import read_table
from trellis.orgs.actions import ImportSummary, organizations_import
from trellis.orgs.core.cde_files import dashboard_rows, detect_shape, directory_rows
from trellis.orgs.core.entities import derive_entities
from trellis.orgs.core.regions import counties
from trellis.orgs.models import Kind, Organization


def import_file(name: str, data: bytes | None = None, *, user: User | None = None) -> ImportSummary:
    """Import one Dashboard download file or CDE directory file (text or xlsx). Raises ImportFailed."""
    table = read_table(Path(name), name=Path(name).name, data=data)
    shape = detect_shape(table)
    rows = dashboard_rows(table) if shape == "dashboard" else directory_rows(table)
    known_districts = dict(
        Organization.objects.filter(kind__in=[Kind.LEA, Kind.COE])
        .exclude(cds_code="")
        .exclude(lea_type="charter")
        .values_list("cds_code", "name")
    )
    records = derive_entities(
        rows,
        file=table.file,
        known_counties={c.code: c.name for c in counties().values()},
        known_districts=known_districts,
    )
    return organizations_import(records, file=table.file, user=user)
