"""The A4 document every PDF of the app is written on (fpdf2, the bundled DejaVu Sans): its margins
and page breaks, a footer with the app's name and the page number on every page, the title at the
top in the app's teal, and `say` for a paragraph. Imported only by the PDF makers (recap_pdf.py,
summary_pdf.py), so fpdf2 (slow to import) loads only when a PDF is asked for."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from app.ui.summary_export import APP_NAME, FONT_DIR

TEAL = (0, 105, 92)  # the app's colour (app.ui.theme.SEED), for the title


class Document(FPDF):
    """An A4 page with the app's footer; `say` writes a paragraph aligned as `align` says."""

    def __init__(self, footer: str, align: Align) -> None:
        super().__init__(format="A4")
        self.footer_text = footer
        self.paragraph_align = align

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{APP_NAME} · {self.footer_text} · {self.page_no()}/{{nb}}", align="C")

    def say(self, line: str, size: float = 10, bold: bool = False, gap: float = 0.8) -> None:
        """A paragraph across the page in DejaVu Sans of `size` points, then `gap` mm of space."""
        self.set_font("DejaVu", "B" if bold else "", size)
        self.multi_cell(self.epw, size * 0.5, line, align=self.paragraph_align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)


def new_document(title: str, footer: str, *, align: Align = Align.J) -> Document:
    """A document named "<app>: `title`", its first page begun with that title in teal (the text
    after it in black). `footer` stands between the app's name and the page number on every page;
    `align`: the paragraphs' alignment (fpdf2's default, justified, unless told)."""
    pdf = Document(footer, align)
    pdf.set_title(f"{APP_NAME}: {title}")
    pdf.set_creator(APP_NAME)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_text_color(*TEAL)
    pdf.say(f"{APP_NAME}: {title}", 17, bold=True, gap=1)
    pdf.set_text_color(0, 0, 0)
    return pdf
