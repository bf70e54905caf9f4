"""The running massage as one visitor's observable state: what the rounds screen draws, and the
intents it sends. Time and recording stay in the Flet-free `SessionController`; this class adds
the parts that only exist on a screen: the "get ready" count, the pain choice, confirmations, and
the timer task that redraws once per displayed second. That task is started by intents (start,
resume), never by drawing a screen. It sleeps until the displayed second changes (the domain says
when), so the countdown never shows a second twice or skips one, and nothing runs while paused.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flet as ft

from app.domain.prompts import Prompt, massage_clips, paused_prompt, prompts_since
from app.domain.session import Cue, Status
from app.services.session import CHECKPOINT_EVERY_S, SessionController, SessionGone, SessionView
from app.store.errors import StoreWriteError
from app.ui.session_words import (
    ended_elsewhere_text,
    get_ready_text,
    paused_text,
    phase_text,
    removed_text,
    resumed_text,
    sounds_missing_text,
    tick_announcement,
    write_problem,
)

log = logging.getLogger(__name__)

GET_READY_FROM = 3  # "3, 2, 1" before the first round and after every resume
GET_READY_STEP_S = 1.0
# At most this long a step of the count waits for its word to be heard.
COUNT_WAIT_S = 4.0
# Wake a hair after the boundary so the domain is surely past it.
TICK_SLACK_S = 0.001
# Pending confirmations the rounds screen can ask for.
CONFIRM_END = "end"
CONFIRM_SKIP = "skip"


def _saving(method: Callable[..., None]) -> Callable[..., None]:
    """An intent that writes: a failed write becomes a message on the screen, never Flet's error box."""

    @functools.wraps(method)
    def wrapper(self: SessionModel, *args: Any) -> None:
        try:
            method(self, *args)
        except StoreWriteError as err:
            self.problem = write_problem(err.code)
            self.refresh()
        except (LookupError, ValueError) as err:  # ended, or removed, from another window
            self.ended_elsewhere(err)

    return wrapper


@ft.observable
@dataclass
class SessionModel:
    view: SessionView | None = None
    get_ready: int | None = None  # the number shown during the count, else None
    pain_choice: bool = False  # "Stop, it hurts" was tapped: continue lighter, or end
    lighter: bool = False  # continuing after pain: remind to press more lightly
    confirm: str | None = None  # CONFIRM_END / CONFIRM_SKIP while the dialog asks
    finished: bool = False  # the session is over: the screen moves to the finish step
    problem: str | None = None  # a translated message when saving failed; the massage goes on
    preparing: bool = False  # the page is loading the massage's sounds; the count waits for it
    sound_note: str | None = None  # some sounds could not be loaded: said once, the massage goes on
    _controller: Any = None
    _devices: Any = None
    _generation: int = 0
    _task: Any = None
    _loading: Any = None  # the sounds being loaded ahead of Start
    _step_s: float = GET_READY_STEP_S  # tests shorten the count
    _beating: bool = False
    _beat_s: float = CHECKPOINT_EVERY_S  # tests shorten the heartbeat
    # Told (with the words) when a restore or a delete in another window removed this massage:
    # the visitor's AppState, which takes her back to Today and keeps the words there.
    _on_removed: Callable[[str], None] | None = None

    def attach(self, controller: SessionController, devices: Any) -> None:
        self._controller = controller
        self._devices = devices
        self.refresh()

    @property
    def controller(self) -> SessionController:
        assert self._controller is not None
        return self._controller

    @property
    def paused(self) -> bool:
        return self.view is not None and self.view.status is Status.PAUSED

    def refresh(self) -> None:
        c = self._controller
        self.view = c.view() if c is not None else None
        self.finished = c is not None and c.session is not None and c.session.over
        self.lighter = c is not None and c.lighter  # kept with the massage: a resumed one keeps it

    # -- intents ----------------------------------------------------------------------------------
    def start(self) -> None:
        """Begin a new massage: the count, then round 1."""
        self.finished = False
        self.pain_choice = self.lighter = False
        self.confirm = None
        self.problem = None  # the last massage's (a failed save, or how it ended elsewhere)
        self._spawn(self._count_then(self._begin))

    @_saving
    def _begin(self) -> None:
        self.controller.begin()
        self._start_heartbeat()
        self._after_change(start_timer=True)
        if self._devices is not None and self.view is not None:
            self._devices.announce(phase_text(self.view))

    @_saving
    def pause(self) -> None:
        """Pause now (also what Back and a closed tab do); a count in progress is cancelled."""
        self._generation += 1
        self.get_ready = None
        if (
            self.controller.active
            and self.controller.session is not None
            and self.controller.session.status is Status.RUNNING
        ):
            self.controller.pause()
            if self._devices is not None:
                self._devices.keep_screen_on(False)
                self._devices.announce(paused_text())
                self._devices.hush()  # a prompt half-said stops: the pause is heard at once
                self._devices.say(paused_prompt(self.controller.session.position_s))
        self.refresh()

    def resume(self) -> None:
        """Resume after the count (nothing counts during it)."""
        self.pain_choice = False
        self.confirm = None
        if not self.controller.active:
            return
        self._spawn(self._count_then(self._resume_now, resuming=True))

    @_saving
    def _resume_now(self) -> None:
        self._start_heartbeat()
        if self.controller.session is not None and self.controller.session.status is Status.PAUSED:
            self.controller.resume()
        self._after_change(start_timer=True)
        if self._devices is not None and not self.finished:
            self._devices.announce(resumed_text())

    def stop_hurts(self) -> None:
        """Pause at once, then offer: continue more lightly, or end (recorded as stopped for pain)."""
        self.pause()
        self.pain_choice = True

    def continue_lighter(self) -> None:
        self._remember_lighter()
        self.lighter = True  # shown even if saving it failed (the problem is said too)
        self.resume()

    @_saving
    def _remember_lighter(self) -> None:
        self.controller.continue_lighter()

    @_saving
    def end_for_pain(self) -> None:
        self.pain_choice = False
        self._generation += 1
        self.controller.stop_for_pain()
        self._after_change(start_timer=False)

    def ask(self, what: str | None) -> None:
        """Open (or with None, close) the confirmation for End or Skip."""
        self.confirm = what

    @_saving
    def confirmed(self) -> None:
        what, self.confirm = self.confirm, None
        if what in (CONFIRM_END, CONFIRM_SKIP) and self._devices is not None:
            self._devices.hush()  # the words of what was skipped or ended stop; what comes next is heard now
        if what == CONFIRM_END:
            self._generation += 1
            self.controller.end_early()
            self._after_change(start_timer=False)
        elif what == CONFIRM_SKIP:
            self.controller.skip()
            self._after_change(
                start_timer=self.controller.session is not None and self.controller.session.status is Status.RUNNING
            )

    def leave(self) -> None:
        """The visitor left the rounds screen (Back): the massage waits, paused, still this tab's."""
        self.pause()

    def disconnect(self) -> None:
        """The tab closed or reloaded: pause, stop the heartbeat, let the massage go (to be resumed)."""
        self.pause()
        self._beating = False
        self._release()

    @_saving
    def _release(self) -> None:
        self.controller.release()

    def reconnect(self) -> None:
        """The same tab came back (a reload): the massage is its own again (unless another window
        took it meanwhile); redraw, as what was drawn while it was away never reached it."""
        if self.controller.active:
            self._hold()
        if self.controller.active:
            self._start_heartbeat()
        self.refresh()
        self.notify()  # type: ignore[attr-defined]  # Observable's, mixed in by @ft.observable

    @_saving
    def _hold(self) -> None:
        self.controller.hold()

    def ended_elsewhere(self, err: Exception | None = None) -> None:
        """Another window ended or took over this massage, or removed it (a restore of a backup,
        a delete: `err` is SessionGone): say which instead of freezing. A removed one is over for
        good: the sounds stop, and AppState takes her back to Today with the words."""
        self._generation += 1
        self._beating = False
        self.get_ready = None
        removed = isinstance(err, SessionGone)
        self.problem = removed_text(err.removal) if isinstance(err, SessionGone) else ended_elsewhere_text()
        self.controller.close()
        self.refresh()
        self.finished = False
        if removed:
            if self._devices is not None:
                self._devices.hush()
                self._devices.keep_screen_on(False, over=True)
                self._devices.announce(self.problem)
            if self._on_removed is not None:
                self._on_removed(self.problem)

    def prepare_sounds(self) -> None:
        """Have the page load this massage's sounds now (the step before Start), so that the count
        after Start does not wait for them."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a plain test): nothing to load
            return
        if self._devices is not None:
            self._loading = loop.create_task(self._devices.prepare(self._clips()))

    def _clips(self) -> tuple[Any, ...]:
        c = self.controller
        return massage_clips(c.session.plan if c.session is not None else c.wizard.plan(), c.wizard.technique)

    # -- the heartbeat: proof that this window still holds the massage (the store's lease) -------
    def _start_heartbeat(self) -> None:
        if not self._beating:
            self._beating = True
            self._spawn_beat()

    def _spawn_beat(self) -> None:
        try:
            asyncio.get_running_loop().create_task(self._heartbeat())
        except RuntimeError:  # no loop (a plain test): the tick loop's checkpoints are enough
            self._beating = False

    async def _heartbeat(self) -> None:
        """While paused the timer sleeps, so this keeps the lease fresh every few seconds."""
        while self._beating and self.controller.active:
            await asyncio.sleep(self._beat_s)
            if not self._beating or not self.controller.active:
                break
            if self.paused:
                try:
                    self.controller.tick()  # writes a checkpoint once CHECKPOINT_EVERY_S has passed
                except StoreWriteError as err:
                    self.problem = write_problem(err.code)
                except (LookupError, ValueError) as err:
                    self.ended_elsewhere(err)
        self._beating = False

    # -- the timer ---------------------------------------------------------------------------------
    def _after_change(self, *, start_timer: bool) -> None:
        try:
            self._cue(self._tick())
        except StoreWriteError as err:
            self.problem = write_problem(err.code)
        self.refresh()
        if self.finished:
            self._generation += 1
            if self._devices is not None:
                self._devices.keep_screen_on(False, over=True)
            return
        if start_timer:
            if self._devices is not None:
                self._devices.keep_screen_on(True)
            self._generation += 1
            self._spawn(self._run(self._generation))

    async def _count_then(self, then: Any, *, resuming: bool = False) -> None:
        self._generation += 1
        generation = self._generation
        if not await self._prepare(generation):
            return
        for n in range(GET_READY_FROM, 0, -1):
            self.get_ready = n
            heard = None
            if self._devices is not None:
                heard = self._devices.count(n, resuming=resuming)  # "get ready / resuming, 2, 1", or the tick
                if n == GET_READY_FROM:  # the screen reader hears the count once, not every number
                    self._devices.announce(get_ready_text(n))
            await asyncio.sleep(self._step_s)
            if heard is not None:  # a word said late (a busy page) or long (her recording) holds the count
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(heard.wait(), COUNT_WAIT_S)
            if generation != self._generation:
                return
        self.get_ready = None
        then()

    async def _prepare(self, generation: int) -> bool:
        """Have the page load every sound of this massage before the count (at most a few seconds;
        it goes on without what could not be loaded, and says so once). False if cancelled meanwhile."""
        if self._devices is None:
            return True
        self.preparing = True
        try:
            missing = await self._devices.prepare(self._clips())
        finally:
            self.preparing = False
        if generation != self._generation:
            return False
        if missing and self.sound_note is None:
            self.sound_note = sounds_missing_text()
            self._devices.announce(self.sound_note)
        return True

    async def _run(self, generation: int) -> None:
        c = self.controller
        while generation == self._generation and c.active:
            delay = c.next_tick_in()
            if delay is None:  # over (a pause ends the loop above): the screen may sleep
                break
            await asyncio.sleep(delay + TICK_SLACK_S)
            if generation != self._generation:
                return
            before = self.view
            try:
                self._cue(self._tick())
            except StoreWriteError as err:  # the timer goes on; the next event writes everything
                self.problem = write_problem(err.code)
            except (LookupError, ValueError) as err:
                self.ended_elsewhere(err)
                return
            # The sound queue sends its next sound to the page before the redraw (the finish screen is
            # a large one): the chime is heard at its moment, the screen follows.
            await asyncio.sleep(0)
            self.refresh()
            if self.view is not None and self._devices is not None:
                said = tick_announcement(before, self.view)
                if said:
                    self._devices.announce(said)
        if generation == self._generation and self._devices is not None:
            self._devices.keep_screen_on(False, over=self.finished)

    def _tick(self) -> list[Cue | Prompt]:
        """Advance the controller; its cues and the spoken prompts crossed since the last tick, in
        timeline order, each cue's chime before its prompt."""
        c = self.controller
        from_s = c._cue_from  # the controller's "cues handled up to here": prompts follow the same span
        cues: list[Cue | Prompt] = list(c.tick())
        if c.session is None or c._cue_from is None:
            return cues
        prompts = prompts_since(c.session, c.wizard.technique, from_s, c._cue_from)
        return sorted([*cues, *prompts], key=lambda e: (e.at_s, isinstance(e, Prompt)))

    def _cue(self, events: list[Cue | Prompt]) -> None:
        if self._devices is None:
            return
        for event in events:
            if isinstance(event, Prompt):
                self._devices.say(event)
            else:
                self._devices.cue(event)

    def _spawn(self, coro: Any) -> None:
        try:
            self._task = asyncio.get_running_loop().create_task(coro)
        except RuntimeError:  # called outside a running loop (a plain test): run it to the end
            asyncio.run(coro)
