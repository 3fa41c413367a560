"""The exact determinacy check against an independent reference: SciPy's SVD null space."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.linalg import null_space
from scipy.sparse import csr_matrix

from trellis.surveys.core.determinacy import determined_unknowns


def reference(a: np.ndarray) -> np.ndarray:
    basis = null_space(a)
    if basis.size == 0:
        return np.ones(a.shape[1], dtype=bool)
    return np.asarray(np.linalg.norm(basis, axis=1) < 1e-9)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 10).flatmap(
        lambda m: st.integers(1, 12).flatmap(
            lambda n: arrays(np.int64, (m, n), elements=st.sampled_from([0, 0, 0, 1, -1, 2, -3]))
        )
    )
)
def test_it_agrees_with_the_svd_null_space(a: np.ndarray) -> None:
    assert determined_unknowns(csr_matrix(a.astype(float))).tolist() == reference(a.astype(float)).tolist()


def test_a_district_table_with_a_cycle_determines_nothing() -> None:
    # admin_s + classified_s = known (per school); Σ admin_s, Σ classified_s known (district).
    schools = 4
    rows = []
    for s in range(schools):
        row = np.zeros(2 * schools)
        row[[2 * s, 2 * s + 1]] = 1
        rows.append(row)
    rows.append(np.tile([1.0, 0.0], schools))
    rows.append(np.tile([0.0, 1.0], schools))
    assert not determined_unknowns(csr_matrix(np.asarray(rows))).any()


def test_a_chain_of_single_unknowns_is_determined() -> None:
    # x0 = known, x1 − x0 = known, x2 − x1 = known: everything follows.
    a = np.asarray([[1.0, 0, 0], [-1, 1, 0], [0, -1, 1]])
    assert determined_unknowns(csr_matrix(a)).all()


def test_it_scales_to_a_large_district() -> None:
    # A 2 × 1,500 table (roles × schools) with both margins known: 3,000 unknowns in one
    # component, nothing determined (the shape that made dense SVD take minutes).
    schools = 1500
    school_rows = np.repeat(np.arange(schools), 2)
    cols = np.arange(2 * schools)
    rows = np.concatenate([school_rows, schools + (cols % 2)])
    matrix = csr_matrix((np.ones(rows.size), (rows, np.concatenate([cols, cols]))), shape=(schools + 2, 2 * schools))
    assert not determined_unknowns(matrix).any()
