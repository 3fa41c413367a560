"""A small scored series on the mini California: two annual waves; Bay Farm Elementary has only 3
respondents, so its cells are hidden and its district must not give them away."""

from __future__ import annotations

from datetime import date

import numpy as np

from tests.factories import org
from trellis.orgs.models import Kind, Organization
from trellis.surveys.core.suppression import SuppressionPolicy
from trellis.surveys.demo import rating_scale_draws
from trellis.surveys.instruments import instrument_for
from trellis.surveys.models import Mode, Participant, Response, ResultSet, SurveyWindow
from trellis.surveys.scoring import score_windows

RESPONDENTS = {
    "Alameda High": 20,
    "Bay Farm Elementary": 3,
    "Claremont Middle": 12,
    "Envision Academy for Arts & Technology": 9,
    "Alameda County Community": 7,
    "Fresno High": 15,
    "Addams Elementary": 14,
    "Big Creek Elementary": 8,
}


def scored_series(seed: int = 3) -> ResultSet:
    rng = np.random.default_rng(seed)
    state = Organization.objects.get(kind=Kind.STATE)
    instrument = instrument_for("school")
    n_items = len(instrument.item_ids)
    delta = rng.normal(0, 0.6, n_items)
    windows = []
    for wave, year in enumerate((2024, 2025)):
        window = SurveyWindow.objects.create(
            owner=state,
            title=f"Test staff survey, spring {year}",
            instrument=instrument,
            mode=Mode.CONFIDENTIAL,
            opens_on=date(year, 3, 1),
            closes_on=date(year, 3, 28),
            closed=True,
        )
        for name, n in RESPONDENTS.items():
            school = org(name)
            Participant.objects.create(window=window, organization=school, final_invited=n + 4)
            theta = rng.normal(0.6 * wave if name == "Alameda High" else 0.0, 1.0, (n, 1)) + np.zeros((1, n_items))
            answers = rating_scale_draws(rng, theta, delta)
            Response.objects.bulk_create(
                [
                    Response(window=window, organization=school, answers=a.tobytes(), comment=f"comment {i}")
                    for i, a in enumerate(answers)
                ]
            )
        windows.append(window)
    # Mini California has two or three units per roll-up: allow roll-ups from 2 units so that the
    # district and county cells exist and complementary suppression has work to do.
    return score_windows(windows, rules=SuppressionPolicy(k=5, min_units=2))
