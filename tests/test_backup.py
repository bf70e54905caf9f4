"""Backup and restore on real SQLite files: the round trip, every refusal leaving the diary exactly
as it was (its content checksum unchanged), fuzzing with hypothesis, and deleting everything so
the bytes are gone from the file."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import MAX_BACKUP_BYTES
from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import validate_report
from app.store import backup
from app.store.backup import BackupError, BackupProblem
from app.store.db import Store, every_row_readable, open_store
from app.store.migrations import migrations

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
BORN = date(2026, 11, 10)
MARKER = "Catatan-rahasia-7f3a"  # a note whose bytes must leave the file on "delete all"


def fill(store: Store) -> None:
    store.profile.save(Profile(mother_name="Ibu Ñoman 🙂", baby_birth_date=BORN, midwife_phone="0812-3456-7890"), at=T0)
    for n in range(1, 8):
        day = BORN + timedelta(days=n)
        report, errors = validate_report(
            {
                "day": day,
                "flow": ["not_yet", "not_well", "well"][n % 3],
                "feeds_24h": str(6 + n),
                "temperature_c": "37,2" if n % 2 else "",
                "note": f"{MARKER} hari {n}" if n == 3 else "",
                "signs": {"feeds_8_to_12": n > 2},
                "mother_signs": {"heavy_bleeding": False},
            },
            today=date(2026, 11, 20),
            birth_date=BORN,
        )
        assert report is not None, errors
        store.diary.save(report, at=T0 + timedelta(days=n))
    for n in range(3):
        start = T0 + timedelta(hours=12 * n)
        sid = store.sessions.create(
            NewSession(started_at=start, demo=n == 2, round_s=180, rest_s=60, rounds_planned=3, snapshot={"n": n})
        )
        progress = SessionProgress(at=start + timedelta(minutes=10), snapshot={"n": n}, rounds_done=3, massaged_s=540.0)
        store.sessions.finish(sid, SessionStatus.COMPLETED if n else SessionStatus.STOPPED_PAIN, progress)
        store.sessions.rate(sid, 4, True)
    store.drafts.put("report:2026-11-18", {"flow": "well", "note": "setengah"}, at=T0)
    store.set_setting("lang", "id")
    # A second mother (a midwife's device), with a report on a day the first one also has.
    second = store.mother(store.mothers.add(at=T0))
    second.profile.save(Profile(mother_name="Ibu Dewi", baby_birth_date=BORN), at=T0)
    report, _ = validate_report(
        {"day": BORN + timedelta(days=1), "flow": "not_well"}, today=date(2026, 11, 20), birth_date=BORN
    )
    assert report is not None
    second.diary.save(report, at=T0)


def checksum(store: Store) -> str:
    return hashlib.sha256(json.dumps(store.data.content(), sort_keys=True).encode()).hexdigest()


@pytest.fixture
def full(tmp_path: Path):
    with open_store(tmp_path / "full" / "d.sqlite3") as store:
        fill(store)
        yield store


@pytest.fixture
def empty(tmp_path: Path):
    with open_store(tmp_path / "empty" / "d.sqlite3") as store:
        yield store


def resign(document: dict) -> bytes:
    """A document with its checksum made right again: only the content checks can refuse it."""
    document["sha256"] = hashlib.sha256(backup.canonical(document["payload"])).hexdigest()
    return json.dumps(document).encode()


def test_round_trip_export_restore_export_gives_identical_data(full: Store, empty: Store):
    first = full.data.export(at=T0)
    assert backup.canonical(json.loads(first)) == first  # the file is the canonical form of itself
    counts, files = empty.data.restore(first)
    assert files == {}
    assert counts["reports"] == 8 and counts["sessions"] == 3 and counts["mothers"] == 2
    assert empty.data.content() == full.data.content()
    again = json.loads(empty.data.export(at=T0))
    assert again == json.loads(first)
    for mother in full.mothers.list():
        assert empty.mother(mother.id).profile.get() == full.mother(mother.id).profile.get()
        assert empty.mother(mother.id).diary.list() == full.mother(mother.id).diary.list()


def test_the_file_is_versioned_and_checksummed(full: Store):
    document = json.loads(full.data.export(at=T0))
    assert document["format"] == "pijat-oksitosin-backup" and document["version"] == 2
    assert document["sha256"] == hashlib.sha256(backup.canonical(document["payload"])).hexdigest()
    assert document["payload"]["schema"] == [m.name for m in migrations.applied(full.db)]
    assert "_sqlite_migrations" not in document["payload"]["tables"]


def test_restore_replaces_what_was_there(full: Store, empty: Store):
    fill_day = BORN + timedelta(days=9)
    report, _ = validate_report({"day": fill_day, "flow": "well"}, today=date(2026, 11, 20), birth_date=BORN)
    assert report is not None
    empty.diary.save(report, at=T0)
    empty.data.restore(full.data.export(at=T0))
    assert empty.diary.get(fill_day) is None
    assert empty.data.content() == full.data.content()


def _upper_mother(document: dict) -> None:
    """One mother's UUID in capitals, everywhere it is written: not the form the app writes."""
    tables = document["payload"]["tables"]
    old = tables["mothers"]["rows"][0][tables["mothers"]["columns"].index("id")]
    for content in tables.values():
        for row in content["rows"]:
            row[:] = [old.upper() if value == old else value for value in row]


def _same_session_uuid(document: dict) -> None:
    sessions = document["payload"]["tables"]["sessions"]
    column = sessions["columns"].index("uuid")
    sessions["rows"][1][column] = sessions["rows"][0][column]


def _mutations(full: Store) -> dict[str, tuple[bytes, BackupProblem]]:
    good = full.data.export(at=T0)
    doc = json.loads(good)

    def changed(edit) -> dict:
        copy = json.loads(good)
        edit(copy)
        return copy

    def set_value(table: str, column: str, value):
        def edit(d):
            cols = d["payload"]["tables"][table]["columns"]
            d["payload"]["tables"][table]["rows"][0][cols.index(column)] = value

        return edit

    tampered = changed(set_value("reports", "feeds_24h", 99))
    return {
        "not json": (b"\x89PNG\r\n\x1a\n not a backup", BackupProblem.MALFORMED),
        "empty": (b"", BackupProblem.MALFORMED),
        "truncated": (good[: len(good) // 2], BackupProblem.MALFORMED),
        "other json": (b'{"hello": "world"}', BackupProblem.NOT_A_BACKUP),
        "a list": (b"[1, 2, 3]", BackupProblem.NOT_A_BACKUP),
        "too large": (b" " * (MAX_BACKUP_BYTES + 1), BackupProblem.TOO_LARGE),
        "deeply nested": (
            b'{"format": "pijat-oksitosin-backup", "version": 1, "payload": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            BackupProblem.MALFORMED,
        ),
        "wrong version": (json.dumps({**doc, "version": 3}).encode(), BackupProblem.WRONG_VERSION),
        "version 1 with identities": (json.dumps({**doc, "version": 1}).encode(), BackupProblem.MALFORMED),
        "edited without checksum": (json.dumps(tampered).encode(), BackupProblem.WRONG_CHECKSUM),
        "newer app": (resign(changed(lambda d: d["payload"]["schema"].append("m999_future"))), BackupProblem.NEWER_APP),
        "unknown table": (
            resign(changed(lambda d: d["payload"]["tables"].update({"evil": {"columns": ["x"], "rows": [[1]]}}))),
            BackupProblem.INVALID_CONTENT,
        ),
        "sql in a column name": (
            resign(
                changed(
                    lambda d: d["payload"]["tables"]["settings"]["columns"].__setitem__(
                        0, 'key") VALUES (1); DROP TABLE reports; --'
                    )
                )
            ),
            BackupProblem.INVALID_CONTENT,
        ),
        "unknown flow code": (resign(changed(set_value("reports", "flow", "gushing"))), BackupProblem.INVALID_CONTENT),
        "nested value": (resign(changed(set_value("reports", "note", {"a": 1}))), BackupProblem.MALFORMED),
        "boolean value": (resign(changed(set_value("reports", "fever", True))), BackupProblem.MALFORMED),
        "missing required value": (resign(changed(set_value("reports", "flow", None))), BackupProblem.INVALID_CONTENT),
        "huge integer": (resign(changed(set_value("reports", "feeds_24h", 10**30))), BackupProblem.INVALID_CONTENT),
        "NaN": (
            json.dumps(changed(set_value("reports", "temperature_c", float("nan")))).encode(),
            BackupProblem.MALFORMED,
        ),
        "event of no session": (
            resign(changed(set_value("session_events", "session_id", 424242))),
            BackupProblem.INVALID_CONTENT,
        ),
        "report of no mother": (
            resign(changed(set_value("reports", "mother_id", "5a1d0000-0000-4000-8000-000000000099"))),
            BackupProblem.INVALID_CONTENT,
        ),
        "a mother who is no UUID": (resign(changed(set_value("mothers", "id", "1"))), BackupProblem.INVALID_CONTENT),
        "a UUID in capitals": (
            resign(changed(lambda d: _upper_mother(d))),
            BackupProblem.INVALID_CONTENT,
        ),
        "two massages, one UUID": (
            resign(changed(lambda d: _same_session_uuid(d))),
            BackupProblem.INVALID_CONTENT,
        ),
        "short row": (
            resign(changed(lambda d: d["payload"]["tables"]["reports"]["rows"][0].pop())),
            BackupProblem.MALFORMED,
        ),
    }


def test_every_bad_file_is_refused_with_its_reason_and_changes_nothing(full: Store, empty: Store):
    fill(empty)
    before = checksum(empty)
    for name, (data, problem) in _mutations(full).items():
        with pytest.raises(BackupError) as caught:
            empty.data.restore(data)
        assert caught.value.code is problem, name
        assert checksum(empty) == before, name
        assert MARKER not in str(caught.value), name


def test_a_backup_from_an_older_version_is_brought_up_to_date(full: Store, empty: Store):
    """A backup written at schema m001-m002 (before the danger signs) restores and migrates."""
    old = backup.Database(memory=True)
    migrations.apply(old, stop_before="m003_danger_signs")
    report, _ = validate_report({"day": BORN + timedelta(days=2), "flow": "well"}, today=date(2026, 11, 20))
    assert report is not None
    old.table("reports").insert(
        {
            "day": report.day.isoformat(),
            "flow": "well",
            "signs": "{}",
            "breast_pain": 0,
            "breast_redness": 0,
            "breast_hard_swollen": 0,
            "nipples_cracked": 0,
            "fever": 0,
            "note": "",
            "created_at": T0.isoformat(),
            "updated_at": T0.isoformat(),
        }
    )
    empty.data.restore(backup.export(old, at=T0))
    (mother,) = empty.mothers.list()  # the family's mother, given her identity on the way
    restored = empty.mother(mother.id).diary.get(report.day)
    assert restored is not None and restored.flow.value == "well" and restored.dark_urine is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_backups_are_restored_whole_or_refused_without_a_trace(full: Store, empty: Store, data):
    """Random damage to a real backup: bytes cut, flipped or inserted, or a value replaced and the
    checksum made right again. Either the restore takes all of it, or it is refused with a
    BackupError and the diary's content is unchanged. Nothing else may escape."""
    good = full.data.export(at=T0)
    kind = data.draw(st.sampled_from(["cut", "flip", "insert", "value"]))
    if kind == "cut":
        damaged = good[: data.draw(st.integers(0, len(good) - 1))]
    elif kind == "flip":
        at = data.draw(st.integers(0, len(good) - 1))
        damaged = good[:at] + bytes([good[at] ^ data.draw(st.integers(1, 255))]) + good[at + 1 :]
    elif kind == "insert":
        at = data.draw(st.integers(0, len(good)))
        damaged = good[:at] + data.draw(st.binary(min_size=1, max_size=8)) + good[at:]
    else:
        document = json.loads(good)
        tables = document["payload"]["tables"]
        table = data.draw(st.sampled_from(sorted(t for t in tables if tables[t]["rows"])))
        row = data.draw(st.integers(0, len(tables[table]["rows"]) - 1))
        column = data.draw(st.integers(0, len(tables[table]["columns"]) - 1))
        value = data.draw(
            st.one_of(
                st.none(),
                st.booleans(),
                st.integers(-(2**70), 2**70),
                st.floats(allow_nan=False, allow_infinity=False),
                st.text(max_size=20),
                st.lists(st.integers(), max_size=2),
            )
        )
        tables[table]["rows"][row][column] = value
        damaged = resign(document)
    before = checksum(empty)
    try:
        empty.data.restore(damaged)
    except BackupError:
        assert checksum(empty) == before
    else:
        # Accepted: then the diary is exactly what the file holds, and all of it is readable.
        loaded = backup.load(damaged, readable=every_row_readable)
        assert empty.data.content() == backup.dump(loaded.db)
        loaded.db.close()
        assert every_row_readable(empty.db)


def test_delete_all_removes_the_bytes_from_the_file(tmp_path: Path):
    path = tmp_path / "erase" / "d.sqlite3"
    with open_store(path) as store:
        fill(store)
        assert store.diary.count() == 7
        store.data.erase(at=T0)
        assert store.diary.count() == 0 and store.profile.get() is None and store.sessions.list() == []
        (blank,) = store.mothers.list()  # a device is never without a mother: a new, blank one
        assert blank.nickname is None and blank.baby_birth_date is None
        content = store.data.content()
        assert all(not part["rows"] for name, part in content.items() if name != "mothers")
        on_disk = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))
        assert MARKER.encode() not in on_disk
        assert "Ñoman".encode() not in on_disk
    # The schema stays: the app opens and records again, for a new mother (as DataService.erase
    # adds her).
    with open_store(path) as device:
        store = device.mother(device.mothers.add(at=T0))
        fill(store)
        assert store.diary.count() == 7


def test_delete_one_mother_leaves_the_others_and_scrubs_her_bytes(tmp_path: Path):
    path = tmp_path / "one" / "d.sqlite3"
    with open_store(path) as store:
        fill(store)
        siti = store.mother_id
        others = [m for m in store.mothers.list() if m.id != siti]
        before = {m.id: store.mother(m.id).diary.list() for m in others}
        store.reminders.save({"morning": "06:00"}, at=T0)
        dewi = others[0].id
        store.mother(dewi).reminders.save({"morning": "06:30"}, at=T0)
        counts = store.data.counts(siti)
        assert counts["reports"] == 7 and counts["real_sessions"] == 2
        store.data.erase_mother(siti, at=T0)
        assert [m.id for m in store.mothers.list()] == [dewi]
        assert {m.id: store.mother(m.id).diary.list() for m in others} == before
        assert store.mother(siti).diary.list() == [] and store.mother(siti).sessions.list() == []
        assert store.mother(siti).reminders.get() == {}
        assert store.data.content()["session_events"]["rows"] == []  # her sessions' events went with them
        assert store.mother(dewi).reminders.get() == {"morning": "06:30"}
        on_disk = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))
        assert MARKER.encode() not in on_disk and "Ñoman".encode() not in on_disk
        assert b"Ibu Dewi" in on_disk
        with pytest.raises(LookupError):
            store.data.erase_mother(siti, at=T0)


def _recording(seconds: float = 1.0, rate: int = 22050) -> bytes:
    import io
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x01\x00" * int(seconds * rate))
    return out.getvalue()


def test_the_midwifes_recordings_travel_in_the_backup_and_go_with_delete_all(tmp_path: Path):
    from app.domain.clock import FakeClock
    from app.domain.prompts import Clip
    from app.services.data import DataService
    from app.services.own_voice import OwnVoice

    clip = next(iter(Clip))
    with open_store(tmp_path / "a" / "d.sqlite3") as a, open_store(tmp_path / "b" / "d.sqlite3") as b:
        fill(a)
        own_a, own_b = OwnVoice(tmp_path / "a" / "own-voice"), OwnVoice(tmp_path / "b" / "own-voice")
        own_a.replace_with({f"{clip.value}.wav": _recording()})
        assert own_a.recorded() == [clip]
        file = DataService(a, FakeClock(), own=own_a).backup_file()
        assert f"{clip.value}.wav" in json.loads(file.data)["payload"]["files"]

        service_b = DataService(b, FakeClock(), own=own_b)
        assert service_b.restore(file.data).ok
        assert own_b.path(clip).read_bytes() == own_a.path(clip).read_bytes()
        assert oct(own_b.path(clip).stat().st_mode & 0o777) == "0o600"

        # A file that is not one of her recordings (another name, or not a WAV) is refused whole.
        for name, data in ((f"{clip.value}.wav", b"not a wav"), ("../../evil.wav", _recording())):
            document = json.loads(file.data)
            document["payload"]["files"] = {name: base64.b64encode(data).decode()}
            before = checksum(b)
            result = service_b.restore(resign(document))
            assert result.problem is BackupProblem.INVALID_CONTENT and checksum(b) == before
            assert own_b.recorded() == [clip]

        service_b.erase()
        assert own_b.recorded() == []
        assert b.mothers.list() and b.diary.count() == 0  # a blank mother, as on a new phone


def test_a_refused_merge_changes_nothing(full: Store, empty: Store):
    fill(empty)
    before = checksum(empty)
    good = full.data.export(at=T0)
    with pytest.raises(BackupError):
        empty.data.merge(good[: len(good) - 10])
    assert checksum(empty) == before
