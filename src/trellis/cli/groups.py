"""The registry of command groups: one line per domain. Imports are lazy so `trellis --help` is fast."""

from __future__ import annotations

import importlib

import click

# (module, attribute) of each domain's click command or group.
REGISTERED: list[tuple[str, str]] = [
    ("trellis.demo.cli", "demo"),
    ("trellis.cli.serve", "serve"),
    ("trellis.orgs.cli", "orgs"),
    ("trellis.framework.cli", "framework_group"),
    ("trellis.spc.cli", "spc"),
    ("trellis.outcomes.cli", "dashboard"),
    ("trellis.surveys.cli", "survey"),
    ("trellis.surveys.cli", "measures"),
]


def GROUPS() -> list[click.Command]:  # noqa: N802 - reads as a constant at the call site
    return [getattr(importlib.import_module(module), attr) for module, attr in REGISTERED]
