"""What Dashboard results and DA determinations are to the authorization policy.

Dashboard data is public information, but Trellis keeps it behind sign-in and scoped like the
organization it belongs to: its own people, the organizations above it (county office, region,
state) and its support providers see it.
"""

from __future__ import annotations

from trellis.accounts.policy import ALL_ROLES, Grant, ResourceRule, register
from trellis.outcomes.models import DaDetermination, IndicatorResult

PUBLIC_DATA = Grant(own=ALL_ROLES, oversight=ALL_ROLES, provider=ALL_ROLES)

register(
    IndicatorResult,
    ResourceRule(
        owner=lambda result: result.organization,
        owner_field="organization",
        view_action="outcomes.view",
        actions={"outcomes.view": PUBLIC_DATA},
    ),
)
register(
    DaDetermination,
    ResourceRule(
        owner=lambda determination: determination.organization,
        owner_field="organization",
        view_action="outcomes.view",
        actions={"outcomes.view": PUBLIC_DATA},
    ),
)
