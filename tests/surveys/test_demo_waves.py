"""The demo's survey waves: model-faithful answers, realistic rates, organizations that change."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from trellis.demo.pipeline import DemoContext
from trellis.surveys import selectors
from trellis.surveys.demo import THRESHOLDS, demo_surveys, rating_scale_draws
from trellis.surveys.models import Invitation, Participant, SurveyWindow


def test_the_answers_follow_the_rating_scale_model() -> None:
    rng = np.random.default_rng(1)
    theta, delta = 0.5, np.array([0.2])
    draws = rating_scale_draws(rng, np.full((200_000, 1), theta), delta)[:, 0]
    # Independent reference: category probabilities written out term by term.
    numerators = [1.0]
    for k in range(1, 5):
        numerators.append(np.exp(sum(theta - delta[0] - THRESHOLDS[j] for j in range(k))))
    expected = np.array(numerators) / sum(numerators)
    observed = np.bincount(draws, minlength=6)[1:] / len(draws)
    assert np.allclose(observed, expected, atol=0.005)
    high = rating_scale_draws(rng, np.full((5000, 3), 1.0), np.zeros(3)).mean()
    low = rating_scale_draws(rng, np.full((5000, 3), -1.0), np.zeros(3)).mean()
    assert high > low + 0.5


@pytest.mark.django_db
def test_it_builds_three_closed_waves_and_two_open_windows(california: None) -> None:
    context = DemoContext(seed=7, today=date(2026, 11, 23), rng=random.Random(7))
    demo_surveys(context)
    waves = SurveyWindow.objects.filter(closed=True).order_by("opens_on")
    assert [w.opens_on.year for w in waves] == [2024, 2025, 2026]
    for window in waves:
        item_ids, orgs, matrix = selectors.response_matrix(window)
        assert matrix.shape[1] == len(item_ids) == 54 and matrix.max() <= 5
        invited = dict(Participant.objects.filter(window=window).values_list("organization_id", "final_invited"))
        counts = dict(zip(*np.unique(orgs, return_counts=True), strict=True))
        for org_id, n in counts.items():
            assert 0.35 <= n / invited[org_id] <= 0.96
    assert set(context.notes["survey_trends"].values()) <= {"improve", "flat", "decline"}
    current = SurveyWindow.objects.get(closed=False, mode="confidential")
    assert Invitation.objects.filter(window=current).count() == 0  # the mini state has no staff rosters
    assert SurveyWindow.objects.filter(closed=False, mode="anonymous").count() == 1
