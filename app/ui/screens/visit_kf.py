"""The postnatal (KF) visits card of the visit screen: the visit due and a clear way to mark it
done, then each visit done (on which day, on time or late) with Change and Undo."""

from __future__ import annotations

import flet as ft

from app.domain.visits import Timing, Visit, VisitDue
from app.i18n import _, format_date
from app.services.visits import VisitsService
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens.diary_labels import VISIT_WINDOWS, t
from app.ui.screens.store_error import write_problem
from app.ui.screens.visit_done import done_route
from app.ui.state import AppState
from app.ui.summary_export import history_text


def due_text(due: VisitDue | None, born: bool) -> str:
    if not born:
        return _("Enter the baby's birth date (Mother and baby) to see which visit is due.")
    if due is None:
        return _("No postnatal visit is due: all are done, or the 42 days after birth are over.")
    names = {
        "kf": due.visit.value.upper(),
        "window": t(VISIT_WINDOWS, due.visit),
        "start": format_date(due.starts, "EEE d MMM"),
        "end": format_date(due.ends, "EEE d MMM"),
    }
    if due.timing is Timing.NOW:
        return _("%(kf)s is due now (%(window)s): until %(end)s.") % names
    return _("Next: %(kf)s (%(window)s), from %(start)s.") % names


def _undo(app: AppState, visits: VisitsService, visit: Visit) -> None:
    try:
        visits.undo(visit)
    except StoreWriteError as err:
        app.tell(write_problem(err.code))
        return
    app.tell(_("%(kf)s is no longer marked done.") % {"kf": visit.value.upper()})


def _go(app: AppState, visit: Visit) -> kit.Handler:
    return lambda e: app.go(done_route(visit))


def _undoer(app: AppState, visits: VisitsService, visit: Visit) -> kit.Handler:
    return lambda e: _undo(app, visits, visit)


def kf_card(app: AppState, visits: VisitsService) -> ft.Control:
    born = visits.birth_date()
    due = visits.due()
    lines: list[ft.Control] = [
        kit.heading(_("Postnatal visits (KF1-KF4)"), 18),
        kit.tagged(kit.body(due_text(due, born is not None), weight=ft.FontWeight.W_600), "kf-due"),
    ]
    history = visits.history()
    for line in history:
        kf = line.visit.value.upper()
        text = kit.body(history_text(line), size=15, color=None if line.done else ft.Colors.ON_SURFACE_VARIANT)
        if line.done is None:
            lines.append(kit.tagged(text, f"kf-line-{line.visit.value}"))
            continue
        actions = ft.Row(
            [
                kit.text_button(_("Change %(kf)s") % {"kf": kf}, _go(app, line.visit), f"kf-change-{line.visit.value}"),
                kit.text_button(
                    _("Undo %(kf)s") % {"kf": kf}, _undoer(app, visits, line.visit), f"kf-undo-{line.visit.value}"
                ),
            ],
            spacing=4,
            wrap=True,
        )
        lines.append(
            kit.tagged(
                ft.Column(
                    [
                        ft.Row(
                            [
                                ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY, size=20),
                                ft.Container(text, expand=True),
                            ],
                            vertical_alignment=ft.CrossAxisAlignment.START,
                        ),
                        actions,
                    ],
                    spacing=0,
                ),
                f"kf-line-{line.visit.value}",
            )
        )
    if born is not None and any(line.done is None for line in history):
        target = visits.suggested()
        lines.append(
            kit.primary_button(
                _("Mark %(kf)s visit done") % {"kf": target.value.upper()},
                lambda e: app.go(done_route(target)),
                "kf-mark-done",
                icon=ft.Icons.EVENT_AVAILABLE,
            )
        )
    return kit.tagged(ft.Card(content=ft.Container(ft.Column(lines, spacing=8), padding=16)), "kf-card")
