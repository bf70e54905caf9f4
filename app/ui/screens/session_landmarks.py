"""Session step 6: where to massage (DOMAIN 2 "Landmarks": where to start, which way, where to stop),
the hands warmed and oiled now that she is seated, then Start: the rounds run by themselves."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.i18n import _
from app.ui import illustrations, kit
from app.ui.screens.demonstrate import drawing_width, teaching
from app.ui.screens.why import why_panel
from app.ui.state import use_app

ROUTE = "/session/landmarks"
ILLUSTRATION_WIDTH = 320


def landmark_steps() -> list[str]:
    # DOMAIN 2 "Landmarks" and "Movement": the bra line is the START (at the bottom), the upper edge
    # of the shoulder blades the END (at the top); C7 only finds the spine's line.
    return [
        _(
            "Find the most prominent bone at the base of her neck: the spine runs straight below it. "
            "The neck itself is not massaged."
        ),
        _("The zone runs on both sides of the spine, 1-2 finger-widths from it."),
        _("Start at the bra line: level with ribs 5-6, where the bra's hooks sit."),
        _("Stop at the upper edge of the shoulder blades."),
        _(
            "Massage both sides at once with small circles, moving up from the bra line to the upper "
            "edge of the shoulder blades. Then lift your hands, go back to the bra line and go up again."
        ),
    ]


def oil_hands_text() -> str:
    # DOMAIN 2 "Preparation" and 5b: the massager warms the hands and oils the palms; here, once she
    # is seated, just before touching her back (not at the start of the preparation).
    return _("Now, just before you touch her back: warm your hands by rubbing them together, then oil your palms.")


@ft.component
def Landmarks() -> ft.View:
    app = use_app()

    def start(e: Any) -> None:
        app.session.start()  # the "3, 2, 1" count, then round 1
        app.go("/session/run")

    # The page loads the massage's sounds while this step is read: the count after Start need not wait.
    ft.use_effect(lambda: app.session.prepare_sounds(), [])

    controls: list[ft.Control] = [
        ft.Row(
            [illustrations.back_illustration(drawing_width(app, ILLUSTRATION_WIDTH), dark=app.dark, marker=None)],
            alignment=ft.MainAxisAlignment.CENTER,
        ),
        *[kit.body(f"{i}. {step}") for i, step in enumerate(landmark_steps(), start=1)],
        kit.tagged(kit.note(oil_hands_text(), icon=ft.Icons.CLEAN_HANDS), "oil-hands"),
        why_panel("landmarks", opened=teaching(app)),
        kit.note(
            _(
                "Once you start, rounds and rests follow by themselves, with a sound at each change. "
                "No need to touch the phone with oily hands."
            ),
            icon=ft.Icons.VOLUME_UP_OUTLINED,
        ),
    ]
    return kit.screen(
        ROUTE,
        _("Where to massage"),
        controls,
        bottom=[kit.primary_button(_("Start round 1"), start, "start-round", icon=ft.Icons.PLAY_ARROW)],
        on_back=lambda e: app.back(),
    )
