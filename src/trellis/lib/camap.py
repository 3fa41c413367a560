"""An accessible choropleth map of California's 58 counties, as inline SVG, with a table alternative.

The shapes ship in `trellis/lib/data/ca_counties.json` (built by tools/make_ca_counties.py from the
npm package us-atlas; see the README beside it). Values are keyed by county name as CDE spells it
("Alameda", "San Luis Obispo"); `county_by_cds` maps the two-digit CDS county code to the name.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

import numpy as np

# ColorBrewer "Blues", 5 classes, sequential and colour-blind safe (Brewer, Hatchard & Harrower 2003,
# "ColorBrewer in print", Cartography and Geographic Information Science 30(1); colorbrewer2.org).
BLUES_5 = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA = "#dfe1e2"  # USWDS base-lighter: distinct from the palest class


@dataclass(frozen=True)
class County:
    fips: str
    name: str
    cds: str
    d: str


@dataclass(frozen=True)
class Shapes:
    view_box: tuple[float, float, float, float]
    counties: tuple[County, ...]


@cache
def shapes() -> Shapes:
    raw = json.loads(resources.files("trellis.lib").joinpath("data/ca_counties.json").read_text())
    return Shapes(
        tuple(raw["viewBox"]),
        tuple(County(c["fips"], c["name"], c["cds"], c["d"]) for c in raw["counties"]),
    )


def county_by_cds() -> dict[str, str]:
    return {c.cds: c.name for c in shapes().counties}


@dataclass(frozen=True)
class Choropleth:
    svg: str
    table: str
    """An HTML table with the same values: the map's text alternative."""
    breaks: tuple[float, ...]
    classes: Mapping[str, int]
    """County name → class index (0 = lowest); counties without a value are absent."""


def class_breaks(values: list[float], classes: int = 5) -> tuple[float, ...]:
    """Quantile breaks (upper bounds of all but the top class), deduplicated for ties."""
    if not values:
        return ()
    qs = np.quantile(np.asarray(values, dtype=float), [k / classes for k in range(1, classes)])
    return tuple(sorted({float(q) for q in qs}))


def _class_of(value: float, breaks: tuple[float, ...]) -> int:
    return int(np.searchsorted(np.asarray(breaks), value, side="left")) if breaks else 0


def choropleth(
    values: Mapping[str, float | None],
    *,
    title: str,
    label: str,
    fmt: Callable[[float], str] = lambda v: f"{v:,.1f}",
    no_data: str = "No data",
    map_id: str = "ca-map",
) -> Choropleth:
    """Render `values` (county name → value; None or missing = no data) as a five-class map."""
    known = {c.name for c in shapes().counties}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"not California counties: {', '.join(unknown)}")
    present = {k: float(v) for k, v in values.items() if v is not None and np.isfinite(v)}
    breaks = class_breaks(sorted(present.values()))
    n = len(breaks) + 1
    # Fewer classes (ties, few counties) spread over the same ramp.
    palette = tuple(BLUES_5[round(i * 4 / (n - 1))] for i in range(n)) if n > 1 else (BLUES_5[2],)
    classes = {name: _class_of(v, breaks) for name, v in present.items()}
    x0, y0, width, height = shapes().view_box
    legend_height = 24 * (len(palette) + 1) + 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:g} {y0:g} {width:g} {height + legend_height:g}" '
        f'role="img" aria-labelledby="{map_id}-title {map_id}-desc" class="trellis-map">',
        f'<title id="{map_id}-title">{escape(title)}</title>',
        f'<desc id="{map_id}-desc">{escape(_description(present, label, fmt))}</desc>',
        '<g stroke="#565c65" stroke-width="0.6" stroke-linejoin="round">',
    ]
    for county in shapes().counties:
        value = present.get(county.name)
        fill = palette[classes[county.name]] if value is not None else NO_DATA
        text = f"{county.name}: {fmt(value)}" if value is not None else f"{county.name}: {no_data}"
        parts.append(f'<path d="{county.d}" fill="{fill}"><title>{escape(text)}</title></path>')
    parts.append("</g>")
    parts.append(_legend(palette, breaks, present, label, fmt, no_data, y=height + 8))
    parts.append("</svg>")
    return Choropleth("".join(parts), _table(values, present, title, label, fmt, no_data), breaks, classes)


def _description(present: Mapping[str, float], label: str, fmt: Callable[[float], str]) -> str:
    if not present:
        return f"{label}: no county has data."
    low = min(present, key=lambda k: (present[k], k))
    high = max(present, key=lambda k: (present[k], k))
    return (
        f"{label} for {len(present)} of 58 counties, from {fmt(present[low])} in {low} "
        f"to {fmt(present[high])} in {high}. The table that follows lists every county."
    )


def _legend(
    palette: tuple[str, ...],
    breaks: tuple[float, ...],
    present: Mapping[str, float],
    label: str,
    fmt: Callable[[float], str],
    no_data: str,
    y: float,
) -> str:
    rows = [f'<g class="trellis-map-legend" font-size="13" font-family="sans-serif" transform="translate(8 {y:g})">']
    rows.append(f'<text x="0" y="12" font-weight="bold">{escape(label)}</text>')
    if present:
        lows = [min(present.values()), *breaks]
        highs = [*breaks, max(present.values())]
        for k, colour in enumerate(palette):
            if k >= len(lows):
                break
            text = f"{fmt(lows[k])} – {fmt(highs[k])}"
            rows.append(
                f'<rect x="0" y="{20 + 24 * k}" width="18" height="18" fill="{colour}" stroke="#565c65"/>'
                f'<text x="26" y="{34 + 24 * k}">{escape(text)}</text>'
            )
    k = len(palette)
    rows.append(
        f'<rect x="0" y="{20 + 24 * k}" width="18" height="18" fill="{NO_DATA}" stroke="#565c65"/>'
        f'<text x="26" y="{34 + 24 * k}">{escape(no_data)}</text>'
    )
    rows.append("</g>")
    return "".join(rows)


def _table(
    values: Mapping[str, float | None],
    present: Mapping[str, float],
    title: str,
    label: str,
    fmt: Callable[[float], str],
    no_data: str,
) -> str:
    body = "".join(
        f'<tr><th scope="row">{escape(c.name)}</th><td class="text-right">'
        f"{escape(fmt(present[c.name])) if c.name in present else escape(no_data)}</td></tr>"
        for c in shapes().counties
    )
    return (
        f'<table class="usa-table usa-table--borderless usa-table--compact"><caption>{escape(title)}</caption>'
        f'<thead><tr><th scope="col">County</th><th scope="col" class="text-right">{escape(label)}</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )
