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


def peers_left_assistance(year: int, region_id: int | None = None) -> list[PeerEvidence]:
    """Bright spots at the level of DA: LEAs eligible in `year - 1` and not in `year` (public data),
    in one region when `region_id` is given. Their problem is the prior year's reasons; their
    improvement, leaving assistance."""
    from trellis.outcomes.models import DaDetermination
    from trellis.reports.core.needs import da_focus

    before = {
        d.organization_id: d
        for d in DaDetermination.objects.filter(year=year - 1, eligible=True, organization__isnull=False)
    }
    now = DaDetermination.objects.filter(year=year, eligible=False, organization_id__in=list(before))
    if region_id is not None:
        now = now.filter(organization__region_id=region_id)
    now = now.select_related("organization")
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


MAX_PEERS = 24
"""Peer candidates kept for a list (those whose focus overlaps the LEAs' needs most): the encoder is
pure NumPy, so every text costs tens of milliseconds on first sight."""
MAX_TEXT = 160
"""Characters of a need or a peer's problem that are compared (the first reason or two)."""

MIN_NEARBY_PEERS = 3
"""Below this many peers in the region, peers from the whole state are considered."""

_SIMILARITY: Any = None


def shared_similarity() -> Any:
    """One TextSimilarity per process: its embedding cache outlives the request, so the formulaic
    DA reasons and the peers' problems are encoded once, not on every page view."""
    global _SIMILARITY
    if _SIMILARITY is None:
        from trellis.lib.embedding import default_encoder
        from trellis.lib.similarity import TextSimilarity

        _SIMILARITY = TextSimilarity(default_encoder())
    return _SIMILARITY


def _clip(text: str) -> str:
    if len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT].rsplit(" ", 1)[0] + "…"


def _closest_peers(peers: list[PeerEvidence], needs: list[Need]) -> list[PeerEvidence]:
    """At most MAX_PEERS peers, those sharing most student groups and priorities with any need
    (improving projects, whose focus is unknown, are kept), their problems clipped."""

    def overlap(peer: PeerEvidence) -> int:
        return max(
            (
                len(peer.focus.student_groups & n.focus.student_groups)
                + len(peer.focus.priorities & n.focus.priorities)
                for n in needs
            ),
            default=0,
        )

    ranked = sorted(peers, key=lambda p: (-overlap(p), p.name))
    kept = [p for p in ranked if not p.focus.student_groups][:MAX_PEERS] + [
        p for p in ranked if p.focus.student_groups
    ][:MAX_PEERS]
    return [PeerEvidence(p.org_id, p.name, _clip(p.problem), p.improvements, p.focus) for p in kept]


def assistance_rows(
    user: Any, determinations: Sequence[Any], year: int, *, suggest: bool = True, region_id: int | None = None
) -> list[AssistanceRow]:
    """One row per determination. Peers that left assistance come from `region_id` when given and
    it has at least MIN_NEARBY_PEERS of them (a county office brokers connections nearby; it also
    keeps the number of texts to encode small), else from the whole state."""
    from trellis.support.core.matching import suggest as suggest_for
    from trellis.support.models import Engagement, EngagementStatus
    from trellis.support.selectors import engagements_visible, provider_evidence, providers_with_engagements

    orgs = [d.organization for d in determinations if d.organization is not None]
    profiles = needs_profiles(user, orgs, year=year, with_rubrics=False)
    active: dict[int, list[Engagement]] = {}
    for e in engagements_visible(user).filter(recipient__in=orgs).exclude(status=EngagementStatus.CLOSED):
        active.setdefault(e.recipient_id, []).append(e)
    peers: list[PeerEvidence] = []
    if suggest:
        left = peers_left_assistance(year, region_id)
        if len(left) < MIN_NEARBY_PEERS and region_id is not None:
            left = peers_left_assistance(year)
        peers = left + peers_improving_projects(user)
    # The same candidates for every LEA: gathered once (support.selectors.suggestions_for per LEA
    # would gather the providers' feedback again each time).
    providers = provider_evidence(providers_with_engagements()) if suggest else []
    similarity = shared_similarity() if suggest else None
    needs: dict[int, Need] = {}
    for d in determinations:
        if d.organization is not None:
            profile = profiles[d.organization.pk]
            needs[d.organization.pk] = Need(
                _clip(profile.need_text() or " ".join(d.reasons)),
                Focus(frozenset(profile.da_groups), frozenset(profile.da_priorities)),
            )
    if peers:
        peers = _closest_peers(peers, list(needs.values()))
    if similarity is not None and similarity.encoder is not None:
        # One batch for every text: far faster than one need at a time.
        similarity.embed([n.text for n in needs.values()] + [p.problem for p in peers if p.problem.strip()])
    rows = []
    for d in determinations:
        org = d.organization
        if org is None:
            continue
        profile = profiles[org.pk]
        need = needs[org.pk]
        others = [p for p in peers if p.org_id != org.pk]
        suggestions = suggest_for(need, providers, others, similarity, limit=3) if similarity is not None else []
        rows.append(AssistanceRow(d, org, profile, active.get(org.pk, []), suggestions))
    return rows
