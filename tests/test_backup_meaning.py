"""A backup is refused for what it means, not only for how it is written: a file with a valid
checksum whose values no form accepts (a birth in year 1, a report in 9999, a key twice, a 24 MB
blob passed off as a recording) changes nothing, down to the database file's bytes, and the
message names the first bad record."""

from __future__ import annotations

import io
import json
import wave
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import i18n
from app.domain.clock import FakeClock
from app.domain.plausible import BIRTH_YEARS_BACK, RecordKind
from app.services.data import DataService
from app.services.own_voice import OwnVoice
from app.store.backup import BackupError, BackupProblem
from app.store.db import Store, open_store
from app.ui.screens.data import problem_text
from tests.test_backup import BORN, T0, fill, resign

MADE = T0.date()  # the day the backup below was made


@pytest.fixture
def good(tmp_path: Path) -> bytes:
    with open_store(tmp_path / "source" / "d.sqlite3") as store:
        fill(store)
        return store.data.export(at=T0)


@pytest.fixture
def target(tmp_path: Path):
    with open_store(tmp_path / "target" / "d.sqlite3") as store:
        fill(store)
        yield store


def file_bytes(store: Store) -> bytes:
    """Everything of the diary on disk: the database file and its log."""
    path = Path(store.db.execute("PRAGMA database_list").fetchone()[2])
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


def changed(data: bytes, table: str, column: str, value: Any, row: int = 0) -> bytes:
    """The backup with one value replaced, and its checksum made right again."""
    document = json.loads(data)
    part = document["payload"]["tables"][table]
    part["rows"][row][part["columns"].index(column)] = value
    return resign(document)


def refused(store: Store, data: bytes) -> BackupError:
    before = file_bytes(store)
    with pytest.raises(BackupError) as caught:
        store.data.restore(data)
    assert file_bytes(store) == before  # not a byte of the diary changed
    with pytest.raises(BackupError):
        store.data.merge(data)
    assert file_bytes(store) == before
    return caught.value


ISO = date.isoformat
IMPOSSIBLE = [
    # (table, column, value, kind, day)
    ("mothers", "baby_birth_date", "0001-01-01", RecordKind.BIRTH_DATE, date(1, 1, 1)),
    ("mothers", "baby_birth_date", "1900-01-01", RecordKind.BIRTH_DATE, date(1900, 1, 1)),
    ("mothers", "baby_birth_date", "9999-12-31", RecordKind.BIRTH_DATE, date(9999, 12, 31)),
    ("mothers", "baby_birth_date", ISO(MADE + timedelta(days=2)), RecordKind.BIRTH_DATE, MADE + timedelta(days=2)),
    ("reports", "day", "9999-12-31", RecordKind.REPORT, date(9999, 12, 31)),
    ("reports", "day", ISO(MADE + timedelta(days=2)), RecordKind.REPORT, MADE + timedelta(days=2)),
    ("reports", "day", ISO(BORN - timedelta(days=1)), RecordKind.REPORT, BORN - timedelta(days=1)),
    ("reports", "day", "0001-01-01", RecordKind.REPORT, date(1, 1, 1)),
    ("sessions", "started_at", "9999-12-31T00:00:00.000000Z", RecordKind.MASSAGE, date(9999, 12, 31)),
    ("sessions", "started_at", "1900-01-01T00:00:00.000000Z", RecordKind.MASSAGE, date(1900, 1, 1)),
]


@pytest.mark.parametrize(
    "table, column, value, kind, day", IMPOSSIBLE, ids=[f"{t}.{c}={v[:10]}" for t, c, v, _, _ in IMPOSSIBLE]
)
def test_a_value_no_form_accepts_is_refused_naming_the_record(good, target, table, column, value, kind, day):
    error = refused(target, changed(good, table, column, value))
    assert error.code is BackupProblem.IMPLAUSIBLE
    assert error.record is not None and (error.record.kind, error.record.day) == (kind, day)


@pytest.mark.parametrize(
    "table, column, value",
    [
        ("reports", "temperature_c", 45.0),  # the form takes 34-43 °C
        ("reports", "feeds_24h", 99),
        ("reports", "mood", 9),  # 1-5
        ("reports", "flow", "gushing"),  # a code this app does not know
        ("sessions", "comfort", 7),
        ("sessions", "status", "teleported"),
    ],
)
def test_numbers_out_of_range_and_unknown_codes_are_refused(good, target, table, column, value):
    assert refused(target, changed(good, table, column, value)).code is BackupProblem.INVALID_CONTENT


def test_a_key_twice_is_refused_rather_than_one_silently_kept(good, target):
    text = good.decode()
    reports = json.dumps(json.loads(text)["payload"]["tables"]["reports"], separators=(",", ":"))
    twice = text.replace('"tables":{', '"tables":{"reports":' + reports + ",", 1)
    assert json.loads(twice) == json.loads(text)  # Python's JSON would keep the last one, silently
    assert refused(target, twice.encode()).code is BackupProblem.MALFORMED


def _wav(seconds: float, rate: int = 22050, extra: bytes = b"") -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x01\x00" * int(seconds * rate))
    return out.getvalue() + extra


def test_a_recording_is_all_sound_and_no_more():
    assert OwnVoice.file_ok("halfway.wav", _wav(1.0))
    assert not OwnVoice.file_ok("halfway.wav", _wav(1.0, extra=b"\0" * 24_000_000))  # a blob behind a header
    assert not OwnVoice.file_ok("halfway.wav", _wav(1.0)[:-1000])  # the header claims more than is there
    assert not OwnVoice.file_ok("halfway.wav", _wav(31.0))  # longer than a recording can be


def test_the_message_names_the_first_bad_record_in_her_language(good, target):
    with i18n.using("en"):
        service = DataService(target, FakeClock(start_wall=T0 + timedelta(days=1)))
        found = service.check(changed(good, "reports", "day", "9999-12-31"))
        assert found.problem is BackupProblem.IMPLAUSIBLE
        text = problem_text(found.problem, found.record)
    assert (
        text
        == "The daily report of 31 December 9999 in this backup is a date the app cannot accept. Nothing was changed."
    )
    with i18n.using("id"):
        assert "31 Desember 9999" in problem_text(found.problem, found.record)


def test_a_mother_born_in_the_window_before_the_backup_restores(good, target):
    """The window is not too tight: a midwife's mother from years back is a real mother."""
    oldest = date(MADE.year - BIRTH_YEARS_BACK, 1, 1)
    data = changed(good, "mothers", "baby_birth_date", ISO(oldest))
    target.data.restore(data)
    assert oldest in {m.baby_birth_date for m in target.mothers.list()}


DATE_COLUMNS = [("mothers", "baby_birth_date"), ("reports", "day")]
TIME_COLUMNS = [("sessions", "started_at")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_semantic_fuzz_impossible_dates_never_get_in(good, target, data):
    """Valid JSON, a valid checksum, one date moved outside what a form takes: refused, and the
    database file is byte for byte what it was."""
    too_early = st.dates(max_value=date(MADE.year - BIRTH_YEARS_BACK, 1, 1) - timedelta(days=1))
    too_late = st.dates(min_value=MADE + timedelta(days=2))
    day = data.draw(st.one_of(too_early, too_late))
    table, column = data.draw(st.sampled_from(DATE_COLUMNS + TIME_COLUMNS))
    document = json.loads(good)
    rows = len(document["payload"]["tables"][table]["rows"])
    row = data.draw(st.integers(0, rows - 1))
    value = day.isoformat() if (table, column) in DATE_COLUMNS else datetime(day.year, day.month, day.day).isoformat()
    error = refused(target, changed(good, table, column, value + ("" if (table, column) in DATE_COLUMNS else "Z"), row))
    assert error.code in (BackupProblem.IMPLAUSIBLE, BackupProblem.INVALID_CONTENT)
