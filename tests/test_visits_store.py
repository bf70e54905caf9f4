"""Done KF visits on real SQLite files: marked, changed, undone; gone with their mother and with
"delete all"; carried whole by a backup; merged from two devices (both devices' visits kept, the
newer edit of one visit wins, an undo travels); a file of the release before them gains the table;
a backup whose visit no form would take is refused. And what reads them: Today, the mothers list,
the visit summary, and the week across all mothers in one query."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.clock import FakeClock
from app.domain.plausible import RecordKind
from app.domain.profile import Profile
from app.domain.visits import DoneTiming, DoneVisit, Timing, Visit
from app.services.diary import DiaryService
from app.services.mothers import MothersService
from app.services.summary import SummaryService
from app.services.visits import DueService, VisitsService
from app.store.backup import BackupError, BackupProblem
from app.store.db import Store, connect, open_store
from app.store.migrations import migrations
from tests.test_backup import resign

NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)  # FakeClock's start
TODAY = NOW.date()
BORN = TODAY - timedelta(days=5)  # day 5: KF2 (days 3-7) due


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    with open_store(tmp_path / "a" / "d.sqlite3") as a, open_store(tmp_path / "b" / "d.sqlite3") as b:
        yield a, b


def mother(store: Store, name: str, born: date = BORN) -> Store:
    """A mother with a birth date, on `store`'s device (the first one fills the blank mother)."""
    blank = store.mothers.first_blank()
    her = store.mother(blank if blank is not None else store.mothers.add(at=NOW))
    her.profile.save(Profile(mother_name=name, baby_birth_date=born), at=NOW)
    return her


def service(store: Store, clock: FakeClock | None = None) -> VisitsService:
    return VisitsService(store, clock or FakeClock())


def done_days(store: Store) -> dict[Visit, date]:
    return {r.done.visit: r.done.done_on for r in store.visits.done()}


def test_mark_change_and_undo_a_visit_read_back_from_the_file(tmp_path: Path):
    path = tmp_path / "d" / "d.sqlite3"
    with open_store(path) as store:
        visits = service(mother(store, "Siti"))
        told: list[int] = []
        visits._changed = lambda: told.append(1)
        assert visits.due() is not None and visits.due().visit is Visit.KF2  # type: ignore[union-attr]
        done, errors = visits.mark({"visit": "kf2", "done_on": TODAY.strftime("%d/%m/%Y"), "note": " cek ASI "})
        assert errors == {} and done is not None and told == [1]
    with open_store(path) as store:  # read back from the file, not a cache
        her = store.mother(store.mothers.first())  # type: ignore[arg-type]
        visits = service(her)
        assert visits.done() == {Visit.KF2: DoneVisit(visit=Visit.KF2, done_on=TODAY, note="cek ASI")}
        assert visits.due() is None or visits.due().visit is not Visit.KF2  # type: ignore[union-attr]
        first_uuid = her.visits.done()[0].uuid
        # Changed: the same record (one per visit), its day and note edited.
        visits.mark({"visit": "kf2", "done_on": (TODAY - timedelta(days=1)).isoformat(), "note": ""})
        (record,) = her.visits.done()
        assert record.uuid == first_uuid and record.done.done_on == TODAY - timedelta(days=1)
        assert record.done.note is None
        assert visits.undo(Visit.KF2) is True
        assert visits.done() == {} and visits.due().visit is Visit.KF2  # type: ignore[union-attr]
        assert visits.undo(Visit.KF2) is False  # nothing to undo twice
        visits.mark({"visit": "kf2", "done_on": TODAY.isoformat()})  # done again: the same record
        assert [r.uuid for r in her.visits.done()] == [first_uuid]


def test_a_refused_visit_writes_nothing_and_says_which_field(fresh_db: Store):
    visits = service(mother(fresh_db, "Siti"))
    before = fresh_db.data.content()
    for fields, expected in [
        ({"visit": "kf2", "done_on": (TODAY + timedelta(days=1)).isoformat()}, {"done_on": "future_date"}),
        ({"visit": "kf2", "done_on": (BORN - timedelta(days=1)).isoformat()}, {"done_on": "before_birth"}),
        ({"visit": "kf7", "done_on": TODAY.isoformat()}, {"visit": "invalid_choice"}),
        ({"visit": "kf2", "done_on": "kemarin"}, {"done_on": "invalid_date"}),
        ({"visit": "kf2", "done_on": TODAY.isoformat(), "note": "x" * 301}, {"note": "too_long"}),
    ]:
        assert visits.mark(fields) == (None, expected)
    assert fresh_db.data.content() == before


def test_her_visits_go_with_her_and_with_delete_all(tmp_path: Path):
    with open_store(tmp_path / "d" / "d.sqlite3") as store:
        siti, dewi = mother(store, "Siti"), mother(store, "Dewi")
        for her in (siti, dewi):
            her.visits.mark(DoneVisit(visit=Visit.KF1, done_on=BORN, note="Catatan-kunjungan-91"), at=NOW)
        store.data.erase_mother(siti.mother_id, at=NOW)
        assert siti.visits.done() == [] and len(dewi.visits.done()) == 1
        store.data.erase(at=NOW)
        assert store.data.content()["visits"]["rows"] == []
        on_disk = b"".join(p.read_bytes() for p in (tmp_path / "d").iterdir())
        assert b"Catatan-kunjungan-91" not in on_disk


def test_a_backup_restored_reads_back_the_done_visits(devices):
    a, b = devices
    siti = mother(a, "Siti")
    siti.visits.mark(DoneVisit(visit=Visit.KF1, done_on=BORN + timedelta(days=1), note="jahitan baik"), at=NOW)
    siti.visits.mark(DoneVisit(visit=Visit.KF2, done_on=TODAY), at=NOW)
    siti.visits.undo(Visit.KF2, at=NOW + timedelta(minutes=1))
    counts, _ = b.data.restore(a.data.export(at=NOW + timedelta(hours=1)))
    assert counts["visits"] == 2  # the undone one too: an undo is kept for a merge to carry
    her = b.mother(siti.mother_id)
    assert [r.done for r in her.visits.done()] == [
        DoneVisit(visit=Visit.KF1, done_on=BORN + timedelta(days=1), note="jahitan baik")
    ]
    assert b.data.content() == a.data.content()


def test_a_merge_keeps_both_devices_visits_and_the_newer_edit_of_one(devices):
    a, b = devices
    siti = mother(a, "Siti")
    b.data.restore(a.data.export(at=NOW))  # the same mother on both phones
    on_b = b.mother(siti.mother_id)
    siti.visits.mark(DoneVisit(visit=Visit.KF1, done_on=BORN + timedelta(days=1)), at=NOW)  # phone A: KF1
    on_b.visits.mark(DoneVisit(visit=Visit.KF2, done_on=TODAY, note="B"), at=NOW)  # phone B: KF2
    # Both phones marked KF2: B's edit is the newer one.
    siti.visits.mark(DoneVisit(visit=Visit.KF2, done_on=TODAY - timedelta(days=1), note="A"), at=NOW)
    on_b.visits.mark(DoneVisit(visit=Visit.KF2, done_on=TODAY, note="B, later"), at=NOW + timedelta(hours=1))
    merged = a.data.merge(b.data.export(at=NOW + timedelta(hours=2)))
    assert merged.visits_added == 0 and len(merged.differences) == 1
    assert done_days(siti) == {Visit.KF1: BORN + timedelta(days=1), Visit.KF2: TODAY}
    assert {r.done.visit: r.done.note for r in siti.visits.done()} == {Visit.KF1: None, Visit.KF2: "B, later"}
    # And the other way: B gets A's KF1.
    merged = b.data.merge(a.data.export(at=NOW + timedelta(hours=3)))
    assert merged.visits_added == 1
    assert done_days(on_b) == done_days(siti)
    # The same backup again changes nothing.
    before = b.data.content()
    b.data.merge(a.data.export(at=NOW + timedelta(hours=3)))
    assert b.data.content() == before


def test_an_undo_on_one_phone_travels_by_merge(devices):
    a, b = devices
    siti = mother(a, "Siti")
    siti.visits.mark(DoneVisit(visit=Visit.KF1, done_on=BORN), at=NOW)
    b.data.restore(a.data.export(at=NOW))
    b.mother(siti.mother_id).visits.undo(Visit.KF1, at=NOW + timedelta(hours=1))
    a.data.merge(b.data.export(at=NOW + timedelta(hours=2)))
    assert siti.visits.done() == []


def test_a_file_of_the_release_before_gains_the_table_and_keeps_its_mothers(tmp_path: Path):
    path = tmp_path / "old" / "d.sqlite3"
    old = connect(path)
    migrations.apply(old, stop_before="m008_visits")
    assert "visits" not in old.table_names()
    old.close()
    with open_store(path) as store:
        her = mother(store, "Siti")
        assert "visits" in store.db.table_names()
        her.visits.mark(DoneVisit(visit=Visit.KF2, done_on=TODAY), at=NOW)
        assert done_days(her) == {Visit.KF2: TODAY}


def _with_visit(data: bytes, column: str, value: object) -> bytes:
    document = json.loads(data)
    part = document["payload"]["tables"]["visits"]
    part["rows"][0][part["columns"].index(column)] = value
    return resign(document)


@pytest.mark.parametrize(
    ("column", "value", "problem", "day"),
    [
        ("done_on", (BORN - timedelta(days=1)).isoformat(), BackupProblem.IMPLAUSIBLE, BORN - timedelta(days=1)),
        ("done_on", "9999-12-31", BackupProblem.IMPLAUSIBLE, date(9999, 12, 31)),
        ("done_on", (TODAY + timedelta(days=5)).isoformat(), BackupProblem.IMPLAUSIBLE, TODAY + timedelta(days=5)),
        ("visit", "kf9", BackupProblem.INVALID_CONTENT, None),
        ("done_on", "kemarin", BackupProblem.INVALID_CONTENT, None),
    ],
)
def test_a_backup_with_a_visit_no_form_takes_is_refused(devices, column, value, problem, day):
    a, b = devices
    mother(a, "Siti").visits.mark(DoneVisit(visit=Visit.KF1, done_on=BORN), at=NOW)
    before = b.data.content()
    bad = _with_visit(a.data.export(at=NOW), column, value)
    with pytest.raises(BackupError) as caught:
        b.data.restore(bad)
    assert caught.value.code is problem
    if day is not None:
        assert caught.value.record is not None and (caught.value.record.kind, caught.value.record.day) == (
            RecordKind.VISIT,
            day,
        )
    with pytest.raises(BackupError):
        b.data.merge(bad)
    assert b.data.content() == before


def test_today_the_list_and_the_summary_move_on_when_a_visit_is_done(fresh_db: Store):
    clock = FakeClock()
    her = mother(fresh_db, "Siti")
    diary, mothers, summary = DiaryService(her, clock), MothersService(fresh_db, clock), SummaryService(her, clock)
    assert diary.today_summary().visit.visit is Visit.KF2  # type: ignore[union-attr]
    service(her, clock).mark({"visit": "kf2", "done_on": TODAY.isoformat()})
    today = diary.today_summary().visit
    assert today is not None and (today.visit, today.timing) == (Visit.KF3, Timing.NEXT)
    (row,) = mothers.summaries()
    assert row.visit is not None and (row.visit.visit, row.visit.timing) == (Visit.KF3, Timing.NEXT)
    made = summary.summary()
    assert made.visit_now is None and made.visit_next is not None and made.visit_next.visit is Visit.KF3
    lines = {line.visit: line for line in made.visits}
    assert lines[Visit.KF2].done is not None and lines[Visit.KF2].done_timing is DoneTiming.ON_TIME
    assert lines[Visit.KF1].done is None and lines[Visit.KF1].timing is Timing.OVERDUE


def test_the_week_across_300_mothers_is_one_query_sorted_by_the_closing_day(fresh_db: Store):
    clock = FakeClock()
    # 300 mothers: 288 born years ago, 12 in their 42 days (days 0, 4, 8, ... 44).
    for n in range(288):
        mother(fresh_db, f"Lama {n:03d}", born=TODAY - timedelta(days=400 + n))
    young = {n * 4: mother(fresh_db, f"Baru {n * 4:02d}", born=TODAY - timedelta(days=n * 4)) for n in range(12)}
    young[4].visits.mark(DoneVisit(visit=Visit.KF2, done_on=TODAY), at=NOW)  # day 4: KF2 done
    statements: list[str] = []
    fresh_db.db.conn.set_trace_callback(statements.append)
    rows = DueService(fresh_db, clock).week()
    fresh_db.db.conn.set_trace_callback(None)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    names = {row.nickname for row in rows}
    assert not any(name and name.startswith("Lama") for name in names)  # years-old mothers are history
    assert [row.due.ends for row in rows] == sorted(row.due.ends for row in rows)
    day4 = [(row.due.visit, row.due.timing) for row in rows if row.nickname == "Baru 04"]
    assert day4 == [(Visit.KF1, Timing.OVERDUE), (Visit.KF3, Timing.NEXT)]  # KF2 done: not owed
    # Day 44: past day 42 but within the grace, so her visits not done are still owed (overdue).
    assert {row.due.timing for row in rows if row.nickname == "Baru 44"} == {Timing.OVERDUE}


def test_the_birth_date_cannot_move_after_a_visit_marked_done(fresh_db: Store):
    """Else the visit would be before the birth, and a backup holding it refused."""
    clock = FakeClock()
    her = mother(fresh_db, "Siti")
    her.visits.mark(DoneVisit(visit=Visit.KF1, done_on=BORN + timedelta(days=1)), at=NOW)
    diary = DiaryService(her, clock)
    before = fresh_db.data.content()
    later = (BORN + timedelta(days=2)).isoformat()
    assert diary.save_profile({"mother_name": "Siti", "baby_birth_date": later}) == (
        None,
        {"baby_birth_date": "visits_before_birth"},
    )
    assert fresh_db.data.content() == before
    VisitsService(her, clock).undo(Visit.KF1)  # undone, the date can move
    saved, errors = diary.save_profile({"mother_name": "Siti", "baby_birth_date": later})
    assert errors == {} and saved is not None
    fresh_db.data.restore(fresh_db.data.export(at=NOW))  # and its backup restores
