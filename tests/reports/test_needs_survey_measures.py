"""Staff-survey measures feed the needs profile's weakest conditions, under the results policy."""

from __future__ import annotations

import pytest

from tests.factories import Personas, org
from tests.surveys.results_factories import scored_series
from trellis.reports.needs import condition_scores_for

pytestmark = pytest.mark.django_db


def test_it_uses_published_survey_measures_for_those_who_may_see_them(personas: Personas) -> None:
    scored_series()
    district = org("Alameda Unified")
    scores = condition_scores_for(personas.district_leader, district)
    assert scores, "the district's published measures should be there"
    assert {s.source for s in scores} == {"staff survey"}
    assert all(1 <= s.score <= 99 and s.out_of == 99 for s in scores)
    assert all(0.0 <= s.position <= 1.0 for s in scores)
    assert condition_scores_for(personas.outsider, district) == []
    assert condition_scores_for(personas.district_viewer, district) == []
