"""The parts of the mothers list (/mothers) that keep it at a midwife's scale: pages of rows with
"Show more", the "Finished (after day 42)" section (collapsed, with "Keep on the list"), and the
line on a kept mother's card that lets her go back to it.

Only the rows on the shown pages are built and sent: at 300 mothers the page gets 10 cards, not
300 (issue 23: one 530 KB message took 2 s to the first row in Chromium).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import flet as ft

from app.domain.caseload import NIFAS_LAST_DAY
from app.i18n import _, ngettext
from app.services.mothers import MotherSummary
from app.ui import kit
from app.ui.screens.diary_labels import pp_day_text

PAGE = 10  # rows built at a time: three screens of cards at 360x800, few enough to send at once


def more_button(shown: int, total: int, on_more: Callable[[], Any], identifier: str) -> ft.Control | None:
    """ "Show 10 more" under a page of rows, with how many are shown; None when all are."""
    if shown >= total:
        return None
    more = min(PAGE, total - shown)
    label = ngettext("Show %(n)d more", "Show %(n)d more", more) % {"n": more}
    of = _("%(shown)d of %(total)d shown") % {"shown": shown, "total": total}
    return ft.Column(
        [
            kit.body(of, size=15, color=ft.Colors.ON_SURFACE_VARIANT, text_align=ft.TextAlign.CENTER),
            kit.tagged(
                ft.OutlinedButton(
                    content=ft.Text(label, size=16),
                    icon=ft.Icons.EXPAND_MORE,
                    height=kit.MIN_TARGET,
                    on_click=lambda e: on_more(),
                ),
                identifier,
                label=f"{label} ({of})",
            ),
        ],
        spacing=4,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def finished_heading(count: int, is_open: bool, on_toggle: Callable[[], Any]) -> ft.Control:
    """The section's heading, a button that opens and closes it."""
    text = _("Finished (after day 42) (%(n)d)") % {"n": count}
    return kit.tagged(
        ft.Container(
            ft.Row(
                [
                    ft.Text(text, size=18, weight=ft.FontWeight.BOLD, expand=True),
                    ft.Icon(ft.Icons.EXPAND_LESS if is_open else ft.Icons.EXPAND_MORE),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            on_click=lambda e: on_toggle(),
            ink=True,
            border_radius=8,
            height=kit.MIN_TARGET,
            padding=ft.Padding.symmetric(horizontal=4),
        ),
        "finished",
        label=text,
        button=True,
        expanded=is_open,
    )


def finished_note() -> ft.Control:
    """What the section is, under its heading when it is open."""
    return kit.body(
        _(
            "Mothers past day 42 move here by themselves. Their records are kept. Keep a mother on "
            "the list to see her with the others."
        ),
        size=15,
        color=ft.Colors.ON_SURFACE_VARIANT,
    )


def _move_button(
    kind: type[ft.OutlinedButton] | type[ft.TextButton],
    text: str,
    on_click: Callable[[Any], Any],
    identifier: str,
    label: str,
) -> ft.Control:
    """A 48 px button that moves a mother between the list and Finished; `label` names her."""
    return kit.tagged(
        kind(content=ft.Text(text, size=15), height=kit.MIN_TARGET, on_click=on_click), identifier, label=label
    )


def finished_row(
    s: MotherSummary, name: str, on_open: Callable[[UUID], Any], on_keep: Callable[[UUID], Any]
) -> ft.Control:
    """One finished mother: her name and day (a tap opens her), and "Keep on the list"."""
    day = pp_day_text(s.postpartum_day) if s.postpartum_day is not None else ""
    who = ft.Container(
        ft.Column(
            [
                ft.Text(name, size=16, weight=ft.FontWeight.W_600),
                kit.body(day, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
            ],
            spacing=0,
        ),
        on_click=lambda e: on_open(s.id),
        ink=True,
        border_radius=8,
        expand=True,
        padding=ft.Padding.symmetric(vertical=4),
    )
    said = _("Keep %(name)s on the list") % {"name": name}
    keep = _move_button(ft.OutlinedButton, _("Keep on the list"), lambda e: on_keep(s.id), f"keep-mother-{s.id}", said)
    return kit.tagged(
        ft.Row(
            [
                kit.tagged(
                    who, f"finished-mother-{s.id}", label=_("Open %(name)s") % {"name": name}, button=True, expand=True
                ),
                keep,
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        f"finished-row-{s.id}",
    )


def kept_line(s: MotherSummary, name: str, on_let_go: Callable[[UUID], Any]) -> ft.Control | None:
    """On the card of a mother kept on the list after day 42: why she is here, and the undo."""
    if not s.mother.kept or s.postpartum_day is None or s.postpartum_day <= NIFAS_LAST_DAY:
        return None
    said = _("Move %(name)s to Finished") % {"name": name}
    let_go = _move_button(
        ft.TextButton, _("Move to Finished"), lambda e: on_let_go(s.id), f"unkeep-mother-{s.id}", said
    )
    return ft.Row(
        [
            kit.body(_("Kept on the list after day 42"), size=14, color=ft.Colors.ON_SURFACE_VARIANT, expand=True),
            let_go,
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
