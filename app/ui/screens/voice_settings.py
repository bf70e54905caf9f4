"""The settings screen's voice section: spoken prompts, beeps only, or silent (remembered on this
device), with "play a sample" as a volume check. A section of its own so that it merges cleanly
with other settings."""

from __future__ import annotations

import flet as ft

from app.i18n import _
from app.ui import kit
from app.ui.devices import BEEPS, SILENT, VOICE, VOICE_MODES, VOICE_SETTING
from app.ui.screens.diary_labels import use_lazy_state
from app.ui.screens.own_voice import ROUTE as OWN_VOICE_ROUTE
from app.ui.state import AppState, use_app


def voice_mode(app: AppState) -> str:
    """The device's remembered choice (spoken prompts unless changed)."""
    mode = app.visitor.preferences.get(VOICE_SETTING)
    return mode if mode in VOICE_MODES else VOICE


@ft.component
def VoiceSettings() -> ft.Column:
    app = use_app()
    mode, set_mode = use_lazy_state(lambda: voice_mode(app))

    def choose(value: str) -> None:
        app.visitor.preferences.set(VOICE_SETTING, value)
        if app.visitor.devices is not None:
            app.visitor.devices.set_mode(value)
        set_mode(value)

    def sample(e: ft.Event) -> None:
        if app.visitor.devices is not None:
            app.visitor.devices.sample()

    explain = {
        VOICE: _("A voice says each step, so your eyes can stay on her back. Chimes and vibration too."),
        BEEPS: _("Only chimes and vibration, no voice."),
        SILENT: _("Only vibration, on phones that can vibrate."),
    }[mode]
    return ft.Column(
        [
            kit.heading(_("Sound during the massage"), 18),
            kit.choice_group(
                [(VOICE, _("Voice")), (BEEPS, _("Beeps only")), (SILENT, _("Silent"))], mode, choose, "voice-mode"
            ),
            kit.body(explain),
            kit.secondary_button(_("Play a sample"), sample, "voice-sample", icon=ft.Icons.VOLUME_UP),
            # The midwife records the prompts in her own voice (app/ui/screens/own_voice.py).
            kit.secondary_button(
                _("Record the prompts in your own voice"),
                lambda e: app.go(OWN_VOICE_ROUTE),
                "open-own-voice",
                icon=ft.Icons.MIC,
            ),
        ],
        spacing=12,
    )
