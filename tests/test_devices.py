"""Sound cues play one after another in order: with 0-minute rests a round's end chime and the next
round's start chime never overlap."""

from __future__ import annotations

import asyncio

from app.domain.session import CueKind
from app.ui.devices import CUE_SOUNDS, SOUND_GAP_S, Devices, sound_length_s


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
