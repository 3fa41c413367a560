"""The library is searched by meaning, with a lexical fallback."""

from __future__ import annotations

import numpy as np

from trellis.lib.embedding import default_encoder
from trellis.lib.similarity import TextSimilarity, to_bytes
from trellis.networks.core.library import MODEL_NAME, Entry, search

ENTRIES = [
    Entry(1, "Attendance buddies. Older students walk kindergarteners to school and check in when they are absent."),
    Entry(2, "Math talks. Seventh-grade teachers open each lesson with a number talk on ratios."),
    Entry(3, "Restorative circles. Replacing suspensions for defiance with restorative conversations."),
]


def test_it_finds_an_entry_by_meaning_without_shared_words() -> None:
    encoder = default_encoder()
    assert encoder is not None
    hits = search("little kids keep missing class", ENTRIES, TextSimilarity(encoder))
    assert hits[0].id == 1


def test_it_uses_stored_vectors_and_ignores_another_models() -> None:
    class Counting:
        calls: list[list[str]] = []

        def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
            self.calls.append(texts)
            return np.tile(np.array([[1.0] + [0.0] * 383], dtype=np.float32), (len(texts), 1))

    stored = np.zeros(384, dtype=np.float32)
    stored[0] = 1.0
    entries = [
        Entry(1, "a", to_bytes(stored), MODEL_NAME),
        Entry(2, "b", to_bytes(stored), "another-model"),
    ]
    encoder = Counting()
    hits = search("query", entries, TextSimilarity(encoder))
    assert [h.id for h in hits] == [1, 2]
    assert encoder.calls == [["b"], ["query"]]  # only the foreign entry and the query were encoded


def test_the_lexical_fallback_needs_shared_words() -> None:
    hits = search("restorative conversations instead of suspension", ENTRIES, TextSimilarity(None))
    assert [h.id for h in hits] == [3]
    assert search("", ENTRIES, TextSimilarity(None)) == []
