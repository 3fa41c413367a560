"""Reads for the survey results pages, exports and API: only what scoring published, only for viewers
the policy allows (an organization's leaders and the leaders above it). Nothing here reads a response.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from trellis.accounts import policy
from trellis.orgs.models import Organization
from trellis.surveys.core.scale import SCALE_CENTER
from trellis.surveys.instruments import bank, measured_framework
from trellis.surveys.models import MeasureScore, OrgResult, ResultSet, ScoreKind, SurveyWindow


def may_view(user: Any, org: Organization) -> bool:
    return bool(user.is_authenticated) and policy.can(user, "results.view", OrgResult(organization=org))


def latest_result_set(org: Organization) -> ResultSet | None:
    return ResultSet.objects.filter(cells__organization=org).order_by("-scored_at", "-pk").first()


def waves(result_set: ResultSet) -> list[SurveyWindow]:
    return list(result_set.windows.order_by("opens_on", "pk"))


def _titles(result_set: ResultSet) -> dict[str, str]:
    """Titles of conditions, elements and items from the bank version the windows used."""
    window = result_set.benchmark_window
    survey_bank = bank(window.instrument.bank_version)
    framework = measured_framework(survey_bank)
    spanish = (get_language() or "en").startswith("es")
    titles: dict[str, str] = {}
    for condition in framework.conditions:
        titles[condition.id] = condition.title
        for element in condition.elements:
            titles[element.id] = element.title
            for item in survey_bank.items_for(element.id, window.instrument.level):
                titles[item.id] = item.text.es if spanish else item.text.en
    return titles


@dataclass
class ScoreRow:
    code: str
    title: str
    kind: str
    score: MeasureScore | None
    similar: float | None = None
    reliability: float | None = None


@dataclass
class ChildRow:
    organization: Organization
    cell: OrgResult
    conditions: dict[str, MeasureScore] = field(default_factory=dict)
    condition_scores: list[MeasureScore | None] = field(default_factory=list)


@dataclass
class Results:
    org: Organization
    result_set: ResultSet
    waves: list[SurveyWindow]
    wave: SurveyWindow
    cell: OrgResult | None
    history: list[tuple[SurveyWindow, OrgResult | None]]
    conditions: list[ScoreRow]
    measures: list[ScoreRow]
    items: list[tuple[str, str, float]]
    children: list[ChildRow]
    hidden_children: int
    condition_codes: list[str]
    condition_titles: list[str]
    similar_label: str
    comments: list[str]
    benchmark: float = SCALE_CENTER

    @property
    def k(self) -> int:
        return self.result_set.min_respondents


def _similar(org: Organization, wave: SurveyWindow, result_set: ResultSet) -> tuple[dict[tuple[str, str], float], int]:
    """Mean published score per measure over published organizations of the same kind (and LEA or
    school type): an average of numbers already published, so it reveals nothing hidden."""
    peers = OrgResult.objects.filter(result_set=result_set, window=wave, published=True, organization__kind=org.kind)
    if org.lea_type:
        peers = peers.filter(organization__lea_type=org.lea_type)
    if getattr(org, "school_level", ""):
        peers = peers.filter(organization__school_level=org.school_level)
    rows = (
        MeasureScore.objects.filter(result__in=peers)
        .values("kind", "code")
        .annotate(mean=Avg("score"), units=Count("id"))
    )
    return {(r["kind"], r["code"]): float(r["mean"]) for r in rows}, peers.count()


def visible_children(user: Any, result_set: ResultSet, wave: SurveyWindow, org: Organization) -> QuerySet[OrgResult]:
    cells = OrgResult.objects.filter(result_set=result_set, window=wave, parent=org).select_related("organization")
    return policy.filter_allowed(user, "results.view", cells).order_by("organization__name")


def results_for(user: Any, org: Organization, wave_id: int | None = None) -> Results | None:
    result_set = latest_result_set(org)
    if result_set is None:
        return None
    all_waves = waves(result_set)
    wave = next((w for w in all_waves if w.pk == wave_id), all_waves[-1])
    cells = {c.window_id: c for c in OrgResult.objects.filter(result_set=result_set, organization=org)}
    cell = cells.get(wave.pk)
    titles = _titles(result_set)
    scores = {(s.kind, s.code): s for s in MeasureScore.objects.filter(result=cell)} if cell else {}
    similar, n_similar = _similar(org, wave, result_set)
    reliability = {m: r["alpha"] for m, r in result_set.reliability.items()}
    codes = list(dict.fromkeys(m.split(".", 1)[0] for m in result_set.benchmark["measures"]))
    conditions = [
        ScoreRow(
            c,
            titles.get(c, c),
            ScoreKind.CONDITION,
            scores.get((ScoreKind.CONDITION, c)),
            similar.get(("condition", c)),
        )
        for c in codes
    ]
    measures = [
        ScoreRow(
            m,
            titles.get(m, m),
            ScoreKind.MEASURE,
            scores.get((ScoreKind.MEASURE, m)),
            similar.get(("measure", m)),
            reliability.get(m),
        )
        for m in result_set.benchmark["measures"]
    ]
    items = (
        [(i, titles.get(i, i), float(p)) for i, p in cell.items.items()] if cell is not None and cell.published else []
    )
    child_cells = list(visible_children(user, result_set, wave, org))
    total_children = OrgResult.objects.filter(result_set=result_set, window=wave, parent=org).count()
    child_scores: dict[int, dict[str, MeasureScore]] = {}
    for s in MeasureScore.objects.filter(result__in=child_cells, kind=ScoreKind.CONDITION):
        child_scores.setdefault(s.result_id, {})[s.code] = s
    children = [
        ChildRow(c.organization, c, child_scores.get(c.pk, {}), [child_scores.get(c.pk, {}).get(k) for k in codes])
        for c in child_cells
    ]
    comments = (
        cell.comments if cell is not None and cell.published and policy.can(user, "results.comments", cell) else []
    )
    return Results(
        org=org,
        result_set=result_set,
        waves=all_waves,
        wave=wave,
        cell=cell,
        history=[(w, cells.get(w.pk)) for w in all_waves],
        conditions=conditions,
        measures=measures,
        items=items,
        children=children,
        hidden_children=total_children - len(children),
        condition_codes=codes,
        condition_titles=[titles.get(c, c) for c in codes],
        similar_label=_("Average of %(n)s published organizations of the same type") % {"n": n_similar},
        comments=list(comments),
    )


def export_rows(results: Results) -> list[list[object]]:
    """The page's numbers as rows, under the same rules: hidden cells say why, never a value."""
    header: list[object] = [
        "organization",
        "cds_code",
        "wave",
        "kind",
        "code",
        "title",
        "score",
        "band",
        "se",
        "change",
        "change_se",
        "direction",
        "percent_favorable",
        "note",
    ]
    rows: list[list[object]] = [header]
    k = results.k
    hidden = _("fewer than %(k)s responses, or hidden to protect a smaller group") % {"k": k}
    for wave, cell in results.history:
        if cell is None or not cell.published:
            rows.append(
                [results.org.name, results.org.cds_code, wave.title, "", "", "", "", "", "", "", "", "", "", hidden]
            )
            continue
        for row in [*results.conditions, *results.measures]:
            s = MeasureScore.objects.filter(result=cell, kind=row.kind, code=row.code).first()
            if s is None:
                continue
            rows.append(
                [
                    results.org.name,
                    results.org.cds_code,
                    wave.title,
                    row.kind,
                    row.code,
                    row.title,
                    s.score,
                    s.band,
                    s.se,
                    s.change,
                    s.change_se,
                    s.direction,
                    "",
                    "",
                ]
            )
    if results.cell is not None and results.cell.published:
        for item_id, title, pct in results.items:
            rows.append(
                [
                    results.org.name,
                    results.org.cds_code,
                    results.wave.title,
                    "item",
                    item_id,
                    title,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    pct,
                    "",
                ]
            )
    for child in results.children:
        if not child.cell.published:
            rows.append(
                [
                    child.organization.name,
                    child.organization.cds_code,
                    results.wave.title,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    hidden,
                ]
            )
            continue
        for code in results.condition_codes:
            s = child.conditions.get(code)
            if s is not None:
                rows.append(
                    [
                        child.organization.name,
                        child.organization.cds_code,
                        results.wave.title,
                        "condition",
                        code,
                        "",
                        s.score,
                        s.band,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ]
                )
    return rows
