"""Suggestions from the database: providers rated on the need's focus, peers passed in by the caller."""

from __future__ import annotations

from datetime import date

from django.test import override_settings

from tests.factories import Personas, org
from trellis.support.actions import engagement_create, feedback_submit
from trellis.support.core.matching import Focus, Need, PeerEvidence
from trellis.support.selectors import suggestions_for


@override_settings(TRELLIS_MIN_RESPONDENTS=5)
def test_it_suggests_a_provider_rated_on_the_focus_and_a_peer_that_improved(personas: Personas) -> None:
    for recipient in ("Alameda Unified", "Oakland Unified"):
        engagement = engagement_create(
            provider=org("C01"),
            recipient=org(recipient),
            level=2,
            title="Attendance",
            student_groups=["SWD"],
            priorities=[5],
            starts_on=date(2025, 8, 1),
        )
        for i in range(3):
            feedback_submit(
                engagement=engagement,
                respondent_id=-(engagement.pk * 10 + i),
                answers={"progress": 5, "trust": 4},
                today=date(2025, 10, 1),
            )
    peer = PeerEvidence(
        org("Fresno Unified").pk,
        "Fresno Unified",
        "Students with disabilities missed many school days; a third were chronically absent.",
        ["Chronic absenteeism for students with disabilities moved from Red to Orange"],
    )
    need = Need(
        "Our students with IEPs are absent far too often.",
        Focus(student_groups=frozenset({"SWD"}), priorities=frozenset({5})),
    )
    found = suggestions_for(need, [peer])
    assert [s.kind for s in found] == ["provider", "peer"]
    # Six respondents from two LEAs on each focus label; (5 + 4) / 2 = 4.5 per person.
    assert found[0].reason == (
        "Rated 4.5/5 on Students with Disabilities by 2 LEAs it supported and 4.5/5 on pupil engagement by 2."
    )
    assert found[1].name == "Fresno Unified" and "moved from Red to Orange" in found[1].reason
