"""An organization's profile on one page: outcomes, conditions and capacities, improvement work,
and support received and provided; and the same as a printable PDF (fpdf2, charts drawn from SVG)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from trellis.orgs.models import Organization
from trellis.reports.core.needs import ConditionScore, NeedsProfile
from trellis.reports.needs import needs_profile, rubric_scores_for


@dataclass
class Profile:
    org: Organization
    needs: NeedsProfile
    outcomes: Any = None
    """trellis.outcomes.selectors.OutcomesTable of the latest year, when there are results."""
    conditions: list[ConditionScore] = field(default_factory=list)
    projects: list[Any] = field(default_factory=list)
    chart: Any = None
    """The ChartView of the first measure with data in the first visible project."""
    received: list[Any] = field(default_factory=list)
    provided: list[Any] = field(default_factory=list)


def gather(user: Any, org: Organization) -> Profile:
    from trellis.improvement.selectors import measure_chart, projects_for
    from trellis.outcomes import selectors as outcomes
    from trellis.support.selectors import engagements_of

    years = outcomes.years_of(org)
    table = outcomes.outcomes_table(org, years[0]) if years else None
    projects = list(projects_for(user, org)[:10])
    chart = None
    for project in projects:
        for measure in project.measures.prefetch_related("points", "notes").all():
            if measure.points.count() >= 2:
                chart = measure_chart(measure, chart_id=f"profile-measure-{measure.pk}")
                break
        if chart is not None:
            break
    provided, received = engagements_of(user, org)
    return Profile(
        org=org,
        needs=needs_profile(user, org),
        outcomes=table,
        conditions=sorted(rubric_scores_for(user, org), key=lambda c: (c.position, c.label)),
        projects=projects,
        chart=chart,
        received=list(received),
        provided=list(provided),
    )


def _latin1(text: str) -> str:
    """The PDF core fonts cover Latin-1; typographic punctuation is mapped."""
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-"), ("…", "...")):
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(p: Profile) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_title(_latin1(f"Organization profile: {p.org.name}"))
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str) -> None:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(width, 7, _latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)

    def line(text: str) -> None:
        pdf.multi_cell(width, 5, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(width, 8, _latin1(f"Organization profile: {p.org.name}"), new_x="LMARGIN", new_y="NEXT")
    heading("Needs profile")
    for sentence in p.needs.sentences() or ["No needs identified from the data available."]:
        line(f"- {sentence}")
    heading("Outcomes")
    if p.outcomes is not None:
        _outcomes_grid(pdf, p.outcomes, width)
    else:
        line("No California School Dashboard results.")
    heading("Conditions and capacities")
    for c in p.conditions[:12]:
        line(f"- {c.label}: {c.score:g} of {c.out_of} ({c.source})")
    if not p.conditions:
        line("No assessment results shared with you.")
    heading("Improvement work")
    for project in p.projects:
        line(f"- {project.title} ({project.get_status_display()})")
    if not p.projects:
        line("No improvement projects visible to you.")
    if p.chart is not None:
        pdf.ln(2)
        pdf.image(io.BytesIO(p.chart.svg.encode()), w=width)
        for sentence in p.chart.sentences[:3]:
            line(sentence)
    heading("Support received")
    for e in p.received:
        line(f"- from {e.provider.name}: {e.title} ({e.get_status_display()})")
    if not p.received:
        line("None recorded.")
    heading("Support provided")
    for e in p.provided:
        line(f"- to {e.recipient.name}: {e.title} ({e.get_status_display()})")
    if not p.provided:
        line("None recorded.")
    return bytes(pdf.output())


# Dashboard performance colors (the Dashboard's own palette, as in trellis.outcomes.display),
# indexed by color level 1 (red) … 5 (blue); 0 is no color.
_RGB = {0: (240, 240, 240), 1: (200, 30, 30), 2: (240, 140, 20), 3: (250, 210, 40), 4: (60, 160, 80), 5: (30, 90, 180)}


def _outcomes_grid(pdf: Any, table: Any, width: float) -> None:
    """Student groups × indicators as colored cells with the color's letter (readable in grey)."""
    columns = len(table.indicators)
    label_w = min(60.0, width * 0.35)
    cell_w = (width - label_w) / max(columns, 1)
    pdf.set_font("Helvetica", "B", 7)
    pdf.cell(label_w, 6, _latin1(f"{table.year}: student group"), border=1)
    for code, _name in table.indicators:
        pdf.cell(cell_w, 6, _latin1(code), border=1, align="C")
    pdf.ln()
    pdf.set_font("Helvetica", "", 7)
    for _code, name, cells in table.rows:
        pdf.cell(label_w, 5, _latin1(name[:40]), border=1)
        for cell in cells:
            color = cell.color if cell is not None else 0
            pdf.set_fill_color(*_RGB.get(color, _RGB[0]))
            pdf.set_text_color(*((255, 255, 255) if color in (1, 5) else (0, 0, 0)))
            pdf.cell(cell_w, 5, cell.letter if cell is not None else "", border=1, align="C", fill=True)
        pdf.set_text_color(0, 0, 0)
        pdf.ln()
