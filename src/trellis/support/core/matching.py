"""Who could help with a need: providers whose measured strengths cover it, and peers who improved.

Pure: callers gather the evidence (measure scores, rated engagements, peers' problems of practice and
their signals of improvement) and pass plain values in; every suggestion comes back with its reason
in words. Text similarity is `trellis.lib.similarity.TextSimilarity` (sentence embeddings, or TF-IDF
when the encoder is not installed). The method and its measured precision are in
docs/methods/matching.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from trellis.lib.similarity import TextSimilarity

# A provider's rating on a focus counts only when at least this many distinct recipients stand
# behind it (one LEA's enthusiasm is an anecdote, not evidence).
MIN_RECIPIENTS_FOR_RATING = 2
# Peers below this similarity of problem of practice are not suggested. Cosine similarities of
# all-MiniLM-L6-v2 embeddings above about 0.4 mark closely related sentences; TF-IDF cosines run
# lower for paraphrases, so the lexical fallback uses a lower bar (both tuned on the labelled pairs
# in tests/fixtures/support/pairs.yaml).
MIN_PEER_SIMILARITY = {"semantic": 0.40, "lexical": 0.10}
RATING_SCALE = 5.0  # feedback items are rated 1–5


@dataclass(frozen=True)
class Focus:
    """What a need or an engagement is about."""

    student_groups: frozenset[str] = frozenset()
    """Dashboard student-group codes (trellis.outcomes.core.codes.STUDENT_GROUPS)."""
    priorities: frozenset[int] = frozenset()
    """LCFF state priority areas, 1–8."""
    elements: frozenset[str] = frozenset()
    """Framework element IDs, e.g. 'collaboration.stakeholder-engagement'."""

    def overlaps(self, other: Focus) -> bool:
        return bool(
            self.student_groups & other.student_groups
            or self.priorities & other.priorities
            or self.elements & other.elements
        )


@dataclass(frozen=True)
class Need:
    text: str
    """The problem of practice, in the organization's words."""
    focus: Focus = Focus()


@dataclass(frozen=True)
class MeasureScore:
    """A provider's own measured strength on one framework element."""

    element: str
    label: str
    """The element's title, for the reason ('Trust')."""
    score: float
    """Mean on the rubric or survey scale, 1–5."""
    band: str = ""
    """'top', 'middle' or 'bottom' among providers, when known."""
    source: str = "staff survey"


@dataclass(frozen=True)
class RatedFocus:
    """Feedback on a provider's completed engagements with one focus, already past the privacy rule."""

    label: str
    """How the focus reads in a sentence ('family engagement')."""
    focus: Focus
    mean: float
    recipients: int
    respondents: int


@dataclass(frozen=True)
class ProviderEvidence:
    org_id: int
    name: str
    strengths: Sequence[MeasureScore] = ()
    ratings: Sequence[RatedFocus] = ()


@dataclass(frozen=True)
class PeerEvidence:
    org_id: int
    name: str
    problem: str
    """The peer's problem of practice."""
    improvements: Sequence[str] = ()
    """Signals of improvement in words: a bright spot, a project's measure that shifted."""
    focus: Focus = Focus()


@dataclass(frozen=True)
class Suggestion:
    kind: str
    """'provider' or 'peer'."""
    org_id: int
    name: str
    score: float
    reason: str
    details: Mapping[str, object] = field(default_factory=dict)


def _strength_fit(need: Need, provider: ProviderEvidence) -> tuple[float, list[MeasureScore]]:
    relevant = [s for s in provider.strengths if s.element in need.focus.elements]
    if not relevant:
        return 0.0, []
    return sum((s.score - 1.0) / 4.0 for s in relevant) / len(relevant), relevant


def _rating_fit(need: Need, provider: ProviderEvidence) -> tuple[float, list[RatedFocus]]:
    relevant = [
        r for r in provider.ratings if r.focus.overlaps(need.focus) and r.recipients >= MIN_RECIPIENTS_FOR_RATING
    ]
    if not relevant:
        return 0.0, []
    weight = sum(r.respondents for r in relevant)
    mean = sum(r.mean * r.respondents for r in relevant) / weight
    return (mean - 1.0) / (RATING_SCALE - 1.0), relevant


def _provider_reason(ratings: list[RatedFocus], strengths: list[MeasureScore]) -> str:
    parts = []
    rated = sorted(ratings, key=lambda r: (-r.recipients, r.label))[:2]
    if rated:
        first = rated[0]
        leas = "LEA" if first.recipients == 1 else "LEAs"
        text = f"Rated {first.mean:.1f}/5 on {first.label} by {first.recipients} {leas} it supported"
        if len(rated) > 1:
            text += f" and {rated[1].mean:.1f}/5 on {rated[1].label} by {rated[1].recipients}"
        parts.append(text)
    top = [s for s in strengths if s.band == "top"]
    if top:
        names = " and ".join(s.label for s in top[:2])
        parts.append(f"its {top[0].source} places it in the top band on {names}")
    elif strengths:
        best = max(strengths, key=lambda s: s.score)
        parts.append(f"its {best.source} scores it {best.score:.1f}/5 on {best.label}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def suggest_providers(need: Need, providers: Sequence[ProviderEvidence], *, limit: int = 3) -> list[Suggestion]:
    """Providers ranked by how well their rated engagements and measured strengths cover the need.

    Score = mean of the rating fit (mean rating on overlapping focus, rescaled to 0–1) and the strength
    fit (mean score on the need's elements, rescaled to 0–1), each counted only when present; a
    provider with neither is not suggested.
    """
    out = []
    for provider in providers:
        rating, ratings = _rating_fit(need, provider)
        strength, strengths = _strength_fit(need, provider)
        parts = [v for v, present in ((rating, ratings), (strength, strengths)) if present]
        if not parts:
            continue
        # Evidence of both kinds outranks one kind at the same level.
        score = sum(parts) / 2.0 if len(parts) == 2 else parts[0] * 0.75
        out.append(
            Suggestion(
                "provider",
                provider.org_id,
                provider.name,
                round(score, 4),
                _provider_reason(ratings, strengths),
                {"rating_fit": round(rating, 3), "strength_fit": round(strength, 3)},
            )
        )
    return sorted(out, key=lambda s: (-s.score, s.name))[:limit]


def _quote(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def suggest_peers(
    need: Need, peers: Sequence[PeerEvidence], similarity: TextSimilarity, *, limit: int = 3
) -> list[Suggestion]:
    """Peers whose problem of practice resembles the need and who show a signal of improvement."""
    improved = [p for p in peers if p.improvements and p.problem.strip()]
    if not improved or not need.text.strip():
        return []
    scores = similarity.matrix([need.text], [p.problem for p in improved])[0]
    bar = MIN_PEER_SIMILARITY[similarity.method]
    out = []
    for peer, sim in zip(improved, scores, strict=True):
        if sim < bar:
            continue
        shared_groups = sorted(peer.focus.student_groups & need.focus.student_groups)
        score = float(sim) + (0.05 if shared_groups else 0.0)
        reason = f"Worked on a similar problem (“{_quote(peer.problem)}”, similarity {sim:.2f}) and improved: "
        reason += "; ".join(peer.improvements[:2]) + "."
        out.append(
            Suggestion("peer", peer.org_id, peer.name, round(score, 4), reason, {"similarity": round(float(sim), 3)})
        )
    return sorted(out, key=lambda s: (-s.score, s.name))[:limit]


def suggest(
    need: Need,
    providers: Sequence[ProviderEvidence],
    peers: Sequence[PeerEvidence],
    similarity: TextSimilarity,
    *,
    limit: int = 3,
) -> list[Suggestion]:
    """The best `limit` suggestions of either kind: at least one peer and one provider when both exist."""
    by_provider = suggest_providers(need, providers, limit=limit)
    by_peer = suggest_peers(need, peers, similarity, limit=limit)
    if not by_provider or not by_peer:
        return (by_provider or by_peer)[:limit]
    chosen = [by_provider[0], by_peer[0]]
    rest = sorted(by_provider[1:] + by_peer[1:], key=lambda s: (-s.score, s.name))
    return chosen + rest[: max(0, limit - 2)]


# --- evaluation on labelled problems of practice ----------------------------------------------------


def precision_at_k(
    similarity: TextSimilarity, clusters: Mapping[str, Sequence[str]], distractors: Sequence[str], k: int = 3
) -> float:
    """Mean precision@k: each clustered text queries all other texts; hits are its own cluster's texts."""
    texts = [t for members in clusters.values() for t in members] + list(distractors)
    labels = [name for name, members in clusters.items() for _ in members] + [""] * len(distractors)
    sims = similarity.matrix(texts, texts)
    total = 0.0
    queries = 0
    for i, label in enumerate(labels):
        if not label:
            continue
        row = sims[i].copy()
        row[i] = -float("inf")
        top = np.argsort(-row, kind="stable")[:k]
        relevant = len(clusters[label]) - 1
        total += sum(labels[j] == label for j in top) / min(k, relevant)
        queries += 1
    return total / queries


def pair_auc(
    similarity: TextSimilarity, similar: Sequence[tuple[str, str]], different: Sequence[tuple[str, str]]
) -> float:
    """Probability that a similar pair scores above a different one (ties count half)."""
    texts = sorted({t for pair in [*similar, *different] for t in pair})
    where = {t: i for i, t in enumerate(texts)}
    sims = similarity.matrix(texts, texts)
    pos = np.array([sims[where[a], where[b]] for a, b in similar])
    neg = np.array([sims[where[a], where[b]] for a, b in different])
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins) / (len(pos) * len(neg))


@dataclass(frozen=True)
class LabelledSet:
    clusters: Mapping[str, Sequence[str]]
    distractors: Mapping[str, str]
    similar: Sequence[tuple[str, str]]
    different: Sequence[tuple[str, str]]


def labelled_set(raw: Mapping[str, Any]) -> LabelledSet:
    """Read the labelled problems of practice (tests/fixtures/support/pairs.yaml, already parsed).

    Every pair of statements within a cluster is similar; `pairs.different` names references as
    `cluster.index` or a distractor key.
    """
    clusters = {name: list(members) for name, members in raw["clusters"].items()}
    distractors = dict(raw["distractors"])

    def text(ref: str) -> str:
        if ref in distractors:
            return str(distractors[ref])
        name, _, index = ref.rpartition(".")
        return str(clusters[name][int(index)])

    similar = [(m[i], m[j]) for m in clusters.values() for i in range(len(m)) for j in range(i + 1, len(m))]
    different = [(text(a), text(b)) for a, b in raw["pairs"]["different"]]
    return LabelledSet(clusters, distractors, similar, different)
