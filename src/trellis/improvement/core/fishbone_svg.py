"""A fishbone (cause-and-effect, Ishikawa) diagram as SVG: the problem at the head, a bone per category.

Three bones above the spine and three below, each labelled with its category and listing its
causes.  Decorative for screen readers (aria-hidden): the page lists the same causes by category.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from xml.sax.saxutils import escape

INK = "#1f2933"
BONE = "#1d4f91"
WIDTH = 900
HEAD_WIDTH = 170
CAUSE_CHARS = 30
MAX_CAUSES = 4
LINE = 13


def _cause_lines(causes: Sequence[str]) -> list[str]:
    shown = list(causes)[:MAX_CAUSES]
    if len(causes) > MAX_CAUSES:
        shown[-1] = f"… and {len(causes) - MAX_CAUSES + 1} more"
    lines: list[str] = []
    for cause in shown:
        for j, part in enumerate(textwrap.wrap(cause, CAUSE_CHARS)[:2]):
            lines.append(("• " if j == 0 else "  ") + part)
    return lines


def render_fishbone_svg(problem: str, bones: Sequence[tuple[str, Sequence[str]]]) -> str:
    """`bones` is (category, causes) in drawing order: the first half above the spine, the rest below."""
    rows = max(1, (len(bones) + 1) // 2)
    texts = [_cause_lines(causes) for _, causes in bones]
    most = max([len(t) for t in texts] + [2])
    half = 40 + most * LINE + 24
    height = int(2 * half)
    spine_y = half
    spine_end = WIDTH - HEAD_WIDTH - 10
    step = (spine_end - 40) / rows
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        'aria-hidden="true" focusable="false">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<line x1="20" y1="{spine_y}" x2="{spine_end}" y2="{spine_y}" stroke="{BONE}" stroke-width="3"/>',
        f'<rect x="{spine_end}" y="{spine_y - 45}" width="{HEAD_WIDTH}" height="90" rx="8" fill="#e7f2f5" '
        f'stroke="{BONE}" stroke-width="2"/>',
    ]
    for i, line in enumerate(textwrap.wrap(problem, 24)[:5]):
        out.append(
            f'<text x="{spine_end + 8}" y="{spine_y - 28 + i * 15}" font-family="sans-serif" font-size="12" '
            f'font-weight="bold" fill="{INK}">{escape(line)}</text>'
        )
    for index, (category, _) in enumerate(bones):
        above = index < rows
        column = index if above else index - rows
        tip_x = 40 + column * step
        end_x = tip_x + step * 0.45
        tip_y = 30 if above else height - 30
        out.append(
            f'<line x1="{tip_x:.0f}" y1="{tip_y}" x2="{end_x:.0f}" y2="{spine_y}" stroke="{BONE}" stroke-width="2"/>'
        )
        label_y = tip_y - 10 if above else tip_y + 20
        out.append(
            f'<text x="{tip_x - 10:.0f}" y="{label_y}" font-family="sans-serif" font-size="13" font-weight="bold" '
            f'fill="{INK}">{escape(category)}</text>'
        )
        # Causes read to the right of their bone, each line starting just clear of it.
        first_y = tip_y + 18 if above else spine_y + 20
        for j, line in enumerate(texts[index]):
            y = first_y + j * LINE
            bone_x = tip_x + (y - 4 - tip_y) / (spine_y - tip_y) * (end_x - tip_x)
            out.append(
                f'<text x="{bone_x + 8:.0f}" y="{y:.0f}" font-family="sans-serif" font-size="11" '
                f'fill="{INK}">{escape(line)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)
