"""The store against real SQLite files: schema, migrations, sessions, atomicity, and a hard kill."""

from __future__ import annotations

import json
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlite_utils import Database

from app.domain.records import NewSession, SessionProgress, SessionRecord, SessionStatus
from app.store.db import Store, connect, open_store
from app.store.errors import StoreWriteError, WriteErrorCode
from app.store.migrations import migrations
from tests.given import given

WRITER = Path(__file__).with_name("store_writer.py")
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
WIB = timezone(timedelta(hours=7))  # Western Indonesia Time, where most families use the app
# Long after every session in these tests: any heartbeat is older than the lease.
LATER = datetime(2027, 1, 1, tzinfo=UTC)


def new_session(started_at: datetime = T0, **changes) -> NewSession:
    fields = dict(
        started_at=started_at,
        demo=False,
        round_s=180,
        rest_s=30,
        rounds_planned=3,
        build="slim_normal",
        technique="thumbs",
        snapshot={"phase": "round", "round": 1},
    )
    return NewSession(**{**fields, **changes})


def progress(seconds: float, rounds_done: int = 0, massaged_s: float = 0.0) -> SessionProgress:
    return SessionProgress(
        at=T0 + timedelta(seconds=seconds),
        snapshot={"phase": "round", "elapsed": seconds},
        rounds_done=rounds_done,
        massaged_s=massaged_s,
    )


def all_migration_names() -> list[str]:
    # Everything is pending on an empty database, in the order it would be applied.
    return [m.name for m in migrations.pending(Database(memory=True))]


# --- schema and migrations ---------------------------------------------------------------------


def test_fresh_file_gets_the_m001_schema(fresh_db: Store, db_path: Path):
    assert db_path.exists()
    db = fresh_db.db
    assert {"settings", "sessions", "session_events"} <= set(db.table_names())
    assert set(db.table("sessions").columns_dict) >= {
        "id", "started_at", "updated_at", "ended_at", "demo", "round_s", "rest_s",
        "rounds_planned", "build", "technique", "status", "snapshot", "rounds_done",
        "massaged_s", "comfort", "letdown",
    }  # fmt: skip
    assert db.table("sessions").columns_dict["massaged_s"] is float
    assert db.table("settings").pks == ["key"]
    # m004: one mother's sessions by time.
    assert ["mother_id", "started_at"] in [index.columns for index in db.table("sessions").indexes]
    assert ["session_id"] in [index.columns for index in db.table("session_events").indexes]
    [fk] = db.table("session_events").foreign_keys
    assert (fk.column, fk.other_table, fk.other_column) == ("session_id", "sessions", "id")


def test_opening_twice_applies_nothing_new(db_path: Path):
    with open_store(db_path) as first:
        applied = migrations.applied(first.db)
    assert [m.name for m in applied] == all_migration_names()
    with open_store(db_path) as second:
        assert migrations.applied(second.db) == applied  # same rows, same applied_at
        assert migrations.pending(second.db) == []


def test_wal_mode_is_on(fresh_db: Store):
    assert fresh_db.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(fresh_db: Store):
    assert fresh_db.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.db.table("session_events").insert({"session_id": 999, "at": "x", "kind": "start", "position_s": 0})


def test_upgrade_from_m001_keeps_every_row(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old = connect(path)
    # Stop before whatever follows m001; with m001 alone this is [] and applies just m001.
    migrations.apply(old, stop_before=all_migration_names()[1:2])
    assert [m.name for m in migrations.applied(old)] == ["m001_initial"]
    rows: dict[str, list[dict[str, object]]] = {
        "settings": [{"key": "language", "value": "id"}, {"key": "technique", "value": "fists"}],
        "sessions": [
            {
                "id": 1, "started_at": "2026-02-01T01:00:00.000000+00:00",
                "updated_at": "2026-02-01T01:11:00.000000+00:00",
                "ended_at": "2026-02-01T01:11:00.000000+00:00", "demo": 0, "round_s": 180,
                "rest_s": 30, "rounds_planned": 3, "build": "heavier", "technique": "fists",
                "status": "completed", "snapshot": '{"phase": "done"}', "rounds_done": 3,
                "massaged_s": 540.0, "comfort": 4, "letdown": 1,
            },
            {
                "id": 2, "started_at": "2026-02-02T01:00:00.000000+00:00",
                "updated_at": "2026-02-02T01:01:00.000000+00:00", "ended_at": None, "demo": 1,
                "round_s": 30, "rest_s": 5, "rounds_planned": 3, "build": None,
                "technique": None, "status": "in_progress", "snapshot": "{}", "rounds_done": 0,
                "massaged_s": 12.5, "comfort": None, "letdown": None,
            },
        ],
        "session_events": [
            {"id": n, "session_id": sid, "at": at, "kind": kind, "position_s": position}
            for n, sid, at, kind, position in [
                (1, 1, "2026-02-01T01:00:00.000000+00:00", "start", 0.0),
                (2, 1, "2026-02-01T01:11:00.000000+00:00", "finish", 540.0),
                (3, 2, "2026-02-02T01:00:00.000000+00:00", "start", 0.0),
            ]
        ],
    }  # fmt: skip
    for table, table_rows in rows.items():
        old.table(table).insert_all(table_rows)
    old.close()

    with open_store(path) as store:
        assert migrations.pending(store.db) == []
        for table, table_rows in rows.items():
            pk = store.db.table(table).pks[0]
            kept = {row[pk]: row for row in store.db.table(table).rows}
            assert len(kept) == len(table_rows)
            for row in table_rows:
                # Compare the m001 columns only: later migrations may add columns.
                assert {k: kept[row[pk]][k] for k in row} == row
        # And the repositories read the old rows.
        assert store.get_setting("language") == "id"
        assert given(store.sessions.get(1)).letdown is True
        assert given(store.sessions.unfinished(now=LATER)).id == 2


# --- settings ------------------------------------------------------------------------------------


def test_settings_roundtrip(fresh_db: Store):
    assert fresh_db.get_setting("language") is None
    assert fresh_db.get_setting("language", "id") == "id"
    fresh_db.set_setting("language", "en")
    fresh_db.set_setting("language", "id")  # overwrite, not a second row
    assert fresh_db.get_setting("language") == "id"
    assert fresh_db.db["settings"].count == 1


def test_setting_values_must_be_text(fresh_db: Store):
    with pytest.raises(TypeError):
        fresh_db.set_setting("rounds", 3)  # type: ignore[arg-type]  # the wrong type, on purpose
    assert fresh_db.get_setting("rounds") is None


# --- sessions ------------------------------------------------------------------------------------


def test_create_stores_the_session_and_its_start_event(fresh_db: Store):
    session_id = fresh_db.sessions.create(new_session(build="heavier", technique="fists"))
    record = given(fresh_db.sessions.get(session_id))
    assert record is not None
    assert record == SessionRecord(
        id=session_id, uuid=record.uuid, started_at=T0, updated_at=T0, ended_at=None, demo=False, round_s=180,
        rest_s=30, rounds_planned=3, build="heavier", technique="fists",
        status=SessionStatus.IN_PROGRESS, snapshot={"phase": "round", "round": 1},
        rounds_done=0, massaged_s=0.0, comfort=None, letdown=None,
    )  # fmt: skip
    assert [(e["kind"], e["at"], e["position_s"]) for e in fresh_db.sessions.events(session_id)] == [("start", T0, 0.0)]


def test_timestamps_are_stored_as_utc_text_and_read_back_aware(fresh_db: Store):
    started = datetime(2026, 3, 1, 15, 0, tzinfo=WIB)
    session_id = fresh_db.sessions.create(new_session(started))
    raw = fresh_db.db.table("sessions").get(session_id)["started_at"]
    assert raw == "2026-03-01T08:00:00.000000+00:00"
    assert given(fresh_db.sessions.get(session_id)).started_at == started


def test_naive_datetimes_are_refused(fresh_db: Store):
    with pytest.raises(ValidationError):
        new_session(datetime(2026, 3, 1, 8, 0))
    with pytest.raises(ValueError):
        fresh_db.sessions.between(datetime(2026, 3, 1), datetime(2026, 3, 2))


def test_record_event_logs_it_and_updates_progress(fresh_db: Store):
    session_id = fresh_db.sessions.create(new_session())
    fresh_db.sessions.record_event(session_id, "pause", progress(95, rounds_done=0, massaged_s=95))
    record = given(fresh_db.sessions.get(session_id))
    assert (record.updated_at, record.massaged_s, record.snapshot) == (
        T0 + timedelta(seconds=95),
        95.0,
        {"phase": "round", "elapsed": 95},
    )
    assert [(e["kind"], e["position_s"]) for e in fresh_db.sessions.events(session_id)] == [
        ("start", 0.0), ("pause", 95.0)
    ]  # fmt: skip


def test_checkpoint_updates_progress_without_an_event(fresh_db: Store):
    session_id = fresh_db.sessions.create(new_session())
    fresh_db.sessions.checkpoint(session_id, progress(200, rounds_done=1, massaged_s=190))
    record = given(fresh_db.sessions.get(session_id))
    assert (record.rounds_done, record.massaged_s) == (1, 190.0)
    assert record.updated_at == T0 + timedelta(seconds=200)
    assert [e["kind"] for e in fresh_db.sessions.events(session_id)] == ["start"]


@pytest.mark.parametrize(
    "status, kind",
    [
        (SessionStatus.COMPLETED, "finish"),
        (SessionStatus.ENDED_EARLY, "end"),
        (SessionStatus.STOPPED_PAIN, "stop_pain"),  # history flags it for the midwife
    ],
)
def test_finish_records_how_the_session_ended(fresh_db: Store, status, kind):
    session_id = fresh_db.sessions.create(new_session())
    fresh_db.sessions.finish(session_id, status, progress(600, rounds_done=3, massaged_s=540))
    record = given(fresh_db.sessions.get(session_id))
    assert record.status is status
    assert record.ended_at == T0 + timedelta(seconds=600)
    assert record.minutes_massaged == 9.0
    assert fresh_db.sessions.events(session_id)[-1]["kind"] == kind


def test_finish_needs_an_ending_status(fresh_db: Store):
    session_id = fresh_db.sessions.create(new_session())
    with pytest.raises(ValueError):
        fresh_db.sessions.finish(session_id, SessionStatus.IN_PROGRESS, progress(10))
    assert given(fresh_db.sessions.get(session_id)).ended_at is None


@pytest.mark.parametrize("late_write", ["record_event", "checkpoint", "finish"])
def test_a_finished_session_does_not_move(fresh_db: Store, late_write):
    session_id = fresh_db.sessions.create(new_session())
    fresh_db.sessions.finish(session_id, SessionStatus.COMPLETED, progress(600, 3, 540))
    before = (fresh_db.sessions.get(session_id), fresh_db.sessions.events(session_id))
    late = progress(700, 3, 600)
    calls = {
        "record_event": lambda: fresh_db.sessions.record_event(session_id, "resume", late),
        "checkpoint": lambda: fresh_db.sessions.checkpoint(session_id, late),
        "finish": lambda: fresh_db.sessions.finish(session_id, SessionStatus.ENDED_EARLY, late),
    }
    with pytest.raises(ValueError):
        calls[late_write]()
    assert (fresh_db.sessions.get(session_id), fresh_db.sessions.events(session_id)) == before


def test_writes_to_an_unknown_session_raise_lookup_error(fresh_db: Store):
    with pytest.raises(LookupError):
        fresh_db.sessions.record_event(42, "pause", progress(1))
    with pytest.raises(LookupError):
        fresh_db.sessions.checkpoint(42, progress(1))
    with pytest.raises(LookupError):
        fresh_db.sessions.rate(42, 3, True)
    assert fresh_db.db["session_events"].count == 0
    assert fresh_db.sessions.get(42) is None


def test_rate_stores_the_mothers_answers(fresh_db: Store):
    session_id = fresh_db.sessions.create(new_session())
    fresh_db.sessions.finish(session_id, SessionStatus.COMPLETED, progress(600, 3, 540))
    fresh_db.sessions.rate(session_id, 5, True)
    assert given(fresh_db.sessions.get(session_id)).model_dump(include={"comfort", "letdown"}) == {
        "comfort": 5, "letdown": True
    }  # fmt: skip
    fresh_db.sessions.rate(session_id, None, False)  # she skipped the comfort question
    assert given(fresh_db.sessions.get(session_id)).model_dump(include={"comfort", "letdown"}) == {
        "comfort": None, "letdown": False
    }  # fmt: skip


@pytest.mark.parametrize(
    "comfort",
    [
        0,  # below the scale
        6,  # above the scale
        True,  # a bool is an int in Python, not a rating
        2.5,  # ratings are whole steps
        "3",  # text from a field that was not parsed
    ],
)
def test_rate_with_bad_comfort_raises_and_leaves_the_row(fresh_db: Store, comfort):
    session_id = fresh_db.sessions.create(new_session())
    fresh_db.sessions.rate(session_id, 3, True)
    before = fresh_db.sessions.get(session_id)
    with pytest.raises(ValueError):
        fresh_db.sessions.rate(session_id, comfort, False)
    assert fresh_db.sessions.get(session_id) == before


def test_list_is_newest_first_with_limit_and_demo_filter(fresh_db: Store):
    ids = [
        fresh_db.sessions.create(new_session(T0 + timedelta(hours=hours), demo=demo))
        for hours, demo in [(0, False), (2, True), (1, False)]
    ]
    assert [r.id for r in fresh_db.sessions.list()] == [ids[1], ids[2], ids[0]]
    assert [r.id for r in fresh_db.sessions.list(limit=2)] == [ids[1], ids[2]]
    assert [r.id for r in fresh_db.sessions.list(include_demo=False)] == [ids[2], ids[0]]
    assert given(fresh_db.sessions.get(ids[1])).demo is True


def test_unfinished_is_the_latest_session_in_progress(fresh_db: Store):
    assert fresh_db.sessions.unfinished(now=LATER) is None
    older = fresh_db.sessions.create(new_session(T0))
    newer = fresh_db.sessions.create(new_session(T0 + timedelta(hours=1)))
    assert given(fresh_db.sessions.unfinished(now=LATER)).id == newer
    fresh_db.sessions.finish(newer, SessionStatus.ENDED_EARLY, progress(3700))
    assert given(fresh_db.sessions.unfinished(now=LATER)).id == older
    fresh_db.sessions.finish(older, SessionStatus.COMPLETED, progress(600))
    assert fresh_db.sessions.unfinished(now=LATER) is None


def test_between_is_half_open_oldest_first_and_skips_demos(fresh_db: Store):
    day = datetime(2026, 3, 2, tzinfo=WIB)  # a day in Jakarta: 2026-03-01 17:00 UTC onwards
    started = {
        "before": day - timedelta(microseconds=1),
        "midnight": day,
        "evening": day + timedelta(hours=20),
        "demo": day + timedelta(hours=9),
        "noon": day + timedelta(hours=12),
        "next day": day + timedelta(days=1),
    }
    ids = {name: fresh_db.sessions.create(new_session(at, demo=name == "demo")) for name, at in started.items()}
    today = fresh_db.sessions.between(day, day + timedelta(days=1))
    assert [r.id for r in today] == [ids["midnight"], ids["noon"], ids["evening"]]
    with_demo = fresh_db.sessions.between(day, day + timedelta(days=1), include_demo=True)
    assert ids["demo"] in [r.id for r in with_demo]


# --- atomicity -----------------------------------------------------------------------------------

# Real SQLite failures, injected with triggers: one write of the pair fails after the other ran.
FAILING_TRIGGERS = {
    "event insert fails": "CREATE TRIGGER fail BEFORE INSERT ON session_events "
    "BEGIN SELECT RAISE(ABORT, 'injected'); END",
    "session update fails": "CREATE TRIGGER fail BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'injected'); END",
}


@pytest.mark.parametrize("failure", FAILING_TRIGGERS)
@pytest.mark.parametrize("write", ["record_event", "finish"])
def test_event_and_progress_are_one_transaction(fresh_db: Store, failure, write):
    session_id = fresh_db.sessions.create(new_session())
    fresh_db.sessions.record_event(session_id, "phase", progress(30, 0, 30))
    before = (fresh_db.sessions.get(session_id), fresh_db.sessions.events(session_id))
    fresh_db.db.execute(FAILING_TRIGGERS[failure])
    later = progress(200, 1, 180)
    with pytest.raises(StoreWriteError) as failed:
        if write == "record_event":
            fresh_db.sessions.record_event(session_id, "pause", later)
        else:
            fresh_db.sessions.finish(session_id, SessionStatus.STOPPED_PAIN, later)
    # The trigger's refusal, typed; SQLite's own text only in the cause.
    assert failed.value.code is WriteErrorCode.REFUSED
    assert "injected" in str(failed.value.__cause__)
    assert not fresh_db.db.conn.in_transaction
    assert (fresh_db.sessions.get(session_id), fresh_db.sessions.events(session_id)) == before
    # The connection is still usable once the cause is gone.
    fresh_db.db.execute("DROP TRIGGER fail")
    fresh_db.sessions.record_event(session_id, "pause", later)
    assert given(fresh_db.sessions.get(session_id)).massaged_s == 180.0


def test_create_leaves_no_session_without_its_start_event(fresh_db: Store):
    fresh_db.db.execute(FAILING_TRIGGERS["event insert fails"])
    with pytest.raises(StoreWriteError) as failed:
        fresh_db.sessions.create(new_session())
    # The trigger's refusal, typed; SQLite's own text only in the cause.
    assert failed.value.code is WriteErrorCode.REFUSED
    assert "injected" in str(failed.value.__cause__)
    assert fresh_db.db["sessions"].count == 0
    assert fresh_db.sessions.unfinished(now=LATER) is None


# --- a hard kill mid-write -----------------------------------------------------------------------


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _run_writer_and_kill(path: Path, after_lines: int) -> list[dict]:
    """Start the writer on `path`, read `after_lines` reports, SIGKILL it mid-stream."""
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # A thread reads, so a writer that hangs fails the test instead of hanging it.
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_read_lines, args=(writer.stdout, lines), daemon=True).start()
    reported: list[dict[str, object]] = []
    try:
        while len(reported) < after_lines:
            line = lines.get(timeout=30)
            assert line is not None, f"writer exited early: {given(writer.stderr).read()}"
            reported.append(json.loads(line))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL  # killed, not finished on its own
    return reported


def test_kill_during_writes_keeps_every_committed_write(tmp_path: Path):
    path = tmp_path / "killed.sqlite3"
    # Several kills on the same file: each lands at a different point of a transaction, and each
    # restart must open what the previous kill left.
    reported = [w for after in (150, 90, 120) for w in _run_writer_and_kill(path, after)]

    epoch = datetime(2026, 1, 1, tzinfo=UTC)
    with open_store(path) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sessions = {r.id: r for r in store.sessions.list()}
        events = {session_id: store.sessions.events(session_id) for session_id in sessions}

        for write in reported:
            at = epoch + timedelta(seconds=write["seq"])
            assert (write["kind"], at) in [(e["kind"], e["at"]) for e in events[write["session"]]]
            if write["kind"] == "start":
                assert sessions[write["session"]].started_at == at

        # Every session, including one the kill may have cut short, agrees with its last event.
        for session_id, record in sessions.items():
            log = events[session_id]
            assert log[0]["kind"] == "start"
            last = log[-1]
            assert record.updated_at == last["at"]
            assert record.massaged_s == last["position_s"]
            assert record.snapshot == {"seq": round((last["at"] - epoch).total_seconds())}
            assert (record.status is SessionStatus.COMPLETED) == (last["kind"] == "finish")
            assert record.ended_at == (last["at"] if last["kind"] == "finish" else None)


def test_threads_share_the_store_without_mixing_transactions(fresh_db: Store):
    # Flet calls handlers and timers from worker threads; each write must stay whole.
    def one_session(n: int) -> int:
        session_id = fresh_db.sessions.create(new_session(T0 + timedelta(minutes=n)))
        for step in range(1, 6):
            fresh_db.sessions.record_event(session_id, "phase", progress(n * 60 + step, 0, step))
        return session_id

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(one_session, range(40)))
    assert len(set(ids)) == 40
    for session_id in ids:
        assert [e["kind"] for e in fresh_db.sessions.events(session_id)] == ["start"] + ["phase"] * 5
        assert given(fresh_db.sessions.get(session_id)).massaged_s == 5.0
