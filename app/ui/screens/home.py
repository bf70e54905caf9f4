"""Home: start a guided massage, resume one a closed tab left, history, settings."""

from __future__ import annotations

import flet as ft

from app.domain.session import Status
from app.i18n import _, format_datetime
from app.ui import kit
from app.ui.context import AppContext
from app.ui.screens.history import session_summary


def _resume_card(ctx: AppContext) -> ft.Control | None:
    c = ctx.controller
    if c.active:  # left the rounds screen of this tab (browser back): it was paused on the way
        record = c.record()

        def resume(e) -> None:
            if c.session.status is Status.PAUSED:
                c.resume()
            ctx.go("/session/run")

        def end(e) -> None:
            c.end_early()
            ctx.go("/session/finish")
    else:  # a closed tab, a reload or a killed app left it
        record = c.pending()
        if record is None:
            return None

        def resume(e) -> None:
            c.resume_pending(record)
            ctx.go("/session/run" if c.active else "/session/finish")

        def end(e) -> None:
            c.end_pending(record)
            ctx.go("/session/finish")

    return ft.Card(content=ft.Container(ft.Column([
        kit.heading(_("A massage was interrupted"), 18),
        kit.body(_("Started %(when)s.") % {"when": format_datetime(record.started_at)} + " " + session_summary(record)),
        kit.primary_button(_("Resume"), resume, "resume-pending", icon=ft.Icons.PLAY_ARROW),
        kit.secondary_button(_("End it and save"), end, "end-pending", icon=ft.Icons.STOP),
    ], spacing=10), padding=16))


def build(ctx: AppContext) -> ft.View:
    ctx.controller.suspend()  # nobody is on the rounds screen now: nothing counts until resumed
    controls: list[ft.Control] = []
    resume = _resume_card(ctx)
    if resume is not None:
        controls.append(resume)
    controls += [
        kit.body(_("A gentle massage along both sides of the spine. It relaxes the mother and helps "
                   "her milk flow out.")),
        kit.body(_("Do it in the morning and in the evening. The app guides you step by step.")),
        kit.primary_button(_("Start a massage"), lambda e: _start(ctx), "start-session", icon=ft.Icons.SPA),
        kit.secondary_button(_("Massage history"), lambda e: ctx.go("/history"), "open-history",
                             icon=ft.Icons.HISTORY),
    ]
    settings = kit.tagged(ft.IconButton(icon=ft.Icons.SETTINGS, tooltip=_("Settings"), icon_size=28,
                                        on_click=lambda e: ctx.go("/settings")), "open-settings", label=_("Settings"))
    return kit.screen("/", _("Oxytocin massage"), controls, actions=[settings])


def _start(ctx: AppContext) -> None:
    ctx.controller.reset_wizard()
    ctx.go("/session/setup")
