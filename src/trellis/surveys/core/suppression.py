"""Which survey cells may be published: minimum counts and complementary suppression.

A *cell* is one reported number set for (unit, subgroup, wave): an organization's measure scores,
item percents, etc. for all respondents (subgroup ``"all"``) or for one subgroup level
(``"role=teacher"``). Cells are linked by additive relations that an attacker can subtract:

* hierarchy: a parent unit's cell = its child units' cells + the parent's direct respondents
  (the *residual*, n_parent − Σ n_children), for each subgroup and wave;
* subgroups: a unit's ``all`` cell = the levels of one subgroup variable + respondents who did
  not give that variable (the residual is the *complement of a filter*);
* waves: a change between waves is published only when both waves' cells are (see trends.py),
  so a published change never uncovers a hidden wave.

Rules (BRIEF §6; docs/methods/survey-scoring.md §3):

1. primary: a cell needs at least k respondents behind every number in it (``n_min ≥ k``);
   a roll-up needs at least ``min_units`` member units with data (else it is *withheld*);
2. complementary, per relation: if the relation's total is known and it contains a protected
   unknown, then it must contain at least two unknowns whose respondents add up to at least k;
   otherwise the published member with the fewest respondents is hidden as well (NYSED,
   Panorama: "the next-smallest group"); with no member left, the total itself is hidden;
3. audit: the hidden cells and residuals, together with every relation, form a linear system;
   a protected unknown that the system determines exactly (it lies outside every null-space
   direction) is protected by hiding another published cell of one of its relations.
   Repeat 2–3 until nothing changes (hiding is monotone, so this terminates).

A cell hidden for fewer than k respondents, or as a complement, is *protected*: its value must not
be recoverable. A roll-up withheld only for having fewer than ``min_units`` member units is not a
secret (with all its members published it is just their weighted mean) and is not protected.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

MIN_K_FLOOR = 3  # BRIEF §6: "never below 3" (Humaans, AskYourTeam floors; survey_measurement §4.1)
DEFAULT_K = 5  # BRIEF §6 default; CSSS, Panorama, Learning Bar use 5
DEFAULT_K_COMMENTS = 10  # BRIEF §6: free-text comments need 10 (Learning Bar students/parents)
DEFAULT_MIN_UNITS = 5  # Learning Bar: a district staff report needs at least 5 schools
DEFAULT_MIN_RESPONSE_RATE = 0.5  # 5Essentials (Florida FAQ): at least 50% response rate
ALL = "all"
AUDIT_TOLERANCE = 1e-9

REASON_PUBLISHED = "published"
REASON_EMPTY = "no_respondents"
REASON_BELOW_K = "below_k"
REASON_FEW_UNITS = "too_few_units"
REASON_COMPLEMENTARY = "complementary"


@dataclass(frozen=True)
class SuppressionPolicy:
    k: int = DEFAULT_K
    k_comments: int = DEFAULT_K_COMMENTS
    min_units: int = DEFAULT_MIN_UNITS
    min_response_rate: float = DEFAULT_MIN_RESPONSE_RATE

    def __post_init__(self) -> None:
        if self.k < MIN_K_FLOOR or self.k_comments < MIN_K_FLOOR:
            raise ValueError(f"the minimum number of respondents is never below {MIN_K_FLOOR}")
        if self.min_units < 1:
            raise ValueError("min_units must be at least 1")


def comments_publishable(n: npt.ArrayLike, policy: SuppressionPolicy | None = None) -> BoolArray:
    """Free-text comments are shown only for groups of at least ``k_comments`` respondents."""
    k = (policy or SuppressionPolicy()).k_comments
    return np.asarray(np.asarray(n) >= k, dtype=np.bool_)


@dataclass
class _Relations:
    """Additive relations in member form: total cell = Σ member cells + residual."""

    parent: IntArray  # (R,) cell index of the total
    residual_n: IntArray  # (R,)
    member_rel: IntArray  # (M,) relation of each membership
    member_cell: IntArray  # (M,) cell of each membership
    kind: list[str]  # (R,) "hierarchy" or "subgroup"


def _build_relations(unit: IntArray, parent_unit: IntArray, subgroup: list[str],
                     wave: IntArray, n: IntArray) -> _Relations:
    cells = len(unit)
    index: dict[tuple[int, str, int], int] = {
        (int(u), g, int(w)): i for i, (u, g, w) in enumerate(zip(unit, subgroup, wave,
                                                                     strict=True))}
    rel_key: dict[tuple[str, int, str, int], int] = {}
    parents: list[int] = []
    kinds: list[str] = []
    member_rel: list[int] = []
    member_cell: list[int] = []

    def relation(key: tuple[str, int, str, int], total: int, kind: str) -> int:
        r = rel_key.get(key)
        if r is None:
            r = len(parents)
            rel_key[key] = r
            parents.append(total)
            kinds.append(kind)
        return r

    for i in range(cells):
        u, g, w = int(unit[i]), subgroup[i], int(wave[i])
        p = int(parent_unit[i])
        if p >= 0:
            total = index.get((p, g, w))
            if total is not None:
                member_rel.append(relation(("h", p, g, w), total, "hierarchy"))
                member_cell.append(i)
        if g != ALL:
            total = index.get((u, ALL, w))
            if total is not None:
                variable = g.split("=", 1)[0]
                member_rel.append(relation(("s", u, variable, w), total, "subgroup"))
                member_cell.append(i)
    parent = np.asarray(parents, dtype=np.int64)
    m_rel = np.asarray(member_rel, dtype=np.int64)
    m_cell = np.asarray(member_cell, dtype=np.int64)
    member_n = np.bincount(m_rel, weights=n[m_cell], minlength=len(parents)) if len(parents) \
        else np.zeros(0)
    residual = n[parent] - member_n.astype(np.int64) if len(parents) else np.zeros(0, np.int64)
    if np.any(residual < 0):
        r = int(np.flatnonzero(residual < 0)[0])
        raise ValueError(f"cell {int(parent[r])} has fewer respondents than its "
                         f"{kinds[r]} members together; counts must nest")
    return _Relations(parent, residual.astype(np.int64), m_rel, m_cell, kinds)


def suppress(cells: pl.DataFrame, policy: SuppressionPolicy | None = None) -> pl.DataFrame:
    """Decide publication for a frame with columns ``unit``, ``parent`` (null or "" at the
    root), ``subgroup`` ("all" or "variable=level"), ``wave``, ``n`` (respondents in the cell),
    and optionally ``n_min`` (fewest respondents behind any single number in the cell; defaults to
    ``n``), ``invited`` (for the response rate) and any value columns, which pass through.

    Returns the frame with ``published``, ``protected``, ``reason`` (one of ``published``,
    ``no_respondents``, ``below_k``, ``too_few_units``, ``complementary``), ``response_rate`` and
    ``low_confidence`` (response rate below the policy's threshold; reported, not hidden)."""
    policy = policy or SuppressionPolicy()
    required = {"unit", "parent", "subgroup", "wave", "n"}
    missing = required - set(cells.columns)
    if missing:
        raise ValueError(f"suppression frame lacks column(s): {', '.join(sorted(missing))}")
    if cells.select(pl.struct("unit", "subgroup", "wave").is_duplicated().any()).item():
        raise ValueError("each (unit, subgroup, wave) may appear only once")
    frame = cells.with_columns(
        pl.col("unit").cast(pl.String), pl.col("parent").cast(pl.String).fill_null(""),
        pl.col("subgroup").cast(pl.String), pl.col("wave").cast(pl.String))
    units = pl.concat([frame["unit"], frame["parent"]]).unique().sort()
    unit_code = {u: i for i, u in enumerate(units.to_list())}
    unit = np.asarray([unit_code[u] for u in frame["unit"].to_list()], dtype=np.int64)
    parent_unit = np.asarray([unit_code[p] if p else -1 for p in frame["parent"].to_list()],
                             dtype=np.int64)
    _check_one_parent(unit, parent_unit)
    wave = frame["wave"].cast(pl.Categorical).to_physical().to_numpy().astype(np.int64)
    subgroup = frame["subgroup"].to_list()
    n = frame["n"].fill_null(0).to_numpy().astype(np.int64)
    n_min = (frame["n_min"].fill_null(0).to_numpy().astype(np.int64)
             if "n_min" in frame.columns else n.copy())
    if np.any(n < 0) or np.any(n_min > n):
        raise ValueError("n must be non-negative and n_min may not exceed n")

    rel = _build_relations(unit, parent_unit, subgroup, wave, n)
    published, protected, reason = _decide(n, n_min, unit, parent_unit, rel, policy)

    out = frame.with_columns(
        pl.Series("published", published), pl.Series("protected", protected),
        pl.Series("reason", reason, dtype=pl.String))
    if "invited" in frame.columns:
        rate = pl.col("n") / pl.col("invited")
        out = out.with_columns(rate.alias("response_rate"))
        out = out.with_columns(
            (pl.col("response_rate") < policy.min_response_rate).fill_null(False)
            .alias("low_confidence"))
    else:
        out = out.with_columns(pl.lit(None, dtype=pl.Float64).alias("response_rate"),
                               pl.lit(False).alias("low_confidence"))
    return out


def _check_one_parent(unit: IntArray, parent_unit: IntArray) -> None:
    pairs = np.unique(np.column_stack([unit, parent_unit]), axis=0)
    if len(np.unique(pairs[:, 0])) != len(pairs):
        raise ValueError("a unit is given two different parents")


def _decide(n: IntArray, n_min: IntArray, unit: IntArray, parent_unit: IntArray,
            rel: _Relations, policy: SuppressionPolicy) -> tuple[BoolArray, BoolArray,
                                                                list[str]]:
    cells = len(n)
    k = policy.k
    reason = np.full(cells, REASON_PUBLISHED, dtype=object)
    # Primary rules.
    has_children = np.isin(unit, parent_unit[parent_unit >= 0])
    hier = np.asarray([kind == "hierarchy" for kind in rel.kind], dtype=bool)
    member_has_data = n[rel.member_cell] > 0
    units_with_data = np.zeros(cells, dtype=np.int64)
    if rel.member_rel.size:
        use = hier[rel.member_rel] & member_has_data
        np.add.at(units_with_data, rel.parent[rel.member_rel[use]], 1)
    empty = n == 0
    below = ~empty & (n_min < k)
    few_units = ~empty & ~below & has_children & (units_with_data < policy.min_units)
    reason[few_units] = REASON_FEW_UNITS
    reason[below] = REASON_BELOW_K
    reason[empty] = REASON_EMPTY
    published = ~(empty | below | few_units)
    protected = below.copy()

    residual_protected = (rel.residual_n > 0) & (rel.residual_n < k)
    while True:
        determined, residual_determined = _audit(n, rel, published, empty)
        if _relation_rule(n, n_min, rel, published, protected, determined,
                          residual_protected, reason, k):
            continue
        leaks = np.flatnonzero(determined & protected)
        leak_rels = np.flatnonzero(residual_determined & residual_protected)
        if not _fix_leaks(leaks, leak_rels, n, rel, published, protected, reason):
            break
    return published, protected, [str(r) for r in reason]


def _relation_rule(n: IntArray, n_min: IntArray, rel: _Relations, published: BoolArray,
                   protected: BoolArray, determined: BoolArray, residual_protected: BoolArray,
                   reason: npt.NDArray[np.object_], k: int) -> bool:
    """Rule 2, vectorised over relations; loops until no relation needs another complement."""
    changed_any = False
    n_rel = len(rel.parent)
    if n_rel == 0:
        return False
    residual_unknown = rel.residual_n > 0
    while True:
        hidden_member = ~published[rel.member_cell]
        unknowns = np.bincount(rel.member_rel, weights=hidden_member, minlength=n_rel)
        unknowns = unknowns + residual_unknown
        secret = np.bincount(rel.member_rel, weights=hidden_member & protected[rel.member_cell],
                             minlength=n_rel) + residual_protected
        pooled = np.bincount(rel.member_rel, weights=np.where(hidden_member,
                                                              n_min[rel.member_cell], 0),
                             minlength=n_rel) + rel.residual_n
        known_total = published[rel.parent] | determined[rel.parent]
        violating = known_total & (secret > 0) & ((unknowns == 1) | (pooled < k))
        if not violating.any():
            return changed_any
        candidates = violating[rel.member_rel] & published[rel.member_cell]
        cand_rel = rel.member_rel[candidates]
        cand_cell = rel.member_cell[candidates]
        order = np.lexsort((cand_cell, n[cand_cell], cand_rel))
        cand_rel, cand_cell = cand_rel[order], cand_cell[order]
        first = np.ones(cand_rel.size, dtype=bool)
        first[1:] = cand_rel[1:] != cand_rel[:-1]
        to_hide = set(cand_cell[first].tolist())
        covered = np.zeros(n_rel, dtype=bool)
        covered[cand_rel[first]] = True
        # No published member left: hide the total itself (if it is published).
        for r in np.flatnonzero(violating & ~covered):
            if published[rel.parent[r]]:
                to_hide.add(int(rel.parent[r]))
        if not to_hide:
            return changed_any  # only determined-but-withheld totals left; audit handles them
        idx = np.fromiter(to_hide, dtype=np.int64)
        published[idx] = False
        protected[idx] = True
        reason[idx] = REASON_COMPLEMENTARY
        changed_any = True


def _audit(n: IntArray, rel: _Relations, published: BoolArray,
           empty: BoolArray) -> tuple[BoolArray, BoolArray]:
    """Rule 3: which unknown cells and residuals the published values determine exactly.

    Unknowns are unpublished non-empty cells and positive residuals; each relation with an
    unknown is an equation n_P v_P − Σ n_c v_c − n_res v_res = known terms. The system is split
    into connected components and each solved by SVD: an unknown is determined iff its row of the
    null-space basis is zero."""
    cells = len(n)
    n_rel = len(rel.parent)
    determined = np.zeros(cells, dtype=bool)
    residual_determined = np.zeros(n_rel, dtype=bool)
    unknown_cell = ~published & ~empty
    if n_rel == 0 or not unknown_cell.any():
        return determined, residual_determined
    # Variable numbering: cells first, then one residual per relation.
    var_of_cell = np.full(cells, -1, dtype=np.int64)
    cell_vars = np.flatnonzero(unknown_cell)
    var_of_cell[cell_vars] = np.arange(cell_vars.size)
    res_rels = np.flatnonzero(rel.residual_n > 0)
    var_of_res = np.full(n_rel, -1, dtype=np.int64)
    var_of_res[res_rels] = cell_vars.size + np.arange(res_rels.size)
    n_vars = cell_vars.size + res_rels.size

    rows: list[IntArray] = [np.arange(n_rel)]
    cols: list[IntArray] = [var_of_cell[rel.parent]]
    vals: list[npt.NDArray[np.float64]] = [n[rel.parent].astype(np.float64)]
    rows.append(rel.member_rel)
    cols.append(var_of_cell[rel.member_cell])
    vals.append(-n[rel.member_cell].astype(np.float64))
    rows.append(np.arange(n_rel))
    cols.append(var_of_res)
    vals.append(-rel.residual_n.astype(np.float64))
    r_all = np.concatenate(rows)
    c_all = np.concatenate(cols)
    v_all = np.concatenate(vals)
    keep = c_all >= 0
    r_all, c_all, v_all = r_all[keep], c_all[keep], v_all[keep]
    eq_used = np.unique(r_all)
    if eq_used.size == 0:
        return determined, residual_determined
    eq_index = np.full(n_rel, -1, dtype=np.int64)
    eq_index[eq_used] = np.arange(eq_used.size)
    e = eq_index[r_all]
    graph = coo_matrix((np.ones(e.size), (e, eq_used.size + c_all)),
                       shape=(eq_used.size + n_vars, eq_used.size + n_vars)).tocsr()
    _count, labels = connected_components(graph, directed=False)
    var_label = labels[eq_used.size:]
    eq_label = labels[: eq_used.size]
    is_determined = np.zeros(n_vars, dtype=bool)
    order_e = np.argsort(eq_label[e], kind="stable")
    e_sorted, c_sorted, v_sorted = e[order_e], c_all[order_e], v_all[order_e]
    comp_of_entry = eq_label[e_sorted]
    bounds = np.flatnonzero(np.diff(comp_of_entry)) + 1
    for chunk in np.split(np.arange(e_sorted.size), bounds):
        if chunk.size == 0:
            continue
        eqs, eq_local = np.unique(e_sorted[chunk], return_inverse=True)
        vars_, var_local = np.unique(c_sorted[chunk], return_inverse=True)
        if eqs.size == 0:
            continue
        matrix = np.zeros((eqs.size, vars_.size))
        np.add.at(matrix, (eq_local, var_local), v_sorted[chunk])
        matrix /= np.abs(matrix).max(axis=1, keepdims=True)
        is_determined[vars_] = _determined_columns(matrix)
    del var_label
    determined[cell_vars] = is_determined[: cell_vars.size]
    residual_determined[res_rels] = is_determined[cell_vars.size:]
    return determined, residual_determined


def _determined_columns(matrix: npt.NDArray[np.float64]) -> BoolArray:
    """Column j is determined iff e_j lies in the row space, i.e. the null space has no
    component along j."""
    if matrix.shape[1] == 1:
        return np.asarray([bool(np.any(np.abs(matrix) > AUDIT_TOLERANCE))])
    _u, s, vt = np.linalg.svd(matrix, full_matrices=True)
    tol = max(matrix.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0) * 10
    rank = int(np.sum(s > tol))
    null = vt[rank:]
    if null.shape[0] == 0:
        return np.ones(matrix.shape[1], dtype=bool)
    return np.asarray(np.linalg.norm(null, axis=0) < 1e-7, dtype=np.bool_)


def _fix_leaks(leak_cells: IntArray, leak_rels: IntArray, n: IntArray, rel: _Relations,
               published: BoolArray, protected: BoolArray,
               reason: npt.NDArray[np.object_]) -> bool:
    """Protect each exactly-determined secret by hiding the smallest published cell among the
    relations it belongs to (its own relations first)."""
    if leak_cells.size == 0 and leak_rels.size == 0:
        return False
    chosen: set[int] = set()
    for cell in leak_cells.tolist():
        rels = np.concatenate([rel.member_rel[rel.member_cell == cell],
                               np.flatnonzero(rel.parent == cell)])
        pick = _smallest_published(rels, n, rel, published)
        if pick is not None:
            chosen.add(pick)
    for r in leak_rels.tolist():
        pick = _smallest_published(np.asarray([r]), n, rel, published)
        if pick is not None:
            chosen.add(pick)
    if not chosen:
        return False
    idx = np.fromiter(chosen, dtype=np.int64)
    published[idx] = False
    protected[idx] = True
    reason[idx] = REASON_COMPLEMENTARY
    return True


def _smallest_published(rels: IntArray, n: IntArray, rel: _Relations,
                        published: BoolArray) -> int | None:
    members = rel.member_cell[np.isin(rel.member_rel, rels)]
    candidates = members[published[members]]
    if candidates.size == 0:
        parents = rel.parent[rels]
        candidates = parents[published[parents]]
    if candidates.size == 0:
        return None
    order = np.lexsort((candidates, n[candidates]))
    return int(candidates[order[0]])
