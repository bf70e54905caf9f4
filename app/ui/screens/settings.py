"""Settings: language, light/dark theme and the voice (remembered on this device), who is using the
app, the mothers on this phone (the one way a family reaches the list); where the data lives."""

from __future__ import annotations

import flet as ft

from app.i18n import _
from app.ui import kit
from app.ui.screens.entries import role_choice
from app.ui.screens.voice_settings import VoiceSettings
from app.ui.state import MOTHERS_ROUTE, use_app

LANGUAGE_NAMES = [("id", "Bahasa Indonesia"), ("en", "English")]


@ft.component
def Settings() -> ft.View:
    app = use_app()
    controls: list[ft.Control] = [
        kit.heading(_("Language"), 18),
        kit.choice_group(LANGUAGE_NAMES, app.lang, app.set_language, "language"),
        kit.heading(_("Theme"), 18),
        kit.choice_group(
            [("system", _("Automatic")), ("light", _("Light")), ("dark", _("Dark"))], app.theme, app.set_theme, "theme"
        ),
        # The voice: spoken prompts, beeps only or silent (its own section, app/ui/screens/voice_settings.py).
        VoiceSettings(),
        ft.Divider(),
        kit.heading(_("Who is using the app?"), 18),
        role_choice(app),
        kit.secondary_button(
            _("Mothers on this phone"), lambda e: app.go(MOTHERS_ROUTE), "open-mothers", icon=ft.Icons.GROUPS
        ),
        ft.Divider(),
        kit.secondary_button(
            _("About the massage"), lambda e: app.go("/intro"), "open-intro", icon=ft.Icons.INFO_OUTLINE
        ),
        kit.secondary_button(
            _("Your data: backup, export, delete"), lambda e: app.go("/data"), "open-data", icon=ft.Icons.FOLDER_SHARED
        ),
        kit.note(
            _("Everything you record stays on this phone. The app never needs the internet."),
            icon=ft.Icons.LOCK_OUTLINE,
        ),
    ]
    return kit.screen("/settings", _("Settings"), controls, on_back=lambda e: app.back())
