"""Several mothers in one SQLite file: m004 moves the shipped single-family diary to mother 1
keeping every row, m007 gives every mother the UUID she keeps (and each massage, quiz attempt and
skills check its own), every record stays with its mother, and the mothers list is four queries."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.domain.profile import Profile
from app.domain.quiz import Phase
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import DailyReport, Flow
from app.domain.skills import Checked
from app.store.db import Store, connect, open_store
from app.store.migrations import migrations
from tests.given import given

FIXTURE = Path(__file__).parent / "fixtures" / "shipped_v3.sqlite3"
T0 = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
DAY = date(2026, 3, 10)
SHIPPED_TABLES = ("settings", "profile", "reports", "sessions", "session_events", "drafts")


def raw_rows(path: Path, table: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        order = "key" if table in ("settings", "drafts") else ("day" if table == "reports" else "id")
        return [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")]
    finally:
        conn.close()


def upgrade_to(path: Path, before: str) -> None:
    """Apply the migrations up to (not including) `before`, as an app of that version did."""
    db = connect(path)
    migrations.apply(db, stop_before=before)
    db.close()


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the committed file the shipped schema (m001-m003) wrote; never regenerated."""
    path = tmp_path / "data" / "pijat.sqlite3"
    path.parent.mkdir()
    shutil.copy(FIXTURE, path)
    return path


# --- m004 on the committed fixture -----------------------------------------------------------


def test_the_fixture_is_the_shipped_schema_with_every_table_filled(shipped: Path):
    conn = sqlite3.connect(shipped)
    applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    conn.close()
    assert applied == ["m001_initial", "m002_diary", "m003_danger_signs"]
    counts = {table: len(raw_rows(shipped, table)) for table in SHIPPED_TABLES}
    assert counts == {"settings": 5, "profile": 1, "reports": 10, "sessions": 8,
                      "session_events": 19, "drafts": 2}  # fmt: skip
    statuses = {(row["status"], row["demo"]) for row in raw_rows(shipped, "sessions")}
    assert statuses == {("completed", 0), ("stopped_pain", 0), ("ended_early", 0),
                        ("completed", 1), ("in_progress", 0)}  # fmt: skip


@pytest.mark.parametrize("table", ["reports", "sessions", "drafts"])
def test_m004_keeps_every_row_value_for_value_as_mother_1s(shipped: Path, table: str):
    before = raw_rows(shipped, table)
    upgrade_to(shipped, "m007_identity")
    after = raw_rows(shipped, table)
    assert len(after) == len(before)
    assert {row["mother_id"] for row in after} == {1}
    # Later migrations add columns with their defaults (m006: the newborn's danger signs, not answered).
    added = {"baby_danger": None, "baby_signs": "{}", "baby_yellow": None} if table == "reports" else {}
    assert [{k: v for k, v in row.items() if k != "mother_id"} for row in after] == [{**row, **added} for row in before]


@pytest.mark.parametrize("table", ["settings", "session_events"])
def test_m004_leaves_device_tables_and_event_logs_as_they_were(shipped: Path, table: str):
    before = raw_rows(shipped, table)
    upgrade_to(shipped, "m007_identity")
    assert raw_rows(shipped, table) == before


def test_m004_makes_the_profile_mother_1(shipped: Path):
    (profile,) = raw_rows(shipped, "profile")
    upgrade_to(shipped, "m007_identity")
    (mother,) = raw_rows(shipped, "mothers")
    with open_store(shipped) as store:
        assert "profile" not in store.db.table_names()
        assert store.mothers.first_active() == store.mother_id
        assert store.profile.get() == Profile(
            mother_name="Siti Nurhaliza",
            baby_birth_date=date(2026, 3, 1),
            midwife_phone="0812-3456-7890",
            facility_phone="(021) 555 1234",
        )
    assert mother == {
        "id": 1,  # her UUID came with m007 (below)
        "nickname": profile["mother_name"],
        "baby_birth_date": profile["baby_birth_date"],
        "midwife_phone": profile["midwife_phone"],
        "facility_phone": profile["facility_phone"],
        "archived_at": None,
        "created_at": profile["updated_at"],
        "updated_at": profile["updated_at"],
    }


def test_m004_rows_read_back_through_mother_1s_repositories(shipped: Path):
    with open_store(shipped) as store:
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert len(store.diary.list()) == 10 and store.diary.skipped == []
        assert len(store.sessions.list()) == 8 and store.sessions.skipped == []
        assert sum(len(store.sessions.events(s.id)) for s in store.sessions.list()) == 19
        assert store.drafts.get("report:2026-03-05") == {"temperature_c": "37,8", "note": ""}
        assert store.sessions.unfinished(now=T0 + timedelta(days=30)) is not None
        # Nothing of hers shows for a second mother.
        other = store.mother(store.mothers.add(at=T0))
        assert other.diary.list() == [] and other.sessions.list() == []
        assert other.drafts.get("report:2026-03-05") is None and other.profile.get() is None


def test_m004_without_a_profile_still_gives_the_rows_to_mother_1(db_path: Path):
    old = connect(db_path)
    migrations.apply(old, stop_before="m004_mothers")
    old.table("reports").insert({"day": "2026-03-04", "flow": "well", "signs": "{}", "breast_pain": 0,
                           "breast_redness": 0, "breast_hard_swollen": 0, "nipples_cracked": 0,
                           "fever": 0, "note": "", "created_at": "2026-03-04T01:00:00.000000+00:00",
                           "updated_at": "2026-03-04T01:00:00.000000+00:00"})  # fmt: skip
    old.close()
    with open_store(db_path) as store:
        mother = store.mothers.get(store.mother_id)
        assert mother is not None and mother.baby_birth_date is None and mother.nickname is None
        assert store.profile.get() is None  # Today still asks for the birth date
        assert [r.day for r in store.diary.list()] == [date(2026, 3, 4)]
        row = store.db.table("mothers").get(str(store.mother_id))
        assert row["created_at"] == "2026-03-04T01:00:00.000000+00:00"  # her first record's time


# --- m007: identities ----------------------------------------------------------------------------


def test_m007_gives_her_a_random_uuid_and_keeps_every_row_of_hers(shipped: Path):
    upgrade_to(shipped, "m007_identity")
    before = {table: raw_rows(shipped, table) for table in ("reports", "drafts", "sessions", "session_events")}
    with open_store(shipped):
        pass
    (mother,) = raw_rows(shipped, "mothers")
    her = uuid.UUID(mother["id"])
    assert str(her) == mother["id"] and her.version == 4  # random, in the canonical form
    for table in ("reports", "drafts", "sessions"):
        after = raw_rows(shipped, table)
        assert {row["mother_id"] for row in after} == {mother["id"]}
        assert [{k: v for k, v in row.items() if k not in ("mother_id", "uuid")} for row in after] == [
            {k: v for k, v in row.items() if k != "mother_id"} for row in before[table]
        ]
    assert raw_rows(shipped, "session_events") == before["session_events"]
    sessions = raw_rows(shipped, "sessions")
    assert len({row["uuid"] for row in sessions}) == len(sessions) == 8
    assert all(uuid.UUID(row["uuid"]).version == 4 for row in sessions)


def test_m007_keeps_a_column_another_migration_added_to_her_tables(shipped: Path):
    """m007 rebuilds her tables from what they hold (m006, written beside it, added the newborn's
    danger signs to the reports): the columns and their values come along."""
    upgrade_to(shipped, "m007_identity")
    conn = sqlite3.connect(shipped)
    with conn:
        conn.execute("UPDATE reports SET baby_signs = '{\"fits\": true}', baby_yellow = 1 WHERE day = '2026-03-04'")
    conn.close()
    with open_store(shipped) as store:
        columns = {row[1]: row for row in store.db.execute("PRAGMA table_info(reports)").fetchall()}
        assert columns["baby_signs"][3] == 1 and columns["baby_signs"][4] == "'{}'"  # NOT NULL DEFAULT '{}'
    rows = {row["day"]: (row["baby_signs"], row["baby_yellow"]) for row in raw_rows(shipped, "reports")}
    assert rows["2026-03-04"] == ('{"fits": true}', 1) and rows["2026-03-05"] == ("{}", None)


def test_m007_moves_the_reminder_times_and_the_chosen_mother_out_of_the_settings(shipped: Path):
    upgrade_to(shipped, "m007_identity")
    conn = sqlite3.connect(shipped)
    with conn:  # a midwife's device of the m005 era: a second mother, her times and the choice
        conn.execute("INSERT INTO mothers (id, nickname, created_at, updated_at) VALUES (2, 'Dewi', 'x', 'y')")
        conn.execute("INSERT INTO settings (key, value) VALUES ('reminder_morning:2', '05:45'), ('mother', '2')")
    conn.close()
    with open_store(shipped) as store:
        ids = {m.nickname: m.id for m in store.mothers.list()}
        assert store.mother(ids["Siti Nurhaliza"]).reminders.get() == {"morning": "06:30", "evening": "19:00"}
        assert store.mother(ids["Dewi"]).reminders.get() == {"morning": "05:45"}
        assert store.get_setting("mother") == str(ids["Dewi"])
        assert [key for key in (r["key"] for r in raw_rows(shipped, "settings")) if "reminder" in key] == []


def test_two_devices_upgraded_from_the_same_file_give_their_mothers_different_uuids(tmp_path: Path):
    ids = []
    for name in ("a", "b"):
        path = tmp_path / name / "pijat.sqlite3"
        path.parent.mkdir()
        shutil.copy(FIXTURE, path)
        with open_store(path) as store:
            ids.append((store.mother_id, {s.uuid for s in store.sessions.list()}))
    assert ids[0][0] != ids[1][0] and not ids[0][1] & ids[1][1]


def test_a_mother_deleted_and_another_added_never_gets_her_uuid(fresh_db: Store):
    first = fresh_db.mother_id
    second = fresh_db.mothers.add(at=T0)
    fresh_db.data.erase_mother(first, at=T0)
    third = fresh_db.mothers.add(at=T0)
    assert len({first, second, third}) == 3 and fresh_db.mothers.get(first) is None


def test_a_new_device_has_one_mother_with_nothing_known(fresh_db: Store):
    (mother,) = fresh_db.mothers.list()
    assert mother.id == fresh_db.mother_id and mother.id.version == 4 and mother.number == 1
    assert fresh_db.profile.get() is None


# --- every record stays with its mother -------------------------------------------------------


def _session(store: Store) -> int:
    sid = store.sessions.create(
        NewSession(started_at=T0, demo=False, round_s=180, rest_s=30, rounds_planned=3, snapshot={})
    )
    store.sessions.record_event(
        sid, "pause", SessionProgress(at=T0 + timedelta(minutes=1), snapshot={}, rounds_done=0, massaged_s=60)
    )
    return sid


@dataclass(frozen=True)
class Kind:
    """One kind of record: write one for the given mother, and what a mother sees of it."""

    write: Callable[[Store], Any]
    seen: Callable[[Store, Any], Any]  # falsy when nothing of it is visible


# Every kind of record a mother has. Quiz answers and skills checklists join here when they exist.
RECORD_KINDS: dict[str, Kind] = {
    "report": Kind(
        lambda s: s.diary.save(DailyReport(day=DAY, flow=Flow.WELL, note="A"), at=T0),
        lambda s, _: s.diary.get(DAY) or s.diary.list() or s.diary.days() or s.diary.count() or s.diary.first_day(),
    ),
    "draft": Kind(
        lambda s: s.drafts.put("report:2026-03-10", {"note": "A"}, at=T0),
        lambda s, _: s.drafts.get("report:2026-03-10"),
    ),
    "session": Kind(
        _session,
        lambda s, sid: s.sessions.get(sid)
        or s.sessions.list()
        or s.sessions.between(T0, T0 + timedelta(days=1), include_demo=True)
        or s.sessions.first_day(UTC),
    ),
    "unfinished session": Kind(_session, lambda s, _: s.sessions.unfinished(now=T0 + timedelta(hours=1))),
    "session events": Kind(_session, lambda s, sid: s.sessions.events(sid)),
    "profile": Kind(
        lambda s: s.profile.save(Profile(mother_name="A", baby_birth_date=DAY), at=T0), lambda s, _: s.profile.get()
    ),
    "quiz": Kind(
        lambda s: s.teaching.add_quiz(phase=Phase.BEFORE, taken_at=T0, score_pct=70, answers={}),
        lambda s, _: s.teaching.quizzes(),
    ),
    "skills check": Kind(
        lambda s: s.teaching.add_skills(checked_at=T0, who=Checked.HUSBAND, who_name=None, steps={}, score_pct=0),
        lambda s, _: s.teaching.skills(),
    ),
    "reminder": Kind(
        lambda s: s.reminders.save({"morning": "06:15"}, at=T0),
        lambda s, _: s.reminders.get(),
    ),
}


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_a_record_saved_for_one_mother_never_shows_for_another(fresh_db: Store, kind: str):
    a = fresh_db.mother(fresh_db.mother_id)
    b = fresh_db.mother(fresh_db.mothers.add(at=T0))
    written = RECORD_KINDS[kind].write(a)
    assert RECORD_KINDS[kind].seen(a, written)  # the check can see it: it can fail
    assert not RECORD_KINDS[kind].seen(b, written)
    # And the other way round: b's own record does not replace or reveal a's.
    RECORD_KINDS[kind].write(b)
    assert RECORD_KINDS[kind].seen(a, written)


@pytest.mark.parametrize(
    "write",
    [
        lambda s, sid: s.sessions.record_event(
            sid, "resume", SessionProgress(at=T0 + timedelta(minutes=2), snapshot={}, rounds_done=0, massaged_s=60)
        ),
        lambda s, sid: s.sessions.checkpoint(
            sid, SessionProgress(at=T0 + timedelta(minutes=2), snapshot={}, rounds_done=0, massaged_s=60)
        ),
        lambda s, sid: s.sessions.finish(
            sid,
            SessionStatus.COMPLETED,
            SessionProgress(at=T0 + timedelta(minutes=2), snapshot={}, rounds_done=3, massaged_s=540),
        ),
        lambda s, sid: s.sessions.rate(sid, 5, True),
    ],
    ids=["record_event", "checkpoint", "finish", "rate"],
)
def test_another_mothers_session_cannot_be_written(fresh_db: Store, write):
    sid = _session(fresh_db)
    before = fresh_db.db.table("sessions").get(sid)
    other = fresh_db.mother(fresh_db.mothers.add(at=T0))
    with pytest.raises(LookupError):
        write(other, sid)
    assert fresh_db.db.table("sessions").get(sid) == before


def test_same_day_and_draft_key_for_two_mothers_are_two_rows(fresh_db: Store):
    b = fresh_db.mother(fresh_db.mothers.add(at=T0))
    fresh_db.diary.save(DailyReport(day=DAY, flow=Flow.WELL, note="A"), at=T0)
    b.diary.save(DailyReport(day=DAY, flow=Flow.NOT_YET, note="B"), at=T0)
    fresh_db.drafts.put("k", {"note": "A"}, at=T0)
    b.drafts.put("k", {"note": "B"}, at=T0)
    assert (given(fresh_db.diary.get(DAY)).note, given(b.diary.get(DAY)).note) == ("A", "B")
    b.diary.delete(DAY)
    b.drafts.clear("k")
    assert given(fresh_db.diary.get(DAY)).note == "A" and given(fresh_db.drafts.get("k")) == {"note": "A"}


def test_a_report_for_no_mother_is_refused(fresh_db: Store):
    with pytest.raises(Exception, match="FOREIGN KEY|refused|cannot"):
        fresh_db.mother(uuid.uuid4()).diary.save(DailyReport(day=DAY, flow=Flow.WELL), at=T0)


# --- the mothers ----------------------------------------------------------------------------------


def test_add_archive_restore(fresh_db: Store):
    second = fresh_db.mothers.add(at=T0)
    fresh_db.mother(second).profile.save(Profile(mother_name="Ani", baby_birth_date=DAY), at=T0)
    first = fresh_db.mother_id
    fresh_db.mothers.archive(first, at=T0)
    assert [m.id for m in fresh_db.mothers.list(archived=False)] == [second]
    assert [m.id for m in fresh_db.mothers.list(archived=True)] == [first]
    assert fresh_db.mothers.first_active() == second
    with pytest.raises(ValueError):  # someone must stay on the list
        fresh_db.mothers.archive(second, at=T0)
    fresh_db.mothers.restore(first, at=T0)
    assert fresh_db.mothers.count() == 2 and fresh_db.mothers.count(archived=True) == 0
    with pytest.raises(LookupError):
        fresh_db.mothers.archive(uuid.uuid4(), at=T0)


def test_archiving_keeps_her_records(fresh_db: Store):
    second = fresh_db.mothers.add(at=T0)
    fresh_db.diary.save(DailyReport(day=DAY, flow=Flow.WELL), at=T0)
    fresh_db.mothers.archive(fresh_db.mother_id, at=T0)
    assert fresh_db.diary.count() == 1 and second


def test_only_a_blank_unused_mother_is_discarded(fresh_db: Store):
    # Added after the device's first mother (made by the migrations, at the real time): the
    # list's order among unnamed mothers is the order they were added.
    later = datetime.now(UTC) + timedelta(seconds=1)
    blank = fresh_db.mothers.add(at=later)
    used = fresh_db.mothers.add(at=later + timedelta(seconds=1))
    fresh_db.mother(used).drafts.put("k", {"note": "x"}, at=T0)
    named = fresh_db.mothers.add(at=later + timedelta(seconds=2))
    fresh_db.mother(named).profile.save(Profile(mother_name="Ani", baby_birth_date=DAY), at=T0)
    assert fresh_db.mothers.first_blank() == fresh_db.mother_id  # a new device's first mother
    assert [fresh_db.mothers.discard_blank(i) for i in (blank, used, named)] == [True, False, False]
    assert [m.id for m in fresh_db.mothers.list()] == [named, fresh_db.mother_id, used]


def test_the_last_mother_is_never_discarded(fresh_db: Store):
    assert not fresh_db.mothers.discard_blank(fresh_db.mother_id)
    assert fresh_db.mothers.first_active() == fresh_db.mother_id


def test_activity_has_each_mothers_newest_report_and_last_finished_massage(fresh_db: Store):
    b = fresh_db.mother(fresh_db.mothers.add(at=T0))
    for n in range(3):
        fresh_db.diary.save(DailyReport(day=DAY - timedelta(days=n), flow=Flow.WELL, fever=n == 0), at=T0)
    sid = _session(fresh_db)
    fresh_db.sessions.finish(
        sid,
        SessionStatus.STOPPED_PAIN,
        SessionProgress(at=T0 + timedelta(minutes=3), snapshot={}, rounds_done=0, massaged_s=60),
    )
    _session(fresh_db)  # a later one still in progress: not her "last massage"
    demo = fresh_db.sessions.create(
        NewSession(started_at=T0 + timedelta(hours=5), demo=True, round_s=20, rest_s=5, rounds_planned=3, snapshot={})
    )
    assert demo
    rows = {row.mother.id: row for row in fresh_db.mothers.activity()}
    first = rows[fresh_db.mother_id]
    newest = given(first.newest_report)
    assert newest.day == DAY and newest.fever
    assert (first.last_massage_at, first.last_massage_status) == (T0, SessionStatus.STOPPED_PAIN)
    assert rows[b.mother_id].newest_report is None and rows[b.mother_id].last_massage_at is None


def test_activity_is_four_queries_for_300_mothers(fresh_db: Store):
    db = fresh_db.db
    ids = {1: str(fresh_db.mother_id), **{i: str(uuid.uuid4()) for i in range(2, 301)}}
    with db.conn:
        db.conn.executemany(
            "INSERT INTO mothers (id, seq, nickname, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')",
            [(ids[i], i, f"Ibu {i}") for i in range(2, 301)],
        )
        db.conn.executemany(
            "INSERT INTO reports (mother_id, day, flow, signs, breast_pain, breast_redness, "
            "breast_hard_swollen, nipples_cracked, fever, note, created_at, updated_at) "
            "VALUES (?, ?, 'well', '{}', 0, 0, 0, 0, 0, '', 'x', 'x')",
            [(ids[i], (DAY - timedelta(days=d)).isoformat()) for i in range(1, 301) for d in range(20)],
        )
        db.conn.executemany(
            "INSERT INTO quiz_results (uuid, mother_id, phase, taken_at, score_pct, answers) "
            "VALUES (?, ?, ?, ?, ?, '{}')",
            [
                (str(uuid.uuid4()), ids[i], phase, f"2026-03-0{n}", 10 * n + (phase == "after"))
                for i in range(1, 301, 3)
                for phase in ("before", "after")
                for n in (1, 2)
            ],
        )
        db.conn.executemany(
            "INSERT INTO skills_checks (uuid, mother_id, checked_at, who, steps, score_pct) "
            "VALUES (?, ?, ?, 'husband', '{}', ?)",
            [(str(uuid.uuid4()), ids[i], f"2026-03-0{n}", 40 + n) for i in range(1, 301, 2) for n in (1, 2)],
        )
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        rows = fresh_db.mothers.activity()
    finally:
        db.conn.set_trace_callback(None)
    assert len(rows) == 300 and all(given(row.newest_report).day == DAY for row in rows)
    # The mothers with their last massage, the newest reports, the latest quizzes, the latest skills.
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 4
    first = next(row for row in rows if str(row.mother.id) == ids[1])
    assert (first.quiz_before_pct, first.quiz_after_pct, first.skills_pct) == (20, 21, 42)  # the newest each
    second = next(row for row in rows if str(row.mother.id) == ids[2])
    assert (second.quiz_before_pct, second.quiz_after_pct, second.skills_pct) == (None, None, None)
