"""`trellis serve`: the production server (gunicorn; static files served by WhiteNoise)."""

from __future__ import annotations

import os
import sys

import click

from trellis.cli.access_log import ACCESS_LOG_FORMAT


def run_server(*, host: str, port: int, settings: str, workers: int, collect_static: bool) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    if collect_static:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("collectstatic", interactive=False, verbosity=0)
    click.echo(f"Serving Trellis at http://{host}:{port}/ (Ctrl+C to stop)")
    sys.stdout.flush()
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "trellis.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            # No client addresses and no survey links in the log (docs/methods/survey-collection.md).
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--logger-class",
            "trellis.cli.access_log.PrivateAccessLogger",
            "--forwarded-allow-ips",
            os.environ.get("TRELLIS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ],
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=3, show_default=True, help="Worker processes (about 2 × cores + 1).")
@click.option("--settings", default="trellis.settings.production", show_default=True)
@click.option("--migrate/--no-migrate", default=True, show_default=True, help="Apply migrations first.")
def serve(host: str, port: int, workers: int, settings: str, migrate: bool) -> None:
    """Run Trellis with a production WSGI server."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    if migrate:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False)
    run_server(host=host, port=port, settings=settings, workers=workers, collect_static=True)
