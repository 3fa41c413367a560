"""Searching a network's library by meaning: stored sentence vectors, one dot product per entry.

Each entry's vector (all-MiniLM-L6-v2, unit length) is computed once when the entry is written and
stored as float32 bytes. A search encodes the query and ranks entries by cosine similarity, which
for unit vectors is the dot product. Without the encoder — or for entries stored by another model —
the ranking falls back to TF-IDF over the entries' text (`trellis.lib.similarity`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from trellis.lib.similarity import LexicalIndex, TextSimilarity, stack

DIMENSION = 384  # all-MiniLM-L6-v2
MODEL_NAME = "all-MiniLM-L6-v2"
# Below these similarities an entry is not a match at all (same scale reasoning as support matching).
MIN_SCORE = {"semantic": 0.25, "lexical": 0.05}


@dataclass(frozen=True)
class Entry:
    id: int
    text: str
    embedding: bytes = b""
    model: str = ""


@dataclass(frozen=True)
class Hit:
    id: int
    score: float


def search(query: str, entries: Sequence[Entry], similarity: TextSimilarity, *, limit: int = 20) -> list[Hit]:
    """Entries ranked by similarity to `query`, best first, weak matches left out."""
    if not query.strip() or not entries:
        return []
    if similarity.encoder is not None:
        vectors = stack([e.embedding if e.model == MODEL_NAME else b"" for e in entries], DIMENSION)
        missing = [i for i, e in enumerate(entries) if not vectors[i].any()]
        if missing:
            vectors[missing] = similarity.embed([entries[i].text for i in missing])
        scores = vectors @ similarity.embed([query])[0]
    else:
        index = LexicalIndex([e.text for e in entries])
        scores = index.vectors([e.text for e in entries]) @ index.vectors([query])[0]
    bar = MIN_SCORE[similarity.method]
    order = np.argsort(-scores, kind="stable")
    return [Hit(entries[i].id, round(float(scores[i]), 4)) for i in order[:limit] if scores[i] >= bar]
