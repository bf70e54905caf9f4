"""What every screen gets: the page, the store, the clock, the session controller, the device services."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import flet as ft
import flet_audio as fta

from app.domain.clock import Clock
from app.domain.session import Cue, CueKind
from app.i18n import get_language, set_language
from app.store.db import Store
from app.ui.session_controller import SessionController

log = logging.getLogger(__name__)

CUE_SOUNDS = {
    CueKind.ROUND_START: "sounds/round_start.wav",
    CueKind.LAST_SECONDS: "sounds/last_seconds.wav",
    CueKind.ROUND_END: "sounds/round_end.wav",
    CueKind.SESSION_END: "sounds/session_end.wav",
}
THEME_MODES = {"system": ft.ThemeMode.SYSTEM, "light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}
MATERIAL_LOCALES = {"id": ft.Locale("id", "ID"), "en": ft.Locale("en", "GB")}


@dataclass
class AppContext:
    page: ft.Page
    store: Store
    clock: Clock
    controller: SessionController = field(init=False)
    show: Callable[[str], None] = field(init=False, default=lambda route: None)
    ticker: int = field(init=False, default=0)  # generation of the rounds screen's timer task
    _sounds: dict[CueKind, Any] = field(init=False, default_factory=dict)
    _wakelock: Any = field(init=False, default=None)
    _haptics: Any = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.controller = SessionController(self.store, self.clock)

    # -- navigation -------------------------------------------------------------------------
    def go(self, route: str) -> None:
        if self.page.route == route:
            self.show(route)
        else:
            self.page.navigate(route)

    def refresh(self) -> None:
        """Rebuild the current screen (after a language, theme or state change)."""
        self.show(self.page.route)

    # -- language and theme -----------------------------------------------------------------
    def apply_locale(self) -> None:
        self.page.locale_configuration = ft.LocaleConfiguration(
            supported_locales=list(MATERIAL_LOCALES.values()),
            current_locale=MATERIAL_LOCALES[get_language()],
        )

    def change_language(self, lang: str) -> None:
        set_language(lang)
        self.store.set_setting("language", lang)
        self.apply_locale()
        self.refresh()

    @property
    def dark(self) -> bool:
        mode = self.page.theme_mode
        if mode == ft.ThemeMode.SYSTEM:
            return self.page.platform_brightness == ft.Brightness.DARK
        return mode == ft.ThemeMode.DARK

    def apply_theme(self, name: str) -> None:
        self.page.theme_mode = THEME_MODES.get(name, ft.ThemeMode.SYSTEM)

    def change_theme(self, name: str) -> None:
        self.store.set_setting("theme", name)
        self.apply_theme(name)
        self.refresh()

    # -- device services: sound, vibration, keeping the screen on ---------------------------
    def setup_services(self) -> None:
        # Services register with the page when constructed; keep references so they stay.
        self._sounds = {kind: fta.Audio(src=src, volume=1.0) for kind, src in CUE_SOUNDS.items()}
        self._wakelock = ft.Wakelock()
        self._haptics = ft.HapticFeedback()

    def announce(self, cue: Cue) -> None:
        """Play the cue's sound and vibrate (a no-op in browsers); never let a device error stop a round."""
        sound = self._sounds.get(cue.kind)
        if sound is not None:
            self.page.run_task(self._safe, sound.play)
        if self._haptics is not None and cue.kind != CueKind.LAST_SECONDS:
            self.page.run_task(self._safe, self._haptics.heavy_impact)

    def keep_screen_on(self, on: bool) -> None:
        if self._wakelock is not None:
            self.page.run_task(self._safe, self._wakelock.enable if on else self._wakelock.disable)

    @staticmethod
    async def _safe(fn: Callable[[], Any]) -> None:
        try:
            await fn()
        except Exception:  # a missing speaker or an unsupported platform must not end a session
            log.warning("device service call failed", exc_info=True)
