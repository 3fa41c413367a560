from __future__ import annotations

from typing import Any

import pytest

from tests.factories import Personas, build_mini_california, org, user_with
from trellis.accounts import policy
from trellis.accounts.models import Role


@pytest.fixture(autouse=True)
def _fresh_policy_caches() -> None:
    policy.reset_caches()


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Uploaded files (assessment evidence) go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def california(db: None) -> None:
    build_mini_california()


@pytest.fixture
def personas(california: None) -> Personas:
    return Personas(
        state_admin=user_with("state.admin@example.org", org("CA"), Role.ADMINISTRATOR),
        region_lead=user_with("region.lead@example.org", org("R04"), Role.LEADER),
        coe_leader=user_with("coe.leader@example.org", org("C01"), Role.LEADER),
        district_leader=user_with("district.leader@example.org", org("Alameda Unified"), Role.LEADER),
        district_viewer=user_with("district.viewer@example.org", org("Alameda Unified"), Role.VIEWER),
        school_member=user_with("school.member@example.org", org("Alameda High"), Role.MEMBER),
        charter_leader=user_with("charter.leader@example.org", org("01100170112607-lea"), Role.LEADER),
        outsider=user_with("outsider@example.org", org("Fresno Unified"), Role.LEADER),
        nobody=user_with("nobody@example.org"),
    )
