"""Suggestions of providers and peers, each with its reason in words."""

from __future__ import annotations

import numpy as np

from trellis.lib.similarity import LexicalIndex, TextSimilarity, from_bytes, to_bytes, tokens
from trellis.support.core.matching import (
    Focus,
    MeasureScore,
    Need,
    PeerEvidence,
    ProviderEvidence,
    RatedFocus,
    suggest,
    suggest_peers,
    suggest_providers,
)

FAMILY = "collaboration.stakeholder-engagement"
TRUST = "trust.relational-trust"
NEED = Need(
    "Spanish-speaking families rarely come to school meetings and feel left out of decisions.",
    Focus(student_groups=frozenset({"EL"}), priorities=frozenset({3}), elements=frozenset({FAMILY, TRUST})),
)


class FakeEncoder:
    """Bag-of-topics vectors: enough to check the semantic path without loading the model."""

    TOPICS = ("famil", "parent", "attend", "math", "suspen")

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = np.array([[float(t in text.lower()) for t in self.TOPICS] for text in texts], dtype=np.float32) + 0.01
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_it_explains_a_provider_by_its_ratings_and_its_measured_strengths() -> None:
    provider = ProviderEvidence(
        7,
        "Fresno County Superintendent of Schools",
        strengths=[MeasureScore(TRUST, "Trust", 4.4, band="top")],
        ratings=[
            RatedFocus("family engagement", Focus(elements=frozenset({FAMILY})), 4.6, recipients=6, respondents=31)
        ],
    )
    [suggestion] = suggest_providers(NEED, [provider])
    assert suggestion.reason == (
        "Rated 4.6/5 on family engagement by 6 LEAs it supported; its staff survey places it in the top band on Trust."
    )
    # rating fit (4.6-1)/4 = 0.9, strength fit (4.4-1)/4 = 0.85, mean 0.875
    assert suggestion.score == 0.875


def test_it_ranks_providers_with_both_kinds_of_evidence_first_and_skips_those_with_none() -> None:
    both = ProviderEvidence(
        1,
        "Both",
        [MeasureScore(FAMILY, "Family engagement", 4.0)],
        [RatedFocus("English learners", Focus(student_groups=frozenset({"EL"})), 4.0, 3, 12)],
    )
    rating_only = ProviderEvidence(
        2, "Ratings", ratings=[RatedFocus("x", Focus(priorities=frozenset({3})), 4.0, 3, 12)]
    )
    unrelated = ProviderEvidence(3, "Math", [MeasureScore("purpose.urgency", "Urgency", 5.0)])
    one_lea = ProviderEvidence(4, "One LEA", ratings=[RatedFocus("x", Focus(priorities=frozenset({3})), 5.0, 1, 12)])
    ranked = suggest_providers(NEED, [unrelated, rating_only, both, one_lea])
    assert [s.name for s in ranked] == ["Both", "Ratings"]
    assert ranked[1].reason == "Rated 4.0/5 on x by 3 LEAs it supported."


def test_it_suggests_peers_that_improved_on_a_similar_problem() -> None:
    peers = [
        PeerEvidence(
            10,
            "Parlier Unified",
            "Parents of English learners seldom attend family nights.",
            ["Chronic absenteeism for English learners moved from Red to Yellow (2023 → 2025)"],
        ),
        PeerEvidence(11, "Sanger Unified", "Parents and families are not at meetings.", []),  # no improvement
        PeerEvidence(12, "Clovis Unified", "Math scores in grade 7 are low.", ["Math up 12 points"]),
    ]
    found = suggest_peers(NEED, peers, TextSimilarity(FakeEncoder()))
    assert [s.name for s in found] == ["Parlier Unified"]
    assert found[0].reason.startswith("Worked on a similar problem (“Parents of English learners")
    assert found[0].reason.endswith("moved from Red to Yellow (2023 → 2025).")


def test_it_mixes_the_best_provider_and_the_best_peer() -> None:
    providers = [
        ProviderEvidence(i, f"P{i}", [MeasureScore(FAMILY, "Family engagement", 5.0 - i / 10)]) for i in range(3)
    ]
    peers = [PeerEvidence(20, "Peer", "Families feel left out.", ["Attendance improved"])]
    found = suggest(NEED, providers, peers, TextSimilarity(FakeEncoder()))
    assert [s.kind for s in found] == ["provider", "peer", "provider"]
    assert [s.name for s in found] == ["P0", "Peer", "P1"]


def test_the_lexical_fallback_scores_shared_words() -> None:
    index = LexicalIndex(["families attend meetings", "math scores"])
    vectors = index.vectors(["family attending meeting", "math"])
    assert tokens("Families attending") == ["famil", "attend"]
    assert vectors[0] @ index.vectors(["families attend meetings"])[0] > 0.99
    assert vectors[1] @ index.vectors(["families attend meetings"])[0] == 0.0


def test_it_round_trips_vectors_as_float32_bytes() -> None:
    vector = np.array([0.25, -1.5, 3.0], dtype=np.float64)
    blob = to_bytes(vector)
    assert len(blob) == 12
    assert from_bytes(blob).tolist() == [0.25, -1.5, 3.0]
