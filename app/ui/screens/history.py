"""Session history: date and time, technique, rounds done, minutes massaged, how it ended, comfort."""

from __future__ import annotations

import flet as ft

from app.domain.records import SessionRecord, SessionStatus
from app.i18n import N_, _, format_datetime, format_decimal, ngettext
from app.ui import kit
from app.ui.screens.labels import TECHNIQUES, t
from app.ui.state import use_app, use_scope

ROUTE = "/history"
HISTORY_LIMIT = 200
STATUS_LABELS = {
    SessionStatus.COMPLETED: N_("Completed"),
    SessionStatus.ENDED_EARLY: N_("Ended early"),
    SessionStatus.STOPPED_PAIN: N_("Stopped: it hurt"),
    SessionStatus.IN_PROGRESS: N_("Not finished"),
}


def session_summary(r: SessionRecord) -> str:
    """'2 of 3 rounds · 8.5 min massaged' in the current language."""
    rounds = ngettext("%(done)d of %(total)d round", "%(done)d of %(total)d rounds", r.rounds_planned) % {
        "done": r.rounds_done,
        "total": r.rounds_planned,
    }
    minutes = _("%(min)s min massaged") % {"min": format_decimal(round(r.minutes_massaged, 1), "0.#")}
    return f"{rounds} · {minutes}"


def session_details(r: SessionRecord) -> list[str]:
    """The small print under a session: technique, comfort, let-down."""
    details = [t(TECHNIQUES, r.technique)] if r.technique else []
    if r.comfort is not None:
        details.append(_("comfort %(n)d/5") % {"n": r.comfort})
    if r.letdown:
        details.append(_("milk let down"))
    return details


def session_card(r: SessionRecord) -> ft.Control:
    status = _(STATUS_LABELS[r.status])
    color = kit.DANGER if r.status is SessionStatus.STOPPED_PAIN else ft.Colors.PRIMARY
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(format_datetime(r.started_at), size=16, weight=ft.FontWeight.BOLD, expand=True),
                ft.Text(status, size=14, weight=ft.FontWeight.W_600, color=color),
            ]
        ),
        ft.Text(session_summary(r), size=15),
    ]
    details = session_details(r)
    if details:
        lines.append(ft.Text(" · ".join(details), size=14, color=ft.Colors.ON_SURFACE_VARIANT))
    if r.demo:
        lines.append(
            ft.Text(_("Demonstration (not counted as a massage)"), size=14, italic=True, color=ft.Colors.TERTIARY)
        )
    return kit.tagged(ft.Card(content=ft.Container(ft.Column(lines, spacing=4), padding=14)), f"session-{r.id}")


@ft.component
def History() -> ft.View:
    app = use_app()
    records = use_scope().diary.massages(limit=HISTORY_LIMIT)  # never a demonstration
    if records:
        controls: list[ft.Control] = [session_card(r) for r in records]
    else:
        controls = [kit.body(_("No massages yet. Start one from the home screen."))]
    return kit.screen(ROUTE, _("Massage history"), controls, on_back=lambda e: app.back())
