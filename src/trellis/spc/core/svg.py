"""Accessible SVG run and control charts: a pure function from an analysed chart to a string.

No JavaScript, no external fonts or CSS; only basic elements (rect, line, polyline, circle,
path, text) with presentation attributes, so the same string renders in a browser and in a PDF
(fpdf2's `FPDF.image()` draws SVG).  Signal points differ by shape (a diamond) as well as colour;
`<title>` and `<desc>` carry the chart's name and its findings in words, and `chart_table`
gives the same data as rows for a table alternative.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np

from trellis.spc.core.charts import CENTRE_LINE_NAMES, CHART_TITLES
from trellis.spc.core.engine import ChartResult
from trellis.spc.core.rules import Signal
from trellis.spc.core.words import as_date, describe_all, format_value, point_labels

# Colours chosen for >= 4.5:1 contrast on white (WCAG 2.1 AA, 1.4.3 / 1.4.11).
INK = "#1f2933"
DATA = "#1d4f91"
SIGNAL = "#b3410e"
LIMIT = "#4b5563"
TARGET = "#166534"
NOTE = "#6b21a8"
GRID = "#e5e7eb"
FONT = 'font-family="sans-serif"'

RULE_NAMES: dict[str, str] = {
    "outside_limits": "outside the limits",
    "long_run": "long run (shift)",
    "shift": "shift",
    "trend": "trend",
    "few_crossings": "few crossings",
    "two_of_three": "2 of 3 near a limit",
    "inner_third": "hugging the centre line",
}


@dataclass(frozen=True)
class Annotation:
    """A vertical marker at a point, e.g. a PDSA cycle ("PDSA 2: exit tickets") or a note."""

    at: int
    """0-based index of the point the marker stands on."""
    label: str
    kind: str = "note"
    """"pdsa" or "note"; PDSA markers are solid, notes dashed."""


def annotate(result: ChartResult, x: Hashable, label: str, kind: str = "note") -> Annotation:
    """An annotation at the point whose x equals `x`, or, for dates, at the first point on or
    after it (a PDSA cycle that started mid-month marks that month's point or the next)."""
    if x in result.x:
        return Annotation(result.x.index(x), label, kind)
    when = as_date(x)
    dates = [as_date(v) for v in result.x]
    if when is not None and all(d is not None for d in dates):
        later = [i for i, d in enumerate(dates) if d is not None and d >= when]
        if later:
            return Annotation(later[0], label, kind)
    raise ValueError(f"no point at or after {x!r} on this chart")


@dataclass(frozen=True)
class _Frame:
    width: float
    height: float
    left: float = 64.0
    right: float = 24.0
    top: float = 64.0
    bottom: float = 64.0

    def x(self, index: float, count: int) -> float:
        span = self.width - self.left - self.right
        return self.left + (span * index / max(count - 1, 1))

    def y(self, value: float, low: float, high: float) -> float:
        span = self.height - self.top - self.bottom
        return self.top + span * (high - value) / (high - low)


def _latin1(text: str) -> str:
    """Visible text stays within Latin-1: fpdf2 draws SVG text with the PDF core fonts."""
    text = text.replace("′", "'").replace("σ", "sigma").replace("ø", "o")
    return text.encode("latin-1", "replace").decode("latin-1")


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering [low, high]."""
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _short_labels(result: ChartResult) -> list[str]:
    """Axis labels: "Mar 2024" for months, positions without the word "point"."""
    months = {
        f"{m} ": f"{m[:3]} "
        for m in (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        )
    }
    labels = []
    for label in point_labels(result.x):
        for long, short in months.items():
            label = label.replace(long, short)
        labels.append(label.replace("point ", ""))
    return labels


def _range(result: ChartResult, show_95: bool, target: float | None) -> tuple[float, float]:
    series = [result.y, result.cl, result.lcl, result.ucl]
    if show_95:
        series += [result.lcl_95, result.ucl_95]
    values = np.concatenate([np.asarray(s, dtype=np.float64) for s in series])
    values = values[np.isfinite(values)]
    if target is not None:
        values = np.r_[values, target]
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    return low - pad, high + pad


def _step_line(
    frame: _Frame, values: np.ndarray, result: ChartResult, low: float, high: float, **style: str
) -> list[str]:
    """One horizontal segment per run of equal values within a part (limits may vary by point).

    Each point's segment reaches half-way to its neighbours, and stops at its own x at a part
    boundary, so per-point limits read as steps and constant ones as a single line.
    """
    count = len(result)
    attrs = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in style.items())
    out: list[str] = []
    i = 0
    while i < count:
        value = values[i]
        j = i
        while j + 1 < count and result.part[j + 1] == result.part[i] and values[j + 1] == value:
            j += 1
        if np.isfinite(value):
            starts_part = i == 0 or result.part[i] != result.part[i - 1]
            ends_part = j == count - 1 or result.part[j] != result.part[j + 1]
            left = frame.x(i if starts_part else i - 0.5, count)
            right = frame.x(j if ends_part else j + 0.5, count)
            y = frame.y(float(value), low, high)
            out.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" {attrs}/>')
        i = j + 1
    return out


def render_svg(
    result: ChartResult,
    *,
    signals: Sequence[Signal] = (),
    title: str | None = None,
    y_label: str = "",
    annotations: Sequence[Annotation] = (),
    target: float | None = None,
    show_95: bool = False,
    width: int = 720,
    height: int = 360,
    chart_id: str = "spc-chart",
) -> str:
    """The chart as a standalone SVG document string."""
    frame = _Frame(float(width), float(height))
    count = len(result)
    low, high = _range(result, show_95, target)
    name = title or CHART_TITLES[result.chart]
    sentences = describe_all(result, signals)
    labels = _short_labels(result)
    desc = f"{CHART_TITLES[result.chart]} of {count} points, {labels[0]} to {labels[-1]}. " + " ".join(sentences)
    flagged = _point_signals(signals)
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(name)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="22" {FONT} font-size="15" font-weight="bold" fill="{INK}">{escape(_latin1(name))}</text>',
    ]
    parts += _axes(frame, result, labels, low, high, y_label)
    parts += _parts_and_notes(frame, result, annotations, low, high)
    parts += _step_line(frame, result.cl, result, low, high, stroke=INK, stroke_width="1.5")
    for limits in (result.lcl, result.ucl):
        parts += _step_line(
            frame,
            limits,
            result,
            low,
            high,
            stroke=LIMIT,
            stroke_width="1.2",
            stroke_dasharray="6 4",
        )
    if show_95:
        for limits in (result.lcl_95, result.ucl_95):
            parts += _step_line(
                frame,
                limits,
                result,
                low,
                high,
                stroke=LIMIT,
                stroke_width="1",
                stroke_dasharray="2 3",
            )
    if target is not None:
        y = frame.y(target, low, high)
        parts.append(
            f'<line x1="{frame.left}" y1="{y:.1f}" x2="{width - frame.right}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="10 3 2 3"/>'
        )
        parts.append(
            f'<text x="{width - frame.right:.1f}" y="{y - 4:.1f}" {FONT} font-size="11" '
            f'text-anchor="end" fill="{TARGET}">Target {escape(format_value(target))}</text>'
        )
    parts += _data(frame, result, flagged, low, high)
    parts += _legend(frame, result, show_95, target is not None, bool(flagged))
    parts.append("</svg>")
    return "\n".join(parts)


def _axes(frame: _Frame, result: ChartResult, labels: list[str], low: float, high: float, y_label: str) -> list[str]:
    count = len(result)
    bottom = frame.height - frame.bottom
    out = [
        f'<line x1="{frame.left}" y1="{frame.top}" x2="{frame.left}" y2="{bottom}" stroke="{INK}" stroke-width="1"/>',
        f'<line x1="{frame.left}" y1="{bottom}" x2="{frame.width - frame.right}" y2="{bottom}" '
        f'stroke="{INK}" stroke-width="1"/>',
    ]
    for tick in _ticks(low, high):
        y = frame.y(tick, low, high)
        out.append(
            f'<line x1="{frame.left}" y1="{y:.1f}" x2="{frame.width - frame.right}" '
            f'y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{frame.left - 6:.1f}" y="{y + 4:.1f}" {FONT} font-size="11" '
            f'text-anchor="end" fill="{INK}">{escape(format_value(tick))}</text>'
        )
    # Leave room for each label (about 6.5 px a character at 11 px) plus a gap.
    room = (frame.width - frame.left - frame.right) / max(count, 1)
    widest = max((len(label) for label in labels), default=1) * 6.5 + 10
    every = max(1, math.ceil(widest / room))
    for i in range(0, count, every):
        x = frame.x(i, count)
        out.append(
            f'<text x="{x:.1f}" y="{bottom + 16:.1f}" {FONT} font-size="11" '
            f'text-anchor="middle" fill="{INK}">{escape(_latin1(labels[i]))}</text>'
        )
    if y_label:
        out.append(f'<text x="8" y="38" {FONT} font-size="11" fill="{INK}">{escape(_latin1(y_label))}</text>')
    return out


def _parts_and_notes(
    frame: _Frame, result: ChartResult, annotations: Sequence[Annotation], low: float, high: float
) -> list[str]:
    count = len(result)
    bottom = frame.height - frame.bottom
    out: list[str] = []
    for i in range(1, count):
        if result.part[i] != result.part[i - 1]:
            x = (frame.x(i - 1, count) + frame.x(i, count)) / 2
            out.append(
                f'<line x1="{x:.1f}" y1="{frame.top}" x2="{x:.1f}" y2="{bottom}" '
                f'stroke="{LIMIT}" stroke-width="1" stroke-dasharray="1 3"/>'
            )
    frozen = np.flatnonzero(~result.baseline)
    if frozen.size and frozen[0] > 0:
        x = (frame.x(int(frozen[0]) - 1, count) + frame.x(int(frozen[0]), count)) / 2
        out.append(
            f'<line x1="{x:.1f}" y1="{frame.top}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{LIMIT}" stroke-width="1" stroke-dasharray="1 3"/>'
        )
        out.append(
            f'<text x="{x - 3:.1f}" y="{bottom - 6:.1f}" {FONT} font-size="10" '
            f'text-anchor="end" fill="{LIMIT}">end of baseline</text>'
        )
    for row, note in enumerate(annotations):
        if not 0 <= note.at < count:
            continue
        x = frame.x(note.at, count)
        dash = "" if note.kind == "pdsa" else ' stroke-dasharray="4 3"'
        y_text = frame.top - 14 + 12 * (row % 2)
        out.append(
            f'<line x1="{x:.1f}" y1="{y_text + 3:.1f}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{NOTE}" stroke-width="1"{dash}/>'
        )
        out.append(
            f'<text x="{x + 3:.1f}" y="{y_text:.1f}" {FONT} font-size="10" fill="{NOTE}">'
            f"{escape(_latin1(note.label[:32]))}</text>"
        )
    return out


def _data(frame: _Frame, result: ChartResult, flagged: set[int], low: float, high: float) -> list[str]:
    count = len(result)
    out: list[str] = []
    segment: list[str] = []

    def flush() -> None:
        if len(segment) > 1:
            out.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{DATA}" stroke-width="1.5"/>')
        segment.clear()

    for i in range(count):
        if i > 0 and result.part[i] != result.part[i - 1]:
            flush()
        if not np.isfinite(result.y[i]):
            flush()
            continue
        segment.append(f"{frame.x(i, count):.1f},{frame.y(float(result.y[i]), low, high):.1f}")
    flush()
    for i in range(count):
        if not np.isfinite(result.y[i]):
            continue
        x, y = frame.x(i, count), frame.y(float(result.y[i]), low, high)
        if i in flagged:
            r = 6.0
            out.append(
                f'<path d="M{x:.1f},{y - r:.1f} L{x + r:.1f},{y:.1f} L{x:.1f},{y + r:.1f} '
                f'L{x - r:.1f},{y:.1f} Z" fill="{SIGNAL}" stroke="{INK}" stroke-width="0.8"/>'
            )
        elif not result.include[i]:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#ffffff" stroke="{DATA}" stroke-width="1.5"/>')
        else:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{DATA}"/>')
    return out


def _legend(frame: _Frame, result: ChartResult, show_95: bool, has_target: bool, has_signals: bool) -> list[str]:
    y = frame.height - 18
    x = frame.left
    centre = CENTRE_LINE_NAMES.get(result.chart, "mean")
    out: list[str] = []

    def line(style: str) -> list[str]:
        return [f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 14:.1f}" y2="{y:.1f}" {style}/>']

    def item(symbol: list[str], text: str, advance: float) -> None:
        nonlocal x
        out.extend(symbol)
        out.append(f'<text x="{x + 18:.1f}" y="{y + 4:.1f}" {FONT} font-size="11" fill="{INK}">{escape(text)}</text>')
        x += advance

    item([f'<circle cx="{x + 6:.1f}" cy="{y:.1f}" r="3.5" fill="{DATA}"/>'], "value", 70)
    if not result.include.all():
        item(
            [f'<circle cx="{x + 6:.1f}" cy="{y:.1f}" r="3.5" fill="#ffffff" stroke="{DATA}" stroke-width="1.5"/>'],
            "excluded",
            85,
        )
    if has_signals:
        item(
            [
                f'<path d="M{x + 6:.1f},{y - 6:.1f} L{x + 12:.1f},{y:.1f} L{x + 6:.1f},{y + 6:.1f} '
                f'L{x:.1f},{y:.1f} Z" fill="{SIGNAL}" stroke="{INK}" stroke-width="0.8"/>'
            ],
            "signal",
            70,
        )
    item(line(f'stroke="{INK}" stroke-width="1.5"'), centre, 80)
    if np.isfinite(result.ucl).any():
        item(
            line(f'stroke="{LIMIT}" stroke-width="1.2" stroke-dasharray="6 4"'),
            "3-sigma limits",
            115,
        )
    if show_95 and np.isfinite(result.ucl_95).any():
        item(line(f'stroke="{LIMIT}" stroke-dasharray="2 3"'), "2-sigma limits", 115)
    if has_target:
        item(line(f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="10 3 2 3"'), "target", 70)
    return out


PART_LEVEL_RULES = frozenset({"few_crossings"})
"""Patterns of a whole part, told in words rather than marked on every point."""


def _point_signals(signals: Sequence[Signal]) -> set[int]:
    return {p for s in signals if s.rule not in PART_LEVEL_RULES for p in s.points}


def chart_table(result: ChartResult, signals: Sequence[Signal] = ()) -> list[dict[str, str]]:
    """The chart's data as table rows (the text alternative), one per point."""
    labels = point_labels(result.x)
    rules: dict[int, list[str]] = {}
    for signal in signals:
        if signal.rule in PART_LEVEL_RULES:
            continue
        for point in signal.points:
            rules.setdefault(point, []).append(RULE_NAMES.get(signal.rule, signal.rule))
    centre = CENTRE_LINE_NAMES.get(result.chart, "mean").capitalize()

    def cell(value: float) -> str:
        return format_value(value) if np.isfinite(value) else ""

    return [
        {
            "Point": labels[i],
            "Value": cell(float(result.y[i])),
            centre: cell(float(result.cl[i])),
            "Lower limit": cell(float(result.lcl[i])),
            "Upper limit": cell(float(result.ucl[i])),
            "Part": str(int(result.part[i])),
            "Signal": "; ".join(dict.fromkeys(rules.get(i, []))),
        }
        for i in range(len(result))
    ]
