"""A backup over 16 MiB restores from the browser (Chromium at 360x800, the internet blocked).

A midwife's backup with her own recordings of every prompt is about 20 MiB. Sent as bytes in one
WebSocket message it never arrived: uvicorn closes the connection on a message over 16 MiB and the
page silently reconnected. The picked file now comes in through the app's signed upload path. This
restores a 20+ MiB backup and reads back what she would hear and see: her recordings, byte for byte,
and her reports; and the upload's copy is gone afterwards.
"""

from __future__ import annotations

import math
import sqlite3
import struct
import wave
from datetime import timedelta
from pathlib import Path

from app.config import private_dir
from app.domain.profile import Profile
from app.domain.prompts import Clip
from app.domain.report import validate_report
from app.services.data import DataService
from app.services.own_voice import KEPT_RATE, OwnVoice, folder_for
from app.store.db import open_store
from tests.browser.test_diary_flow import start, tap
from tests.browser.test_your_data import pick
from tests.testday import CLOCK, TODAY

SECONDS = 20.5  # each of the 18 prompts, as a midwife might record them: 18 x 20.5 s is just over 20 MiB


def keep_recording(own: OwnVoice, clip: Clip, number: int) -> None:
    """Her recording of `clip` as the app keeps one (mono 16-bit WAV at KEPT_RATE): a tone of its
    own per prompt. Written directly: converting 20 s of the page's stereo 44.1 kHz stream is the
    slow part of OwnVoice.save, and the file is the same."""
    frames = int(SECONDS * KEPT_RATE)
    period = KEPT_RATE // (220 + 20 * number)  # one wave, repeated
    one = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * n / period))) for n in range(period))
    private_dir(own.folder)
    with wave.open(str(own.path(clip)), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(KEPT_RATE)
        w.writeframes((one * (frames // period + 1))[: frames * 2])


def big_backup(folder: Path) -> tuple[bytes, dict[str, bytes]]:
    """A real backup made by the app: a mother, three reports and all her recordings."""
    db_file = folder / "other-phone.sqlite3"
    today = TODAY
    born = today - timedelta(days=5)
    with open_store(db_file) as store:
        now = CLOCK.wall()
        store.profile.save(Profile(mother_name="Siti", baby_birth_date=born), at=now)
        for n in range(3):
            report, errors = validate_report(
                {"day": today - timedelta(days=n), "flow": "well", "feeds_24h": "9"}, today=today, birth_date=born
            )
            assert report is not None, errors
            store.diary.save(report, at=now)
        own = OwnVoice(folder_for(db_file))
        for number, clip in enumerate(Clip):
            keep_recording(own, clip, number)
        data = DataService(store, CLOCK, own=own).backup_file().data
        return data, own.files()


def test_a_backup_over_16_mib_restores_from_the_browser(open_app, server, tmp_path):
    data, recordings = big_backup(tmp_path)
    assert len(data) > 20 * 1024 * 1024, len(data)  # over uvicorn's 16 MiB per WebSocket message
    assert len(recordings) == len(Clip) and all(len(w) > SECONDS * KEPT_RATE * 2 for w in recordings.values())
    file = tmp_path / "backup-bidan.json"
    file.write_bytes(data)

    app = start(open_app, "en")
    app.tap("open-settings")
    tap(app, "open-data")
    app.wait_for("data-restore")
    pick(app, "data-restore", file)
    app.see("The backup holds 3 daily reports and 0 massages.")  # checked on the server: it arrived whole
    app.tap("dialog-restore-yes")
    app.el("data-status-restore").get_by_text("Restored: 3 daily reports and 0 massages.").wait_for(state="attached")

    with sqlite3.connect(server.db_file) as db:
        assert db.execute("SELECT count(*) FROM reports").fetchone() == (3,)
        assert db.execute("SELECT nickname FROM mothers").fetchall() == [("Siti",)]
    voice = folder_for(Path(server.db_file))
    assert {p.name: p.read_bytes() for p in voice.glob("*.wav")} == recordings  # what she will hear
    incoming = Path(server.db_file).parent / "incoming"
    assert incoming.is_dir() and (incoming.stat().st_mode & 0o077) == 0
    assert list(incoming.iterdir()) == []  # the uploaded copy does not stay
