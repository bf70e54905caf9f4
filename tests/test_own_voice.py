"""The midwife's recordings: kept as private WAV files beside the database, used instead of the
generated prompt, and reachable only through the app's gated server."""

from __future__ import annotations

import http.client
import math
import stat
import struct
import wave
from collections.abc import Iterator

import pytest

from app.domain.prompts import Clip
from app.services.own_voice import (
    CHANNELS,
    KEPT_RATE,
    SAMPLE_RATE,
    OwnVoice,
    RecordingError,
    clip_from_name,
    folder_for,
)
from tests.app_server import AppServer, start_app


def tone(seconds: float, rate: int = SAMPLE_RATE, channels: int = CHANNELS) -> bytes:
    """What the page streams: interleaved 16-bit PCM."""
    n = int(seconds * rate)
    one = [int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(n)]
    return struct.pack(f"<{n * channels}h", *(v for v in one for _ in range(channels)))


def test_a_recording_is_a_private_wav_beside_the_database(tmp_path):
    voice = OwnVoice(folder_for(tmp_path / "data" / "pijat.sqlite3"))
    assert voice.source(Clip.HALFWAY) is None  # nothing recorded: the generated voice
    assert voice.save(Clip.HALFWAY, tone(1.5)) == pytest.approx(1.5)
    path = tmp_path / "data" / "own-voice" / "halfway.wav"
    assert voice.path(Clip.HALFWAY) == path
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, KEPT_RATE)  # mono, smaller
        assert w.getnframes() / KEPT_RATE == pytest.approx(1.5, abs=0.01)
        peak = max(abs(v) for v in struct.unpack(f"<{w.getnframes()}h", w.readframes(w.getnframes())))
    assert 7000 < peak <= 8000  # the voice kept its level
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    source = voice.source(Clip.HALFWAY)
    assert source is not None
    url, seconds = source
    assert url.startswith("own-voice/halfway.wav?v=") and seconds == pytest.approx(1.5)
    assert voice.recorded() == [Clip.HALFWAY]


def test_a_new_recording_gets_a_new_address_and_reset_goes_back_to_the_default(tmp_path):
    voice = OwnVoice(tmp_path / "own-voice")
    voice.save(Clip.GET_READY, tone(1.0))
    first = voice.url(Clip.GET_READY)
    voice.save(Clip.GET_READY, tone(0.8))
    assert voice.url(Clip.GET_READY) != first  # the page fetches the new one, not a cached copy
    voice.reset(Clip.GET_READY)
    assert voice.source(Clip.GET_READY) is None
    voice.save(Clip.PAUSED, tone(1.0))
    voice.delete_all()
    assert voice.recorded() == []


@pytest.mark.parametrize("seconds, code", [(0.1, "too_short"), (31.0, "too_long")])
def test_a_slip_or_a_forgotten_recording_is_not_kept(tmp_path, seconds, code):
    voice = OwnVoice(tmp_path / "own-voice")
    with pytest.raises(RecordingError, match=code):
        voice.save(Clip.HALFWAY, tone(seconds))
    assert not voice.has(Clip.HALFWAY)


@pytest.mark.parametrize(
    "name, clip",
    [
        ("halfway.wav", Clip.HALFWAY),
        ("halfway.ogg", None),  # only WAV recordings
        ("../pijat-oksitosin.sqlite3", None),  # never another file of the folder
        ("..%2Fpijat.wav", None),
        ("nonsense.wav", None),
    ],
)
def test_only_a_known_prompt_name_is_served(name, clip):
    assert clip_from_name(name) == clip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    srv = start_app(tmp_path_factory.mktemp("appdata"))
    OwnVoice(folder_for(srv.db_file)).save(Clip.HALFWAY, tone(1.0))
    yield srv
    srv.stop()


def fetch(server: AppServer, target: str, cookie: bool) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Cookie": f"{server.cookie_name}={server.token}"} if cookie else {}
    conn.request("GET", target, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("Content-Type") or "", body


def test_the_page_gets_a_recording_through_the_gate_and_nobody_else_does(server: AppServer):
    status, kind, body = fetch(server, "/own-voice/halfway.wav?v=1", cookie=True)
    assert (status, kind) == (200, "audio/wav") and body.startswith(b"RIFF")
    status, _kind, body = fetch(server, "/own-voice/halfway.wav", cookie=False)  # another program on the computer
    assert status == 403 and b"RIFF" not in body
    assert fetch(server, "/own-voice/paused.wav", cookie=True)[0] == 404  # not recorded
    assert fetch(server, "/own-voice/..%2Fpijat-oksitosin.sqlite3", cookie=True)[0] == 404
