"""How alike two short texts are: sentence embeddings, with a lexical fallback.

`TextSimilarity` compares queries with documents and returns cosine similarities. It uses the
all-MiniLM-L6-v2 encoder (`trellis.lib.embedding`) when it is installed, and otherwise TF-IDF
vectors over lightly stemmed words (Salton & Buckley 1988, "Term-weighting approaches in automatic
text retrieval": tf × idf with cosine normalization; here sublinear tf = 1 + ln tf and smoothed
idf = ln((1 + N) / (1 + df)) + 1, the scikit-learn defaults). Both are used by support matching and
by the networks library search, so the two rank the same way.

Embeddings stored in the database are float32 vectors serialised with `to_bytes` / `from_bytes`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


class Encoder(Protocol):
    def encode(self, texts: list[str], batch_size: int = 32) -> Vectors: ...


# Function words that carry no topic; a short list is enough for problem statements.
STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being below between both
    but by can could did do does doing down during each even ever every few for from further had has have having he
    her here hers him his how i if in into is it its itself just many may me more most much must my no nor not now
    of off on once only or other our ours out over own per same she should so some still such than that the their
    them then there these they this those through to too under until up upon very was we were what when where which
    while who whom why will with within without would year years you your""".split()
)
_WORD = re.compile(r"[a-z0-9]+")
# Longest first, so "ations" wins over "s". A crude stemmer is a fair baseline for short texts.
_SUFFIXES = ("ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s", "y")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content words."""
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


class LexicalIndex:
    """TF-IDF vectors for a fixed vocabulary learnt from the documents (and queries) it is given."""

    def __init__(self, corpus: Sequence[str]) -> None:
        docs = [tokens(t) for t in corpus]
        df: Counter[str] = Counter()
        for words in docs:
            df.update(set(words))
        self.vocabulary = {w: i for i, w in enumerate(sorted(df))}
        n = len(docs)
        self.idf = np.array([np.log((1 + n) / (1 + df[w])) + 1.0 for w in sorted(df)], dtype=np.float32)

    def vectors(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for row, text in enumerate(texts):
            for word, count in Counter(tokens(text)).items():
                column = self.vocabulary.get(word)
                if column is not None:
                    out[row, column] = (1.0 + np.log(count)) * self.idf[column]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit: Vectors = out / np.maximum(norms, 1e-12)
        return unit


class TextSimilarity:
    """Cosine similarity between texts, by meaning when an encoder is given, by shared words otherwise."""

    def __init__(self, encoder: Encoder | None) -> None:
        self.encoder = encoder
        self._cache: dict[str, NDArray[np.float32]] = {}

    @property
    def method(self) -> str:
        return "semantic" if self.encoder is not None else "lexical"

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors for `texts` (semantic only); repeated texts are encoded once."""
        assert self.encoder is not None, "embed() needs an encoder"
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, vector in zip(missing, self.encoder.encode(missing), strict=True):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([self._cache[t] for t in texts])

    def matrix(self, queries: Sequence[str], documents: Sequence[str]) -> NDArray[np.float64]:
        """(len(queries), len(documents)) cosine similarities."""
        if not queries or not documents:
            return np.zeros((len(queries), len(documents)))
        if self.encoder is not None:
            return (self.embed(queries) @ self.embed(documents).T).astype(np.float64)
        index = LexicalIndex([*documents, *queries])
        return (index.vectors(queries) @ index.vectors(documents).T).astype(np.float64)


def to_bytes(vector: NDArray[np.floating]) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> Vectors:
    return np.frombuffer(data, dtype="<f4").astype(np.float32)


def stack(blobs: Sequence[bytes], dimension: int) -> Vectors:
    """Stored vectors as one (n, dimension) array; a blob of the wrong size (another model) is zero."""
    out = np.zeros((len(blobs), dimension), dtype=np.float32)
    for row, blob in enumerate(blobs):
        if len(blob) == 4 * dimension:
            out[row] = from_bytes(blob)
    return out
