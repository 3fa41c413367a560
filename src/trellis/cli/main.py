"""The `trellis` command. Each domain contributes a click group; they are registered here.

Commands that only compute (spc, measures, dashboard classify) never touch the database; commands
that do call `setup_django()` first.
"""

from __future__ import annotations

import os

import click

from trellis.cli.groups import GROUPS


def setup_django(settings_module: str = "trellis.settings.development") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="trellis")
def cli() -> None:
    """Trellis: a statewide system of support for continuous improvement."""


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def manage(ctx: click.Context) -> None:
    """Run a Django management command (migrate, createsuperuser, …)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["trellis manage", *ctx.args])


for group in GROUPS():
    cli.add_command(group)


def main() -> None:
    cli(prog_name="trellis")


if __name__ == "__main__":
    main()
