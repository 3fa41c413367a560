"""The driver diagram drawing: every node in its column, every child joined to its parent."""

from __future__ import annotations

import re

from trellis.improvement.core.driver_svg import BOX_WIDTH, COLUMN_GAP, Node, render_driver_svg


def test_it_draws_each_level_in_its_column_with_connectors() -> None:
    aim = Node(
        "Increase on-track rates",
        [
            Node("Students know where they stand", [Node("Weekly grade checks", [Node("Advisory conferences")])]),
            Node("Family contact"),
        ],
    )
    svg = render_driver_svg(aim)
    boxes = [float(x) for x in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="190"', svg)]
    assert sorted(set(boxes)) == [10 + i * (BOX_WIDTH + COLUMN_GAP) for i in range(4)]
    assert len(boxes) == 5
    assert svg.count("<path ") == 4  # one connector per non-root node
    assert 'aria-hidden="true"' in svg


def test_it_escapes_and_wraps_text() -> None:
    svg = render_driver_svg(Node("Aim <b>& more</b> " + "word " * 40))
    assert "&lt;b&gt;&amp; more" in svg
    assert svg.count("<text") <= 4 + 5  # column titles + at most five lines
