"""Suppression: minimum counts, and an attacker who must recover nothing hidden.

The attacker knows every published value *and* every cell's respondent count (the worst case:
counts leak through response rates and rosters). It tries (1) peeling: repeatedly solving any
additive relation — parent minus visible children, `all` minus visible subgroup levels (a filter's
complement), later wave minus published change — that has a single unknown, and (2) full linear
algebra over every relation at once. Nothing protected may be determined, and no group of fewer
than k respondents may be isolated as the difference of known totals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.linalg import null_space

from trellis.surveys.core.suppression import SuppressionPolicy, comments_publishable, suppress
from trellis.surveys.core.trends import publishable_changes


@dataclass
class World:
    cells: pl.DataFrame
    k: int
    min_units: int


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """A random hierarchy with respondents at leaves (and sometimes at inner units), one or two
    subgroup variables with missing answers, and one to three waves; cells are built from the
    respondents so every count nests exactly as in a real survey."""
    k = draw(st.sampled_from([3, 4, 5]))
    min_units = draw(st.sampled_from([1, 2, 3, 5]))
    parent: dict[str, str] = {"S": ""}
    frontier = ["S"]
    depth = draw(st.integers(1, 3))
    for level in range(depth):
        nxt = []
        for node in frontier:
            for c in range(draw(st.integers(1, 4))):
                child = f"{node}.{level}{c}"
                parent[child] = node
                nxt.append(child)
        frontier = nxt
    children = {u for u in parent.values() if u}
    waves = draw(st.integers(1, 3))
    variables = draw(st.sampled_from([["role"], ["role", "exp"]]))
    rows = []
    for unit in parent:
        leaf = unit not in children
        for wave in range(waves):
            count = draw(st.integers(0, 14)) if leaf else draw(st.sampled_from([0, 0, 0, 1, 2, 6]))
            for _ in range(count):
                row = {
                    "home": unit,
                    "wave": str(wave),
                    "value": draw(st.floats(0, 100, allow_nan=False)),
                }
                for v in variables:
                    row[v] = draw(st.sampled_from(["a", "b", "c", None]))
                rows.append(row)
    if not rows:
        rows.append({"home": frontier[0], "wave": "0", "value": 1.0, **{v: "a" for v in variables}})
    respondents = pl.DataFrame(rows)
    cells = []
    for unit in parent:
        members = {unit}
        stack = [unit]
        while stack:
            u = stack.pop()
            for c, p in parent.items():
                if p == u:
                    members.add(c)
                    stack.append(c)
        mine = respondents.filter(pl.col("home").is_in(list(members)))
        groups = [("all", pl.lit(True))] + [
            (f"{v}={lvl}", pl.col(v) == lvl) for v in variables for lvl in ["a", "b", "c"]
        ]
        for label, condition in groups:
            sub = mine.filter(condition)
            for wave in range(waves):
                w = sub.filter(pl.col("wave") == str(wave))
                if w.height == 0:
                    continue
                cells.append(
                    {
                        "unit": unit,
                        "parent": parent[unit],
                        "subgroup": label,
                        "wave": str(wave),
                        "n": w.height,
                        "value": float(w["value"].mean()),
                    }
                )  # type: ignore[arg-type]
    return World(pl.DataFrame(cells), k, min_units)


def _relations(cells: pl.DataFrame) -> list[tuple[int, list[int], int]]:
    """(total cell, member cells, residual n) for every additive relation, built independently
    of the implementation."""
    index = {(r["unit"], r["subgroup"], r["wave"]): i for i, r in enumerate(cells.iter_rows(named=True))}
    n = cells["n"].to_list()
    groups: dict[tuple[str, ...], list[int]] = {}
    totals: dict[tuple[str, ...], int] = {}
    for i, r in enumerate(cells.iter_rows(named=True)):
        if r["parent"] and (r["parent"], r["subgroup"], r["wave"]) in index:
            key = ("h", r["parent"], r["subgroup"], r["wave"])
            groups.setdefault(key, []).append(i)
            totals[key] = index[(r["parent"], r["subgroup"], r["wave"])]
        if r["subgroup"] != "all" and (r["unit"], "all", r["wave"]) in index:
            key = ("s", r["unit"], r["subgroup"].split("=")[0], r["wave"])
            groups.setdefault(key, []).append(i)
            totals[key] = index[(r["unit"], "all", r["wave"])]
    return [(totals[key], members, n[totals[key]] - sum(n[m] for m in members)) for key, members in groups.items()]


def _attack(world: World, out: pl.DataFrame) -> None:
    k = world.k
    n = np.asarray(out["n"].to_list(), dtype=float)
    published = np.asarray(out["published"].to_list())
    truth = np.asarray(out["value"].to_list()) * n  # totals
    relations = _relations(out)
    units = out["unit"].to_list()
    # Which hidden cells are secrets, decided independently of the implementation's flags:
    # everything hidden except a roll-up withheld only for having too few member units.
    has_children = set(out.filter(pl.col("parent") != "")["parent"].to_list())
    units_with_data = {i: 0 for i in range(out.height)}
    for total, members, _res in relations:
        if units[members[0]] != units[total]:
            units_with_data[total] = sum(1 for m in members if n[m] > 0)
    withheld_only = np.asarray(
        [
            (not published[i]) and r["unit"] in has_children and r["n"] >= k and units_with_data[i] < world.min_units
            for i, r in enumerate(out.iter_rows(named=True))
        ]
    )
    secret = ~published & ~withheld_only

    # Primary rules.
    assert np.all(n[published] >= k)
    for i in np.flatnonzero(published).tolist():
        if units[i] in has_children:
            assert units_with_data[i] >= world.min_units

    # Variables: every cell total and every positive residual.
    n_cells = out.height
    res_ids = [j for j, (_t, _m, res) in enumerate(relations) if res > 0]
    res_var = {j: n_cells + a for a, j in enumerate(res_ids)}
    n_vars = n_cells + len(res_ids)
    res_n = {res_var[j]: relations[j][2] for j in res_ids}
    secret_var = np.concatenate([secret, np.asarray([0 < res_n[v] < k for v in sorted(res_n)], dtype=bool)])
    var_n = np.concatenate([n, [res_n[v] for v in sorted(res_n)]])
    equations = []
    for j, (total, members, _res) in enumerate(relations):
        row = np.zeros(n_vars)
        row[total] = 1.0
        row[members] -= 1.0
        if j in res_var:
            row[res_var[j]] = -1.0
        equations.append(row)

    # (1) Peeling attack, with the pooled-group check.
    known = np.concatenate([published, np.zeros(len(res_ids), dtype=bool)])
    value = np.concatenate([np.where(published, truth, np.nan), np.full(len(res_ids), np.nan)])
    progress = True
    while progress:
        progress = False
        for row in equations:
            unknown = np.flatnonzero((row != 0) & ~known)
            if unknown.size == 1:
                u = unknown[0]
                rest = np.flatnonzero((row != 0) & known)
                value[u] = -float(row[rest] @ value[rest]) / row[u]
                known[u] = True
                progress = True
    assert not np.any(known & secret_var), "peeling recovered a hidden value"
    for row in equations:
        unknown = np.flatnonzero((row != 0) & ~known)
        signs = row[unknown]
        if unknown.size and (np.all(signs < 0) or np.all(signs > 0)) and np.any(secret_var[unknown]):
            # The unknowns' pooled total is the difference of known totals.
            assert var_n[unknown].sum() >= k, "a group smaller than k was isolated"

    # (2) Linear algebra over all relations at once.
    if equations:
        a = np.asarray(equations)
        hidden = np.flatnonzero(~np.concatenate([published, np.zeros(len(res_ids), bool)]))
        hidden = hidden[(hidden >= n_cells) | (n[np.minimum(hidden, n_cells - 1)] > 0)]
        if hidden.size:
            basis = null_space(a[:, hidden])
            determined = np.linalg.norm(basis, axis=1) < 1e-8 if basis.size else np.ones(hidden.size, bool)
            assert not np.any(determined & secret_var[hidden]), "linear algebra recovered a hidden value"


@pytest.mark.slow
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(worlds())
def test_it_lets_no_attacker_recover_a_hidden_value(world: World) -> None:
    out = suppress(world.cells, SuppressionPolicy(k=world.k, min_units=world.min_units))
    _attack(world, out)
    # Between waves: a change is published only with both ends, so it reveals no hidden wave.
    changes = publishable_changes(out)
    if changes.height:
        joined = changes.filter(pl.col("published"))
        pub = {(r["unit"], r["subgroup"], r["wave"]) for r in out.filter(pl.col("published")).iter_rows(named=True)}
        for r in joined.iter_rows(named=True):
            assert (r["unit"], r["subgroup"], r["wave_from"]) in pub
            assert (r["unit"], r["subgroup"], r["wave_to"]) in pub


def cells(rows: list[tuple[str, str, str, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"unit": u, "parent": p, "subgroup": g, "wave": "1", "n": n, "value": 1.0} for u, p, g, n in rows]
    )


def test_it_hides_the_next_smallest_sibling_when_one_school_is_small() -> None:
    frame = cells(
        [
            ("D", "", "all", 29),
            ("A", "D", "all", 3),
            ("B", "D", "all", 6),
            ("C", "D", "all", 8),
            ("E", "D", "all", 6),
            ("F", "D", "all", 6),
        ]
    )
    out = suppress(frame)
    status = dict(zip(out["unit"].to_list(), out["reason"].to_list(), strict=True))
    assert status["A"] == "below_k"
    assert status["B"] == "complementary"  # the smallest published sibling (ties: first)
    assert status["D"] == "published"
    assert status["C"] == "published"


def test_it_blocks_a_filter_whose_complement_is_small() -> None:
    # 9 respondents, 7 said role=a, 2 gave no role: `all` minus `role=a` would isolate 2 people.
    frame = cells([("S", "", "all", 9), ("S", "", "role=a", 7)])
    out = suppress(frame)
    assert out["published"].to_list() == [True, False]
    assert out["reason"].to_list() == ["published", "complementary"]


def test_it_withholds_a_roll_up_with_too_few_member_units() -> None:
    frame = cells([("D", "", "all", 30), ("A", "D", "all", 10), ("B", "D", "all", 20)])
    out = suppress(frame)
    assert out["reason"].to_list() == ["too_few_units", "published", "published"]
    assert out["protected"].to_list() == [False, False, False]


@pytest.mark.parametrize("k", [0, 1, 2])
def test_it_refuses_k_below_three(k: int) -> None:
    with pytest.raises(ValueError, match="never below 3"):
        SuppressionPolicy(k=k)


def test_it_flags_low_response_rates_without_hiding() -> None:
    frame = cells([("S", "", "all", 9)]).with_columns(pl.lit(20).alias("invited"))
    out = suppress(frame)
    assert out["published"].to_list() == [True]
    assert out["low_confidence"].to_list() == [True]
    assert out["response_rate"].to_list() == [pytest.approx(0.45)]


def test_it_needs_ten_for_comments() -> None:
    assert comments_publishable([9, 10]).tolist() == [False, True]


def test_it_rejects_counts_that_do_not_nest() -> None:
    frame = cells([("D", "", "all", 5), ("A", "D", "all", 6)])
    with pytest.raises(ValueError, match="must nest"):
        suppress(frame)


def test_it_hides_the_only_school_of_a_district_hidden_as_a_complement() -> None:
    # D2 is too small, so its smallest sibling D1 is hidden; D1's only school S1 *is* D1
    # (same respondents), so publishing S1 would give D1 back and then D2 by subtraction.
    frame = cells(
        [
            ("C", "", "all", 53),
            ("D1", "C", "all", 20),
            ("S1", "D1", "all", 20),
            ("D2", "C", "all", 3),
            ("D3", "C", "all", 30),
        ]
    )
    out = suppress(frame, SuppressionPolicy(min_units=1))
    status = dict(zip(out["unit"].to_list(), out["reason"].to_list(), strict=True))
    assert status == {
        "C": "published",
        "D1": "complementary",
        "S1": "complementary",
        "D2": "below_k",
        "D3": "published",
    }


def test_a_state_shaped_frame_with_large_districts_leaks_nothing() -> None:
    """The shape of a real wave, where hidden role and tenure cells of many schools form one large
    component: 250 schools, most in two big districts, small role groups, tenure with a
    "(not stated)" level. The full attacker (peeling and null space) must recover nothing."""
    rng = np.random.default_rng(7)
    parent = {"CA": "", "C1": "CA", "C2": "CA"}
    districts = [f"D{d}" for d in range(6)]
    for d, name in enumerate(districts):
        parent[name] = "C1" if d < 3 else "C2"
    school_district = rng.choice(6, size=250, p=[0.45, 0.35, 0.05, 0.05, 0.05, 0.05])
    for s, d in enumerate(school_district):
        parent[f"S{s:03d}"] = districts[d]
    size = rng.integers(6, 40, 250)
    home = np.repeat([f"S{s:03d}" for s in range(250)], size)
    role = rng.choice(["teacher", "admin", "classified"], home.size, p=[0.75, 0.1, 0.15])
    years = rng.choice(["0-3", "4-10", "11+", "(not stated)"], home.size, p=[0.3, 0.33, 0.33, 0.04])
    respondents = pl.DataFrame({"home": home, "role": role, "years": years, "value": rng.normal(3, 1, home.size)})
    ancestors = {u: [u] for u in parent}
    for u in parent:
        p = parent[u]
        while p:
            ancestors[u].append(p)
            p = parent[p]
    rows = []
    for row in respondents.iter_rows(named=True):
        for unit in ancestors[row["home"]]:
            for label in ("all", f"role={row['role']}", f"years={row['years']}"):
                rows.append({"unit": unit, "subgroup": label, "value": row["value"]})
    frame = (
        pl.DataFrame(rows)
        .group_by("unit", "subgroup")
        .agg(pl.len().alias("n"), pl.col("value").mean())
        .with_columns(
            pl.col("unit").replace_strict(parent, return_dtype=pl.String).alias("parent"),
            pl.lit("1").alias("wave"),
            pl.col("n").cast(pl.Int64),
        )
        .sort("unit", "subgroup")
    )
    world = World(frame, k=5, min_units=5)
    out = suppress(frame, SuppressionPolicy(k=5, min_units=5))
    assert out.filter(pl.col("reason") == "complementary").height > 0
    assert out.filter(pl.col("published") & (pl.col("subgroup") != "all")).height > 0
    _attack(world, out)
