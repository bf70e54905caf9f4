"""The midwife's monthly recap (/recap), for her report to the puskesmas: across every mother on
the phone, for the month she picks (the last full month to begin with; the current one so far is
one tap on "next"), the mothers visited, the KF visits done on time and late, the families taught,
the quiz before and after, the skills signed off and the mothers with a warning sign. Saved as a
PDF or a CSV (counts only); on the screen the mothers with a warning sign are named, since she
follows them up."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

import flet as ft

from app.domain.recap import Month
from app.i18n import _, to_thread
from app.ui import kit
from app.ui import recap_export as export
from app.ui.recap_csv import csv_bytes
from app.ui.state import RECAP_ROUTE, VISIT_ROUTE, AppState, use_app, use_visitor

ROUTE = RECAP_ROUTE  # its button: app/ui/screens/entries.py
MIME = {"pdf": "application/pdf", "csv": "text/csv"}


def _step(icon: ft.IconData, label: str, on_click: Any, identifier: str, *, disabled: bool) -> ft.Control:
    """A 48x48 button to the month before or after, named with the month it goes to."""
    button = ft.IconButton(
        icon=icon,
        tooltip=label,
        on_click=on_click,
        disabled=disabled,
        icon_size=28,
        width=kit.MIN_TARGET,
        height=kit.MIN_TARGET,
    )
    return ft.Semantics(
        content=button,
        identifier=identifier,
        label=label,
        button=True,
        disabled=disabled,
        container=True,
        exclude_semantics=True,
        on_tap=None if disabled else on_click,
    )


def _open(app: AppState, mother_id: UUID) -> None:
    if not app.can_switch():
        app.tell(_("A massage is running. End it first, then choose another mother."))
        return
    app.choose_mother(mother_id)
    app.go(VISIT_ROUTE)


def _flagged_row(app: AppState, mother_id: UUID, text: str) -> ft.Control:
    """A mother with a warning sign in the month: a tap opens her visit, to follow her up."""
    body = ft.Container(
        ft.Row(
            [
                kit.flag_icon(True, 22),
                ft.Text(text, size=15, weight=ft.FontWeight.W_600, expand=True),
                ft.Icon(ft.Icons.CHEVRON_RIGHT, color=ft.Colors.ON_SURFACE_VARIANT),
            ],
            spacing=8,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        on_click=lambda e: _open(app, mother_id),
        ink=True,
        border_radius=8,
        padding=ft.Padding.symmetric(vertical=14),  # 15 px text + 28: at least a 48 px target
    )
    return ft.Semantics(
        content=body,
        identifier=f"recap-flagged-{mother_id}",
        label=_("%(who)s. Open her visit") % {"who": text},
        button=True,
        container=True,
        exclude_semantics=True,
        on_tap=lambda e: _open(app, mother_id),
    )


def _card(title: str, lines: list[str], identifier: str, extra: list[ft.Control] | None = None) -> ft.Control:
    controls: list[ft.Control] = [kit.heading(title, 17), *[kit.body(line, size=15) for line in lines], *(extra or [])]
    return kit.tagged(ft.Card(content=ft.Container(ft.Column(controls, spacing=6), padding=14)), identifier)


@ft.component
def Recap() -> ft.View:
    app = use_app()
    visitor = use_visitor()
    service = visitor.recap
    chosen, set_chosen = ft.use_state(cast(Month | None, None))  # the month picked; None: the default
    said, set_said = ft.use_state(("", ""))  # ("ok" | "problem", what happened to the last file)
    month: Month = chosen or service.default_month()
    latest = service.latest_month()
    # Counted again only for another month or after a write (not when a "Saved as" line appears).
    found = ft.use_memo(lambda: service.recap(month), [month, visitor.revision.number])

    def go_to(target: Month) -> None:
        set_chosen(target)
        set_said(("", ""))  # a "Saved as" of another month's file would mislead

    async def save(kind: str) -> None:
        if kind == "pdf":
            from app.ui.recap_pdf import pdf_bytes  # fpdf2 loads only when a PDF is asked for

            data = await to_thread(lambda: pdf_bytes(found))
        else:
            data = csv_bytes(found)
        name = export.file_name(found, kind)
        if await visitor.files.offer(name, data, MIME[kind]):
            set_said(("ok", _("Saved as %(name)s.") % {"name": name}))
        else:
            set_said(("problem", _("The file could not be saved on this device.")))

    async def save_pdf(e: Any) -> None:
        await save("pdf")

    async def save_csv(e: Any) -> None:
        await save("csv")

    before, after = month.previous(), month.next()
    picker = ft.Row(
        [
            _step(
                ft.Icons.CHEVRON_LEFT,
                _("Previous month: %(month)s") % {"month": export.month_text(before)},
                lambda e: go_to(before),
                "recap-previous",
                disabled=False,
            ),
            kit.tagged(
                ft.Text(export.month_text(month), size=20, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER),
                "recap-month",
                expand=True,
                live_region=True,
            ),
            _step(
                ft.Icons.CHEVRON_RIGHT,
                _("Next month: %(month)s") % {"month": export.month_text(after)},
                lambda e: go_to(after),
                "recap-next",
                disabled=after > latest,
            ),
        ],
        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    controls: list[ft.Control] = [
        picker,
        kit.tagged(kit.body(export.period_text(found), weight=ft.FontWeight.W_600), "recap-period"),
        kit.body(export.scope_text(), size=14, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    for section in export.sections(found):
        extra = None
        if section.key == "flags":  # named on her phone only: she follows them up
            extra = [_flagged_row(app, mother_id, text) for mother_id, text in export.flagged_texts(found)]
        controls.append(_card(section.title, section.lines, f"recap-{section.key}", extra))
    bottom: list[ft.Control] = [
        ft.Row(
            [
                kit.secondary_button(_("Save PDF"), save_pdf, "recap-pdf", icon=ft.Icons.PICTURE_AS_PDF, in_row=True),
                kit.secondary_button(_("Save CSV"), save_csv, "recap-csv", icon=ft.Icons.TABLE_CHART, in_row=True),
            ],
            spacing=8,
        )
    ]
    if said[1]:
        bottom.append(kit.status_line(*said, "recap-status"))
    return kit.screen(ROUTE, export.title(), controls, on_back=lambda e: app.back(), bottom=bottom)
