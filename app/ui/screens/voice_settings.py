"""The settings screen's voice section: spoken prompts, beeps only, or silent (remembered for
each mother: on a midwife's device, one mother's "silent" is never another's), with "play a
sample" as a volume check. A section of its own so that it merges cleanly with other settings."""

from __future__ import annotations

import flet as ft

from app.i18n import N_, _
from app.ui import kit
from app.ui.devices import BEEPS, SILENT, VOICE
from app.ui.screens.diary_labels import t, use_lazy_state
from app.ui.screens.whose import name_of
from app.ui.state import OWN_VOICE_ROUTE, AppState, use_app

# The voice as "Same as last time" names it, on a line under her minutes and technique.
VOICE_WORDS = {VOICE: N_("Voice on"), BEEPS: N_("Beeps only"), SILENT: N_("Silent")}


def voice_word(app: AppState) -> str:
    return t(VOICE_WORDS, app.voice_mode())


def _whose(app: AppState) -> list[ft.Control]:
    """On a device with several mothers: whose choice this is."""
    if app.visitor.mothers.active_count() < 2:
        return []
    mother = app.visitor.mothers.get(app.scope.mother_id)
    if mother is None:
        return []
    return [
        kit.body(
            _("Each mother keeps her own. This is for: %(name)s") % {"name": name_of(mother)},
            size=14,
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    ]


@ft.component
def VoiceSettings() -> ft.Column:
    app = use_app()
    mode, set_mode = use_lazy_state(app.voice_mode)

    def choose(value: str) -> None:
        app.set_voice_mode(value)
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
            *_whose(app),
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
