from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories import Personas, org
from trellis.surveys import actions, tokens
from trellis.surveys.models import Invitation, Mode, SurveyWindow
from trellis.surveys.roster import RosterEntry

TODAY = date.today()


def open_window(mode: str = Mode.CONFIDENTIAL, owner: str = "Alameda Unified") -> SurveyWindow:
    owner_org = org(owner)
    schools = [org("Alameda High"), org("Bay Farm Elementary")]
    return actions.window_open(
        owner=owner_org,
        title="Spring staff survey",
        level="school",
        mode=mode,
        opens_on=TODAY - timedelta(days=1),
        closes_on=TODAY + timedelta(days=14),
        population=schools,
    )


def invite(window: SurveyWindow, n: int = 3, cds: str = "01611920130229") -> list[str]:
    """Put n people on the roster and return their link tokens."""
    entries = [RosterEntry("t.csv", i + 2, f"Person {i}", f"p{i}@example.org", "teacher", cds) for i in range(n)]
    actions.roster_import(window, entries, user=None)
    return [tokens.invitation_token(i.salt) for i in Invitation.objects.filter(window=window).order_by("email")]


@pytest.fixture
def confidential(personas: Personas) -> SurveyWindow:
    return open_window()


@pytest.fixture
def anonymous(personas: Personas) -> SurveyWindow:
    return open_window(Mode.ANONYMOUS)
