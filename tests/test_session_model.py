"""The rounds screen's state (SessionModel) over the real controller, a real SQLite file and a
fake clock: the count before round 1 and after a resume, the pain choice, confirmations, Back."""

from __future__ import annotations

import asyncio

import pytest

from app.domain.clock import FakeClock
from app.domain.prompts import Clip, Prompt, PromptKind, paused_prompt
from app.domain.protocol import Build
from app.domain.records import SessionStatus
from app.domain.session import Cue, CueKind, Status
from app.services.session import SessionController
from app.store.db import open_store
from app.ui.session_model import CONFIRM_END, CONFIRM_SKIP, GET_READY_FROM, SessionModel


class RecordingDevices:
    """Stands in for the page's sound/vibration services: records what would be played."""

    def __init__(self) -> None:
        self.sounds: list[CueKind] = []
        self.cues: list[Cue] = []
        self.announced: list[str] = []
        self.screen_on: list[bool] = []
        self.over: list[bool] = []
        self.said: list[Prompt | tuple | str] = []  # "hush": what was said was cut short
        self.counted: list[tuple[int, bool]] = []
        self.prepared: list[tuple] = []  # the clips asked for before each count
        self.missing: list[str] = []  # what the page "could not load"

    async def prepare(self, clips) -> list[str]:
        self.prepared.append(tuple(clips))
        return self.missing

    def play(self, kind: CueKind) -> None:
        self.sounds.append(kind)

    def count(self, n: int, *, resuming: bool = False) -> None:
        self.counted.append((n, resuming))
        self.play(CueKind.LAST_SECONDS)  # as Devices does with beeps only

    def say(self, prompt) -> None:
        self.said.append(prompt)

    def hush(self) -> None:
        self.said.append("hush")

    def cue(self, cue: Cue) -> None:
        self.cues.append(cue)

    def announce(self, message: str) -> None:
        self.announced.append(message)

    def keep_screen_on(self, on: bool, *, over: bool = False) -> None:
        self.screen_on.append(on)
        self.over.append(over)  # True: the massage is over, its sounds may go once heard


@pytest.fixture
def parts(tmp_path):
    with open_store(tmp_path / "app.sqlite3") as store:
        clock = FakeClock()
        controller = SessionController(store, clock)
        controller.wizard.demo = True
        controller.wizard.choose_build(Build.SLIM_NORMAL)
        devices = RecordingDevices()
        model = SessionModel()
        model._step_s = 0.0
        model.attach(controller, devices)
        yield model, controller, clock, devices, store


def settle(coro_fn) -> None:
    """Run an intent inside an event loop and let the tasks it spawned get as far as they can."""

    async def body() -> None:
        coro_fn()
        for _ in range(20):
            await asyncio.sleep(0)

    asyncio.run(body())


def test_start_counts_down_before_round_one(parts):
    model, controller, _clock, devices, _store = parts
    settle(model.start)
    assert devices.sounds[:GET_READY_FROM] == [CueKind.LAST_SECONDS] * GET_READY_FROM  # 3, 2, 1
    assert devices.announced == ["Bersiap: 3", "Ulangan ke-1 dari 3"]  # the count once, then the phase (id)
    assert controller.active and model.view is not None and model.view.round_number == 1
    assert devices.cues[0].kind is CueKind.ROUND_START  # the round's own chime after the count


def test_nothing_is_recorded_when_the_count_is_cancelled(parts):
    model, controller, _clock, _devices, store = parts

    async def body() -> None:
        model._step_s = 0.05
        model.start()
        await asyncio.sleep(0)
        model.pause()  # Back during "3, 2, 1"
        await asyncio.sleep(0.3)

    asyncio.run(body())
    assert controller.session is None and model.get_ready is None
    assert store.sessions.list() == []


def test_pause_is_immediate_and_resume_counts_again(parts):
    model, controller, clock, devices, _store = parts
    settle(model.start)
    clock.advance(5)
    model.pause()
    assert model.paused and controller.session.status is Status.PAUSED
    shown = model.view.remaining_s
    clock.advance(60)  # a long pause does not count
    model.refresh()
    assert model.view.remaining_s == shown
    before = len(devices.sounds)
    settle(model.resume)
    assert devices.sounds[before : before + GET_READY_FROM] == [CueKind.LAST_SECONDS] * GET_READY_FROM
    assert controller.session.status is Status.RUNNING


def test_stop_it_hurts_pauses_then_continue_lighter(parts):
    model, controller, clock, _devices, _store = parts
    settle(model.start)
    clock.advance(3)
    model.stop_hurts()
    assert model.pain_choice and controller.session.status is Status.PAUSED
    settle(model.continue_lighter)
    assert not model.pain_choice and model.lighter and controller.session.status is Status.RUNNING


def test_stop_it_hurts_then_end_is_recorded_as_stopped_for_pain(parts):
    model, controller, clock, _devices, store = parts
    settle(model.start)
    clock.advance(3)
    model.stop_hurts()
    model.end_for_pain()
    assert model.finished
    assert store.sessions.get(controller.session_id).status is SessionStatus.STOPPED_PAIN


@pytest.mark.parametrize("what", [CONFIRM_END, CONFIRM_SKIP])
def test_end_and_skip_do_nothing_until_confirmed(parts, what):
    model, controller, clock, _devices, _store = parts
    settle(model.start)
    clock.advance(2)
    model.ask(what)
    position = controller.session.position(clock.monotonic())
    model.ask(None)  # "No, go back"
    assert not model.finished and controller.session.position(clock.monotonic()) == position
    assert model.confirm is None


def test_confirmed_end_records_ended_early(parts):
    model, controller, clock, _devices, store = parts
    settle(model.start)
    clock.advance(2)
    model.ask(CONFIRM_END)
    model.confirmed()
    assert model.finished
    assert store.sessions.get(controller.session_id).status is SessionStatus.ENDED_EARLY


def test_confirmed_skip_moves_to_the_rest(parts):
    model, controller, clock, _devices, _store = parts
    settle(model.start)
    clock.advance(2)
    model.ask(CONFIRM_SKIP)
    settle(model.confirmed)
    assert model.view.round_number == 1 and model.view.phase_kind.value == "rest"


def test_a_skip_silences_the_skipped_rounds_words_before_the_rest_is_heard(parts):
    """Skipped while the round's hand cue was being said: it stops, and the rest's chime and prompt
    follow at once (they waited for its 11 seconds, and the rest prompt was then dropped as stale)."""
    model, controller, clock, devices, _store = parts
    settle(model.start)
    clock.advance(2)
    devices.said.clear()
    devices.cues.clear()
    model.ask(CONFIRM_SKIP)
    settle(model.confirmed)
    assert devices.said[0] == "hush"
    assert [c.kind for c in devices.cues] == [CueKind.ROUND_END]
    assert [p.clips for p in devices.said[1:]] == [(Clip.REST_DEMO,)]


def test_its_sounds_are_kept_through_a_pause_and_let_go_once_it_is_ended(parts):
    model, _controller, clock, devices, _store = parts
    settle(model.start)
    clock.advance(3)
    model.pause()
    model.leave()
    assert True not in devices.over  # paused: resumed with its sounds ready
    settle(model.resume)
    clock.advance(2)
    model.ask(CONFIRM_END)
    model.confirmed()
    assert devices.over[-1] is True


def test_leaving_the_screen_pauses_and_keeps_the_massage(parts):
    model, controller, clock, _devices, store = parts
    settle(model.start)
    clock.advance(4)
    model.leave()
    assert controller.active and controller.session.status is Status.PAUSED
    assert store.sessions.get(controller.session_id).status is SessionStatus.IN_PROGRESS


def test_a_massage_ended_in_another_window_is_said_not_frozen(parts):
    model, controller, clock, _devices, store = parts
    settle(model.start)
    clock.advance(3)
    model.pause()
    other = SessionController(store, clock)  # another tab, after this one's lease ran out
    clock.advance(60)
    record = other.pending()
    assert record is not None
    other.take_over(record)
    other.end_early()
    model.resume()  # this tab's tap on Resume
    settle(lambda: None)
    assert model.problem is not None and model.view is None and not model.finished
    assert store.sessions.get(record.id).status is SessionStatus.ENDED_EARLY  # the other tab's ending stands


def test_a_paused_massage_keeps_its_lease_until_the_tab_closes(parts):
    model, controller, clock, _devices, store = parts
    other = SessionController(store, clock)

    async def body() -> None:
        model._beat_s = 0.01
        model.start()
        for _ in range(5):
            await asyncio.sleep(0)
        model.pause()
        for _ in range(3):  # a long pause: each beat, the fake clock moves past a checkpoint
            clock.advance(10)
            await asyncio.sleep(0.05)
        assert other.pending() is None  # still held by this tab: no resume card elsewhere
        model.disconnect()
        await asyncio.sleep(0.05)
        clock.advance(60)
        assert other.pending() is not None  # the lease ran out after the tab closed

    asyncio.run(body())


def test_prompts_follow_their_cues_and_pause_and_resume_are_spoken(parts):
    model, controller, clock, devices, _store = parts
    settle(model.start)
    assert devices.counted[:GET_READY_FROM] == [(3, False), (2, False), (1, False)]
    first = devices.said[0]
    assert first.kind is PromptKind.ROUND_START and first.clips == (Clip.ROUND_1, Clip.HAND_THUMBS)
    clock.advance(10)  # the demonstration's 20-second round: 10 seconds left, the chime alone
    model._cue(model._tick())
    assert devices.said[1:] == []
    assert devices.cues[-1].kind is CueKind.LAST_SECONDS
    model.pause()
    assert devices.said[-2:] == ["hush", paused_prompt(model.controller.session.position_s)]
    settle(model.resume)
    assert devices.counted[-GET_READY_FROM:] == [(3, True), (2, True), (1, True)]
    clock.advance(10)  # round 1 ends: the rest says its length, after the round's end chime
    model._cue(model._tick())
    assert devices.said[-1].clips == (Clip.REST_DEMO,) and devices.cues[-1].kind is CueKind.ROUND_END


def test_every_sound_of_the_massage_is_prepared_before_the_count(parts):
    model, controller, _clock, devices, _store = parts
    settle(model.start)
    (clips,) = devices.prepared
    assert {Clip.GET_READY, Clip.ROUND_1, Clip.HAND_THUMBS, Clip.REST_DEMO, Clip.SESSION_END} <= set(clips)
    assert not model.preparing and model.sound_note is None
    model.pause()
    settle(model.resume)
    assert len(devices.prepared) == 2  # again before the count after a pause (a reloaded page loads anew)


def test_sounds_the_page_could_not_load_are_said_once_and_the_massage_goes_on(parts):
    model, controller, clock, devices, _store = parts
    devices.missing = ["voice/id/round_1.ogg"]
    settle(model.start)
    assert controller.active and model.sound_note
    assert devices.announced.count(model.sound_note) == 1
    model.pause()
    settle(model.resume)
    assert devices.announced.count(model.sound_note) == 1  # once, not at every resume


def test_each_number_of_the_count_waits_until_its_word_was_heard(parts):
    """A word said late (a busy page) or long (her own recording) holds the count: the number on the
    screen and the voice stay together, and no word of the count is dropped."""
    model, controller, _clock, devices, _store = parts
    words: list[asyncio.Event] = []

    def count(n: int, *, resuming: bool = False) -> asyncio.Event:
        words.append(asyncio.Event())
        return words[-1]

    devices.count = count

    async def spin() -> None:
        for _ in range(20):
            await asyncio.sleep(0)

    async def body() -> None:
        model.start()
        await spin()
        assert model.get_ready == 3 and len(words) == 1
        words[0].set()  # "get ready" heard
        await spin()
        assert model.get_ready == 2
        words[1].set()
        await spin()
        words[2].set()
        await spin()
        assert controller.active and model.get_ready is None

    asyncio.run(body())


@pytest.mark.parametrize(("round_minutes", "rest_minutes", "count"), [(3, 1, 15), (5, 3, 25), (4, 0, 14)])
def test_a_whole_massage_is_announced_in_at_most_25_phrases(parts, monkeypatch, round_minutes, rest_minutes, count):
    """At real speed, from Start to the end, through the model's own timer: the count once, each
    phase, the whole minutes left, the next round coming; never the seconds. The longest plan the
    setup offers (5-minute rounds, 3-minute rests) is the most: 25."""
    model, controller, clock, devices, _store = parts
    controller.wizard.demo = False
    controller.wizard.round_minutes, controller.wizard.rest_minutes = round_minutes, rest_minutes
    real_sleep = asyncio.sleep

    async def sleep(seconds: float) -> None:  # the timer's waits pass on the fake clock at once
        clock.advance(seconds)
        await real_sleep(0)

    monkeypatch.setattr("app.ui.session_model.asyncio.sleep", sleep)

    async def body() -> None:
        model.start()
        for _ in range(100_000):  # far more turns than a massage needs
            if model.finished:
                break
            await real_sleep(0)
        for _ in range(10):  # the timer's last turn (its heartbeat's waits moved the clock past the end: 4-0)
            await real_sleep(0)

    asyncio.run(body())
    said = devices.announced
    assert said[:2] == ["Bersiap: 3", "Ulangan ke-1 dari 3"] and said[-1] == "Selesai", said
    assert not [s for s in said if s.startswith("sisa") or s.isdigit()], said
    assert len(said) == count <= 25, said
    # over: the screen may sleep again, and the sounds are let go
    assert devices.screen_on[-1] is False and devices.over[-1] is True and devices.over.count(True) == 1
