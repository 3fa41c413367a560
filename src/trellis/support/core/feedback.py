"""Feedback on support: five items on a five-point scale, asked of recipients once per engagement per term.

Results follow the survey privacy rules (BRIEF §6): they are reported per provider only, only when at
least `k` respondents stand behind the figure (settings.TRELLIS_MIN_RESPONDENTS, default 5), and never
per person or per engagement (an engagement has one recipient, so its result would name that
recipient's staff). Everything here is pure; `support/selectors.py` feeds it rows from the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from trellis.support.core.matching import Focus, RatedFocus

SCALE = (1, 2, 3, 4, 5)
SCALE_LABELS = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree", 5: "Strongly agree"}


@dataclass(frozen=True)
class FeedbackItem:
    id: str
    text: str
    short: str


# Short on purpose: asked every term, so each item must earn its place. Adapted from the quality
# dimensions in seed 002 (support that is responsive, builds capacity, and rests on mutual trust).
ITEMS: tuple[FeedbackItem, ...] = (
    FeedbackItem("progress", "The support helped us make progress on our problem of practice.", "progress"),
    FeedbackItem("responsive", "The provider listened to our needs and adapted the support to them.", "responsiveness"),
    FeedbackItem(
        "capacity", "We are better able to lead this work ourselves because of the support.", "capacity built"
    ),
    FeedbackItem("trust", "We trust the provider and can be candid with them.", "trust"),
    FeedbackItem("worth", "The support was worth the time our team gave to it.", "worth the time"),
)
ITEM_IDS = tuple(i.id for i in ITEMS)


def term_of(day: date) -> str:
    """The school-year term a day falls in: fall is July–December, spring January–June."""
    if day.month >= 7:
        return f"{day.year}-{(day.year + 1) % 100:02d} fall"
    return f"{day.year - 1}-{day.year % 100:02d} spring"


def validate_answers(answers: Mapping[str, int]) -> dict[str, int]:
    """Answers keyed by item id, each 1–5; items may be skipped but not invented."""
    unknown = set(answers) - set(ITEM_IDS)
    if unknown:
        raise ValueError(f"unknown feedback items: {sorted(unknown)}")
    bad = {k: v for k, v in answers.items() if v not in SCALE}
    if bad:
        raise ValueError(f"answers must be 1–5: {bad}")
    if not answers:
        raise ValueError("at least one item must be answered")
    return dict(answers)


@dataclass(frozen=True)
class FeedbackRow:
    """One recipient's response: which provider it is about and the focus of the engagement."""

    provider_id: int
    recipient_id: int
    answers: Mapping[str, int]
    focus: Sequence[tuple[str, Focus]] = ()
    """The engagement's focus, one (label, focus) per student group, priority or element."""


@dataclass(frozen=True)
class ProviderFeedback:
    provider_id: int
    respondents: int
    recipients: int
    suppressed: bool
    """True when fewer than k people responded: no figures are shown."""
    item_means: Mapping[str, float]
    item_counts: Mapping[str, int]
    overall: float | None
    """Mean of the respondents' own means (each person counts once)."""


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def aggregate_by_provider(rows: Iterable[FeedbackRow], k: int) -> dict[int, ProviderFeedback]:
    """Per provider: item means and the overall mean, suppressed below `k` respondents.

    An item answered by fewer than `k` people is left out even when the provider as a whole passes,
    so that a skipped item cannot expose the few who answered it.
    """
    by_provider: dict[int, list[FeedbackRow]] = {}
    for row in rows:
        by_provider.setdefault(row.provider_id, []).append(row)
    out = {}
    for provider_id, group in by_provider.items():
        n = len(group)
        recipients = len({r.recipient_id for r in group})
        if n < k:
            out[provider_id] = ProviderFeedback(provider_id, n, recipients, True, {}, {}, None)
            continue
        means: dict[str, float] = {}
        counts: dict[str, int] = {}
        for item in ITEM_IDS:
            values = [r.answers[item] for r in group if item in r.answers]
            if len(values) >= k:
                means[item] = round(_mean(values), 2)
                counts[item] = len(values)
        overall = round(_mean([_mean(list(r.answers.values())) for r in group]), 2)
        out[provider_id] = ProviderFeedback(provider_id, n, recipients, False, means, counts, overall)
    return out


def rated_focus_by_provider(rows: Iterable[FeedbackRow], k: int) -> dict[int, list[RatedFocus]]:
    """Per provider, the mean rating on each focus label (a student group, a priority, an element),
    for the matcher; a focus with fewer than `k` respondents is left out."""
    cells: dict[tuple[int, str], list[FeedbackRow]] = {}
    focus_of: dict[str, Focus] = {}
    for row in rows:
        for label, focus in row.focus:
            cells.setdefault((row.provider_id, label), []).append(row)
            focus_of[label] = focus
    out: dict[int, list[RatedFocus]] = {}
    for (provider_id, label), group in sorted(cells.items()):
        if len(group) < k:
            continue
        focus = focus_of[label]
        mean = _mean([_mean(list(r.answers.values())) for r in group])
        out.setdefault(provider_id, []).append(
            RatedFocus(label, focus, round(mean, 2), len({r.recipient_id for r in group}), len(group))
        )
    return out
