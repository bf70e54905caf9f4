"""Session step 7: finishing touches, the mother's optional comfort rating and let-down, saved."""

from __future__ import annotations

import flet as ft

from app.domain.records import SessionStatus
from app.i18n import _
from app.ui import kit
from typing import Any as AppContext
from app.ui.screens.history import session_summary


def build(ctx: AppContext) -> ft.View:
    c = ctx.controller
    record = c.record()
    if record is None or record.status is SessionStatus.IN_PROGRESS:
        return kit.screen("/session/finish", _("Massage"), [kit.body(_("No massage to finish."))],
                          bottom=[kit.primary_button(_("Back to home"), lambda e: ctx.go("/"), "finish-home")])
    state = {"comfort": record.comfort, "letdown": record.letdown}

    def set_comfort(v: str) -> None:
        state["comfort"] = int(v)
        comfort_box.content = comfort_row()
        comfort_box.update()

    def set_letdown(v: str) -> None:
        state["letdown"] = v == "yes"
        letdown_box.content = letdown_row()
        letdown_box.update()

    def comfort_row() -> ft.Control:
        return kit.choice_group([(str(n), str(n)) for n in range(1, 6)],
                                None if state["comfort"] is None else str(state["comfort"]), set_comfort, "comfort")

    def letdown_row() -> ft.Control:
        sel = None if state["letdown"] is None else ("yes" if state["letdown"] else "no")
        return kit.choice_group([("yes", _("Yes")), ("no", _("No"))], sel, set_letdown, "letdown")

    def save(e) -> None:
        c.rate(state["comfort"], state["letdown"])
        c.close()
        ctx.go("/history")

    comfort_box = ft.Container(comfort_row())
    letdown_box = ft.Container(letdown_row())
    pain = record.status is SessionStatus.STOPPED_PAIN
    controls: list[ft.Control] = []
    if pain:
        controls += [kit.note(_("Stopped because it hurt. Next time, press more lightly."),
                              icon=ft.Icons.PAN_TOOL, color=kit.DANGER)]
    else:
        controls += [kit.heading(_("Well done!") if record.status is SessionStatus.COMPLETED else _("Massage ended"))]
    controls += [
        kit.body(session_summary(record), weight=ft.FontWeight.W_600),
        kit.body("1. " + _("Wipe the oil off her back with the warm, wet washcloth, then dry it with a towel.")),
        kit.body("2. " + _("Now is a good moment to breastfeed.")),
        ft.Divider(),
        kit.heading(_("How comfortable was it for the mother?"), 18),
        kit.body(_("1 = not comfortable, 5 = very comfortable (optional)"), color=ft.Colors.ON_SURFACE_VARIANT),
        comfort_box,
        kit.heading(_("Did she feel the milk let down or drip?"), 18),
        kit.body(_("Optional"), color=ft.Colors.ON_SURFACE_VARIANT),
        letdown_box,
    ]
    return kit.screen("/session/finish", _("Finish"), controls,
                      bottom=[kit.primary_button(_("Save"), save, "finish-save", icon=ft.Icons.CHECK)])


ROUTES = {"/session/finish": build}


@ft.component
def Finish() -> ft.View:  # STUB
    from app.ui.state import use_app as _ua
    app = _ua()
    return kit.screen("/session_finish", "Finish", [kit.primary_button("Next", lambda e: app.go("/session/run"), "next")], on_back=lambda e: app.back())
