"""Scoring closed windows into stored results: only published cells carry values."""

from __future__ import annotations

import random
from datetime import date

import pytest

from trellis.demo.pipeline import DemoContext
from trellis.orgs.models import Kind
from trellis.surveys.demo import demo_survey_results, demo_surveys
from trellis.surveys.models import MeasureScore, OrgResult, ResultSet

pytestmark = pytest.mark.django_db


def test_it_scores_the_demo_waves_and_stores_only_published_values(california: None) -> None:
    context = DemoContext(seed=7, today=date(2026, 11, 23), rng=random.Random(7))
    demo_surveys(context)
    demo_survey_results(context)
    result_set = ResultSet.objects.get(pk=context.notes["survey_result_set"])
    assert result_set.windows.count() == 3
    assert set(result_set.benchmark["measures"]) == set(result_set.reliability)
    cells = OrgResult.objects.filter(result_set=result_set)
    assert cells.filter(published=True).exists()
    hidden = cells.filter(published=False)
    assert not hidden.exclude(n=None).exists() and not hidden.exclude(items={}).exists()
    assert not MeasureScore.objects.filter(result__published=False).exists()
    kinds = set(cells.values_list("organization__kind", flat=True))
    assert Kind.SCHOOL in kinds and Kind.STATE in kinds
    # The benchmark wave's school scores centre on 50 (the benchmark mean of organization means).
    first = MeasureScore.objects.filter(
        result__window=result_set.benchmark_window, result__organization__kind=Kind.SCHOOL, kind="measure"
    )
    scores = list(first.values_list("score", flat=True))
    assert 40 <= sum(scores) / len(scores) <= 60
    later = MeasureScore.objects.exclude(result__window=result_set.benchmark_window).exclude(direction="")
    assert later.exists()
    assert set(later.values_list("direction", flat=True)) <= {"improved", "declined", "no clear change"}
