"""The demo: one pipeline, one step per domain, deterministic for a given seed.

Later domains add their step to STEPS (survey waves, Dashboard years, improvement projects, support
engagements); each step receives the same context and may read what earlier steps made.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import click


@dataclass
class DemoContext:
    seed: int
    today: date
    rng: random.Random
    sign_ins: list[tuple[str, str, str]] = field(default_factory=list)
    """(who, e-mail, organization) for the printed list of demo sign-ins."""
    notes: dict[str, object] = field(default_factory=dict)
    """Anything a step wants to hand to later steps (e.g. the demo organizations)."""

    def child_rng(self, name: str) -> random.Random:
        """An independent generator per step, so adding a step never changes another step's data."""
        return random.Random(f"{self.seed}:{name}")


Step = Callable[[DemoContext], None]


def _steps() -> list[tuple[str, Step]]:
    from trellis.accounts.demo import demo_accounts
    from trellis.assessments.demo import demo_assessments
    from trellis.improvement.demo import demo_improvement
    from trellis.networks.demo import demo_networks
    from trellis.orgs.demo import demo_organizations, demo_staff, demo_support_relationships
    from trellis.outcomes.demo import demo_dashboard
    from trellis.reports.demo import demo_needs
    from trellis.support.demo import demo_support
    from trellis.surveys.demo import demo_survey_results, demo_surveys

    return [
        ("organizations", demo_organizations),
        ("staff rosters", demo_staff),
        ("support relationships", demo_support_relationships),
        ("accounts", demo_accounts),
        ("self-assessments", demo_assessments),
        ("improvement projects", demo_improvement),
        ("support engagements", demo_support),
        ("networks", demo_networks),
        ("survey waves", demo_surveys),
        ("survey results", demo_survey_results),
        ("dashboard 2017-2025", demo_dashboard),
        ("needs and DA support", demo_needs),
    ]


DEMO_PASSWORD = "trellis-demo-2026"


def run(seed: int = 2018, today: date | None = None, *, echo: Callable[[str], None] = click.echo) -> DemoContext:
    context = DemoContext(seed=seed, today=today or date.today(), rng=random.Random(seed))
    for name, step in _steps():
        started = time.perf_counter()
        step(context)
        echo(f"  {name:<28} {time.perf_counter() - started:6.1f} s")
    return context
