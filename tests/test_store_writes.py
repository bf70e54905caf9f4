"""The store in use: failed writes are typed and leave nothing, unreadable rows are skipped and
reported, and a session is offered for resuming only after its lease has run out."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import NOTE_MAX_CHARS, DailyReport, Flow
from app.store.db import Store, open_store
from app.store.errors import StoreWriteError, WriteErrorCode
from app.store.repositories import LEASE_S
from tests.conftest import mounted_tiny_fs

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
DAY = date(2026, 3, 4)
SECRET = "Siti Rahayu"


def new_session(started_at: datetime = T0) -> NewSession:
    return NewSession(
        started_at=started_at,
        demo=False,
        round_s=180,
        rest_s=30,
        rounds_planned=3,
        build="slim_normal",
        technique="thumbs",
        snapshot={"phase": "round"},
    )


def progress(at: datetime, massaged_s: float = 0.0) -> SessionProgress:
    return SessionProgress(at=at, snapshot={"phase": "round"}, rounds_done=0, massaged_s=massaged_s)


def everything(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, to compare before and after a failed write."""
    return {table: list(store.db[table].rows) for table in sorted(store.db.table_names())}


# --- failed writes ------------------------------------------------------------------------------

TABLES = ("settings", "mothers", "sessions", "session_events", "reports", "drafts")


def refuse_every_change(store: Store) -> None:
    # What a full disk or an I/O error looks like from inside SQLite: the statement aborts.
    for table in TABLES:
        for verb in ("INSERT", "UPDATE", "DELETE"):
            store.db.execute(
                f"CREATE TRIGGER fail_{verb.lower()}_{table} BEFORE {verb} ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'injected: disk full'); END"
            )


def read_only(store: Store) -> None:
    store.db.execute("PRAGMA query_only = ON")  # SQLite's own "attempt to write a readonly..."


FAILURES = {
    "trigger raises": (refuse_every_change, WriteErrorCode.REFUSED),
    "read-only": (read_only, WriteErrorCode.READ_ONLY),
}


@pytest.fixture
def busy_store(fresh_db: Store) -> dict[str, Any]:
    """A store with something of everything, for every write to act on."""
    running = fresh_db.sessions.create(new_session())
    done = fresh_db.sessions.create(new_session(T0 + timedelta(hours=1)))
    fresh_db.sessions.finish(done, SessionStatus.COMPLETED, progress(T0 + timedelta(hours=2)))
    fresh_db.diary.save(DailyReport(day=DAY, flow=Flow.WELL, note=SECRET), at=T0)
    fresh_db.drafts.put("report:2026-03-05", {"note": SECRET}, at=T0)
    fresh_db.profile.save(Profile(mother_name=SECRET, baby_birth_date=date(2026, 2, 1)), at=T0)
    fresh_db.set_setting("language", "id")
    return {"store": fresh_db, "running": running, "done": done}


LATE = T0 + timedelta(hours=3)
WRITES: dict[str, Callable[[Store, dict[str, Any]], object]] = {
    "set_setting": lambda s, ids: s.set_setting("language", "en"),
    "sessions.create": lambda s, ids: s.sessions.create(new_session(LATE)),
    "sessions.record_event": lambda s, ids: s.sessions.record_event(ids["running"], "pause", progress(LATE, 60.0)),
    "sessions.checkpoint": lambda s, ids: s.sessions.checkpoint(ids["running"], progress(LATE)),
    "sessions.finish": lambda s, ids: s.sessions.finish(
        ids["running"], SessionStatus.STOPPED_PAIN, progress(LATE, 60.0)
    ),
    "sessions.rate": lambda s, ids: s.sessions.rate(ids["done"], 4, True),
    "profile.save": lambda s, ids: s.profile.save(
        Profile(mother_name="Ani", baby_birth_date=date(2026, 2, 2)), at=LATE
    ),
    "drafts.put": lambda s, ids: s.drafts.put("report:2026-03-05", {"note": "x"}, at=LATE),
    "drafts.clear": lambda s, ids: s.drafts.clear("report:2026-03-05"),
    "diary.save (replace)": lambda s, ids: s.diary.save(DailyReport(day=DAY, flow=Flow.NOT_WELL), at=LATE),
    "diary.save (new day)": lambda s, ids: s.diary.save(
        DailyReport(day=DAY + timedelta(days=1), flow=Flow.WELL), at=LATE
    ),
    "diary.delete": lambda s, ids: s.diary.delete(DAY),
    "diary.restore": lambda s, ids: s.diary.restore(DailyReport(day=DAY - timedelta(days=1), flow=Flow.WELL), at=LATE),
}


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("write", WRITES)
def test_a_failed_write_raises_a_typed_error_and_leaves_nothing(busy_store, failure, write):
    store: Store = busy_store["store"]
    make_fail, code = FAILURES[failure]
    make_fail(store)
    before = everything(store)
    with pytest.raises(StoreWriteError) as failed:
        WRITES[write](store, busy_store)
    assert failed.value.code is code
    assert SECRET not in str(failed.value)
    assert not store.db.conn.in_transaction
    assert everything(store) == before


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    with mounted_tiny_fs(tmp_path, "512k") as mount_point:
        yield mount_point


def test_a_write_on_a_full_disk_is_disk_full_and_leaves_nothing(tiny_fs: Path):
    with open_store(tiny_fs / "pijat.sqlite3") as store:
        store.diary.save(DailyReport(day=DAY, flow=Flow.WELL), at=T0)
        before = everything(store)
        with (tiny_fs / "filler").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError:  # ENOSPC: the filesystem is full
                pass
        big_note = "é" * NOTE_MAX_CHARS  # the longest note: days of them outgrow the disk
        with pytest.raises(StoreWriteError) as failed:
            for n in range(1, 40):
                day = DAY + timedelta(days=n)
                store.diary.save(DailyReport(day=day, flow=Flow.WELL, note=big_note), at=T0)
                before = everything(store)  # this one fit: the failure must keep it too
        assert failed.value.code is WriteErrorCode.DISK_FULL
        assert not store.db.conn.in_transaction
        assert everything(store) == before
        os.remove(tiny_fs / "filler")


# --- rows this version cannot read --------------------------------------------------------------


# Her UUID in a row written by hand: the test puts the store's first mother in its place.
HER = "her"


def hers(row: dict[str, Any], store: Store) -> dict[str, Any]:
    return {name: str(store.mother_id) if value == HER else value for name, value in row.items()}


def session_row(**changes: Any) -> dict[str, Any]:
    row = {"mother_id": HER, "uuid": "5e55a0e5-0000-4000-8000-000000000007",
           "started_at": "2026-03-01T09:00:00.000000+00:00",
           "updated_at": "2026-03-01T09:00:00.000000+00:00", "ended_at": None, "demo": 0,
           "round_s": 180, "rest_s": 30, "rounds_planned": 3, "build": None, "technique": None,
           "status": "completed", "snapshot": "{}", "rounds_done": 3, "massaged_s": 540.0,
           "comfort": None, "letdown": None}  # fmt: skip
    return {**row, **changes}


def report_row(day: str, **changes: Any) -> dict[str, Any]:
    row = {"mother_id": HER, "day": day, "flow": "well", "signs": "{}", "breast_pain": 0, "breast_redness": 0,
           "breast_hard_swollen": 0, "nipples_cracked": 0, "fever": 0, "note": "",
           "created_at": "x", "updated_at": "x"}  # fmt: skip
    return {**row, **changes}


BAD_ROWS = [
    # (table, bad row, read, what the good rows read as, skipped ids)
    (
        "reports",
        report_row("2026-03-05", flow="gushing"),  # a flow a newer version added
        lambda s: [r.day.isoformat() for r in s.diary.list()],
        ["2026-03-04"],
        lambda s: s.diary.skipped,
        ["2026-03-05"],
    ),
    (
        "reports",
        report_row("2026-03-05", signs="not json"),
        lambda s: [r.day.isoformat() for r in s.diary.list(limit=5)],
        ["2026-03-04"],
        lambda s: s.diary.skipped,
        ["2026-03-05"],
    ),
    (
        "reports",
        report_row("2026-03-05", signs='{"new_sign": true}'),  # a sign code from later
        lambda s: s.diary.get(date(2026, 3, 5)),
        None,
        lambda s: s.diary.skipped,
        ["2026-03-05"],
    ),
    (
        "sessions",
        session_row(id=7, status="abandoned"),  # a status a newer version added
        lambda s: [r.id for r in s.sessions.list()],
        [1],
        lambda s: s.sessions.skipped,
        [7],
    ),
    (
        "sessions",
        session_row(id=7, ended_at="sometime"),  # a time this version cannot parse
        lambda s: [r.id for r in s.sessions.between(T0, T0 + timedelta(days=1), include_demo=True)],
        [1],
        lambda s: s.sessions.skipped,
        [7],
    ),
    (
        "sessions",
        session_row(id=7, started_at="yesterday"),
        lambda s: s.sessions.get(7),
        None,
        lambda s: s.sessions.skipped,
        [7],
    ),
    (
        "sessions",
        session_row(
            id=7,
            status="in_progress",
            snapshot="{broken",  # newest, unreadable
            started_at="2026-03-01T11:00:00.000000+00:00",
        ),
        lambda s: s.sessions.unfinished(now=T0 + timedelta(days=2)).id,
        2,
        lambda s: s.sessions.skipped,
        [7],
    ),
    (
        "mothers",
        {"id": HER, "seq": 1, "nickname": None, "baby_birth_date": "kemarin", "created_at": "x", "updated_at": "x"},
        lambda s: s.profile.get(),
        None,
        lambda s: s.profile.skipped,
        [HER],
    ),
    (
        "drafts",
        {"mother_id": HER, "key": "report:2026-03-05", "data": "[1, 2]", "updated_at": "x"},
        lambda s: s.drafts.get("report:2026-03-05"),
        None,
        lambda s: s.drafts.skipped,
        ["report:2026-03-05"],
    ),
]


@pytest.mark.parametrize("table, row, read, good, skipped, skipped_ids", BAD_ROWS)
def test_an_unreadable_row_is_skipped_and_reported(fresh_db: Store, table, row, read, good, skipped, skipped_ids):
    fresh_db.sessions.create(new_session())  # id 1, readable
    fresh_db.sessions.finish(1, SessionStatus.COMPLETED, progress(T0 + timedelta(minutes=11)))
    fresh_db.sessions.create(new_session(T0 + timedelta(hours=2)))  # id 2, in progress
    fresh_db.diary.save(DailyReport(day=DAY, flow=Flow.WELL), at=T0)
    if table == "sessions" and row["status"] != "in_progress":
        fresh_db.db.execute("DELETE FROM session_events WHERE session_id = 2")
        fresh_db.db.execute("DELETE FROM sessions WHERE id = 2")
        fresh_db.db.conn.commit()
    fresh_db.db.table(table).upsert(hers(row, fresh_db), pk=fresh_db.db.table(table).pks)  # she exists: her row changes
    assert skipped(fresh_db) == []
    assert read(fresh_db) == good
    assert skipped(fresh_db) == [str(fresh_db.mother_id) if key == HER else key for key in skipped_ids]


def test_an_unreadable_report_is_not_deleted(fresh_db: Store):
    fresh_db.db.table("reports").insert(hers(report_row("2026-03-05", flow="gushing"), fresh_db))
    assert fresh_db.diary.delete(date(2026, 3, 5)) is None  # no undo could bring it back
    assert fresh_db.db["reports"].count == 1
    assert fresh_db.diary.skipped == ["2026-03-05"]


# --- the session lease --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heartbeat_age_s, offered",
    [
        (0.0, False),  # beating right now: another tab or process runs it
        (LEASE_S - 0.001, False),  # just inside the lease
        (LEASE_S, True),  # the lease has run out
        (3600.0, True),  # the app was killed an hour ago
        (-5.0, False),  # written a moment "later" by a clock a little ahead: still alive
        (-(LEASE_S + 60), True),  # the clock was set back since: nobody beats on the new one
    ],
)
def test_a_session_is_offered_only_once_its_heartbeat_is_older_than_the_lease(
    fresh_db: Store, heartbeat_age_s, offered
):
    session_id = fresh_db.sessions.create(new_session())
    heartbeat = T0 + timedelta(minutes=2)
    fresh_db.sessions.checkpoint(session_id, progress(heartbeat, 110.0))
    now = heartbeat + timedelta(seconds=heartbeat_age_s)
    found = fresh_db.sessions.unfinished(now=now)
    assert (found is not None and found.id == session_id) is offered


def test_every_heartbeat_renews_the_lease(fresh_db: Store):
    session_id = fresh_db.sessions.create(new_session())
    lapsed = T0 + timedelta(seconds=LEASE_S)
    assert fresh_db.sessions.unfinished(now=lapsed) is not None
    fresh_db.sessions.record_event(session_id, "resume", progress(lapsed))  # taken back up
    assert fresh_db.sessions.unfinished(now=lapsed + timedelta(seconds=5)) is None


def test_the_lease_length_can_be_given(fresh_db: Store):
    fresh_db.sessions.create(new_session())
    now = T0 + timedelta(seconds=20)
    assert fresh_db.sessions.unfinished(now=now, lease_s=30.0) is None
    assert fresh_db.sessions.unfinished(now=now, lease_s=10.0) is not None
