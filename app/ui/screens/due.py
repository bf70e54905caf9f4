"""The midwife's week (/due): across all her mothers, the KF visits due this week or overdue
(the window closed, not marked done), for mothers still in their 42 days after birth or just past
them. Each row names the mother, her day, the visit and the day its window closes; the soonest to
close first. A tap opens that mother's visit screen."""

from __future__ import annotations

from datetime import timedelta

import flet as ft

from app.domain.visits import Timing
from app.i18n import _, format_date, ngettext
from app.services.visits import DueRow
from app.ui import kit
from app.ui.screens.diary_labels import pp_day_text
from app.ui.state import DUE_ROUTE, VISIT_ROUTE, AppState, use_app, use_visitor

ROUTE = DUE_ROUTE  # its button: app/ui/screens/entries.py


def when_text(row: DueRow) -> str:
    due = row.due
    if due.timing is Timing.OVERDUE:
        # The window's last day is still in time: overdue from the day after it.
        return _("overdue since %(day)s") % {"day": format_date(due.ends + timedelta(days=1), "EEE d MMM")}
    if due.timing is Timing.NEXT:
        return _("opens %(start)s, closes %(end)s") % {
            "start": format_date(due.starts, "EEE d MMM"),
            "end": format_date(due.ends, "EEE d MMM"),
        }
    return _("closes %(day)s") % {"day": format_date(due.ends, "EEE d MMM")}


def _open(app: AppState, row: DueRow) -> None:
    if not app.can_switch():
        app.tell(_("A massage is running. End it first, then choose another mother."))
        return
    app.choose_mother(row.mother_id)
    app.go(VISIT_ROUTE)


def _row(app: AppState, row: DueRow) -> ft.Control:
    name = row.nickname or _("Mother %(n)d") % {"n": row.number}
    kf = row.due.visit.value.upper()
    overdue = row.due.timing is Timing.OVERDUE
    when = when_text(row)
    line = f"{pp_day_text(row.postpartum_day)} · {kf}"
    body = ft.Container(
        ft.Row(
            [
                ft.Column(
                    [
                        ft.Text(name, size=18, weight=ft.FontWeight.BOLD),
                        kit.body(line, size=15),
                        ft.Row(
                            [
                                ft.Icon(
                                    ft.Icons.WARNING_AMBER if overdue else ft.Icons.EVENT,
                                    color=kit.WARNING_INK if overdue else ft.Colors.ON_SURFACE_VARIANT,
                                    size=20,
                                ),
                                ft.Text(
                                    when,
                                    size=15,
                                    weight=ft.FontWeight.BOLD if overdue else ft.FontWeight.W_600,
                                    color=kit.WARNING_INK if overdue else None,
                                    expand=True,
                                ),
                            ],
                            spacing=6,
                        ),
                    ],
                    spacing=2,
                    expand=True,
                ),
                ft.Icon(ft.Icons.CHEVRON_RIGHT, color=ft.Colors.ON_SURFACE_VARIANT),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        on_click=lambda e: _open(app, row),
        ink=True,
        border_radius=12,
        padding=14,
    )
    label = _("%(name)s, %(kf)s, %(when)s. Open her visit") % {"name": name, "kf": kf, "when": when}
    return ft.Card(
        content=ft.Semantics(
            content=body,
            identifier=f"due-{row.mother_id}-{row.due.visit.value}",
            label=label,
            button=True,
            container=True,
            exclude_semantics=True,
            on_tap=lambda e: _open(app, row),
        )
    )


@ft.component
def Due() -> ft.View:
    app = use_app()
    rows = use_visitor().due.week()
    overdue = sum(1 for row in rows if row.due.timing is Timing.OVERDUE)
    controls: list[ft.Control] = [
        kit.body(
            _(
                "The postnatal visits (KF1-KF4) due in the next 7 days or overdue, for the mothers in their first "
                "42 days after birth. The first to close comes first."
            ),
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    if rows:
        summary = ngettext("%(n)d visit to make", "%(n)d visits to make", len(rows)) % {"n": len(rows)}
        if overdue:
            summary += " · " + ngettext("%(n)d overdue", "%(n)d overdue", overdue) % {"n": overdue}
        controls.append(kit.tagged(kit.heading(summary, 18), "due-count"))
        controls += [_row(app, row) for row in rows]
    else:
        controls.append(
            kit.tagged(kit.note(_("No postnatal visit is due this week."), icon=ft.Icons.EVENT_AVAILABLE), "due-none")
        )
    return kit.screen(ROUTE, _("Visits this week"), controls, on_back=lambda e: app.back())
