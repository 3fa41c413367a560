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
2. complementary, per relation: any single unknown term of a relation (member, residual or
   the total) is recovered by subtraction, so a relation with a protected unknown needs a second
   unknown, and when its total is known its unknown members must pool at least k respondents;
   otherwise the published member with the fewest respondents is hidden as well (NYSED,
   Panorama: "the next-smallest group"); with no member left, the total itself is hidden;
3. audit: the hidden cells and residuals, together with every relation, form a linear system;
   a protected unknown that the system determines exactly (determinacy.py: sparse elimination,
   exact over GF(p)) is protected by hiding another published cell of one of its relations.
   Repeat 2–3 until nothing changes (hiding is monotone, so this terminates).

A cell hidden for fewer than k respondents, or as a complement, is *protected*: its value must not
be recoverable. A roll-up withheld only for having fewer than ``min_units`` member units is not a
secret (with all its members published it is just their weighted mean); the analysis treats it as
if it were published (the attacker knows it), which is conservative and keeps the systems small.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy.sparse import coo_matrix, csc_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from trellis.surveys.core.determinacy import determined_unknowns

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

MIN_K_FLOOR = 3  # BRIEF §6: "never below 3" (Humaans, AskYourTeam floors; survey_measurement §4.1)
DEFAULT_K = 5  # BRIEF §6 default; CSSS, Panorama, Learning Bar use 5
DEFAULT_K_COMMENTS = 10  # BRIEF §6: free-text comments need 10 (Learning Bar students/parents)
DEFAULT_MIN_UNITS = 5  # Learning Bar: a district staff report needs at least 5 schools
DEFAULT_MIN_RESPONSE_RATE = 0.5  # 5Essentials (Florida FAQ): at least 50% response rate
ALL = "all"
MAX_FIX_CANDIDATES = 8  # published cells tried per leak before hiding the smallest
MAX_TRIAL_COLUMNS = 120  # only try candidates in components this small (one elimination per trial)

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


def _build_relations(
    unit: IntArray, parent_unit: IntArray, subgroup: list[str], wave: IntArray, n: IntArray
) -> _Relations:
    cells = len(unit)
    index: dict[tuple[int, str, int], int] = {
        (int(u), g, int(w)): i for i, (u, g, w) in enumerate(zip(unit, subgroup, wave, strict=True))
    }
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
    member_n = np.bincount(m_rel, weights=n[m_cell], minlength=len(parents)) if len(parents) else np.zeros(0)
    residual = n[parent] - member_n.astype(np.int64) if len(parents) else np.zeros(0, np.int64)
    if np.any(residual < 0):
        r = int(np.flatnonzero(residual < 0)[0])
        raise ValueError(
            f"cell {int(parent[r])} has fewer respondents than its {kinds[r]} members together; counts must nest"
        )
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
        pl.col("unit").cast(pl.String),
        pl.col("parent").cast(pl.String).fill_null(""),
        pl.col("subgroup").cast(pl.String),
        pl.col("wave").cast(pl.String),
    )
    units = pl.concat([frame["unit"], frame["parent"]]).unique().sort()
    unit_code = {u: i for i, u in enumerate(units.to_list())}
    unit = np.asarray([unit_code[u] for u in frame["unit"].to_list()], dtype=np.int64)
    parent_unit = np.asarray([unit_code[p] if p else -1 for p in frame["parent"].to_list()], dtype=np.int64)
    _check_one_parent(unit, parent_unit)
    wave = frame["wave"].cast(pl.Categorical).to_physical().to_numpy().astype(np.int64)
    subgroup = frame["subgroup"].to_list()
    n = frame["n"].fill_null(0).to_numpy().astype(np.int64)
    n_min = frame["n_min"].fill_null(0).to_numpy().astype(np.int64) if "n_min" in frame.columns else n.copy()
    if np.any(n < 0) or np.any(n_min > n):
        raise ValueError("n must be non-negative and n_min may not exceed n")

    rel = _build_relations(unit, parent_unit, subgroup, wave, n)
    published, protected, reason = _decide(n, n_min, unit, parent_unit, rel, policy)

    out = frame.with_columns(
        pl.Series("published", published),
        pl.Series("protected", protected),
        pl.Series("reason", reason, dtype=pl.String),
    )
    if "invited" in frame.columns:
        rate = pl.col("n") / pl.col("invited")
        out = out.with_columns(rate.alias("response_rate"))
        out = out.with_columns(
            (pl.col("response_rate") < policy.min_response_rate).fill_null(False).alias("low_confidence")
        )
    else:
        out = out.with_columns(
            pl.lit(None, dtype=pl.Float64).alias("response_rate"),
            pl.lit(False).alias("low_confidence"),
        )
    return out


def _check_one_parent(unit: IntArray, parent_unit: IntArray) -> None:
    pairs = np.unique(np.column_stack([unit, parent_unit]), axis=0)
    if len(np.unique(pairs[:, 0])) != len(pairs):
        raise ValueError("a unit is given two different parents")


def _decide(
    n: IntArray,
    n_min: IntArray,
    unit: IntArray,
    parent_unit: IntArray,
    rel: _Relations,
    policy: SuppressionPolicy,
) -> tuple[BoolArray, BoolArray, list[str]]:
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
    # A roll-up withheld for too few member units is analysed as if it were public (the
    # attacker is assumed to know it): conservative, and it keeps the audit's systems small.
    public = ~(empty | below)
    protected = below.copy()

    residual_protected = (rel.residual_n > 0) & (rel.residual_n < k)
    cache: dict[bytes, BoolArray] = {}
    system = _system(n, rel)  # the equations never change; only which terms are known does
    residual_determined = np.zeros(len(rel.parent), dtype=bool)
    while True:
        # The local rule first (cheap and vectorised), then the exact audit for what only
        # several equations together reveal; each fix can open new local gaps, so repeat.
        _relation_rule(n, n_min, rel, public, protected, residual_protected, residual_determined, reason, k)
        determined, residual_determined = _audit(n, rel, system, public, empty, cache)
        leaks = np.flatnonzero(determined & protected)
        leak_rels = np.flatnonzero(residual_determined & residual_protected)
        if _fix_leaks(leaks, leak_rels, n, rel, system, public, protected, empty, reason):
            continue
        # A residual of k or more that the audit pins down no longer pools with the hidden
        # members of its relation; if that leaves them short of k, the local rule acts again.
        if not _relation_rule(n, n_min, rel, public, protected, residual_protected, residual_determined, reason, k):
            break
    published = public & (reason == REASON_PUBLISHED)
    return published, protected, [str(r) for r in reason]


def _relation_rule(
    n: IntArray,
    n_min: IntArray,
    rel: _Relations,
    published: BoolArray,
    protected: BoolArray,
    residual_protected: BoolArray,
    residual_determined: BoolArray,
    reason: npt.NDArray[np.object_],
    k: int,
) -> bool:
    """Rule 2, vectorised over relations; loops until no relation needs another complement.

    A relation is one equation: total = Σ members + residual. Any single unknown term in it,
    the total included, is recovered by subtraction, so a relation with a protected unknown needs
    a second unknown (this catches a district whose only school is published). When the total is
    known, the unknown members must also pool at least k respondents. An empty cell is known, and
    so is a residual the audit determined. Returns whether anything was hidden."""
    n_rel = len(rel.parent)
    changed = False
    if n_rel == 0:
        return changed
    residual_unknown = (rel.residual_n > 0) & ~residual_determined
    residual_secret = residual_protected & residual_unknown  # a determined one is a leak, fixed by the audit
    while True:
        hidden = ~published & (n > 0)
        hidden_member = hidden[rel.member_cell]
        unknowns = np.bincount(rel.member_rel, weights=hidden_member, minlength=n_rel) + residual_unknown
        secret = (
            np.bincount(rel.member_rel, weights=hidden_member & protected[rel.member_cell], minlength=n_rel)
            + residual_secret
        )
        pooled = np.bincount(
            rel.member_rel,
            weights=np.where(hidden_member, n_min[rel.member_cell], 0),
            minlength=n_rel,
        ) + np.where(residual_unknown, rel.residual_n, 0)
        known_total = ~hidden[rel.parent]
        secret_total = hidden[rel.parent] & protected[rel.parent]
        violating = (known_total & (secret > 0) & ((unknowns == 1) | (pooled < k))) | (secret_total & (unknowns == 0))
        if not violating.any():
            return changed
        # Hide the published member with the fewest respondents ("the next-smallest group");
        # with no published member left, hide the total itself.
        candidates = violating[rel.member_rel] & published[rel.member_cell]
        cand_rel = rel.member_rel[candidates]
        cand_cell = rel.member_cell[candidates]
        order = np.lexsort((cand_cell, n[cand_cell], cand_rel))
        cand_rel, cand_cell = cand_rel[order], cand_cell[order]
        first = np.ones(cand_rel.size, dtype=bool)
        first[1:] = cand_rel[1:] != cand_rel[:-1]
        covered = np.zeros(n_rel, dtype=bool)
        covered[cand_rel[first]] = True
        totals = rel.parent[violating & ~covered]
        idx = np.unique(np.concatenate([cand_cell[first], totals[published[totals]]]))
        if idx.size == 0:
            return changed  # nothing published is left to hide in these relations; the audit decides
        published[idx] = False
        protected[idx] = True
        reason[idx] = REASON_COMPLEMENTARY
        changed = True


def _audit(
    n: IntArray,
    rel: _Relations,
    system: tuple[csr_matrix, csc_matrix],
    published: BoolArray,
    empty: BoolArray,
    cache: dict[bytes, BoolArray] | None = None,
) -> tuple[BoolArray, BoolArray]:
    """Rule 3: which unknown cells and residuals the published values determine exactly.

    Unknowns are unpublished non-empty cells and positive residuals; each relation is an
    equation n_P v_P − Σ n_c v_c − n_res v_res = 0 whose published terms are known. First, peel:
    an equation with a single unknown determines it (cheap, and it removes withheld roll-ups that
    are plain sums of published cells). What remains is split into connected components, each
    solved exactly by sparse elimination over GF(p) (determinacy.py)."""
    cells = len(n)
    n_rel = len(rel.parent)
    determined = np.zeros(cells, dtype=bool)
    residual_determined = np.zeros(n_rel, dtype=bool)
    if n_rel == 0:
        return determined, residual_determined
    by_row, _by_col = system
    pattern = by_row.copy()
    pattern.data = np.ones_like(pattern.data)
    unknown = np.concatenate([~published & ~empty, rel.residual_n > 0])
    solved = np.zeros(unknown.size, dtype=bool)
    index = np.arange(unknown.size, dtype=np.float64)
    while True:
        open_ = (unknown & ~solved).astype(np.float64)
        count = pattern @ open_
        single = np.flatnonzero(np.isclose(count, 1.0))
        if single.size == 0:
            break
        which = np.rint((pattern @ (open_ * index))[single]).astype(np.int64)
        solved[which] = True
    remaining = unknown & ~solved
    if remaining.any():
        sub = by_row[:, np.flatnonzero(remaining)].tocsr()
        live = np.flatnonzero(np.diff(sub.indptr) > 0)
        if live.size:
            sub = sub[live]
            cols = np.flatnonzero(remaining)
            n_eq, n_var = sub.shape
            coo = sub.tocoo()
            graph = coo_matrix(
                (np.ones(coo.nnz), (coo.row, n_eq + coo.col)), shape=(n_eq + n_var, n_eq + n_var)
            ).tocsr()
            _count, labels = connected_components(graph, directed=False)
            eq_label = labels[:n_eq]
            var_label = labels[n_eq:]
            eq_order = np.argsort(eq_label, kind="stable")
            var_order = np.argsort(var_label, kind="stable")
            eq_groups = _groups(eq_label, eq_order)
            var_groups = _groups(var_label, var_order)
            for label, var_idx in var_groups.items():
                eq_idx = eq_groups.get(label)
                if eq_idx is None:
                    continue
                # A component with the same unknowns as in an earlier round has the same
                # equations, so its answer is reused (most rounds change a few components).
                key = np.sort(cols[var_idx]).tobytes()
                answer = cache.get(key) if cache is not None else None
                if answer is None:
                    order = np.argsort(cols[var_idx])
                    answer = determined_unknowns(sub[eq_idx][:, var_idx[order]])
                    if cache is not None:
                        cache[key] = answer
                solved[np.sort(cols[var_idx])] = answer
    determined = solved[:cells] & unknown[:cells]
    residual_determined = solved[cells:] & unknown[cells:]
    return determined, residual_determined


def _groups(labels: IntArray, order: IntArray) -> dict[int, IntArray]:
    sorted_labels = labels[order]
    bounds = np.flatnonzero(np.diff(sorted_labels)) + 1
    return {
        int(sorted_labels[chunk[0]]): order[chunk] for chunk in np.split(np.arange(order.size), bounds) if chunk.size
    }


def _system(n: IntArray, rel: _Relations) -> tuple[csr_matrix, csc_matrix]:
    """All relations as one sparse matrix: columns are cells, then one residual per relation."""
    cells = len(n)
    n_rel = len(rel.parent)
    rows = np.concatenate([np.arange(n_rel), rel.member_rel, np.arange(n_rel)])
    cols = np.concatenate([rel.parent, rel.member_cell, cells + np.arange(n_rel)])
    # In totals (n × mean) every coefficient is ±1, which keeps the elimination exact and sparse.
    counts = np.concatenate([n[rel.parent], n[rel.member_cell], rel.residual_n])
    vals = np.concatenate([np.ones(n_rel), -np.ones(rel.member_rel.size), -np.ones(n_rel)])
    keep = counts != 0
    matrix = coo_matrix((vals[keep], (rows[keep], cols[keep])), shape=(n_rel, cells + n_rel))
    return matrix.tocsr(), matrix.tocsc()


def _fix_leaks(
    leak_cells: IntArray,
    leak_rels: IntArray,
    n: IntArray,
    rel: _Relations,
    system: tuple[csr_matrix, csc_matrix],
    published: BoolArray,
    protected: BoolArray,
    empty: BoolArray,
    reason: npt.NDArray[np.object_],
) -> bool:
    """Protect each exactly-determined secret: among the published cells in the equations of
    its connected component (fewest respondents first), hide the first whose removal leaves the
    secret undetermined; if no single cell does, hide the smallest and let the loop continue."""
    if leak_cells.size == 0 and leak_rels.size == 0:
        return False
    cells = len(n)
    by_row, by_col = system
    unknown = np.concatenate([~published & ~empty, rel.residual_n > 0])
    chosen: set[int] = set()
    handled: set[int] = set()  # relations already given a fix this round
    targets = leak_cells.tolist() + [cells + r for r in leak_rels.tolist()]
    for target in targets:
        own = by_col.indices[by_col.indptr[target] : by_col.indptr[target + 1]]
        if handled.intersection(own.tolist()):
            continue  # a neighbour's fix this round already touches this secret's relations
        handled.update(own.tolist())
        eqs = _component_equations(target, by_row, by_col, unknown)
        pick = _smallest_published_in(own, by_row, published, n, cells)
        if pick is None:
            pick = _smallest_published_in(eqs, by_row, published, n, cells)
        if pick is None:
            continue
        cols = np.unique(by_row[eqs].indices)
        if cols.size <= MAX_TRIAL_COLUMNS:
            candidates = cols[cols < cells]
            candidates = candidates[published[candidates]]
            candidates = candidates[np.lexsort((candidates, n[candidates]))]
            base = cols[unknown[cols]]
            for cand in candidates[:MAX_FIX_CANDIDATES].tolist():
                trial = np.append(base, cand)
                if not determined_unknowns(by_row[eqs][:, trial])[int(np.flatnonzero(trial == target)[0])]:
                    pick = int(cand)
                    break
        chosen.add(pick)
    if not chosen:
        return False
    idx = np.fromiter(chosen, dtype=np.int64)
    published[idx] = False
    protected[idx] = True
    reason[idx] = REASON_COMPLEMENTARY
    return True


def _smallest_published_in(
    eqs: IntArray, by_row: csr_matrix, published: BoolArray, n: IntArray, cells: int
) -> int | None:
    cols = np.unique(by_row[eqs].indices) if eqs.size else np.zeros(0, dtype=np.int64)
    cols = cols[cols < cells]
    cols = cols[published[cols]]
    if cols.size == 0:
        return None
    return int(cols[np.lexsort((cols, n[cols]))][0])


def _component_equations(start: int, by_row: csr_matrix, by_col: csc_matrix, unknown: BoolArray) -> IntArray:
    """Equations reachable from an unknown through shared unknowns."""
    seen_cols = {start}
    seen_rows: set[int] = set()
    frontier = [start]
    while frontier:
        col = frontier.pop()
        for row in by_col.indices[by_col.indptr[col] : by_col.indptr[col + 1]].tolist():
            if row in seen_rows:
                continue
            seen_rows.add(row)
            for other in by_row.indices[by_row.indptr[row] : by_row.indptr[row + 1]].tolist():
                if unknown[other] and other not in seen_cols:
                    seen_cols.add(other)
                    frontier.append(other)
    return np.asarray(sorted(seen_rows), dtype=np.int64)
