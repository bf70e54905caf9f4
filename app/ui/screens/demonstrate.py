"""The midwife's demonstration: the whole guided session at demonstration speed (20-second rounds),
with the "Why?" panels open and the drawings as large as the screen allows, for showing the family.

It runs the ordinary session flow with `Wizard.teaching` set. The session is stored marked `demo`,
and every reading of the diary leaves demonstrations out (Today's massages and its interrupted-massage
card, the massage history, the diary's history and trends, the visit summary): nothing of it is
recorded in any mother's diary.
"""

from __future__ import annotations

import flet as ft

from app.i18n import _
from app.ui.state import AppState

LARGE_MAX = 720  # a tablet held up for the family; beyond this the drawing only grows blurry lines
SIDE_PADDING = 32  # the screen's body has 16 px on each side
PHONE_WIDTH = 360


def teaching(app: AppState) -> bool:
    return app.scope.massage.wizard.teaching


def drawing_width(app: AppState, normal: int) -> int:
    """The drawing's width: `normal`, or in a demonstration the whole width of the screen's body."""
    if not teaching(app):
        return normal
    try:
        page_width = ft.context.page.width
    except RuntimeError:  # drawn without a page (tests)
        page_width = None
    width = int(page_width or PHONE_WIDTH) - SIDE_PADDING
    return max(normal, min(LARGE_MAX, width))


def start_demonstration(app: AppState) -> None:
    """Start the demonstration, unless a massage is unfinished: then Home shows it (Resume or End)."""
    c = app.scope.massage
    if c.active or c.pending() is not None:
        app.reset()
        app.tell(_("A massage is not finished yet. Resume it, or end it and save it before starting a new one."))
        return
    c.reset_wizard()
    c.wizard.demo = True
    c.wizard.teaching = True
    app.go("/session/setup")
