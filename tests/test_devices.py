"""Sound cues play one after another in order: with 0-minute rests a round's end chime and the next
round's start chime never overlap."""

from __future__ import annotations

import asyncio

from app.domain.prompts import Clip, plan_prompts
from app.domain.protocol import Plan, Technique
from app.domain.session import Cue, CueKind
from app.ui.devices import (
    BEEPS,
    CUE_SOUNDS,
    GET_READY_SOUND,
    SAMPLE_CLIP,
    SILENT,
    SOUND_GAP_S,
    STALE_S,
    VOICE,
    Devices,
    sound_length_s,
    voice_length_s,
)
from tests.given import given


def test_every_cue_sound_is_a_real_file_of_some_length():
    for relative in CUE_SOUNDS.values():
        assert 0.1 < sound_length_s(relative) < 5


def test_end_and_start_chimes_play_in_order_without_overlap():
    devices = Devices(None)  # no page: the services are not registered, playing is a logged no-op

    async def body() -> None:
        devices.play(CueKind.ROUND_END)
        devices.play(CueKind.ROUND_START)  # the same instant: 0-minute rest
        while devices._player is not None and not devices._player.done():
            await asyncio.sleep(0.05)

    asyncio.run(body())
    (first, t1), (second, t2) = devices.played
    assert (first, second) == (CueKind.ROUND_END, CueKind.ROUND_START)
    assert t2 - t1 >= sound_length_s(CUE_SOUNDS[CueKind.ROUND_END]) + SOUND_GAP_S - 0.01


# -- spoken prompts: one queue with the chimes, on a fake clock ------------------------------------


class FakeTime:
    """now() and sleep() for the queue: time moves only when the test says."""

    def __init__(self) -> None:
        self.t = 0.0
        self.sleepers: list[tuple[float, asyncio.Future]] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        self.sleepers.append((self.t + seconds, future))
        await future

    async def until(self, t: float) -> None:
        """Advance to t, waking every sleeper in order on the way."""
        while True:
            await _spin()
            due = sorted((s for s in self.sleepers if s[0] <= t), key=lambda s: s[0])
            if not due:
                break
            self.sleepers.remove(due[0])
            self.t = max(self.t, due[0][0])
            if not due[0][1].done():  # a cancelled sleeper (the queue was hushed) just goes
                due[0][1].set_result(None)
        self.t = t
        await _spin()


async def _spin() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def _devices(mode: str = VOICE, lang: str = "en") -> tuple[Devices, FakeTime]:
    time = FakeTime()
    return Devices(None, language=lambda: lang, mode=mode, now=time.now, sleep=time.sleep), time


def _length(name: str, lang: str = "en") -> float:
    if name in CUE_SOUNDS:
        return sound_length_s(CUE_SOUNDS[CueKind(name)])
    return voice_length_s(lang, Clip(name))


def test_a_cue_plays_its_chime_then_its_prompt_clip_after_clip_without_overlap():
    devices, time = _devices()
    start = next(p for p in plan_prompts(Plan.standard(3, 1), Technique.FISTS) if p.at_s == 0)

    async def body() -> None:
        devices.cue(Cue(CueKind.ROUND_START, 1, 0.0))
        devices.say(start)
        await time.until(30)

    asyncio.run(body())
    assert [name for name, _ in devices.played] == [CueKind.ROUND_START, Clip.ROUND_1, Clip.HAND_FISTS]
    for (a, ta), (_b, tb) in zip(devices.played, devices.played[1:]):
        assert tb >= ta + _length(a) + SOUND_GAP_S - 1e-9  # never overlapping, in order
    assert devices.dropped == []


def test_a_prompt_whose_turn_comes_within_a_second_of_a_newer_one_is_dropped():
    devices, time = _devices()

    async def body() -> None:
        devices.say((Clip.HAND_FISTS,))  # ~9 s long
        await time.until(7)
        devices.say((Clip.HALFWAY,))  # waits: would start at ~9 s ...
        await time.until(8.5)
        devices.play(CueKind.LAST_SECONDS)  # ... when this newer sound already waits
        devices.say((Clip.LAST_SECONDS,))
        await time.until(40)

    asyncio.run(body())
    assert [n for n, _ in devices.played] == [Clip.HAND_FISTS, CueKind.LAST_SECONDS, Clip.LAST_SECONDS]
    assert [n for n, _ in devices.dropped] == [Clip.HALFWAY]


def test_a_prompt_is_dropped_once_its_moment_has_passed():
    devices, time = _devices()

    async def body() -> None:
        devices.say((Clip.SESSION_END,))  # ~9 s
        await time.until(1)
        devices.say((Clip.LAST_SECONDS,))  # its turn comes 8 s late: no longer true
        await time.until(30)

    asyncio.run(body())
    assert [n for n, _ in devices.dropped] == [Clip.LAST_SECONDS]
    assert _length(Clip.SESSION_END) - 1 > STALE_S


def test_chimes_are_never_dropped():
    devices, time = _devices()

    async def body() -> None:
        for kind in (CueKind.ROUND_END, CueKind.ROUND_START, CueKind.LAST_SECONDS):
            devices.play(kind)
        await time.until(10)

    asyncio.run(body())
    assert [n for n, _ in devices.played] == [CueKind.ROUND_END, CueKind.ROUND_START, CueKind.LAST_SECONDS]


def test_beeps_only_plays_chimes_and_no_voice_even_for_prompts_already_waiting():
    devices, time = _devices()

    async def body() -> None:
        devices.cue(Cue(CueKind.ROUND_START, 1, 0.0))
        devices.say((Clip.ROUND_1,))
        devices.set_mode(BEEPS)  # switched while the chime plays
        devices.say((Clip.HALFWAY,))
        devices.count(3)
        await time.until(10)

    asyncio.run(body())
    assert [n for n, _ in devices.played] == [CueKind.ROUND_START, GET_READY_SOUND]


def test_silent_plays_nothing_but_still_vibrates():
    devices, time = _devices(SILENT)

    async def body() -> None:
        devices.cue(Cue(CueKind.ROUND_START, 1, 0.0))
        devices.say((Clip.ROUND_1,))
        devices.count(2)
        await time.until(10)

    asyncio.run(body())
    assert devices.played == [] and devices.vibrated == [1]


def test_vibration_patterns_are_one_two_three_pulses_for_start_last_seconds_end():
    devices, _time = _devices()
    for kind in (CueKind.ROUND_START, CueKind.LAST_SECONDS, CueKind.SESSION_END):
        devices.cue(Cue(kind, 1, 0.0))
    assert devices.vibrated == [1, 2, 3]


def test_the_voice_count_says_get_ready_or_resuming_then_two_one_in_the_visitors_language():
    devices, time = _devices(lang="id")

    async def body() -> None:
        await devices.prepare(())  # a massage: its sounds are kept until it is over
        for n in (3, 2, 1):
            devices.count(n, resuming=True)
            await time.until(time.t + 1)

    asyncio.run(body())
    assert [n for n, _ in devices.played] == [Clip.RESUMING, Clip.COUNT_2, Clip.COUNT_1]
    assert "voice/id/resuming.ogg" in devices.sounds


def test_a_massage_keeps_its_sounds_while_paused_and_lets_them_go_once_over_and_heard():
    """Loaded sounds cost the page's media threads CPU for as long as it holds them: they are made at
    the step before Start, kept through a pause, and let go once the massage is over and its closing
    chime has been heard (not before: that would cut it)."""
    devices, time = _devices()
    assert devices.sounds == {}  # a page that only opened holds none

    async def body() -> tuple[set[str], set[str], set[str]]:
        await devices.prepare([Clip.ROUND_1])
        devices.say((Clip.ROUND_1,))
        await time.until(0.5)
        devices.hush()  # paused mid-prompt
        await time.until(10)
        paused = set(devices.sounds)
        devices.play(CueKind.SESSION_END)
        devices.keep_screen_on(False, over=True)
        while_heard = set(devices.sounds)
        await time.until(20)
        return paused, while_heard, set(devices.sounds)

    paused, while_heard, after = asyncio.run(body())
    assert paused >= {*CUE_SOUNDS.values(), "voice/en/round_1.ogg"}
    assert while_heard == paused
    assert devices.played[-1][0] == CueKind.SESSION_END
    assert after == set()


def test_a_silent_massage_switched_to_the_voice_keeps_its_sounds_until_it_is_over():
    devices, time = _devices(mode=SILENT)

    async def body() -> None:
        await devices.prepare([Clip.ROUND_1])  # silent: nothing loaded yet
        devices.set_mode(VOICE)  # turned on during the massage
        devices.say((Clip.ROUND_1,))
        await time.until(10)

    asyncio.run(body())
    assert [name for name, _ in devices.played] == [Clip.ROUND_1]
    assert "voice/en/round_1.ogg" in devices.sounds  # not loaded again for its next use


def test_a_sample_outside_a_massage_is_let_go_once_heard():
    devices, time = _devices()

    async def body() -> None:
        devices.sample()
        await time.until(10)

    asyncio.run(body())
    assert [name for name, _ in devices.played] == [SAMPLE_CLIP]
    assert devices.sounds == {}


def test_the_midwifes_recording_replaces_the_generated_clip():
    devices, time = _devices()
    devices.own_voice = lambda lang, clip: ("own/en/halfway.wav", 2.0) if clip is Clip.HALFWAY else None

    async def body() -> None:
        await devices.prepare(())
        devices.say((Clip.HALFWAY,))
        await time.until(5)
        devices.say((Clip.LAST_SECONDS,))
        await time.until(20)

    asyncio.run(body())
    assert "own/en/halfway.wav" in devices.sounds and "voice/en/halfway.ogg" not in devices.sounds
    assert "voice/en/ten_seconds.ogg" in devices.sounds  # not recorded: the generated one
    assert devices.played[1][1] >= 2.0 + SOUND_GAP_S  # the recording's own length was waited for


def test_a_pause_hushes_the_prompt_being_said_and_what_waits_then_says_paused_at_once():
    devices, time = _devices()

    async def body() -> None:
        devices.say((Clip.ROUND_1, Clip.HAND_FISTS))
        await time.until(2)  # "Round one of three" said; the hand cue is being said
        devices.play(CueKind.LAST_SECONDS)
        devices.hush()
        devices.say((Clip.PAUSED,))
        await time.until(20)

    asyncio.run(body())
    assert [(n, t) for n, t in devices.played] == [
        (Clip.ROUND_1, 0.0),
        (Clip.HAND_FISTS, _length(Clip.ROUND_1) + SOUND_GAP_S),
        (Clip.PAUSED, 2.0),
    ]


class _Registry:
    def __init__(self) -> None:
        self._services: list = []

    def register_service(self, service) -> None:
        self._services.append(service)


class _NativePage:
    """The packaged phone app's page, as far as the queue needs it (no browser, no gated server)."""

    web = False

    def __init__(self) -> None:
        self._services = _Registry()


def test_the_phone_app_gets_the_recordings_bytes_the_browser_its_gated_address(tmp_path):
    from app.services.own_voice import OwnVoice
    from tests.test_own_voice import tone

    own = OwnVoice(tmp_path / "own-voice")
    own.save(Clip.HALFWAY, tone(1.0))
    url = given(own.url(Clip.HALFWAY))
    native = Devices(_NativePage(), own=own)  # type: ignore[arg-type]
    assert native.players.player(url).src == own.path(Clip.HALFWAY).read_bytes()
    assert native.players.player("voice/id/halfway.ogg").src == "voice/id/halfway.ogg"  # bundled assets: as they are
    browser = Devices(None, own=own)
    assert browser.players.player(url).src == url


def test_a_prompt_is_not_late_for_the_time_its_own_chime_takes():
    devices, time = _devices()
    end = next(p for p in plan_prompts(Plan.standard(3, 1), Technique.FISTS) if p.cue is CueKind.SESSION_END)

    async def body() -> None:
        devices.play(CueKind.LAST_SECONDS)  # still sounding (a 0-minute rest, a late tick) ...
        devices.play(CueKind.SESSION_END)  # ... so this 2.3-second chime starts late
        devices.say(end)  # over 3 s after its moment, but only 1 s after its chime could have ended
        await time.until(40)

    asyncio.run(body())
    assert [n for n, _ in devices.played] == [CueKind.LAST_SECONDS, CueKind.SESSION_END, Clip.SESSION_END]
    assert devices.dropped == []


def test_a_cue_prompt_follows_its_chime_however_late_the_chime_ended():
    """The closing words after the last chime (wipe the oil, breastfeed now): a busy page that
    plays the chimes before it late must not cost them (seen under load: the prompt dropped)."""
    devices, time = _devices()
    end = next(p for p in plan_prompts(Plan.standard(3, 1), Technique.FISTS) if p.cue is CueKind.SESSION_END)

    async def body() -> None:
        for kind in (CueKind.LAST_SECONDS, CueKind.ROUND_END, CueKind.ROUND_START):  # 3.4 s of chimes first
            devices.play(kind)
        devices.play(CueKind.SESSION_END)
        devices.say(end)  # its chime ends 3.4 s after it could have: the words still follow it
        await time.until(40)

    asyncio.run(body())
    assert [n for n, _ in devices.played][-2:] == [CueKind.SESSION_END, Clip.SESSION_END]
    assert devices.dropped == []
