"""What support engagements are to the authorization policy.

An engagement is the recipient's (owner) and is shared with its provider, so members of both sides
see it through the ordinary `own` and `shared` relations; leaders above the recipient (county office,
region, state) see it through `oversight`, which is how coverage is reported. No extension of
`ResourceRule` was needed.
"""

from __future__ import annotations

from django.db.models import Q

from trellis.accounts.models import Role
from trellis.accounts.policy import ALL_ROLES, CONTRIBUTORS, LEADERS, Grant, ResourceRule, register
from trellis.support.models import Engagement, SupportProvider

PROVIDER_STAFF = LEADERS | {Role.COACH}

register(
    Engagement,
    ResourceRule(
        owner=lambda e: e.recipient,
        owner_field="recipient",
        view_action="support.view",
        shared_with=lambda e: [e.provider_id],
        shared_q=lambda ids: Q(provider_id__in=ids),
        actions={
            "support.view": Grant(own=ALL_ROLES, oversight=LEADERS, shared=ALL_ROLES),
            # The activity log is kept by both sides.
            "support.log_activity": Grant(own=CONTRIBUTORS, shared=CONTRIBUTORS),
            # The provider plans, starts and closes its engagements (asked on an unsaved one to create).
            "support.manage": Grant(shared=PROVIDER_STAFF),
            # Only the people supported rate the support.
            "support.give_feedback": Grant(own=CONTRIBUTORS),
        },
    ),
)

register(
    SupportProvider,
    ResourceRule(
        owner=lambda org: org,
        owner_field="",
        view_action="support.view_feedback",
        actions={
            # Aggregated, suppressed feedback on a provider: its own leaders and those above it.
            "support.view_feedback": Grant(own=PROVIDER_STAFF, oversight=LEADERS),
        },
    ),
)
