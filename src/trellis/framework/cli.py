"""`trellis framework …`: list, show, validate and search the shipped frameworks (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from trellis.framework.core import (
    Framework,
    FrameworkInvalidError,
    FrameworkNotFoundError,
    FrameworkRegistry,
    list_frameworks,
    load_framework,
    search,
)
from trellis.framework.core.loader import SHIPPED


@click.group(name="framework")
def framework_group() -> None:
    """The conditions-and-capacities framework and its survey instruments."""


@framework_group.command(name="list")
def list_command() -> None:
    """List the shipped frameworks and their versions."""
    for info in list_frameworks():
        versions = ", ".join(info.versions)
        click.echo(f"{info.slug:<22} {info.kind:<7} {versions:<14} {info.title}")


@framework_group.command()
@click.argument("slug")
@click.option("--version", "version", default=None, help="A published version (default: latest).")
@click.option("--level", default=None, help="Show one organization level (e.g. district).")
def show(slug: str, version: str | None, level: str | None) -> None:
    """Print a framework's outline: conditions, elements, roles, capacities or items."""
    try:
        fw = load_framework(slug, version)
        levels = [fw.level(level).id] if level else [lv.id for lv in fw.levels]
    except (FrameworkNotFoundError, FrameworkInvalidError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{fw.key}  {fw.title.en}")
    for condition in fw.conditions:
        click.echo(f"\n{condition.id}  {condition.title}")
        for element in condition.elements:
            click.echo(f"  {element.id}  {element.title}")
            for level_id in levels if level else []:
                click.echo(f"      {fw.describe(element.id, level_id)}")
    for level_id in levels:
        roles = fw.roles_for_level(level_id)
        if roles:
            click.echo(f"\nCapacities: {fw.level(level_id).name.en}")
        for role in roles:
            click.echo(f"  {role.id}  {role.title}")
            for capacity in role.capacities:
                click.echo(f"    {capacity.id}")
    if fw.items:
        shown = [i for lv in levels for i in fw.items_for(level_id=lv)] if level else fw.items
        click.echo(f"\nItems ({len(shown)})")
        for item in shown:
            click.echo(f"  {item.id}  [{item.scale}]  {item.text.en}")


@framework_group.command()
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A directory of <slug>/<version>.yaml files (default: the shipped frameworks).",
)
def validate(root: Path | None) -> None:
    """Load and validate every version of every framework; report every problem found."""
    registry = FrameworkRegistry(root) if root else SHIPPED
    failed = 0
    for slug in registry.slugs():
        for version in registry.versions(slug):
            try:
                registry.load(slug, version)
                click.echo(f"ok      {slug}@{version}")
            except FrameworkInvalidError as exc:
                failed += 1
                click.echo(f"INVALID {slug}@{version}")
                for issue in exc.issues:
                    click.echo(f"  {issue}")
    if failed:
        raise click.ClickException(f"{failed} framework version(s) failed validation")


@framework_group.command(name="search")
@click.argument("query")
@click.option("--framework", "slug", default="capacity-framework", show_default=True)
@click.option("--limit", default=20, show_default=True)
def search_command(query: str, slug: str, limit: int) -> None:
    """Search titles, descriptions, look-fors and items (ignores case and accents)."""
    try:
        fw = load_framework(slug)
    except FrameworkNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    hits = search(fw, query, limit=limit)
    for hit in hits:
        click.echo(f"{hit.id:<55} {hit.kind:<9} {hit.field:<22} {hit.snippet}")
    if not hits:
        click.echo("No matches.")


@framework_group.command(name="schema")
def schema_command() -> None:
    """Print the JSON Schema of a framework file (for editors that validate YAML as you type)."""
    click.echo(json.dumps(Framework.model_json_schema(), indent=2, ensure_ascii=False))
