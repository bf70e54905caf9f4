"""The visit summary as an A4 PDF (fpdf2, bundled DejaVu Sans), in the wording of summary_export.

Its own module so that fpdf2 (with fontTools and Pillow, about 20 MiB and 0.2 s to import) is loaded
only when a midwife asks for the PDF, not at start-up.
"""

from __future__ import annotations

from app.services.summary import VisitSummary
from app.ui.pdf_doc import new_document
from app.ui.summary_export import (
    day_cells,
    day_header,
    disclaimer,
    made_text,
    mother_lines,
    range_text,
    sections,
    title,
)


def pdf_bytes(s: VisitSummary) -> bytes:
    """The summary as an A4 PDF."""
    pdf = new_document(title(), disclaimer())
    pdf.say(made_text(s), 9)
    pdf.say(disclaimer(), 9, bold=True, gap=3)
    for about in mother_lines(s):
        pdf.say(about, 11)
    pdf.ln(2)
    pdf.say(range_text(s), 12, bold=True, gap=1.5)
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(
        col_widths=(20, 8, 26, 10, 15, 13, 10), text_align="CENTER", line_height=5, first_row_as_headings=True
    ) as table:
        table.row(day_header())
        for day in s.days:
            table.row(day_cells(day))
    pdf.ln(3)
    for section in sections(s):
        pdf.say(section.title, 12, bold=True, gap=1)
        for said in section.lines:
            pdf.say(said, 10)
        pdf.ln(1.5)
    return bytes(pdf.output())
