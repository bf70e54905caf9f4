"""The visit summary (/summary) of one mother, on one screen at 360 px (it scrolls; nothing is cut):
the last 7 days, massages, warning signs by whose they are, quiz and skills, the KF visit; saved as
a PDF or a CSV file. In the browser the file downloads; on a phone it goes to the share sheet."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.i18n import _, format_date, to_thread
from app.services.summary import DayLine, VisitSummary
from app.ui import kit
from app.ui import summary_export as export
from app.ui.screens.whose import whose_visit
from app.ui.state import use_app, use_scope
from app.ui.summary_csv import csv_bytes

ROUTE = "/summary"
MIME = {"pdf": "application/pdf", "csv": "text/csv"}


def day_texts(line: DayLine) -> tuple[str, str]:
    """A day of the seven as two lines: the date (and day after birth), then what was reported."""
    cells = export.day_cells(line)
    head = format_date(line.day, "EEE d MMM")
    if line.postpartum_day is not None:
        n = line.postpartum_day  # the birth date is day 0, as Today counts it
        head += " · " + (_("day of birth") if n == 0 else _("day %(n)d") % {"n": n})
    if line.report is None:
        detail = f"{cells[2]} · {_('Massages')}: {cells[6]}"
    else:
        detail = " · ".join(
            [
                cells[2],
                f"{_('Signs')}: {cells[3]}",
                f"{_('Feeds')}: {cells[4]}",
                f"{_('Wet diapers')}: {cells[5]}",
                f"{_('Massages')}: {cells[6]}",
            ]
        )
    return head, detail


def _card(controls: list[ft.Control], identifier: str) -> ft.Control:
    return kit.tagged(ft.Card(content=ft.Container(ft.Column(controls, spacing=6), padding=14)), identifier)


def summary_controls(s: VisitSummary) -> list[ft.Control]:
    days: list[ft.Control] = [kit.heading(export.range_text(s), 17)]
    for line in reversed(s.days):  # today first: what the midwife asks about first
        head, detail = day_texts(line)
        days.append(
            ft.Column(
                [
                    kit.body(head, size=15, weight=ft.FontWeight.W_600),
                    kit.body(detail, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
                ],
                spacing=0,
            )
        )
    about: list[ft.Control] = [kit.body(line, weight=ft.FontWeight.W_600) for line in export.mother_lines(s)]
    about.append(kit.body(export.made_text(s), size=14, color=ft.Colors.ON_SURFACE_VARIANT))
    controls: list[ft.Control] = [
        kit.tagged(ft.Column(about, spacing=2), "summary-mother"),
        _card(days, "summary-days"),
    ]
    for section in export.sections(s):
        controls.append(
            _card(
                [kit.heading(section.title, 17), *[kit.body(line, size=15) for line in section.lines]],
                f"summary-{section.key}",
            )
        )
    controls.append(kit.note(export.disclaimer(), icon=ft.Icons.INFO_OUTLINE))
    return controls


@ft.component
def Summary() -> ft.View:
    app = use_app()
    summary = use_scope().summary.summary()

    async def save(kind: str) -> None:
        if kind == "pdf":
            from app.ui.summary_pdf import pdf_bytes  # fpdf2 loads only when a PDF is asked for

            data = await to_thread(lambda: pdf_bytes(summary))
        else:
            data = csv_bytes(summary)
        if not await app.visitor.files.offer(export.file_name(summary, kind), data, MIME[kind]):
            app.tell(_("The file could not be saved."))

    async def save_pdf(e: Any) -> None:
        await save("pdf")

    async def save_csv(e: Any) -> None:
        await save("csv")

    bottom = [
        ft.Row(
            [
                kit.secondary_button(_("Save PDF"), save_pdf, "summary-pdf", icon=ft.Icons.PICTURE_AS_PDF, in_row=True),
                kit.secondary_button(_("Save CSV"), save_csv, "summary-csv", icon=ft.Icons.TABLE_CHART, in_row=True),
            ],
            spacing=8,
        )
    ]
    return kit.screen(
        ROUTE,
        export.title(),
        summary_controls(summary),
        on_back=lambda e: app.back(),
        bottom=bottom,
        subtitle=whose_visit(app),
    )
