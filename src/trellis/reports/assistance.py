"""The rows of a county office's differentiated-assistance list: each eligible LEA with its needs
profile, its active engagement (or none) and three suggested providers or peers with reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from trellis.accounts import policy
from trellis.orgs.models import Organization
from trellis.reports.core.needs import NeedsProfile
from trellis.reports.needs import needs_profiles
from trellis.support.core.matching import Focus, Need, PeerEvidence, Suggestion


@dataclass
class AssistanceRow:
    determination: Any
    org: Organization
    profile: NeedsProfile
    engagements: list[Any]
    suggestions: list[Suggestion]


def peers_left_assistance(year: int) -> list[PeerEvidence]:
    """Bright spots at the level of DA: LEAs eligible in `year - 1` and not in `year` (public data).
    Their problem is the prior year's reasons; their improvement, leaving assistance."""
    from trellis.outcomes.models import DaDetermination
    from trellis.reports.core.needs import da_focus

    before = {
        d.organization_id: d
        for d in DaDetermination.objects.filter(year=year - 1, eligible=True, organization__isnull=False)
    }
    now = DaDetermination.objects.filter(year=year, eligible=False, organization_id__in=list(before)).select_related(
        "organization"
    )
    out = []
    for d in now:
        if d.organization_id is None:
            continue
        prior = before[d.organization_id]
        groups, priorities = da_focus(prior.groups)
        out.append(
            PeerEvidence(
                d.organization_id,
                d.organization.name if d.organization else d.name,
                " ".join(prior.reasons),
                [f"no longer eligible for differentiated assistance in {year} (eligible in {year - 1})"],
                Focus(frozenset(groups), frozenset(priorities)),
            )
        )
    return out


def peers_improving_projects(user: Any) -> list[PeerEvidence]:
    """Improvement projects the user may see with a measure whose SPC chart signals improvement
    (the improvement app's `measure_chart(...).improving`)."""
    from trellis.improvement.models import Measure, Project
    from trellis.improvement.selectors import measure_chart

    projects = policy.filter_allowed(user, "improvement.view", Project.objects.exclude(problem=""))
    measures = Measure.objects.filter(project__in=projects).select_related("project__organization")
    improved: dict[int, tuple[Any, list[str]]] = {}
    for measure in measures.prefetch_related("points", "notes"):
        view = measure_chart(measure)
        if view is not None and view.improving:
            entry = improved.setdefault(measure.project_id, (measure.project, []))
            entry[1].append(f"“{measure.name}” shows a signal of improvement on its control chart")
    return [
        PeerEvidence(project.organization_id, project.organization.name, project.problem, signals)
        for project, signals in improved.values()
    ]


def assistance_rows(
    user: Any, determinations: Sequence[Any], year: int, *, suggest: bool = True
) -> list[AssistanceRow]:
    from trellis.lib.embedding import default_encoder
    from trellis.lib.similarity import TextSimilarity
    from trellis.support.core.matching import suggest as suggest_for
    from trellis.support.models import Engagement, EngagementStatus
    from trellis.support.selectors import engagements_visible, provider_evidence, providers_with_engagements

    orgs = [d.organization for d in determinations if d.organization is not None]
    profiles = needs_profiles(user, orgs, year=year, with_rubrics=False)
    active: dict[int, list[Engagement]] = {}
    for e in engagements_visible(user).filter(recipient__in=orgs).exclude(status=EngagementStatus.CLOSED):
        active.setdefault(e.recipient_id, []).append(e)
    peers = (peers_left_assistance(year) + peers_improving_projects(user)) if suggest else []
    # The same candidates for every LEA: gathered once (support.selectors.suggestions_for per LEA
    # would gather the providers' feedback again each time).
    providers = provider_evidence(providers_with_engagements()) if suggest else []
    similarity = TextSimilarity(default_encoder()) if suggest else None
    rows = []
    for d in determinations:
        org = d.organization
        if org is None:
            continue
        profile = profiles[org.pk]
        need = Need(
            profile.need_text() or " ".join(d.reasons),
            Focus(frozenset(profile.da_groups), frozenset(profile.da_priorities)),
        )
        others = [p for p in peers if p.org_id != org.pk]
        suggestions = suggest_for(need, providers, others, similarity, limit=3) if similarity is not None else []
        rows.append(AssistanceRow(d, org, profile, active.get(org.pk, []), suggestions))
    return rows
