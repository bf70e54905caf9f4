"""The monthly recap as an A4 PDF (fpdf2, the bundled DejaVu Sans), in the wording of
recap_export; counts only, no mother's name. Loaded only when a PDF is asked for (see
pdf_doc.py: fpdf2 is slow to import)."""

from __future__ import annotations

from fpdf.enums import Align

from app.i18n import _
from app.services.recap import Recap
from app.ui.pdf_doc import new_document
from app.ui.recap_export import made_text, month_text, period_text, scope_text, sections, title
from app.ui.screens.diary_labels import VISIT_WINDOWS
from app.ui.screens.labels import t


def pdf_bytes(r: Recap) -> bytes:
    pdf = new_document(title(), title(), align=Align.L)
    pdf.say(month_text(r.counts.month), 14, bold=True, gap=0.5)
    pdf.say(period_text(r), 11, gap=1)
    pdf.say(made_text(r), 9)
    pdf.say(scope_text(), 9, gap=3)
    for section in sections(r):
        pdf.say(section.title, 12, bold=True, gap=1)
        if section.key == "visits":
            pdf.set_font("DejaVu", "", 9)
            with pdf.table(col_widths=(20, 44, 16, 18, 18, 20), text_align="CENTER", line_height=5) as table:
                table.row([_("Visit"), _("When"), _("On time"), _("Late"), _("Before the window"), _("No birth date")])
                for visit, c in r.counts.visits.items():
                    window = t(VISIT_WINDOWS, visit)
                    table.row([visit.value.upper(), window, str(c.on_time), str(c.late), str(c.early), str(c.unknown)])
            pdf.ln(3)
            continue
        for said in section.lines:
            pdf.say(said, 10)
        pdf.ln(1.5)
    return bytes(pdf.output())
