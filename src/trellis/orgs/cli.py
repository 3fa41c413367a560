"""`trellis orgs import FILE…`: import CDE files into the organization hierarchy."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def orgs() -> None:
    """Organizations: import CDE files."""


@orgs.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_files(files: tuple[Path, ...]) -> None:
    """Import Dashboard download files or CDE directory files (tab-delimited or xlsx), each all or nothing."""
    from trellis.cli.main import setup_django

    setup_django()
    from trellis.lib.errors import ImportFailed
    from trellis.orgs.importers import import_file

    failed = False
    for path in files:
        try:
            summary = import_file(str(path), path.read_bytes())
        except ImportFailed as failure:
            failed = True
            click.echo(f"{path.name}: nothing imported.\n{failure.summary()}", err=True)
        else:
            click.echo(f"{path.name}: {summary}.")
    if failed:
        raise SystemExit(1)
