"""The ways into other screens that Today, the introduction and Settings draw: the buttons to the
midwife's screens, the report opened at the mother's part, and the choice of who uses the app. They
live here, not beside their screens, so that drawing Today does not import the report form, the
mothers list, the week's visits or the visit screen: a screen's module is imported when it is first
shown (app/ui/shell.py SCREENS), and Today is the first screen of every start."""

from __future__ import annotations

import flet as ft

from app.i18n import _
from app.ui import kit
from app.ui.screens.labels import ROLE_LABELS
from app.ui.state import DUE_ROUTE, RECAP_ROUTE, REPORT_ROUTE, AppState

MOTHER_PART = "mother"  # the report's ?part=mother: the mother's own check first


def role_choice(app: AppState) -> ft.Control:
    """Who uses the app, as three large chips, one per line; a tap keeps it on this device."""
    options = [(role.value, _(label)) for role, label in ROLE_LABELS.items()]
    return kit.choice_group(options, app.role.value if app.role else None, app.set_role, "role", columns=1)


def due_entry(app: AppState, count: int | None = None, *, in_row: bool = False) -> ft.Control:
    """The button to the week's visits (the mothers list's top, the midwife's Today)."""
    label = _("Visits this week") if count is None else _("Visits this week (%(n)d)") % {"n": count}
    return kit.secondary_button(label, lambda e: app.go(DUE_ROUTE), "open-due", icon=ft.Icons.EVENT_NOTE, in_row=in_row)


def recap_entry(app: AppState, *, in_row: bool = False) -> ft.Control:
    """The button to the monthly recap (the mothers list's top, beside "Visits this week")."""
    return kit.secondary_button(
        _("Monthly recap"), lambda e: app.go(RECAP_ROUTE), "open-recap", icon=ft.Icons.SUMMARIZE, in_row=in_row
    )


def report_part_route(part: str) -> str:
    """Today's report with one section first (`MOTHER_PART`)."""
    return f"{REPORT_ROUTE}?part={part}"


def visit_entry(go: kit.Handler) -> ft.Control:
    """Today's button to the midwife's visit screen."""
    return kit.secondary_button(_("Midwife's visit"), go, "open-visit", icon=ft.Icons.SCHOOL_OUTLINED)
