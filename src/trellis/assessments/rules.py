"""What assessments are to the authorization policy.

Self-assessment results are private to the organization (BRIEF §6): nothing is granted through
`oversight` or `provider`, so neither the hierarchy nor a support relationship opens them. Only
sharing does: an explicit share with an organization, or — for a reciprocal assessment — the
other side, once both sides have submitted (`revealed_at`).
"""

from __future__ import annotations

from django.db.models import Q

from trellis.accounts.policy import ALL_ROLES, CONTRIBUTORS, LEADERS, Grant, ResourceRule, register
from trellis.assessments.models import Assessment, ReciprocalAssessment


def _assessment_shared_with(assessment: Assessment) -> list[int]:
    ids = list(assessment.shares.values_list("organization_id", flat=True))
    if assessment.counterpart_id is not None and assessment.reciprocal_id is not None:
        reciprocal = assessment.reciprocal
        if reciprocal is not None and reciprocal.revealed_at is not None:
            ids.append(assessment.counterpart_id)
    return ids


register(
    Assessment,
    ResourceRule(
        owner=lambda a: a.organization,
        owner_field="organization",
        view_action="assessment.view",
        actions={
            # Results, the heatmap and the exports.
            "assessment.view": Grant(own=ALL_ROLES, shared=ALL_ROLES),
            "assessment.export": Grant(own=ALL_ROLES, shared=ALL_ROLES),
            # Rating, seeing who rated what, recording consensus (team membership is checked too).
            "assessment.rate": Grant(own=CONTRIBUTORS),
            # Inviting, submitting, sharing.
            "assessment.manage": Grant(own=LEADERS),
        },
        shared_with=_assessment_shared_with,
        shared_q=lambda ids: (
            Q(shares__organization_id__in=ids) | Q(counterpart_id__in=ids, reciprocal__revealed_at__isnull=False)
        ),
    ),
)

register(
    ReciprocalAssessment,
    ResourceRule(
        owner=lambda r: r.recipient,
        owner_field="recipient",
        view_action="reciprocal.view",
        # Both parties see the pair; which side's ratings they see is decided per side, above.
        actions={"reciprocal.view": Grant(own=ALL_ROLES, shared=ALL_ROLES)},
        shared_with=lambda r: [r.provider_id],
        shared_q=lambda ids: Q(provider_id__in=ids),
    ),
)
