"""Session step 4: how the mother sits (DOMAIN 2 "Position"), with a drawing."""

from __future__ import annotations

import flet as ft

from app.i18n import _
from app.ui import illustrations, kit
from app.ui.screens.demonstrate import drawing_width, teaching
from app.ui.screens.why import why_panel
from app.ui.state import use_app

ROUTE = "/session/position"
ILLUSTRATION_WIDTH = 320


def position_steps() -> list[str]:
    return [
        _("She takes off her top and bra, so the breasts hang free."),
        _("She sits and leans forward, arms folded on the table, head resting on her arms."),
        _("Her back faces you. A towel on her lap catches milk that may drip."),
        _("Or she can lean over the back of a chair."),
    ]


@ft.component
def Position() -> ft.View:
    app = use_app()
    controls: list[ft.Control] = [
        ft.Row(
            [illustrations.position_illustration(drawing_width(app, ILLUSTRATION_WIDTH), dark=app.dark)],
            alignment=ft.MainAxisAlignment.CENTER,
        ),
        *[kit.body(f"{i}. {step}") for i, step in enumerate(position_steps(), start=1)],
        why_panel("position", opened=teaching(app)),
    ]
    return kit.screen(
        ROUTE,
        _("The mother's position"),
        controls,
        bottom=[kit.primary_button(_("Next: hand technique"), lambda e: app.go("/session/technique"), "to-technique")],
        on_back=lambda e: app.back(),
    )
