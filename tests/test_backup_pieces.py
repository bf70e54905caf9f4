"""The app's own backup file read in short pieces (app/store/backup_split.py) gives exactly what
reading it whole gives, and every file that is not laid out as the app writes it still restores,
or is refused, as before: the pieces change how long one call holds the interpreter, never the
outcome."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import wave
from pathlib import Path

import pytest

from app.domain.clock import FakeClock
from app.domain.prompts import Clip
from app.services.data import DataService
from app.services.own_voice import OwnVoice
from app.store import backup, backup_split
from app.store.backup import BackupProblem
from app.store.db import open_store
from tests.test_backup import checksum, fill


def _recording(seconds: float, tone: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(bytes([tone, 0]) * int(seconds * 22050))
    return out.getvalue()


@pytest.fixture
def made(tmp_path: Path):
    """A backup with two of her recordings (longer than one decoding piece), and a phone to restore
    it on."""
    clips = list(Clip)[:2]
    with open_store(tmp_path / "a" / "d.sqlite3") as a, open_store(tmp_path / "b" / "d.sqlite3") as b:
        fill(a)
        own_a = OwnVoice(tmp_path / "a" / "own-voice")
        own_a.replace_with({f"{clip.value}.wav": _recording(9.0, n + 1) for n, clip in enumerate(clips)})
        data = DataService(a, FakeClock(), own=own_a).backup_file().data
        own_b = OwnVoice(tmp_path / "b" / "own-voice")
        yield data, DataService(b, FakeClock(), own=own_b), b, own_b, own_a


def _layout(payload_text: bytes, version: int = 2) -> bytes:
    """A file in the app's own layout around `payload_text`, its sum made of those bytes."""
    digest = hashlib.sha256(payload_text).hexdigest()
    return (
        b'{"format":"pijat-oksitosin-backup","payload":'
        + payload_text
        + b',"sha256":"'
        + digest.encode()
        + b'","version":'
        + str(version).encode()
        + b"}"
    )


def _payload_text(data: bytes) -> bytes:
    return data[data.index(b'"payload":') + len(b'"payload":') : data.rindex(b',"sha256":')]


def test_the_apps_file_read_in_pieces_is_what_reading_it_whole_gives(made):
    data, *_ = made
    split = backup_split.read(data, backup._parse)
    assert split is not None
    document, files = split
    whole = json.loads(data)
    assert files is not None and len(files[next(iter(files))]) > backup.B64_PIECE  # several pieces each
    assert {name: text.decode() for name, text in files.items()} == whole["payload"]["files"]
    assert document["payload"] | {"files": whole["payload"]["files"]} == whole["payload"]
    assert {k: document[k] for k in ("format", "sha256", "version")} == {
        k: whole[k] for k in ("format", "sha256", "version")
    }


def test_the_same_backup_written_another_way_restores_the_same(made, tmp_path: Path):
    data, service, store, own, own_a = made
    assert service.restore(data).ok
    expected, recordings = store.data.content(), {clip: own.path(clip).read_bytes() for clip in own.recorded()}
    assert recordings == {clip: own_a.path(clip).read_bytes() for clip in own_a.recorded()}
    service.erase()
    spaced = json.dumps(json.loads(data), indent=1).encode()  # another layout: read whole
    assert backup_split.read(spaced, backup._parse) is None
    assert service.restore(spaced).ok
    assert store.data.content() == expected
    assert {clip: own.path(clip).read_bytes() for clip in own.recorded()} == recordings


def test_a_recording_given_twice_in_the_apps_layout_is_refused_and_changes_nothing(made):
    data, service, store, *_ = made
    text = _payload_text(data)
    entry = re.search(rb'"files":\{("[^"]+":"[^"]+")', text)
    assert entry is not None
    twice = text[: entry.end()] + b"," + entry.group(1) + text[entry.end() :]
    before = checksum(store)
    result = service.restore(_layout(twice))
    assert result.problem is BackupProblem.MALFORMED and checksum(store) == before


def test_padding_inside_a_recording_is_refused_as_one_call_would(made):
    data, service, store, *_ = made
    document = json.loads(data)
    name = next(iter(document["payload"]["files"]))
    sound = base64.b64decode(document["payload"]["files"][name])
    # The padding ends the first decoding piece exactly: each piece alone is valid base64.
    head = base64.b64encode(sound[: (backup.B64_PIECE - 4) // 4 * 3]).decode()
    document["payload"]["files"][name] = head + "AA==" + "QUJD" * 1000
    text = backup.canonical(document["payload"])
    before = checksum(store)
    assert service.restore(_layout(text)).problem is BackupProblem.MALFORMED
    assert checksum(store) == before


def test_a_sum_that_does_not_match_the_bytes_is_refused_as_before(made):
    data, service, store, *_ = made
    at = data.index(b'"rows":[[') + 20
    damaged = data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]
    before = checksum(store)
    assert service.restore(damaged).problem in (BackupProblem.WRONG_CHECKSUM, BackupProblem.MALFORMED)
    assert checksum(store) == before
