"""The shipped rule tables as Markdown for docs/methods/dashboard.md (a test keeps them in sync)."""

from __future__ import annotations

from trellis.outcomes.core.codes import COLOR_NAMES, INDICATOR_NAMES, INDICATORS, STATUS_LABELS
from trellis.outcomes.core.rules import Bands, Grid, indicator_rules


def _bound(bounds: tuple[float | None, float | None]) -> str:
    low, high = bounds
    if low is None:
        return f"≤ {high:.1f}"
    if high is None:
        return f"≥ {low:.1f}"
    return f"{low:.1f} to {high:.1f}"


def _bands_table(title: str, tables: dict[str, Bands], labels: list[str]) -> list[str]:
    names = list(tables)
    lines = [
        f"| {title} | " + " | ".join(f"`{n}`" for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for label in labels:
        lines.append(f"| {label} | " + " | ".join(_bound(tables[n].bounds[label]) for n in names) + " |")
    marks = " | ".join("yes" if tables[n].verified else "**no**" for n in names)
    lines += [f"| verified | {marks} |", ""]
    return lines


def rules_markdown() -> str:
    out: list[str] = []
    for indicator in INDICATORS:
        rules = indicator_rules(indicator)
        direction = "higher is better" if rules.higher_is_better else "higher is worse"
        out += [
            f"#### {INDICATOR_NAMES[indicator]} (`{indicator}`, priority {rules.priority}, {direction})",
            "",
        ]
        status: dict[str, Bands] = {}
        change: dict[str, Bands] = {}
        grids: dict[str, Grid] = {}
        for year in rules.years.values():
            status.update({t.name: t for t in year.status.values()})
            change.update({t.name: t for t in year.change.values()})
            grids.update({t.name: t for t in year.grid.values()})
        if status:
            out += _bands_table("status", status, list(reversed(STATUS_LABELS)))
        if change:
            out += _bands_table("change", change, ["IS", "I", "M", "D", "DS"])
        for name, grid in grids.items():
            state = "verified" if grid.verified else "**unverified**"
            out += [
                f"Grid `{name}` ({state}; columns IS, I, M, D, DS):",
                "",
                "| status | IS | I | M | D | DS |",
                "|---|---|---|---|---|---|",
            ]
            for i in reversed(range(len(STATUS_LABELS))):
                cells = " | ".join(COLOR_NAMES[int(c)] if c else "N/A" for c in grid.codes[i])
                out.append(f"| {STATUS_LABELS[i]} | {cells} |")
            out.append("")
        out += ["Sources:", ""]
        for kind, tables in (("status", status), ("change", change), ("grid", grids)):
            for table in tables.values():
                out.append(f"- {kind} `{table.name}`: {table.source.strip()}")
        out += [
            "",
            "Years:",
            "",
            "| year | mode | tables | verified | note |",
            "|---|---|---|---|---|",
        ]
        for number, year in sorted(rules.years.items()):
            used: list[Bands | Grid] = [
                *year.status.values(),
                *year.change.values(),
                *year.grid.values(),
            ]
            names = sorted({t.name for t in used})
            note = (year.note or year.source).replace("|", "/")
            mark = "yes" if year.verified else "**no**"
            out.append(f"| {number} | {year.mode} | {', '.join(names)} | {mark} | {note} |")
        out.append("")
    return "\n".join(out)
