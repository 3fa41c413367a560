"""Roll-ups of respondent-level values to every level of the organization hierarchy, vectorised.

A roll-up is respondent-weighted: a district's mean person measure is the mean over every
respondent in its schools (and its own staff), not the mean of school means. That keeps every
level additive (parent total = Σ children totals + own staff), which is what the suppression
audit reasons about, and matches 5Essentials' district reports built from respondents.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

MAX_DEPTH = 32  # a deeper "hierarchy" is a cycle in the parent mapping


def ancestor_matrix(parent: IntArray) -> IntArray:
    """Column j holds each organization's ancestor j levels up (column 0 = itself); −1 above
    the root. ``parent[i]`` is the parent's index or −1. Raises on cycles."""
    parent = np.asarray(parent, dtype=np.int64)
    columns = [np.arange(parent.size, dtype=np.int64)]
    current = columns[0]
    for _ in range(MAX_DEPTH):
        nxt = np.where(current >= 0, parent[np.maximum(current, 0)], -1)
        if np.all(nxt < 0):
            return np.column_stack(columns)
        columns.append(nxt)
        current = nxt
    raise ValueError("the parent mapping contains a cycle")


@dataclass(frozen=True)
class Groups:
    """Memberships of respondents in cells: ``member`` respondent rows, ``cell`` cell ids."""

    member: IntArray
    cell: IntArray
    n_cells: int
    keys: npt.NDArray[np.int64]
    """(n_cells, 3) unit, subgroup code, wave code of each cell."""
    respondents: int

    @cached_property
    def matrix(self) -> csr_matrix:
        """Cells × respondents, 1 where the respondent counts in the cell."""
        ones = np.ones(self.member.size)
        return csr_matrix((ones, (self.cell, self.member)), shape=(self.n_cells, self.respondents))


def membership(org: IntArray, wave: IntArray, subgroup_codes: list[IntArray], ancestors: IntArray) -> Groups:
    """Every (ancestor unit, subgroup, wave) cell each respondent counts in. ``subgroup_codes``
    holds one int array per subgroup *label set*: code 0 means "all"; levels are numbered from 1
    (negative = not counted in that set)."""
    anc = ancestors[org]  # (n, depth)
    members: list[IntArray] = []
    units: list[IntArray] = []
    subs: list[IntArray] = []
    for codes in subgroup_codes:
        keep = codes >= 0
        for level in range(anc.shape[1]):
            unit = anc[:, level]
            use = keep & (unit >= 0)
            rows = np.flatnonzero(use)
            members.append(rows)
            units.append(unit[rows])
            subs.append(codes[rows])
    member = np.concatenate(members) if members else np.zeros(0, np.int64)
    unit_all = np.concatenate(units) if units else np.zeros(0, np.int64)
    sub_all = np.concatenate(subs) if subs else np.zeros(0, np.int64)
    wave_all = wave[member]
    sub_span = int(sub_all.max()) + 1 if sub_all.size else 1
    wave_span = int(wave.max()) + 1 if wave.size else 1
    key = (unit_all * sub_span + sub_all) * wave_span + wave_all
    unique, cell = np.unique(key, return_inverse=True)
    keys = np.column_stack([unique // (sub_span * wave_span), (unique // wave_span) % sub_span, unique % wave_span])
    return Groups(
        member=member,
        cell=cell.ravel().astype(np.int64),
        n_cells=unique.size,
        keys=keys.astype(np.int64),
        respondents=org.size,
    )


def cell_sums(groups: Groups, values: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Count, sum and sum of squares of non-missing ``values`` per cell. ``values`` holds one
    value per respondent, or one row per respondent and several columns (then every result has
    one row per cell and the same columns): one sparse product serves all columns at once."""
    matrix = groups.matrix
    ok = ~np.isnan(values)
    w = np.where(ok, values, 0.0)
    count = matrix @ ok.astype(np.float64)
    total = matrix @ w
    squares = matrix @ (w * w)
    return (np.asarray(count), np.asarray(total), np.asarray(squares))
