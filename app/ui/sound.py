"""The page's sound players: one flet_audio.Audio per file, loaded by the page before it is needed,
started without a rewind, and followed until it ends.

What the page does with a player (flet-audio 1.0.5 in Chromium; audioplayers underneath), and so
why this module works as it does:
- `Audio.play()` sends position 0: the page seeks first and waits up to 30 s for the browser's
  `seeked` event, which a player that has not loaded its file never sends; that sound is never
  heard. A sound here is started with `resume()` (no seek) on a player whose file the page has.
- The page says it has a player's file with `on_loaded` (after the browser's `loadeddata`). A
  reloaded tab is a new page with new players, which load again: a player counts as loaded only
  for the connection that said so.
- Release mode STOP: when a sound ends, the page keeps the file and rewinds to its start (RELEASE,
  the default, throws the file away, and the next use has to load it again). A sound cut short
  (the massage paused) is rewound with `seek(0)`, which a loaded player answers at once.
- `on_state_change` says when a sound has ended ("completed"), so the next one starts only then.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

import flet as ft
import flet_audio as fta

log = logging.getLogger(__name__)

# How long a sound may run past its known length before the queue stops waiting for its end (the
# page started it late, or cannot say: a closed tab). Generous: a page busy drawing a new screen
# tells late, and starting the next sound before it has said so could overlap the two.
END_SLACK_S = 4.0


class Players:
    """The players of one visitor's page, by file (relative to the assets, or the recordings' address)."""

    def __init__(self, page: ft.Page | None, source: Callable[[str], str | bytes] = lambda src: src) -> None:
        self.page = page
        self._source = source  # what the page is given for a file (a phone app: a recording's bytes)
        self.players: dict[str, Any] = {}
        # Flet 1.0.5 unregisters, after every event, each service that the app holds by fewer than two
        # references (flet/messaging/session.py after_event -> unregister_services counts them with
        # sys.getrefcount): a player held once would be gone from the page after the next tap. This
        # list is the second reference.
        self.alive: list[Any] = []
        self._loaded: dict[str, Any] = {}  # file -> the connection over which the page said it has it
        self._ended: dict[str, asyncio.Event] = {}
        self._changed: asyncio.Event | None = None

    def player(self, src: str) -> Any:
        """The player of one file, made (and given to the page, which then loads it) on first use."""
        player = self.players.get(src)
        if player is None:
            player = fta.Audio(
                src=self._source(src),
                volume=1.0,
                release_mode=fta.ReleaseMode.STOP,
                on_loaded=lambda e, src=src: self._on_loaded(src),
                on_state_change=lambda e, src=src: self._on_state(src, e.state),
            )
            self.players[src] = player
            self.alive.append(player)
            if self.page is not None:
                registry = self.page._services  # made outside an event handler: register it ourselves
                if not any(s is player for s in registry._services):
                    registry.register_service(player)
        return player

    def release(self) -> None:
        """Let the page throw every player away (the next massage's `prepare` makes them again)."""
        if not self.players:
            return
        self.players.clear()
        self.alive.clear()
        self._loaded.clear()
        self._ended.clear()
        if self.page is not None:  # Flet drops the services nothing holds (else after the next tap)
            with contextlib.suppress(RuntimeError):  # the session is gone: so is the page
                self.page._services.unregister_services()

    def _connection(self) -> Any:
        try:
            return self.page.session.connection if self.page is not None else None
        except RuntimeError:  # the session is gone
            return None

    def loaded(self, src: str) -> bool:
        """The page has this file now (without a page, a test: every file counts as loaded)."""
        if self.page is None:
            return True
        connection = self._connection()
        return connection is not None and self._loaded.get(src) is connection

    def _on_loaded(self, src: str) -> None:
        self._loaded[src] = self._connection()
        if self._changed is not None:
            self._changed.set()

    def _on_state(self, src: str, state: Any) -> None:
        if state in (fta.AudioState.COMPLETED, fta.AudioState.STOPPED) and src in self._ended:
            self._ended[src].set()

    async def prepare(self, srcs: Iterable[str], timeout: float) -> list[str]:
        """Make the players of these files and wait, at most `timeout` seconds, until the page has
        loaded them all; returns those it has not."""
        wanted = list(dict.fromkeys(srcs))
        for src in wanted:
            self.player(src)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while missing := [s for s in wanted if not self.loaded(s)]:
            left = deadline - loop.time()
            if left <= 0:
                return missing
            self._changed = self._changed or asyncio.Event()
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)
        return []

    async def play(self, src: str, length_s: float) -> None:
        """Start one loaded sound from its start, and return once it has ended (as the page says, or
        its length and some slack after the page answered that it started: a busy page that starts
        a sound late must not have the next one start over it).

        The request goes out from this task, before it first waits: a redraw the loop has waiting
        (the finish screen, as the massage's last chime is due) is sent after it, not before."""
        player = self.player(src)
        ended = self._ended.setdefault(src, asyncio.Event())
        ended.clear()
        try:
            async with asyncio.timeout(length_s + END_SLACK_S):
                await guarded(player.resume)  # answered once the sound has started
        except TimeoutError:
            log.info("a sound did not say it started")
            return
        try:
            async with asyncio.timeout(length_s + END_SLACK_S):
                await ended.wait()
        except TimeoutError:
            log.info("a sound did not say it ended")

    async def stop(self, src: str) -> None:
        """Silence a sound now and rewind it for its next use."""
        player = self.players.get(src)
        if player is not None:
            await guarded(player.pause)
            await guarded(lambda: player.seek(0))


async def guarded(fn: Callable[[], Any]) -> None:
    """Call a device service (sync or async); a failure is logged, never raised."""
    try:
        result = fn()
        if asyncio.iscoroutine(result):
            await result
    except Exception:  # a missing speaker or a closed tab must not end a massage
        log.warning("device service call failed", exc_info=True)
