"""A visitor's device services: sound cues and spoken prompts (played in order, never
overlapping), vibration, keeping the screen on, and screen-reader announcements.

One queue holds chimes and spoken prompts: a cue's chime first, then its prompt. A prompt whose
turn comes while a newer sound already waits (it would start within a second of the next one), or
more than STALE_S after its moment, is dropped rather than stacked: the husband hears what is true
now. Chimes are never dropped. The voice setting (voice / beeps only / silent) decides what is
queued; vibration does not depend on it, so a cue is felt with the sound off.

Created once per browser session (the services register with that visitor's page). A device
error never stops a massage: every call is guarded and logged without any health data.
"""

from __future__ import annotations

import asyncio
import logging
import wave
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import flet as ft
import flet_audio as fta

from app import ASSETS_DIR
from app.domain.prompts import Clip, Prompt
from app.domain.session import Cue, CueKind
from app.services.own_voice import OwnVoice

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
# A prompt is dropped when a newer sound waits within this long of its start ...
DROP_WITHIN_S = 1.0
# ... or when it would start this long after its moment (a long prompt ran over it).
STALE_S = 3.0
# The voice setting, remembered on the device (settings key "voice").
VOICE, BEEPS, SILENT = "voice", "beeps", "silent"
VOICE_MODES = (VOICE, BEEPS, SILENT)
VOICE_SETTING = "voice"
# "Play a sample" says round 1's start.
SAMPLE_CLIP = Clip.ROUND_1


def voice_src(lang: str, clip: Clip) -> str:
    """The generated prompt, relative to the assets folder."""
    return f"voice/{lang}/{clip.value}.ogg"


@cache
def _voice_manifest() -> dict[str, Any]:
    from app.voicegen import read_manifest

    return dict(read_manifest().get("clips", {}))


def voice_length_s(lang: str, clip: Clip) -> float:
    """Length of a generated prompt, from the manifest written when it was rendered."""
    entry = _voice_manifest().get(f"{lang}/{clip.value}")
    return float(entry["duration_s"]) if entry else 0.0


@dataclass
class _Sound:
    """One entry of the queue: a chime (never dropped) or a spoken clip."""

    name: str  # the CueKind or the Clip
    src: str
    length_s: float
    due: float  # when it was asked for
    spoken: bool
    first: bool = True  # the first clip of its prompt (the drop rule looks at whole prompts)
    forced: bool = False  # a preview in settings: played whatever the voice setting


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

    def __init__(
        self,
        page: ft.Page | None,
        *,
        language: Callable[[], str] = lambda: "id",
        mode: str = VOICE,
        own: OwnVoice | None = None,
        now: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self.page = page
        self.language = language  # the visitor's language, asked at each prompt
        self.mode = mode if mode in VOICE_MODES else VOICE
        self.sounds: dict[str, Any] = {src: fta.Audio(src=src, volume=1.0) for src in CUE_SOUNDS.values()}  # by file
        self.wakelock = ft.Wakelock()
        self.haptics = ft.HapticFeedback()
        self.semantics = ft.SemanticsService()
        # Flet 1.0.5 unregisters, after every event, each service that the app holds by fewer than two
        # references (flet/messaging/session.py after_event -> unregister_services counts them with
        # sys.getrefcount): a sound held once would be gone from the page after the first tap. This
        # list is the second reference of every service here.
        self._alive: list[Any] = [*self.sounds.values(), self.wakelock, self.haptics, self.semantics]
        # Where a clip's sound comes from: (lang, clip) -> (src, seconds) or None for the generated one:
        # the midwife's recording when she made one (whatever the language: it replaces the sound).
        self.own = own
        self.own_voice: Callable[[str, Clip], tuple[str, float] | None] = (
            lambda lang, clip: own.source(clip) if own is not None else None
        )
        self._recorder: Any = None
        self._stream_to: Callable[[Any], Any] = lambda e: None
        self._now = now or (lambda: asyncio.get_running_loop().time())
        self._sleep = sleep or asyncio.sleep
        self._queue: deque[_Sound] = deque()
        self._player: asyncio.Task[None] | None = None
        self._current: Any = None  # the player of the sound being heard
        self.played: list[tuple[str, float]] = []  # (sound, time it started): the queue's record
        self.dropped: list[tuple[str, float]] = []  # prompts left out by the drop rule
        self.vibrated: list[int] = []  # pulse counts, in order

    # -- sound: one queue, so cues and prompts never overlap and keep their order ------------
    def set_mode(self, mode: str) -> None:
        if mode not in VOICE_MODES:
            raise ValueError(f"unknown voice mode {mode!r}")
        self.mode = mode

    def play(self, kind: CueKind) -> None:
        """Queue a chime (nothing when silent)."""
        if self.mode == SILENT:
            return
        self._enqueue([_Sound(kind, CUE_SOUNDS[kind], sound_length_s(CUE_SOUNDS[kind]), self._now(), False)])

    def say(self, prompt: Prompt | tuple[Clip, ...], *, forced: bool = False) -> None:
        """Queue a spoken prompt (its clips back to back); only with the voice setting on, unless
        `forced` (hearing one prompt in settings)."""
        if self.mode != VOICE and not forced:
            return
        clips = prompt.clips if isinstance(prompt, Prompt) else prompt
        lang, due = self.language(), self._now()
        sounds = []
        for i, clip in enumerate(clips):
            src, length = self.own_voice(lang, clip) or (voice_src(lang, clip), voice_length_s(lang, clip))
            sounds.append(_Sound(clip, src, length, due, True, first=i == 0, forced=forced))
        self._enqueue(sounds)

    def count(self, n: int, *, resuming: bool = False) -> None:
        """One step of the get-ready count: spoken with the voice on, else the short tick."""
        from app.domain.prompts import count_clip

        if self.mode == VOICE:
            self.say((count_clip(n, resuming=resuming),))
        else:
            self.play(GET_READY_SOUND)

    def sample(self) -> None:
        """The volume check in settings: what a round's start sounds like with this setting."""
        if self.mode == VOICE:
            self.say((SAMPLE_CLIP,))
        elif self.mode == BEEPS:
            self.play(CueKind.ROUND_START)
        self.vibrate(VIBRATION_PULSES[CueKind.ROUND_START])

    def hush(self) -> None:
        """Stop at once: the sound playing now and everything waiting (the massage was paused)."""
        self._queue.clear()
        if self._player is not None and not self._player.done():
            self._player.cancel()  # done only at its next step: the next sound starts a new player
        self._player = None
        current, self._current = self._current, None
        if current is not None:
            self._spawn(self._safe(current.pause))

    def _enqueue(self, sounds: list[_Sound]) -> None:
        self._queue.extend(sounds)
        if self._player is None or self._player.done():
            try:
                self._player = asyncio.get_running_loop().create_task(self._play_queue())
            except RuntimeError:  # no loop (a plain test): nothing can play
                self._queue.clear()

    def _drop(self, sound: _Sound, start: float) -> bool:
        """A prompt whose turn came too late: a newer sound waits, or its moment has passed."""
        if not sound.spoken:
            return False
        if self.mode != VOICE and not sound.forced:  # switched to beeps only (or silent) while it waited
            return True
        newer = next((s for s in self._queue if s.first or not s.spoken), None)
        return (newer is not None and newer.due <= start + DROP_WITHIN_S) or start - sound.due > STALE_S

    async def _play_queue(self) -> None:
        while self._queue:
            sound = self._queue.popleft()
            start = self._now()
            if sound.first and self._drop(sound, start):
                self.dropped.append((sound.name, start))
                while self._queue and self._queue[0].spoken and not self._queue[0].first:  # the rest of it
                    self.dropped.append((self._queue.popleft().name, start))
                continue
            if sound.spoken and self.mode != VOICE and not sound.forced:
                continue
            self.played.append((sound.name, start))
            player = self._audio(sound.src)
            # Not awaited: the client may answer `play` only when the sound ends, or never (a browser
            # without an audio device); the queue keeps its own time from the sound's known length.
            if self.page is not None:  # without a page (a test) the queue only keeps its record
                self._spawn(self._safe(player.play))
            self._current = player
            await self._sleep(sound.length_s + SOUND_GAP_S)
            self._current = None

    def _audio(self, src: str) -> Any:
        """The player of one file, made when first needed (the page then fetches the file)."""
        player = self.sounds.get(src)
        if player is None:
            player = self.sounds[src] = fta.Audio(src=self._native_source(src), volume=1.0)
            self._alive.append(player)
            if self.page is not None:
                registry = self.page._services  # made outside an event handler: register it ourselves
                if not any(s is player for s in registry._services):
                    registry.register_service(player)
        return player

    def _native_source(self, src: str) -> str | bytes:
        """A browser fetches the midwife's recording from the app's gated server; the packaged phone
        app (no such server) is given the file's bytes instead."""
        from app.services.own_voice import URL_PREFIX

        if self.own is None or self.page is None or self.page.web or not src.startswith(URL_PREFIX.lstrip("/")):
            return src
        name = src.split("?", 1)[0].rsplit("/", 1)[1]
        try:
            return (self.own.folder / name).read_bytes()
        except OSError:
            return src

    def recorder(self, on_stream: Callable[[Any], Any]) -> Any:
        """The page's microphone, streaming raw 16-bit PCM to `on_stream` (made when first needed)."""
        import flet_audio_recorder as far

        from app.services.own_voice import CHANNELS, SAMPLE_RATE

        if self._recorder is None:
            config = far.AudioRecorderConfiguration(
                encoder=far.AudioEncoder.PCM16BITS, channels=CHANNELS, sample_rate=SAMPLE_RATE
            )
            # The handler is set when the service is made: the page streams only to a handler it knew of
            # from the start; it forwards to whichever screen records now.
            self._recorder = far.AudioRecorder(configuration=config, on_stream=lambda e: self._stream_to(e))
            self._alive.append(self._recorder)
            if self.page is not None:
                registry = self.page._services
                if not any(s is self._recorder for s in registry._services):
                    registry.register_service(self._recorder)
        self._stream_to = on_stream
        return self._recorder

    def cue(self, cue: Cue) -> None:
        """A cue of the session: its sound, queued, and its vibration pattern."""
        self.play(cue.kind)
        self.vibrate(VIBRATION_PULSES.get(cue.kind, 1))

    def vibrate(self, pulses: int) -> None:
        self.vibrated.append(pulses)

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
