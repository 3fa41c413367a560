"""A driver diagram as SVG: the aim on the left, then primary drivers, secondary drivers and change ideas.

Each node is a box in its column, placed at the vertical middle of its descendants (leaves stack
top to bottom), with a line to its parent: the layout teams draw on chart paper.  The SVG is
decorative for screen readers (the page gives the same tree as nested lists).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

COLUMNS = ("Aim", "Primary drivers", "Secondary drivers", "Change ideas")
FILLS = ("#e7f2f5", "#eef6ea", "#fef6e6", "#f3eefa")  # light fills; text stays dark ink for contrast
STROKES = ("#1d4f91", "#2e6b30", "#8a5a00", "#6b21a8")
INK = "#1f2933"
BOX_WIDTH = 190
COLUMN_GAP = 40
LINE_HEIGHT = 14
PAD = 8
ROW_GAP = 10
CHARS_PER_LINE = 28
MAX_LINES = 5


@dataclass
class Node:
    text: str
    children: list[Node] = field(default_factory=list)


def _lines(text: str) -> list[str]:
    wrapped = textwrap.wrap(text, CHARS_PER_LINE) or [""]
    if len(wrapped) > MAX_LINES:
        wrapped = [*wrapped[: MAX_LINES - 1], wrapped[MAX_LINES - 1][: CHARS_PER_LINE - 1] + "…"]
    return wrapped


def _height(text: str) -> float:
    return len(_lines(text)) * LINE_HEIGHT + 2 * PAD


@dataclass
class _Placed:
    node: Node
    depth: int
    top: float
    height: float
    parent: _Placed | None


def render_driver_svg(aim: Node) -> str:
    """The diagram as an SVG string (aria-hidden: the nested list beside it is the text version)."""
    placed: list[_Placed] = []
    cursor = [0.0]

    def place(node: Node, depth: int, parent: _Placed | None) -> _Placed:
        box = _Placed(node, depth, 0.0, _height(node.text), parent)
        placed.append(box)
        if node.children and depth < len(COLUMNS) - 1:
            kids = [place(child, depth + 1, box) for child in node.children]
            middle = (kids[0].top + kids[-1].top + kids[-1].height) / 2
            box.top = max(middle - box.height / 2, kids[0].top if depth else 0.0)
        else:
            box.top = cursor[0]
            cursor[0] += box.height + ROW_GAP
        cursor[0] = max(cursor[0], box.top + box.height + ROW_GAP)
        return box

    place(aim, 0, None)
    header = 28.0
    height = max(cursor[0], 60.0) + header + 10
    width = len(COLUMNS) * BOX_WIDTH + (len(COLUMNS) - 1) * COLUMN_GAP + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" width="{width}" '
        f'height="{height:.0f}" aria-hidden="true" focusable="false">',
        f'<rect x="0" y="0" width="{width}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for column, title in enumerate(COLUMNS):
        x = 10 + column * (BOX_WIDTH + COLUMN_GAP)
        out.append(
            f'<text x="{x}" y="18" font-family="sans-serif" font-size="13" font-weight="bold" '
            f'fill="{INK}">{title}</text>'
        )
    for box in placed:
        x = 10 + box.depth * (BOX_WIDTH + COLUMN_GAP)
        y = header + box.top
        if box.parent is not None:
            px = 10 + box.parent.depth * (BOX_WIDTH + COLUMN_GAP) + BOX_WIDTH
            py = header + box.parent.top + box.parent.height / 2
            mid = px + COLUMN_GAP / 2
            out.append(
                f'<path d="M{px},{py:.1f} H{mid:.1f} V{y + box.height / 2:.1f} H{x}" fill="none" '
                f'stroke="#71767a" stroke-width="1.2"/>'
            )
        out.append(
            f'<rect x="{x}" y="{y:.1f}" width="{BOX_WIDTH}" height="{box.height:.1f}" rx="6" '
            f'fill="{FILLS[box.depth]}" stroke="{STROKES[box.depth]}" stroke-width="1.5"/>'
        )
        for i, line in enumerate(_lines(box.node.text)):
            out.append(
                f'<text x="{x + PAD}" y="{y + PAD + 11 + i * LINE_HEIGHT:.1f}" font-family="sans-serif" '
                f'font-size="12" fill="{INK}">{escape(line)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)
