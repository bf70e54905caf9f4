"""Her own voice, as a set: each prompt shows how long the app's voice takes to say it and warns when
her recording is far off; the whole set is saved as one file and taken on another phone, checked
first (a damaged file changes nothing). Real WAV recordings, read back as they would play."""

from __future__ import annotations

import asyncio
import io
import json
import wave
import zipfile
from types import SimpleNamespace
from typing import Any

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.prompts import Clip
from app.services.own_voice import SET_INDEX, OwnVoice, VoiceSetError, folder_for, length_check
from app.store.db import open_store
from app.ui.devices import voice_length_s
from app.ui.files import Picked
from app.ui.screens import own_voice
from tests.render_harness import Mounted, find, make_app, texts, walk
from tests.test_own_voice import tone


def frames(voice: OwnVoice, clip: Clip) -> tuple[int, bytes]:
    """What the page would play: the file it is served, decoded as a WAV."""
    source = voice.source(clip)
    assert source is not None
    with wave.open(str(voice.path(clip)), "rb") as w:
        return w.getframerate(), w.readframes(w.getnframes())


def phone(tmp_path, name: str) -> OwnVoice:
    return OwnVoice(folder_for(tmp_path / name / "pijat.sqlite3"))


@pytest.mark.parametrize(
    ("expected", "actual", "found"),
    [
        (2.0, 2.0, None),  # as long as the app's
        (2.0, 3.0, None),  # 1.5x: still fine
        (2.0, 3.1, "longer"),  # more than 1.5x
        (2.0, 1.0, None),  # half: still fine
        (2.0, 0.9, "shorter"),  # less than half
        (0.0, 3.0, None),  # no length known for the app's voice: no word
        (2.0, 0.0, None),  # not recorded
    ],
)
def test_a_recording_far_from_the_prompts_length_is_named(expected, actual, found):
    assert length_check(expected, actual) == found


def test_the_whole_set_goes_to_another_phone_and_plays_the_same(tmp_path):
    here, there = phone(tmp_path, "a"), phone(tmp_path, "b")
    here.save(Clip.GET_READY, tone(0.8))
    here.save(Clip.HALFWAY, tone(7.5))
    there.save(Clip.SESSION_END, tone(2.0))  # the other phone's own recording of another prompt stays
    data = here.export_set()
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[0] == SET_INDEX
    assert there.import_set(data) == [Clip.GET_READY, Clip.HALFWAY]  # in the session's order
    for clip in (Clip.GET_READY, Clip.HALFWAY):
        assert frames(there, clip) == frames(here, clip)
        assert there.length_s(clip) == pytest.approx(here.length_s(clip))
    assert there.recorded() == [Clip.GET_READY, Clip.HALFWAY, Clip.SESSION_END]


def test_nothing_recorded_is_not_a_set(tmp_path):
    with pytest.raises(VoiceSetError, match="empty"):
        phone(tmp_path, "a").export_set()


def _rezip(data: bytes, change: Any) -> bytes:
    """The set with its members changed by `change({name: bytes})`."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {name: z.read(name) for name in z.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def _flip_sound(m: dict[str, bytes]) -> None:
    wav = bytearray(m["halfway.wav"])
    wav[-10] ^= 0x55
    m["halfway.wav"] = bytes(wav)


def _extra(m: dict[str, bytes]) -> None:
    m["../../evil.sh"] = b"#!/bin/sh"


def _other_kind(m: dict[str, bytes]) -> None:
    m[SET_INDEX] = json.dumps({"kind": "something", "version": 1, "files": {}}).encode()


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[: len(d) // 2],  # cut off half way (a broken copy)
        lambda d: b"not a zip at all",
        lambda d: _rezip(d, _flip_sound),  # a byte of the sound changed: its checksum no longer matches
        lambda d: _rezip(d, _extra),  # a file the index does not list
        lambda d: _rezip(d, _other_kind),  # not a set of recordings
        lambda d: _rezip(d, lambda m: m.pop(SET_INDEX)),  # no index
    ],
    ids=["cut", "not-zip", "changed-sound", "extra-file", "other-kind", "no-index"],
)
def test_a_damaged_set_is_refused_and_changes_nothing(tmp_path, damage):
    here, there = phone(tmp_path, "a"), phone(tmp_path, "b")
    here.save(Clip.HALFWAY, tone(3.0))
    there.save(Clip.HALFWAY, tone(1.0))
    before = frames(there, Clip.HALFWAY)
    with pytest.raises(VoiceSetError):
        there.import_set(damage(here.export_set()))
    assert there.recorded() == [Clip.HALFWAY] and frames(there, Clip.HALFWAY) == before


class FakeFiles:
    def __init__(self, picked: bytes | None = None) -> None:
        self.picked = picked
        self.offered: list[tuple[str, bytes]] = []

    async def offer(self, name: str, data: bytes, mime: str) -> bool:
        self.offered.append((name, data))
        return True

    async def pick(self, extensions: list[str], progress: Any = None) -> Picked | None:
        return None if self.picked is None else Picked(self.picked)


def _press(screen: Mounted, identifier: str) -> None:
    button = next(n for n in walk(find(screen.view, identifier)) if getattr(n, "on_click", None))
    asyncio.run(button.on_click(None))
    screen.draw()


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_screen_shows_each_prompts_length_warns_and_moves_the_set(tmp_path, lang):
    source = phone(tmp_path, "other")
    source.save(Clip.GET_READY, tone(0.8))
    source.save(Clip.ROUND_1, tone(4.0))  # about twice the app's round 1
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using(lang):
        app = make_app(store, FakeClock(), lang)
        voice = phone(tmp_path, "here")
        files = FakeFiles(source.export_set())
        app.visitor.devices = SimpleNamespace(own=voice)
        app.visitor.files = files
        screen = Mounted(own_voice.OwnVoiceScreen, app)
        expected = own_voice.seconds_text(voice_length_s(lang, Clip.HALFWAY))
        assert expected in " ".join(texts(find(screen.view, "length-halfway")))
        assert "length-warning-round_1" not in screen.identifiers()
        _press(screen, "own-voice-take-set")
        moved = " ".join(texts(find(screen.view, "own-voice-moved")))
        assert moved.startswith({"en": "2 recordings taken", "id": "2 rekaman diambil"}[lang])
        assert "length-warning-round_1" in screen.identifiers()  # hers is much longer
        assert "length-warning-get_ready" not in screen.identifiers()
        assert voice.recorded() == [Clip.GET_READY, Clip.ROUND_1]
        _press(screen, "own-voice-save-set")
        ((name, data),) = files.offered
        assert name.endswith(".zip") and phone(tmp_path, "third").import_set(data) == [Clip.GET_READY, Clip.ROUND_1]
        files.picked = b"PK\x03\x04 damaged"
        _press(screen, "own-voice-take-set")
        assert {"en": "Nothing was changed", "id": "Tidak ada yang diubah"}[lang] in " ".join(
            texts(find(screen.view, "own-voice-moved"))
        )
        assert voice.recorded() == [Clip.GET_READY, Clip.ROUND_1]
