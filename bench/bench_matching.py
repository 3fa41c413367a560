"""Matching quality and speed: precision@3 of the sentence encoder and of the TF-IDF fallback on the
labelled problems of practice (tests/fixtures/support/pairs.yaml), and the time to rank.

    PYTHONPATH=src python bench/bench_matching.py [--quick]

--quick uses the first four clusters only (a smoke run).
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

import yaml

from trellis.lib.embedding import default_encoder
from trellis.lib.similarity import TextSimilarity
from trellis.support.core.matching import LabelledSet, labelled_set, pair_auc, precision_at_k

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "support" / "pairs.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    labelled = labelled_set(yaml.safe_load(PAIRS.read_text()))
    if args.quick:
        keep = dict(list(labelled.clusters.items())[:4])
        texts = {t for m in keep.values() for t in m} | set(labelled.distractors.values())
        labelled = LabelledSet(
            keep,
            labelled.distractors,
            [p for p in labelled.similar if p[0] in texts and p[1] in texts],
            [p for p in labelled.different if p[0] in texts and p[1] in texts],
        )
    n_texts = sum(len(m) for m in labelled.clusters.values()) + len(labelled.distractors)
    print(
        f"{len(labelled.clusters)} clusters, {n_texts} texts, {len(labelled.similar)} similar and "
        f"{len(labelled.different)} different pairs"
    )
    results = {}
    started = time.perf_counter()
    encoder = default_encoder()
    load = time.perf_counter() - started
    for name, similarity in (
        ("lexical (TF-IDF)", TextSimilarity(None)),
        ("semantic (MiniLM)", TextSimilarity(encoder)),
    ):
        tracemalloc.start()
        started = time.perf_counter()
        p3 = precision_at_k(similarity, labelled.clusters, list(labelled.distractors.values()))
        first = time.perf_counter() - started
        started = time.perf_counter()
        auc = pair_auc(similarity, labelled.similar, labelled.different)
        again = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        results[name] = p3
        print(
            f"{name:<18} precision@3 {p3:.3f}   pair AUC {auc:.3f}   "
            f"rank all ({n_texts}²): {first:6.2f} s (encoding included), cached: {again:5.3f} s, peak {peak:.0f} MiB"
        )
    print(
        f"encoder load {load:.2f} s; semantic / lexical precision@3 = "
        f"{results['semantic (MiniLM)'] / results['lexical (TF-IDF)']:.1f}×"
    )


if __name__ == "__main__":
    main()
