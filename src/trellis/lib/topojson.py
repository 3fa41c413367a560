"""Reading TopoJSON and drawing its shapes: decode quantized arcs, project, simplify, write SVG paths.

TopoJSON (Bostock, https://github.com/topojson/topojson-specification) stores each shared border once
as an *arc*. With a `transform`, arc positions are quantized integers stored as deltas: the first
position is absolute, each later one is the difference from the previous (spec §2.1.2, §2.2.2);
the real coordinate is `q * scale + translate`. A geometry lists arc indices; a negative index `~i`
(that is `-i - 1`) means arc i reversed (spec §2.1.4). Consecutive arcs of a ring share their joining
point, which is written once.

Simplifying arcs (not rings) keeps neighbouring counties' borders identical.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

Points = NDArray[np.float64]


def decode_arcs(topology: Mapping[str, Any]) -> list[Points]:
    """Every arc as an (n, 2) array of longitude, latitude."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=np.float64)[:, :2]
        if transform is not None:
            points = np.cumsum(points, axis=0) * np.asarray(transform["scale"]) + np.asarray(transform["translate"])
        arcs.append(points)
    return arcs


def arc_indices(geometry: Mapping[str, Any]) -> list[list[list[int]]]:
    """A Polygon's or MultiPolygon's arc indices as polygons → rings → arcs."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    raise ValueError(f"unsupported geometry type {geometry['type']}")


def ring(arcs: Sequence[Points], indices: Sequence[int]) -> Points:
    """Join a ring's arcs, reversing those given as ~i and dropping each repeated joining point."""
    parts = []
    for k, index in enumerate(indices):
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(points if k == 0 else points[1:])
    return np.vstack(parts)


# Albers equal-area conic on the sphere: Snyder (1987), Map Projections — A Working Manual, USGS
# Professional Paper 1395, eqs. 14-1 to 14-4. Parameters of California Albers (EPSG:3310):
# standard parallels 34° N and 40.5° N, origin 0° N, central meridian 120° W.
CALIFORNIA_ALBERS = {"phi1": 34.0, "phi2": 40.5, "phi0": 0.0, "lambda0": -120.0}


def albers(points: Points, *, phi1: float, phi2: float, phi0: float, lambda0: float) -> Points:
    """Project longitude/latitude degrees to planar (x, y) on the unit sphere, y pointing north."""
    p1, p2, p0 = (math.radians(v) for v in (phi1, phi2, phi0))
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c - 2 * n * math.sin(p0)) / n
    lam = np.radians(points[:, 0] - lambda0)
    phi = np.radians(points[:, 1])
    rho = np.sqrt(c - 2 * n * np.sin(phi)) / n
    theta = n * lam
    return np.column_stack([rho * np.sin(theta), rho0 - rho * np.cos(theta)])


def simplify(points: Points, tolerance: float) -> Points:
    """Douglas–Peucker (Douglas & Peucker 1973): keep the endpoints, drop points within `tolerance`
    of the chord; iterative, so long arcs do not recurse deeply."""
    if len(points) <= 2:
        return points
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        if end - start < 2:
            continue
        a, b = points[start], points[end]
        segment = points[start + 1 : end]
        chord = b - a
        length = math.hypot(*chord)
        if length == 0.0:
            distances = np.hypot(*(segment - a).T)
        else:
            distances = np.abs(chord[0] * (segment[:, 1] - a[1]) - chord[1] * (segment[:, 0] - a[0])) / length
        i = int(np.argmax(distances))
        if distances[i] > tolerance:
            middle = start + 1 + i
            keep[middle] = True
            stack += [(start, middle), (middle, end)]
    return points[keep]


def path_data(rings: Sequence[Points], decimals: int = 1) -> str:
    """An SVG path's `d` for closed rings."""
    out = []
    for points in rings:
        if len(points) < 3:
            continue
        coords = " ".join(f"{x:.{decimals}f},{y:.{decimals}f}" for x, y in points[:-1])
        out.append(f"M{coords}Z")
    return "".join(out)
