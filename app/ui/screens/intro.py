"""The first-run introduction: what the massage is, who does it, that a midwife should show it
once, and that the app is education, not a replacement for the midwife (DOMAIN section 1); then
who is using the app (family, mother or midwife: it tunes Home, never locks anything).
Shown once on a new device; reachable again from Settings."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.domain.mothers import Role
from app.i18n import _
from app.ui import kit
from app.ui.screens.entries import role_choice
from app.ui.screens.why import HOW_IT_WORKS, MILK_MAKING
from app.ui.state import MOTHERS_ROUTE, AppState, use_app

ROUTE = "/intro"
SEEN_SETTING = "intro_seen"


def intro_needed(app: AppState) -> bool:
    return app.visitor.preferences.get(SEEN_SETTING) != "1"


def _point(icon: ft.IconData, title: str, text: str) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(icon, color=ft.Colors.PRIMARY, size=30),
            ft.Column(
                [ft.Text(title, size=17, weight=ft.FontWeight.BOLD), kit.body(text, size=15)], spacing=2, expand=True
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=12,
    )


@ft.component
def Intro() -> ft.View:
    app = use_app()

    def done(e: Any) -> None:
        app.visitor.preferences.set(SEEN_SETTING, "1")
        if app.role is Role.MIDWIFE:  # she starts from the mothers she visits
            app.replace(MOTHERS_ROUTE)
        else:
            app.back()

    controls: list[ft.Control] = [
        kit.heading(_("Oxytocin massage"), 24),
        # Asked first, on the first screen without scrolling (a midwife's Home differs).
        kit.tagged(kit.heading(_("Who is using the app?"), 20), "role-question"),
        role_choice(app),
        kit.body(
            _(
                "A midwife sees the list of her mothers first. Everyone can use every part of the app; "
                "change this any time in Settings."
            ),
            size=15,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        ft.Divider(),
        _point(
            ft.Icons.SPA,
            _("What it is"),
            _(
                "A gentle massage along both sides of the spine, from the bra line (ribs 5-6) up to the "
                "upper edge of the shoulder blades. It relaxes the mother and helps her milk flow out."
            ),
        ),
        _point(ft.Icons.WATER_DROP_OUTLINED, _("Why it helps"), _(HOW_IT_WORKS) + " " + _(MILK_MAKING)),
        _point(
            ft.Icons.FAMILY_RESTROOM,
            _("Who does it"),
            _("The husband or a family member, in the morning and in the evening. The app guides you step by step."),
        ),
        _point(
            ft.Icons.MEDICAL_SERVICES_OUTLINED,
            _("Learn it from the midwife"),
            _(
                "Ask the midwife (bidan) to show you the massage once. This app reminds you of the steps; it "
                "is education and does not replace the midwife."
            ),
        ),
        _point(
            ft.Icons.LOCK_OUTLINE,
            _("Private"),
            _("Everything you record stays on this phone. The app never needs the internet."),
        ),
    ]
    bottom = [kit.primary_button(_("Let's begin"), done, "intro-done", icon=ft.Icons.ARROW_FORWARD)]
    return kit.screen(ROUTE, _("Welcome"), controls, bottom=bottom)
