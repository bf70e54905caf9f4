"""Settings: language (remembered) and light/dark theme; where the data lives."""

from __future__ import annotations

import flet as ft

from app.i18n import _
from app.ui import kit
from app.ui.context import AppContext

LANGUAGE_NAMES = [("id", "Bahasa Indonesia"), ("en", "English")]


def build(ctx: AppContext) -> ft.View:
    from app.i18n import get_language

    theme = ctx.store.get_setting("theme") or "system"
    controls: list[ft.Control] = [
        kit.heading(_("Language"), 18),
        kit.choice_group(LANGUAGE_NAMES, get_language(), ctx.change_language, "language"),
        kit.heading(_("Theme"), 18),
        kit.choice_group([("system", _("Automatic")), ("light", _("Light")), ("dark", _("Dark"))], theme,
                         ctx.change_theme, "theme"),
        ft.Divider(),
        kit.note(_("Everything you record stays on this phone. The app never needs the internet."),
                 icon=ft.Icons.LOCK_OUTLINE),
    ]
    return kit.screen("/settings", _("Settings"), controls, on_back=lambda e: ctx.go("/"))
