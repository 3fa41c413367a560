"""Score closed windows with the pure core and store only what it publishes.

`score_windows` reads the windows' answer bytes as one matrix per window (`selectors.response_matrix`),
hands the core a Polars frame (organization, wave, one column per item), calibrates on the first
window (the benchmark wave), and writes `OrgResult` cells and `MeasureScore` rows with bulk_create.
Cells the core did not publish are stored with their reason only: no count, no score, no percent.
See docs/methods/survey-scoring.md §7.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Max

from trellis.orgs.models import Organization
from trellis.surveys.core.reliability import cronbach_alpha
from trellis.surveys.core.scale import Instrument as CoreInstrument
from trellis.surveys.core.scale import Item as CoreItem
from trellis.surveys.core.scoring import OWN_STAFF, calibrate_benchmark, item_matrix, measure_changes, score_survey
from trellis.surveys.core.suppression import ALL, DEFAULT_K_COMMENTS, SuppressionPolicy
from trellis.surveys.models import MeasureScore, OrgResult, Participant, Response, ResultSet, ScoreKind, SurveyWindow
from trellis.surveys.selectors import response_matrix

MAX_COMMENTS = 200  # per organization and wave; a page of comments, not an archive


def measure_of(item_id: str) -> str:
    """Item ids are `condition.element.level.n`: the measure is the framework element."""
    return ".".join(item_id.split(".")[:2])


def condition_of(item_id: str) -> str:
    return item_id.split(".", 1)[0]


def wave_label(window: SurveyWindow) -> str:
    """Sortable in time: the core orders waves by label and calibrates on the first."""
    return f"{window.opens_on.isoformat()}#{window.pk:09d}"


def policy() -> SuppressionPolicy:
    return SuppressionPolicy(k=int(getattr(settings, "TRELLIS_MIN_RESPONDENTS", 5)))


def _frame(windows: Sequence[SurveyWindow]) -> tuple[pl.DataFrame, list[str]]:
    item_ids: list[str] = list(dict.fromkeys(i for w in windows for i in w.instrument.item_ids))
    column = {item: j for j, item in enumerate(item_ids)}
    parts = []
    for window in windows:
        ids, orgs, matrix = response_matrix(window)
        full = np.zeros((matrix.shape[0], len(item_ids)), dtype=np.uint8)
        full[:, [column[i] for i in ids]] = matrix
        data: dict[str, Any] = {"org": orgs.astype(str), "wave": [wave_label(window)] * len(orgs)}
        data.update({item: full[:, j] for j, item in enumerate(item_ids)})
        parts.append(pl.DataFrame(data))
    return pl.concat(parts), item_ids


def _hierarchy(org_ids: set[int], invited: dict[int, int]) -> tuple[pl.DataFrame, dict[int, int | None]]:
    """Each organization with respondents and all its ancestors, one query per level."""
    parent_of: dict[int, int | None] = {}
    todo = set(org_ids)
    while todo:
        rows = dict(Organization.objects.filter(id__in=todo).values_list("id", "parent_id"))
        parent_of.update(rows)
        todo = {p for p in rows.values() if p is not None and p not in parent_of}
    frame = pl.DataFrame(
        {
            "org": [str(o) for o in parent_of],
            "parent": [str(p) if p is not None else "" for p in parent_of.values()],
            "invited": [float(invited[o]) if o in invited else None for o in parent_of],
        },
        schema={"org": pl.String, "parent": pl.String, "invited": pl.Float64},
    )
    return frame, parent_of


def _reliability(frame: pl.DataFrame, instrument: CoreInstrument, benchmark_wave: str) -> dict[str, Any]:
    bench = frame.filter(pl.col("wave") == benchmark_wave)
    out: dict[str, Any] = {}
    for measure in instrument.measures:
        ids = instrument.items_of(measure)
        if len(ids) < 2:
            continue
        result = cronbach_alpha(item_matrix(bench, instrument, ids))
        out[measure] = {"alpha": round(result.alpha, 3), "n": result.n_respondents, "items": len(ids)}
    return out


def _comments(windows: Sequence[SurveyWindow], own_n: dict[tuple[int, int], int]) -> dict[tuple[int, int], list[str]]:
    """Comments of an organization's own respondents, only where it has ≥ 10 of them (BRIEF §6),
    sorted so that their order says nothing about who wrote them."""
    eligible = {key for key, n in own_n.items() if n >= DEFAULT_K_COMMENTS}
    out: dict[tuple[int, int], list[str]] = {}
    rows = (
        Response.objects.filter(window__in=windows)
        .exclude(comment="")
        .values_list("window_id", "organization_id", "comment")
    )
    for window_id, org_id, comment in rows:
        if (window_id, org_id) in eligible:
            out.setdefault((window_id, org_id), []).append(comment)
    return {key: sorted(texts)[:MAX_COMMENTS] for key, texts in out.items()}


@transaction.atomic
def score_windows(
    windows: Sequence[SurveyWindow], title: str = "", rules: SuppressionPolicy | None = None
) -> ResultSet:
    """Score closed windows as annual waves of one series; the earliest is the benchmark wave."""
    windows = sorted(windows, key=wave_label)
    if not windows:
        raise ValueError("no windows to score")
    if any(not w.closed for w in windows):
        raise ValueError("only closed windows are scored")
    started = time.perf_counter()
    frame, item_ids = _frame(windows)
    if frame.height == 0:
        raise ValueError("the windows have no responses")
    instrument = CoreInstrument(items=tuple(CoreItem(i, measure_of(i), condition_of(i)) for i in item_ids))
    rules = rules or policy()
    by_label = {wave_label(w): w for w in windows}
    benchmark = calibrate_benchmark(frame, instrument, wave_label(windows[0]), rules)

    invited = dict(
        Participant.objects.filter(window__in=windows)
        .values_list("organization_id")
        .annotate(n=Max("final_invited"))
        .values_list("organization_id", "n")
    )
    org_ids = {int(o) for o in frame["org"].unique().to_list()}
    hierarchy, parent_of = _hierarchy(org_ids, {k: v for k, v in invited.items() if v})
    report = score_survey(frame, instrument, benchmark, hierarchy, [], rules)
    changes = measure_changes(report.measures.filter(pl.col("subgroup") == ALL), benchmark)

    result_set = ResultSet.objects.create(
        title=title or " – ".join(dict.fromkeys([windows[0].title, windows[-1].title])),
        benchmark_window=windows[0],
        benchmark=benchmark.to_dict(),
        reliability=_reliability(frame, instrument, wave_label(windows[0])),
        min_respondents=rules.k,
    )
    result_set.windows.set(windows)

    own_n = {
        (w.pk, int(o)): int(n)
        for w in windows
        for o, n in frame.filter(pl.col("wave") == wave_label(w)).group_by("org").len().iter_rows()
    }
    comments = _comments(windows, own_n)
    cells = report.cells.filter((pl.col("subgroup") == ALL) & ~pl.col("unit").str.ends_with(OWN_STAFF))
    items = report.items.filter((pl.col("subgroup") == ALL) & pl.col("published"))
    item_pct: dict[tuple[str, str], dict[str, float]] = {}
    for unit, wave, item, pct in items.select("unit", "wave", "item", "percent_favorable").iter_rows():
        if pct is not None:
            item_pct.setdefault((unit, wave), {})[item] = round(float(pct), 1)

    objects = []
    for row in cells.iter_rows(named=True):
        org_id, window = int(row["unit"]), by_label[row["wave"]]
        published = bool(row["published"])
        objects.append(
            OrgResult(
                result_set=result_set,
                window=window,
                organization_id=org_id,
                parent_id=parent_of.get(org_id),
                published=published,
                reason=row["reason"],
                low_confidence=bool(row["low_confidence"]) and published,
                n=int(row["n"]) if published else None,
                invited=int(row["invited"]) if row.get("invited") is not None else None,
                items=item_pct.get((row["unit"], row["wave"]), {}) if published else {},
                comments=comments.get((window.pk, org_id), []) if published else [],
            )
        )
    OrgResult.objects.bulk_create(objects, batch_size=2000)
    cell_id = {
        (str(o), w): pk
        for pk, o, w in OrgResult.objects.filter(result_set=result_set).values_list(
            "id", "organization_id", "window_id"
        )
    }
    _store_scores(report.measures, report.conditions, changes, benchmark.measures, cell_id, by_label)
    result_set.seconds = time.perf_counter() - started
    result_set.save(update_fields=["seconds"])
    return result_set


def _store_scores(
    measures: pl.DataFrame,
    conditions: pl.DataFrame,
    changes: pl.DataFrame,
    bench: dict[str, Any],
    cell_id: dict[tuple[str, int], int],
    by_label: dict[str, SurveyWindow],
) -> None:
    change_of: dict[tuple[str, str, str], tuple[float, float, str]] = {}
    if changes.height:
        for unit, measure, wave_to, points, se, direction in changes.select(
            "unit", "measure", "wave_to", "change_points", "se_points", "direction"
        ).iter_rows():
            change_of[(unit, measure, wave_to)] = (float(points), float(se), str(direction))
    scores = []
    published = measures.filter((pl.col("subgroup") == ALL) & pl.col("published") & pl.col("score").is_not_null())
    for unit, wave, measure, score, band, n, sd in published.select(
        "unit", "wave", "measure", "score", "band", "n", "logit_sd"
    ).iter_rows():
        key = (unit, by_label[wave].pk)
        if key not in cell_id:
            continue  # an "own staff" pseudo-unit
        se = 20.0 * float(sd) / np.sqrt(n) / bench[measure].sd if sd is not None and n > 1 else None
        change = change_of.get((unit, measure, wave))
        scores.append(
            MeasureScore(
                result_id=cell_id[key],
                kind=ScoreKind.MEASURE,
                code=measure,
                score=int(score),
                band=band,
                n=int(n),
                se=round(se, 2) if se is not None else None,
                change=round(change[0], 2) if change else None,
                change_se=round(change[1], 2) if change else None,
                direction=change[2] if change else "",
            )
        )
    if conditions.height:
        shown = conditions.filter((pl.col("subgroup") == ALL) & pl.col("published") & pl.col("score").is_not_null())
        n_of = {
            (u, w): n
            for u, w, n in measures.filter(pl.col("subgroup") == ALL)
            .group_by("unit", "wave")
            .agg(pl.col("n").min())
            .iter_rows()
        }
        for unit, wave, condition, score, band in shown.select(
            "unit", "wave", "condition", "score", "band"
        ).iter_rows():
            key = (unit, by_label[wave].pk)
            if key in cell_id:
                scores.append(
                    MeasureScore(
                        result_id=cell_id[key],
                        kind=ScoreKind.CONDITION,
                        code=condition,
                        score=int(score),
                        band=band,
                        n=int(n_of.get((unit, wave), 0)),
                    )
                )
    MeasureScore.objects.bulk_create(scores, batch_size=5000)
