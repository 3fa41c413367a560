"""What organizations are to the authorization policy."""

from __future__ import annotations

from trellis.accounts.policy import ADMINISTRATORS, ALL_ROLES, CONTRIBUTORS, LEADERS, Grant, ResourceRule, register
from trellis.orgs.models import Organization

register(
    Organization,
    ResourceRule(
        owner=lambda org: org,
        owner_field="",
        view_action="org.view",
        actions={
            # Identity and place in the hierarchy.
            "org.view": Grant(own=ALL_ROLES, oversight=ALL_ROLES, provider=ALL_ROLES),
            # Who works there: members, their roles, the staff roster.
            "org.view_people": Grant(own=ALL_ROLES, oversight=LEADERS, provider=LEADERS),
            "org.manage_people": Grant(own=ADMINISTRATORS, oversight=ADMINISTRATORS),
            # Importing CDE files changes the whole hierarchy: state administrators only.
            "org.import": Grant(own=ADMINISTRATORS),
            # Start an improvement project owned by the organization (its members become its team).
            "improvement.start": Grant(own=CONTRIBUTORS),
        },
    ),
)
