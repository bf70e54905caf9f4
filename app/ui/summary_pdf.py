"""The visit summary as an A4 PDF (fpdf2, bundled DejaVu Sans), in the wording of summary_export.

Its own module so that fpdf2 (with fontTools and Pillow, about 20 MiB and 0.2 s to import) is loaded
only when a midwife asks for the PDF, not at start-up.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from app.services.summary import VisitSummary
from app.ui.summary_export import (
    APP_NAME,
    FONT_DIR,
    day_cells,
    day_header,
    disclaimer,
    made_text,
    mother_lines,
    range_text,
    sections,
    title,
)


class _Pdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{APP_NAME} · {self.footer_text} · {self.page_no()}/{{nb}}", align="C")


def pdf_bytes(s: VisitSummary) -> bytes:
    """The summary as an A4 PDF."""
    pdf = _Pdf(format="A4")
    pdf.footer_text = disclaimer()
    pdf.set_title(f"{APP_NAME}: {title()}")
    pdf.set_creator(APP_NAME)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def text(line: str, size: float = 10, bold: bool = False, gap: float = 0.8) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.multi_cell(width, size * 0.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    pdf.set_text_color(0, 105, 92)
    text(f"{APP_NAME}: {title()}", 17, bold=True, gap=1)
    pdf.set_text_color(0, 0, 0)
    text(made_text(s), 9)
    text(disclaimer(), 9, bold=True, gap=3)
    for about in mother_lines(s):
        text(about, 11)
    pdf.ln(2)
    text(range_text(s), 12, bold=True, gap=1.5)
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(
        col_widths=(20, 8, 26, 10, 15, 13, 10), text_align="CENTER", line_height=5, first_row_as_headings=True
    ) as table:
        table.row(day_header())
        for day in s.days:
            table.row(day_cells(day))
    pdf.ln(3)
    for section in sections(s):
        text(section.title, 12, bold=True, gap=1)
        for said in section.lines:
            text(said, 10)
        pdf.ln(1.5)
    return bytes(pdf.output())
