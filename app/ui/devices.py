"""A visitor's device services: sound cues and spoken prompts (played in order, never
overlapping), vibration, keeping the screen on, and screen-reader announcements.

One queue holds chimes and spoken prompts: a cue's chime first, then its prompt; each sound starts
once the one before it has ended (app/ui/sound.py follows the page's players). A prompt whose turn
comes while a newer sound already waits (it would start within a second of the next one), or more
than STALE_S after its moment, is dropped rather than stacked: the husband hears what is true now.
Chimes are never dropped. The voice setting (voice / beeps only / silent) decides what is queued;
vibration does not depend on it, so a cue is felt with the sound off.

Before a massage counts down, `prepare` has the page load every sound it will need (a sound first
loaded at its moment would come late); a sound the page cannot load is left out, never waited for
again. Once the massage is over and its last sound heard, the page lets every sound go: a page
holding loaded sounds keeps Chromium's media threads busy, about 30 ms of CPU a second, idle or not
(docs/benchmarks.md), so Today loads none.

Created once per browser session (the services register with that visitor's page). A device
error never stops a massage: every call is guarded and logged without any health data.
"""

from __future__ import annotations

import asyncio
import logging
import wave
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import flet as ft

from app import ASSETS_DIR
from app.domain.prompts import Clip, Prompt
from app.domain.session import Cue, CueKind
from app.services.own_voice import OwnVoice
from app.ui.lost_connection import LANGUAGE_KEY
from app.ui.sound import Players, guarded

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
# How long the page may take to load the sounds of a massage before its count starts (it goes on
# without those it did not get), and one sound first asked for elsewhere (a preview in settings).
PREPARE_WAIT_S = 10.0
LOAD_WAIT_S = 3.0
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
    after_chime: bool = False  # a cue's prompt: its moment is when its chime has been heard
    done: asyncio.Event | None = None  # set once it has left the queue (heard, dropped or hushed)


def _finished(sound: _Sound) -> None:
    if sound.done is not None:
        sound.done.set()


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
        # Where a clip's sound comes from: (lang, clip) -> (src, seconds) or None for the generated one:
        # the midwife's recording when she made one (whatever the language: it replaces the sound).
        self.own = own
        self.own_voice: Callable[[str, Clip], tuple[str, float] | None] = (
            lambda lang, clip: own.source(clip) if own is not None else None
        )
        self.players = Players(page, self._native_source)
        self._holding = False  # a massage holds its sounds, from `prepare` until it is over
        self.wakelock = ft.Wakelock()
        self.haptics = ft.HapticFeedback()
        self.semantics = ft.SemanticsService()
        self.preferences = ft.SharedPreferences()  # the page's own storage (app/ui/lost_connection.py)
        # Flet 1.0.5 unregisters, after every event, each service that the app holds by fewer than two
        # references (flet/messaging/session.py after_event -> unregister_services counts them with
        # sys.getrefcount): a service held once would be gone from the page after the first tap. This
        # list is the second reference of every service here but the players (Players keeps theirs).
        self._alive: list[Any] = [self.wakelock, self.haptics, self.semantics, self.preferences]
        self._recorder: Any = None
        self._stream_to: Callable[[Any], Any] = lambda e: None
        self._now = now or (lambda: asyncio.get_running_loop().time())
        self._sleep = sleep or asyncio.sleep
        self._queue: deque[_Sound] = deque()
        self._player: asyncio.Task[None] | None = None
        self._current: str | None = None  # the file of the sound being heard
        self._chime_ended = float("-inf")  # when the last chime was heard to its end
        self._unavailable: set[str] = set()  # files the page did not load in time: left out
        self.played: list[tuple[str, float]] = []  # (sound, time it started): the queue's record
        self.dropped: list[tuple[str, float]] = []  # prompts left out by the drop rule
        self.vibrated: list[int] = []  # pulse counts, in order

    @property
    def sounds(self) -> dict[str, Any]:
        """The page's players, by file."""
        return self.players.players

    # -- sound: one queue, so cues and prompts never overlap and keep their order ------------
    def source(self, lang: str, clip: Clip) -> tuple[str, float]:
        """(file, seconds) of a clip: her recording, else the generated voice in `lang`."""
        return self.own_voice(lang, clip) or (voice_src(lang, clip), voice_length_s(lang, clip))

    async def prepare(self, clips: Iterable[Clip], *, timeout: float = PREPARE_WAIT_S) -> list[str]:
        """Have the page load the chimes and these prompts (as the voice setting will play them) and
        wait until it has, at most `timeout` seconds. Returns the files it did not get: the massage
        goes on without them."""
        self._holding = True  # also silent: switched to a voice meanwhile, its sounds stay for the rest
        if self.mode == SILENT:
            return []
        srcs = list(CUE_SOUNDS.values())
        if self.mode == VOICE:
            lang = self.language()
            srcs += [self.source(lang, clip)[0] for clip in clips]
        missing = await self.players.prepare(srcs, timeout)
        self._unavailable.update(missing)
        if missing:
            log.warning("%d sounds were not loaded in time", len(missing))
        return missing

    def set_mode(self, mode: str) -> None:
        if mode not in VOICE_MODES:
            raise ValueError(f"unknown voice mode {mode!r}")
        self.mode = mode

    def play(self, kind: CueKind) -> asyncio.Event | None:
        """Queue a chime (nothing when silent); returns what is set once it has been heard."""
        if self.mode == SILENT:
            return None
        return self._enqueue([_Sound(kind, CUE_SOUNDS[kind], sound_length_s(CUE_SOUNDS[kind]), self._now(), False)])

    def say(self, prompt: Prompt | tuple[Clip, ...], *, forced: bool = False) -> asyncio.Event | None:
        """Queue a spoken prompt (its clips back to back); only with the voice setting on, unless
        `forced` (hearing one prompt in settings). Returns what is set once it has been said."""
        if self.mode != VOICE and not forced:
            return None
        clips = prompt.clips if isinstance(prompt, Prompt) else prompt
        lang, due = self.language(), self._now()
        if isinstance(prompt, Prompt) and prompt.cue is not None:  # its moment is when its chime has sounded
            due += sound_length_s(CUE_SOUNDS[prompt.cue]) + SOUND_GAP_S
        sounds = []
        for i, clip in enumerate(clips):
            src, length = self.source(lang, clip)
            after = isinstance(prompt, Prompt) and prompt.cue is not None
            sounds.append(_Sound(clip, src, length, due, True, first=i == 0, forced=forced, after_chime=after))
        return self._enqueue(sounds)

    def count(self, n: int, *, resuming: bool = False) -> asyncio.Event | None:
        """One step of the get-ready count: spoken with the voice on, else the short tick. Returns
        what is set once it has been heard (the count waits for it: voice and number keep together)."""
        from app.domain.prompts import count_clip

        if self.mode == VOICE:
            return self.say((count_clip(n, resuming=resuming),))
        return self.play(GET_READY_SOUND)

    def sample(self) -> None:
        """The volume check in settings: what a round's start sounds like with this setting."""
        if self.mode == VOICE:
            self.say((SAMPLE_CLIP,))
        elif self.mode == BEEPS:
            self.play(CueKind.ROUND_START)
        self.vibrate(VIBRATION_PULSES[CueKind.ROUND_START])

    def hush(self) -> None:
        """Stop at once: the sound playing now and everything waiting (the massage was paused)."""
        for sound in self._queue:
            _finished(sound)
        self._queue.clear()
        if self._player is not None and not self._player.done():
            self._player.cancel()  # done only at its next step: the next sound starts a new player
        self._player = None
        current, self._current = self._current, None
        if current is not None and self.page is not None:
            self._spawn(self.players.stop(current))

    def _enqueue(self, sounds: list[_Sound]) -> asyncio.Event | None:
        if not sounds:
            return None
        sounds[-1].done = asyncio.Event()
        self._queue.extend(sounds)
        if self._player is None or self._player.done():
            try:
                self._player = asyncio.get_running_loop().create_task(self._play_queue())
            except RuntimeError:  # no loop (a plain test): nothing can play
                self._queue.clear()
                _finished(sounds[-1])
        return sounds[-1].done

    def _drop(self, sound: _Sound, start: float) -> bool:
        """A prompt whose turn came too late: a newer sound waits, or its moment has passed."""
        if not sound.spoken:
            return False
        if self.mode != VOICE and not sound.forced:  # switched to beeps only (or silent) while it waited
            return True
        newer = next((s for s in self._queue if s.first or not s.spoken), None)
        # A cue's prompt is on time right after its chime, however late the chime itself ended (a
        # slow page reports a sound's end late): the closing words are never lost to that.
        moment = max(sound.due, self._chime_ended) if sound.after_chime else sound.due
        return (newer is not None and newer.due <= start + DROP_WITHIN_S) or start - moment > STALE_S

    async def _play_queue(self) -> None:
        try:
            while self._queue:
                sound = self._queue.popleft()
                try:
                    await self._play_one(sound)
                finally:  # also when hushed: whoever waits for it goes on
                    _finished(sound)
        finally:
            if not self._holding and not self._queue:  # heard, and no massage needs them
                self.players.release()

    async def _play_one(self, sound: _Sound) -> None:
        start = self._now()
        if sound.first and self._drop(sound, start):
            self.dropped.append((sound.name, start))
            while self._queue and self._queue[0].spoken and not self._queue[0].first:  # the rest of it
                rest = self._queue.popleft()
                self.dropped.append((rest.name, start))
                _finished(rest)
            return
        if sound.spoken and self.mode != VOICE and not sound.forced:
            return
        self.players.player(sound.src)
        if not await self._loaded(sound.src):
            self.dropped.append((sound.name, start))
            return
        self.played.append((sound.name, start))
        self._current = sound.src
        if self.page is None:  # a test: the queue only keeps its record, on its own clock
            await self._sleep(sound.length_s)
        else:
            await self.players.play(sound.src, sound.length_s)
        self._current = None
        if not sound.spoken:
            self._chime_ended = self._now()
        await self._sleep(SOUND_GAP_S)

    async def _loaded(self, src: str) -> bool:
        """The page has this sound, or gets it within LOAD_WAIT_S (once: a file it could not load is
        left out from then on, unless it arrives later after all)."""
        if self.players.loaded(src):
            return True
        if src in self._unavailable:
            return False
        if await self.players.prepare([src], LOAD_WAIT_S):
            self._unavailable.add(src)
            return False
        return True

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
                await guarded(self.haptics.heavy_impact)

        self._spawn(pattern())

    # -- screen and screen reader -----------------------------------------------------------
    def keep_screen_on(self, on: bool, *, over: bool = False) -> None:
        """Keep the screen on while a massage runs; `over`: it has ended, and its sounds are let go
        once heard (at once when none plays)."""
        self._spawn(guarded(self.wakelock.enable if on else self.wakelock.disable))
        if over:
            self._holding = False
            if self._player is None or self._player.done():
                self.players.release()

    def announce(self, message: str) -> None:
        """Say a message through the screen reader (e.g. the phase or "paused")."""
        self._spawn(guarded(lambda: self.semantics.announce_message(message)))

    def remember_language(self, lang: str) -> None:
        """Keep the visitor's language in the page, for words shown when the app cannot be reached."""
        self._spawn(guarded(lambda: self.preferences.set(LANGUAGE_KEY, lang)))

    def _spawn(self, coro: Awaitable[None]) -> None:
        try:
            asyncio.get_running_loop().create_task(coro)  # type: ignore[arg-type]
        except RuntimeError:  # no loop (a test without a page): nothing to play
            if asyncio.iscoroutine(coro):
                coro.close()
