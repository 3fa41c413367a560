"""What survey windows are to the authorization policy.

A window belongs to the organization that opened it. Its leaders and administrators run it; leaders
of the organizations above it (a county office over a district's window, the state over all) may
too. Leaders of the organizations in its population may see its response rates. The pages that
*take* a survey are public and gated by the token in their address, not by this policy.
"""

from __future__ import annotations

from django.db.models import Q

from trellis.accounts.policy import LEADERS, Grant, ResourceRule, register
from trellis.surveys.models import OrgResult, SurveyWindow

register(
    SurveyWindow,
    ResourceRule(
        owner=lambda window: window.owner,
        owner_field="owner",
        view_action="window.view",
        actions={
            # Response rates (counts only: nothing says who responded).
            "window.view": Grant(own=LEADERS, oversight=LEADERS, shared=LEADERS),
            # Open a window, upload its roster, send invitations and reminders, close it.
            "window.manage": Grant(own=LEADERS, oversight=LEADERS),
        },
        shared_with=lambda window: window.participants.values_list("organization_id", flat=True) if window.pk else (),
        shared_q=lambda ids: Q(participants__organization_id__in=ids),
    ),
)

# Survey results (aggregated and suppressed): the organization's own leaders and the leaders above it
# (a district sees its schools, a county office its LEAs). Free-text comments: only its own leaders.
register(
    OrgResult,
    ResourceRule(
        owner=lambda result: result.organization,
        owner_field="organization",
        view_action="results.view",
        actions={
            "results.view": Grant(own=LEADERS, oversight=LEADERS),
            "results.comments": Grant(own=LEADERS),
        },
    ),
)
