"""The monthly recap as an A4 PDF (fpdf2, the bundled DejaVu Sans), in the wording of
recap_export; counts only, no mother's name. Loaded only when a PDF is asked for (see
summary_pdf.py: fpdf2 is slow to import)."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from app.i18n import _
from app.services.recap import Recap
from app.ui.recap_export import made_text, month_text, period_text, scope_text, sections, title
from app.ui.screens.diary_labels import VISIT_WINDOWS
from app.ui.screens.labels import t
from app.ui.summary_export import APP_NAME, FONT_DIR


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{APP_NAME} · {title()} · {self.page_no()}/{{nb}}", align="C")


def pdf_bytes(r: Recap) -> bytes:
    pdf = _Pdf(format="A4")
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
        pdf.multi_cell(width, size * 0.5, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    pdf.set_text_color(0, 105, 92)
    text(f"{APP_NAME}: {title()}", 17, bold=True, gap=1)
    pdf.set_text_color(0, 0, 0)
    text(month_text(r.counts.month), 14, bold=True, gap=0.5)
    text(period_text(r), 11, gap=1)
    text(made_text(r), 9)
    text(scope_text(), 9, gap=3)
    for section in sections(r):
        text(section.title, 12, bold=True, gap=1)
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
            text(said, 10)
        pdf.ln(1.5)
    return bytes(pdf.output())
