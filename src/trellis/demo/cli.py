"""`trellis demo`: build the demo California on SQLite, print the sign-ins, and serve it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import click

DEMO_VERSION = "2"


@click.command()
@click.option("--seed", default=2018, show_default=True, help="Seed for the synthetic data.")
@click.option("--rebuild", is_flag=True, help="Build the demo database again even if it exists.")
@click.option("--serve/--no-serve", default=True, show_default=True, help="Start the server when ready.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option(
    "--var-dir",
    type=click.Path(path_type=Path),
    default=Path("var"),
    show_default=True,
    help="Where the demo database, uploads and outgoing mail are kept.",
)
def demo(seed: int, rebuild: bool, serve: bool, host: str, port: int, var_dir: Path) -> None:
    """Build a realistic California (real schools, synthetic data) and serve it."""
    var_dir = var_dir.resolve()
    (var_dir / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise expects STATIC_ROOT to exist
    os.environ["TRELLIS_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)  # the demo is always the embedded SQLite database
    os.environ["DJANGO_SETTINGS_MODULE"] = "trellis.settings.demo"
    database = var_dir / "trellis.sqlite3"
    stamp = var_dir / "demo-version"
    expected = f"{DEMO_VERSION}:{seed}"
    fresh = rebuild or not database.exists() or not stamp.exists() or stamp.read_text() != expected
    if fresh:
        for path in var_dir.glob("trellis.sqlite3*"):
            path.unlink()
        shutil.rmtree(var_dir / "outbox", ignore_errors=True)
        stamp.unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    if fresh:
        click.echo(f"Building the demo California in {database} (seed {seed}) …")
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        from trellis.demo.pipeline import DEMO_PASSWORD, run

        context = run(seed)
        stamp.write_text(expected)
        click.echo(f"Built in {time.perf_counter() - started:.0f} s.")
        _print_sign_ins(context.sign_ins, DEMO_PASSWORD)
        (var_dir / "demo-sign-ins.txt").write_text(
            "\n".join(f"{who}\t{email}\t{org}" for who, email, org in context.sign_ins)
            + f"\npassword\t{DEMO_PASSWORD}\n"
        )
    else:
        click.echo(f"Using the demo database in {database} (run with --rebuild to build it again).")
        click.echo((var_dir / "demo-sign-ins.txt").read_text() if (var_dir / "demo-sign-ins.txt").exists() else "")
    if serve:
        from trellis.cli.serve import run_server

        run_server(host=host, port=port, settings="trellis.settings.demo", workers=2, collect_static=False)


def _print_sign_ins(sign_ins: list[tuple[str, str, str]], password: str) -> None:
    click.echo("")
    click.echo("Demo sign-ins (password for all: " + click.style(password, bold=True) + ")")
    width = max(len(who) for who, _, _ in sign_ins)
    for who, email, org in sign_ins:
        click.echo(f"  {who:<{width}}  {email:<36} {org}")
    click.echo("")
