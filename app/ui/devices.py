"""A visitor's device services: sound cues (played in order, never overlapping), vibration,
keeping the screen on, and screen-reader announcements.

Created once per browser session (the services register with that visitor's page). A device
error never stops a massage: every call is guarded and logged without any health data.
"""

from __future__ import annotations

import asyncio
import logging
import wave
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

import flet as ft
import flet_audio as fta

from app import ASSETS_DIR
from app.domain.session import Cue, CueKind

log = logging.getLogger(__name__)

CUE_SOUNDS = {
    CueKind.ROUND_START: "sounds/round_start.wav",
    CueKind.LAST_SECONDS: "sounds/last_seconds.wav",
    CueKind.ROUND_END: "sounds/round_end.wav",
    CueKind.SESSION_END: "sounds/session_end.wav",
}
# The short tick of the "get ready" count reuses the last-seconds sound.
GET_READY_SOUND = CueKind.LAST_SECONDS
# Pulses per cue, so the cue is clear with the sound off: start 1, last seconds 2, end 3.
VIBRATION_PULSES = {CueKind.ROUND_START: 1, CueKind.LAST_SECONDS: 2, CueKind.ROUND_END: 1, CueKind.SESSION_END: 3}
PULSE_GAP_S = 0.25
# A small gap between two sounds of the queue, so a round's end and the next start stay distinct.
SOUND_GAP_S = 0.15


@cache
def sound_length_s(relative: str) -> float:
    """Length of a bundled WAV file in seconds (0 if it cannot be read)."""
    try:
        with wave.open(str(ASSETS_DIR / relative), "rb") as w:
            return w.getnframes() / float(w.getframerate())
    except (OSError, wave.Error):
        return 0.0


class Devices:
    """Sound, vibration, wakelock and announcements for one visitor's page."""

    def __init__(self, page: ft.Page | None) -> None:
        self.page = page
        self.sounds: dict[CueKind, Any] = {kind: fta.Audio(src=src, volume=1.0) for kind, src in CUE_SOUNDS.items()}
        self.wakelock = ft.Wakelock()
        self.haptics = ft.HapticFeedback()
        self.semantics = ft.SemanticsService()
        self._queue: asyncio.Queue[CueKind] | None = None
        self._player: asyncio.Task[None] | None = None
        self.played: list[tuple[CueKind, float]] = []  # (sound, loop time it started): the queue's record

    # -- sound: one queue, so cues never overlap and keep their order -----------------------
    def play(self, kind: CueKind) -> None:
        if self._queue is None:
            self._queue = asyncio.Queue()
        self._queue.put_nowait(kind)
        if self._player is None or self._player.done():
            self._player = asyncio.get_running_loop().create_task(self._play_queue())

    async def _play_queue(self) -> None:
        assert self._queue is not None
        while not self._queue.empty():
            kind = self._queue.get_nowait()
            self.played.append((kind, asyncio.get_running_loop().time()))
            sound = self.sounds.get(kind)
            if sound is not None:
                await self._safe(sound.play)
                await asyncio.sleep(sound_length_s(CUE_SOUNDS[kind]) + SOUND_GAP_S)

    def cue(self, cue: Cue) -> None:
        """A cue of the session: its sound, queued, and its vibration pattern."""
        self.play(cue.kind)
        self.vibrate(VIBRATION_PULSES.get(cue.kind, 1))

    def vibrate(self, pulses: int) -> None:
        async def pattern() -> None:
            for i in range(pulses):
                if i:
                    await asyncio.sleep(PULSE_GAP_S)
                await self._safe(self.haptics.heavy_impact)

        self._spawn(pattern())

    # -- screen and screen reader -----------------------------------------------------------
    def keep_screen_on(self, on: bool) -> None:
        self._spawn(self._safe(self.wakelock.enable if on else self.wakelock.disable))

    def announce(self, message: str) -> None:
        """Say a message through the screen reader (e.g. the phase or "paused")."""
        self._spawn(self._safe(lambda: self.semantics.announce_message(message)))

    def _spawn(self, coro: Awaitable[None]) -> None:
        try:
            asyncio.get_running_loop().create_task(coro)  # type: ignore[arg-type]
        except RuntimeError:  # no loop (a test without a page): nothing to play
            if asyncio.iscoroutine(coro):
                coro.close()

    @staticmethod
    async def _safe(fn: Callable[[], Any]) -> None:
        try:
            result = fn()
            if asyncio.iscoroutine(result):
                await result
        except Exception:  # a missing speaker or an unsupported platform must not end a session
            log.warning("device service call failed", exc_info=True)
