"""After the safety check, when an answer was Yes or Not sure: no massage today, ask the midwife
first (DOMAIN 3: "When in doubt: ask the midwife first"). Calm, with the reasons listed."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.domain.protocol import Contraindication
from app.i18n import _
from app.services.wizard import SafetyAnswer
from app.ui import kit
from app.ui.screens.flag_labels import Calls, dial, midwife_call_button
from app.ui.screens.labels import CONTRAINDICATION_SHORT, t
from app.ui.state import use_app

ROUTE = "/session/unsafe"


def _reasons(title: str, codes: list[Contraindication]) -> list[ft.Control]:
    if not codes:
        return []
    return [
        kit.body(title),
        *[kit.body("•  " + t(CONTRAINDICATION_SHORT, code), weight=ft.FontWeight.W_600) for code in codes],
    ]


@ft.component
def Unsafe() -> ft.View:
    app = use_app()
    wiz = app.scope.massage.wizard
    yes = wiz.answered(SafetyAnswer.YES)
    unsure = wiz.answered(SafetyAnswer.NOT_SURE)
    profile = app.scope.diary.profile()

    def home(e: Any) -> None:
        app.scope.massage.reset_wizard()
        app.reset()

    if wiz.needs_caesarean_ok:  # DOMAIN §3: after an operasi sesar, the midwife's OK first
        caesarean = [kit.body("•  " + _("After an operasi sesar, the midwife's OK first"), weight=ft.FontWeight.W_600)]
    else:
        caesarean = []
    if yes:
        icon = ft.Icon(ft.Icons.FRONT_HAND_OUTLINED, size=56, color=kit.DANGER)
        title = _("Please do not massage today")
        advice = _(
            "With this, the massage may not be safe for her. Ask the midwife (bidan) first; "
            "she can tell you when it is safe to start."
        )
    else:
        icon = ft.Icon(ft.Icons.SUPPORT_AGENT, size=56, color=ft.Colors.PRIMARY)
        title = _("Ask the midwife first")
        advice = _(
            "When you are not sure, it is safer to wait. Ask the midwife (bidan) first; "
            "she can tell you whether the massage is safe for her."
        )
    controls: list[ft.Control] = [
        icon,
        kit.heading(title),
        *_reasons(_("You answered yes to:"), yes),
        *_reasons(_("You were not sure about:"), unsure),
        *([kit.body(_("Before the massage:")), *caesarean] if caesarean else []),
        kit.body(advice),
        midwife_call_button(
            Calls(midwife_tel=profile.midwife_tel if profile else None, dial=dial, add_phone=lambda: app.go("/profile"))
        ),
        kit.note(_("Nothing was recorded as a massage.")),
    ]
    return kit.screen(
        ROUTE,
        _("Safety check"),
        controls,
        bottom=[
            kit.primary_button(_("Back to home"), home, "unsafe-home", icon=ft.Icons.HOME),
            kit.secondary_button(_("Change an answer"), lambda e: app.back(), "unsafe-change"),
        ],
        on_back=lambda e: app.back(),
    )
