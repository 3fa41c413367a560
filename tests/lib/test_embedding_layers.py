"""The NumPy sentence encoder: unit vectors, batch-independent, and a linear layer equal to its definition."""

from __future__ import annotations

import numpy as np

from trellis.lib.embedding import default_encoder


def test_it_encodes_unit_vectors_independent_of_batching() -> None:
    encoder = default_encoder()
    assert encoder is not None
    texts = [
        "Chronic absenteeism in kindergarten.",
        "Math in grades 6 through 8 is far below standard for most students.",
    ]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert together.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(together, alone, atol=1e-5)  # padding must not change a sentence's vector


def test_the_flattened_linear_layer_matches_the_stacked_product() -> None:
    encoder = default_encoder()
    assert encoder is not None
    x = np.random.default_rng(1).standard_normal((3, 5, 384)).astype(np.float32)
    prefix = "encoder.layer.0.intermediate.dense"
    expected = np.einsum("bli,oi->blo", x, encoder._w(f"{prefix}.weight")) + encoder._w(f"{prefix}.bias")
    np.testing.assert_allclose(encoder._linear(x, prefix), expected, rtol=1e-4, atol=1e-4)
