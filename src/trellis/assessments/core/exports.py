"""CSV, XLSX and PDF files of a self-assessment's results (no Django: plain rows in, bytes out)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from trellis.assessments.core.results import Cell, HeatmapRow

# Fill colours for ranks 1–5 (light to dark teal), each with text contrast above 4.5:1 against it;
# colour is never the only signal: the level name is written in every cell.
RANK_FILL = {1: "F1F5F9", 2: "D9EEF2", 3: "A7D8E0", 4: "5FB3C2", 5: "1D6F7F"}
RANK_TEXT = {1: "1B1B1B", 2: "1B1B1B", 3: "1B1B1B", 4: "1B1B1B", 5: "FFFFFF"}


@dataclass(frozen=True)
class ExportRow:
    item_id: str
    kind: str
    group: str
    title: str
    about: str
    ratings: int
    lowest: int | None
    highest: int | None
    divergent: bool
    rank: int | None
    level_name: str
    evidence: str
    next_steps: str


@dataclass(frozen=True)
class ExportDocument:
    title: str  # "Addams Elementary — self-assessment 2025-26"
    subtitle: str  # framework and level, status
    rows: Sequence[ExportRow]
    heatmap: Sequence[HeatmapRow]
    capacities: Sequence[HeatmapRow]


HEADER = (
    "item_id",
    "kind",
    "group",
    "title",
    "about",
    "ratings",
    "lowest_rank",
    "highest_rank",
    "divergent",
    "consensus_rank",
    "consensus_level",
    "evidence",
    "next_steps",
)


def _values(row: ExportRow) -> list[object]:
    return [
        row.item_id,
        row.kind,
        row.group,
        row.title,
        row.about,
        row.ratings,
        row.lowest,
        row.highest,
        "yes" if row.divergent else "no",
        row.rank,
        row.level_name,
        row.evidence,
        row.next_steps,
    ]


def to_csv(document: ExportDocument) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in document.rows:
        writer.writerow(["" if v is None else v for v in _values(row)])
    return out.getvalue()


def to_xlsx(document: ExportDocument) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Items"
    sheet.append([document.title])
    sheet.append([document.subtitle])
    sheet.append(list(HEADER))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in document.rows:
        sheet.append(_values(row))
    grid = book.create_sheet("Heatmap")
    for block_title, rows in (("Conditions", document.heatmap), ("Capacities", document.capacities)):
        if not rows:
            continue
        grid.append([block_title])
        grid.cell(row=grid.max_row, column=1).font = Font(bold=True)
        for heat_row in rows:
            grid.append([heat_row.group_title, *(f"{c.title}: {c.level_name or 'not rated'}" for c in heat_row.cells)])
            for column, heat_cell in enumerate(heat_row.cells, start=2):
                target = grid.cell(row=grid.max_row, column=column)
                target.alignment = Alignment(wrap_text=True, vertical="top")
                if heat_cell.rank is not None:
                    target.fill = PatternFill("solid", fgColor=RANK_FILL[heat_cell.rank])
                    target.font = Font(color=RANK_TEXT[heat_cell.rank])
    for letter in "BCDEF":
        grid.column_dimensions[letter].width = 28
    grid.column_dimensions["A"].width = 30
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_REPLACEMENTS = str.maketrans({"—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "→": "->"})


def _latin1(text: str) -> str:
    """The PDF core fonts cover Latin-1 (Spanish included); typographic punctuation is mapped."""
    return text.translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def _line_count(pdf: FPDF, width: float, height: float, text: str) -> int:
    lines = pdf.multi_cell(width, height, text, dry_run=True, output="LINES", align="L")
    assert isinstance(lines, list)
    return len(lines)


def _level(cell: Cell) -> str:
    return f"{cell.rank}. {cell.level_name}" if cell.rank is not None else "Not rated"


def _capacity_table(pdf: FPDF, heading: str, rows: Sequence[HeatmapRow]) -> None:
    """Role | capacity | level, one line per capacity (roles have up to 14: too many for a grid)."""
    if not rows:
        return
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
    widths = (60.0, pdf.epw - 60.0 - 55.0, 55.0)
    line = 3.6
    for heat_row in rows:
        for index, cell in enumerate(heat_row.cells):
            texts = (_latin1(heat_row.group_title) if index == 0 else "", _latin1(cell.title), _latin1(_level(cell)))
            pdf.set_font("Helvetica", "", 7)
            height = max(_line_count(pdf, w, line, t or " ") for w, t in zip(widths, texts, strict=True)) * line + 2
            if pdf.get_y() + height > pdf.page_break_trigger:
                pdf.add_page()
            top, x = pdf.get_y(), pdf.l_margin
            for column, (width, text) in enumerate(zip(widths, texts, strict=True)):
                fill = RANK_FILL.get(cell.rank or 0, "FFFFFF") if column == 2 else "FFFFFF"
                pdf.set_fill_color(*_rgb(fill))
                pdf.rect(x, top, width, height, style="DF")
                colour = RANK_TEXT.get(cell.rank or 0, "1B1B1B") if column == 2 else "1B1B1B"
                pdf.set_text_color(*_rgb(colour))
                pdf.set_font("Helvetica", "B" if column == 0 else "", 7)
                pdf.set_xy(x, top + 1)
                pdf.multi_cell(width, line, text, align="L")
                x += width
            pdf.set_text_color(27, 27, 27)
            pdf.set_xy(pdf.l_margin, top + height)
    pdf.ln(4)


def _grid(pdf: FPDF, heading: str, rows: Sequence[HeatmapRow]) -> None:
    if not rows:
        return
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
    width = pdf.epw
    label_width = 46.0
    columns = max(len(r.cells) for r in rows)
    cell_width = (width - label_width) / max(columns, 1)
    line = 3.6
    for heat_row in rows:
        pdf.set_font("Helvetica", "", 7)
        texts = [_latin1(f"{c.title}\n{_level(c)}") for c in heat_row.cells]
        lines = max(
            [_line_count(pdf, cell_width, line, t) for t in texts]
            + [_line_count(pdf, label_width, line, _latin1(heat_row.group_title))]
        )
        height = lines * line + 2
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_font("Helvetica", "B", 7)
        pdf.set_fill_color(255, 255, 255)
        pdf.set_text_color(27, 27, 27)
        pdf.rect(pdf.l_margin, top, label_width, height)
        pdf.set_xy(pdf.l_margin, top + 1)
        pdf.multi_cell(label_width, line, _latin1(heat_row.group_title), align="L")
        pdf.set_font("Helvetica", "", 7)
        for index, (cell, text) in enumerate(zip(heat_row.cells, texts, strict=True)):
            x = pdf.l_margin + label_width + index * cell_width
            fill = RANK_FILL.get(cell.rank or 0, "FFFFFF")
            pdf.set_fill_color(*_rgb(fill))
            pdf.rect(x, top, cell_width, height, style="DF")
            pdf.set_text_color(*_rgb(RANK_TEXT.get(cell.rank or 0, "1B1B1B")))
            pdf.set_xy(x, top + 1)
            pdf.multi_cell(cell_width, line, text, align="L")
        pdf.set_text_color(27, 27, 27)
        pdf.set_xy(pdf.l_margin, top + height)
    pdf.ln(4)


def to_pdf(document: ExportDocument) -> bytes:
    pdf = FPDF(orientation="landscape", unit="mm", format="Letter")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_title(_latin1(document.title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(document.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, _latin1(document.subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _grid(pdf, "Enabling conditions: consensus level per element", document.heatmap)
    _capacity_table(pdf, "Capacities by role: consensus level per capacity", document.capacities)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "Items, evidence and next steps", new_x="LMARGIN", new_y="NEXT")
    for row in document.rows:
        pdf.set_font("Helvetica", "B", 9)
        flag = " (ratings differed by 2+ levels)" if row.divergent else ""
        pdf.multi_cell(
            0,
            5,
            _latin1(f"{row.title}: {row.level_name or 'no consensus'}{flag}"),
            new_x="LMARGIN",
            new_y="NEXT",
            align="L",
        )
        pdf.set_font("Helvetica", "", 8)
        for label, text in (("Evidence", row.evidence), ("Next steps", row.next_steps)):
            if text:
                pdf.multi_cell(0, 4, _latin1(f"{label}: {text}"), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1)
    return bytes(pdf.output())
