"""A merge on real SQLite files, as two devices make it: a mother is the same mother only by her
UUID (two with the same nickname and birth date stay two), her records are matched by theirs, the
newer edit wins and what differed is listed, the same backup merged twice changes nothing, and a
backup of the release before UUIDs (tests/fixtures/backup_v1.json, made by that release's code)
never joins a mother here unless the user says she is the same."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.quiz import Phase
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import DailyReport, Flow
from app.services.data import DataService
from app.store import backup
from app.store.db import Store, every_row_readable, open_store
from app.store.merge import Difference, Kind
from tests.given import given

RELEASE_BACKUP = Path(__file__).parent / "fixtures" / "backup_v1.json"
BORN = date(2026, 11, 10)  # the fixture's mothers' baby
T0 = datetime(2026, 11, 11, 1, 0, tzinfo=UTC)
# When the backups are made: after every record in them (a backup holding a day after the one it
# was made on is refused as implausible).
SAVED = T0 + timedelta(days=30)


@pytest.fixture
def devices(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two phones: two real SQLite files."""
    with open_store(tmp_path / "a" / "d.sqlite3") as a, open_store(tmp_path / "b" / "d.sqlite3") as b:
        yield a, b


def content(store: Store) -> str:
    return hashlib.sha256(json.dumps(store.data.content(), sort_keys=True).encode()).hexdigest()


def report(day: int, note: str, flow: Flow = Flow.WELL) -> DailyReport:
    return DailyReport(day=BORN + timedelta(days=day), flow=flow, note=note)


def siti(store: Store, *, phone: str | None, notes: str, days: range = range(1, 5)) -> None:
    """The device's mother: Siti, born 10 Nov, a report a day and a massage."""
    store.profile.save(Profile(mother_name="Siti", baby_birth_date=BORN, midwife_phone=phone), at=T0)
    for n in days:
        store.diary.save(report(n, f"{notes} {n}"), at=T0 + timedelta(days=n))
    sid = store.sessions.create(
        NewSession(started_at=T0 + timedelta(hours=len(notes)), demo=False, round_s=240, rest_s=60,
                   rounds_planned=3, snapshot={})
    )  # fmt: skip
    store.sessions.finish(
        sid,
        SessionStatus.COMPLETED,
        SessionProgress(at=T0 + timedelta(hours=5), snapshot={}, rounds_done=3, massaged_s=720),
    )


def notes(store: Store) -> list[str]:
    return sorted(r.note for m in store.mothers.list() for r in store.mother(m.id).diary.list())


# --- two devices, two mothers named alike ----------------------------------------------------------


def test_two_devices_with_a_mother_named_alike_keep_two_mothers_and_everything_of_both(devices):
    a, b = devices
    siti(a, phone=None, notes="A")
    siti(b, phone="0812-0000-1111", notes="B")

    merged = a.data.merge(b.data.export(at=SAVED))

    mothers = a.mothers.list()
    assert len(mothers) == 2 and {m.nickname for m in mothers} == {"Siti"}  # the midwife sees both
    assert {m.id for m in mothers} == {a.mother_id, b.mother_id}
    assert notes(a) == sorted([f"A {n}" for n in range(1, 5)] + [f"B {n}" for n in range(1, 5)])
    assert a.mother(b.mother_id).profile.get().midwife_phone == "0812-0000-1111"  # B's phone kept
    assert a.profile.get().midwife_phone is None  # and A's mother is as she was
    assert sum(len(a.mother(m.id).sessions.list()) for m in mothers) == 2
    assert (merged.mothers_added, merged.reports_added, merged.reports_updated, merged.sessions_added) == (1, 4, 0, 1)
    assert merged.differences == ()  # nothing of one mother was compared with the other's


def test_the_same_backup_merged_twice_changes_nothing_the_second_time(devices):
    a, b = devices
    siti(a, phone=None, notes="A")
    siti(b, phone="0812-0000-1111", notes="B")
    b.teaching.add_quiz(phase=Phase.BEFORE, taken_at=T0, score_pct=40, answers={})
    b.reminders.save({"morning": "05:30"}, at=T0)
    file = b.data.export(at=SAVED)
    a.data.merge(file)
    after_first = content(a)

    again = a.data.merge(file)

    assert content(a) == after_first
    assert (again.mothers_added, again.reports_added, again.reports_updated, again.reports_kept) == (0, 0, 0, 0)
    assert (again.sessions_added, again.teaching_added, again.differences) == (0, 0, ())


def test_renaming_one_of_two_look_alikes_after_a_merge_is_hers_alone(devices):
    a, b = devices
    siti(a, phone=None, notes="A")
    siti(b, phone=None, notes="B")
    a.data.merge(b.data.export(at=SAVED))
    a.mother(b.mother_id).profile.save(Profile(mother_name="Siti (Desa Baru)", baby_birth_date=BORN), at=T0)
    assert sorted(m.nickname or "" for m in a.mothers.list()) == ["Siti", "Siti (Desa Baru)"]


# --- the same mother on two devices ----------------------------------------------------------------


def test_the_same_mother_on_two_devices_is_one_mother_and_the_newer_edit_of_a_day_wins(devices):
    a, b = devices
    siti(a, phone=None, notes="A")
    b.data.restore(a.data.export(at=SAVED))  # B is set up from A's backup: the same Siti
    her = b.mother(a.mother_id)
    her.diary.save(report(2, "B later"), at=T0 + timedelta(days=20))  # B edits day 2 later
    a.diary.save(report(3, "A later"), at=T0 + timedelta(days=21))  # A edits day 3 later still
    her.diary.save(report(3, "B earlier"), at=T0 + timedelta(days=10))
    her.diary.save(report(9, "B new day"), at=T0 + timedelta(days=9))
    her.profile.save(
        Profile(mother_name="Siti", baby_birth_date=BORN, midwife_phone="0812-2222-3333"), at=T0 + timedelta(days=30)
    )

    merged = a.data.merge(b.data.export(at=SAVED))

    assert [m.id for m in a.mothers.list()] == [a.mother_id]  # one mother: the same UUID
    assert a.diary.get(BORN + timedelta(days=2)).note == "B later"
    assert a.diary.get(BORN + timedelta(days=3)).note == "A later"
    assert a.diary.get(BORN + timedelta(days=9)).note == "B new day"
    assert a.profile.get().midwife_phone == "0812-2222-3333"
    assert (merged.mothers_added, merged.reports_added, merged.reports_updated, merged.reports_kept) == (0, 1, 1, 1)
    assert merged.sessions_added == 0  # her massage is the same record on both
    assert set(merged.differences) == {
        Difference(Kind.DETAILS, "Siti", from_backup=True),
        Difference(Kind.REPORT, "Siti", from_backup=True, day=BORN + timedelta(days=2)),
        Difference(Kind.REPORT, "Siti", from_backup=False, day=BORN + timedelta(days=3)),
    }


def test_a_massage_rated_later_on_the_other_device_takes_the_newer_record(devices):
    a, b = devices
    siti(a, phone=None, notes="A")
    b.data.restore(a.data.export(at=SAVED))
    (session,) = b.mother(a.mother_id).sessions.list()
    b.db.execute(
        "UPDATE sessions SET comfort = 2, updated_at = ? WHERE id = ?", ["2027-01-01T00:00:00.000000+00:00", session.id]
    )
    b.db.conn.commit()
    merged = a.data.merge(b.data.export(at=SAVED))
    assert a.sessions.list()[0].comfort == 2 and a.sessions.list()[0].uuid == session.uuid
    assert [d.kind for d in merged.differences] == [Kind.MASSAGE]
    assert len(a.sessions.events(a.sessions.list()[0].id)) == 2  # start and finish, not twice


# --- a backup of the release before UUIDs ---------------------------------------------------------


def test_a_release_backup_restored_then_merged_with_a_new_one_keeps_two_mothers_named_alike(devices):
    """The previous release's file (its code wrote it) is restored on A; B, a new device, has its
    own Siti (same nickname and birth date); B's backup merged into A: two Sitis."""
    a, b = devices
    a.data.restore(RELEASE_BACKUP.read_bytes())
    restored = {m.nickname: m for m in a.mothers.list()}
    assert set(restored) == {"Siti", "Dewi"} and all(m.id.version == 5 for m in restored.values())
    siti_a = a.mother(restored["Siti"].id)
    assert len(siti_a.diary.list()) == 5 and len(siti_a.sessions.list()) == 3
    assert len(siti_a.teaching.quizzes()) == 2 and len(siti_a.teaching.skills()) == 1
    assert siti_a.reminders.get() == {"morning": "06:30", "evening": "19:30"}
    assert a.mother(restored["Dewi"].id).reminders.get() == {"morning": "05:45"}
    siti(b, phone="0812-0000-1111", notes="B")

    merged = a.data.merge(b.data.export(at=SAVED))

    sitis = [m for m in a.mothers.list() if m.nickname == "Siti"]
    assert len(sitis) == 2 and len(a.mothers.list()) == 3
    assert merged.mothers_added == 1 and merged.reports_added == 4
    assert len(siti_a.diary.list()) == 5  # the release's Siti is as she was
    assert a.mother(b.mother_id).profile.get().midwife_phone == "0812-0000-1111"


def test_a_release_backup_merged_asks_first_and_never_joins_a_look_alike_by_itself(devices):
    a, _ = devices
    siti(a, phone=None, notes="A")
    service = DataService(a, FakeClock())
    data = RELEASE_BACKUP.read_bytes()

    preview = service.check(data)
    assert preview.lookalikes == ("Siti",)  # Dewi is no one here: nothing to ask about her

    kept_apart = service.merge(data)  # no answer: two mothers, as a new mother is added
    assert kept_apart.ok and given(kept_apart.merged).mothers_added == 2
    assert sorted(m.nickname for m in a.mothers.list()) == ["Dewi", "Siti", "Siti"]


def test_a_release_backup_joined_when_she_says_it_is_the_same_mother_and_twice_is_once(tmp_path: Path):
    """A's own file from before the upgrade: A upgraded (its mothers got random UUIDs), the file
    gets UUIDs derived from it. Joined, her records are found by their day and instant: nothing
    is added twice, and merging the file again changes nothing."""
    with open_store(tmp_path / "a" / "d.sqlite3") as a:
        # Restored from this very file: its mothers have the UUIDs the file gives, found again.
        a.data.restore(RELEASE_BACKUP.read_bytes())
        before = content(a)
        service = DataService(a, FakeClock())
        assert service.check(RELEASE_BACKUP.read_bytes()).lookalikes == ()
        assert given(service.merge(RELEASE_BACKUP.read_bytes()).merged).mothers_added == 0
        assert content(a) == before

    with open_store(tmp_path / "b" / "d.sqlite3") as b:
        # A device upgraded in place has random UUIDs: simulate it by restoring, then giving
        # every mother and record a new identity as m007 does on a phone.
        b.data.restore(RELEASE_BACKUP.read_bytes())
        _new_identities(b)
        before = content(b)
        service = DataService(b, FakeClock())
        assert service.check(RELEASE_BACKUP.read_bytes()).lookalikes == ("Siti", "Dewi")
        first = service.merge(RELEASE_BACKUP.read_bytes(), same_mothers=True)
        joined = given(first.merged)
        assert joined.mothers_joined == 2 and joined.mothers_added == 0
        assert (joined.reports_added, joined.sessions_added, joined.teaching_added) == (0, 0, 0)
        assert content(b) == before
        again = service.merge(RELEASE_BACKUP.read_bytes(), same_mothers=True)
        assert content(b) == before and given(again.merged).differences == ()


def test_a_release_backup_gives_the_same_identities_at_every_load():
    data = RELEASE_BACKUP.read_bytes()
    first, second = (backup.load(data, readable=every_row_readable) for _ in range(2))
    try:
        assert first.legacy and second.legacy
        assert backup.dump(first.db) == backup.dump(second.db)
    finally:
        first.db.close()
        second.db.close()


def _new_identities(store: Store) -> None:
    """Every mother, massage, quiz attempt and skills check given a new random UUID (the rows of a
    phone that ran m007 itself, not loaded from the file)."""
    import uuid

    db = store.db
    db.execute("BEGIN")
    db.execute("PRAGMA defer_foreign_keys = ON")
    for (old,) in db.execute("SELECT id FROM mothers").fetchall():
        new = str(uuid.uuid4())
        db.execute("UPDATE mothers SET id = ? WHERE id = ?", [new, old])
        for table in ("reports", "drafts", "sessions", "quiz_results", "skills_checks", "reminders"):
            db.execute(f"UPDATE {table} SET mother_id = ? WHERE mother_id = ?", [new, old])
    for table in ("sessions", "quiz_results", "skills_checks"):
        for (row,) in db.execute(f"SELECT id FROM {table}").fetchall():
            db.execute(f"UPDATE {table} SET uuid = ? WHERE id = ?", [str(uuid.uuid4()), row])
    db.execute("COMMIT")


def test_her_own_and_her_familys_phones_travel_in_a_backup_and_the_newer_edit_wins(devices, tmp_path):
    a, b = devices
    siti(a, phone=None, notes="A")
    b.data.restore(a.data.export(at=SAVED))  # the same Siti on B
    b.mother(a.mother_id).profile.save(
        Profile(mother_name="Siti", baby_birth_date=BORN, mother_phone="0813 1111 2222", family_phone="0812-3333-4444"),
        at=T0 + timedelta(days=30),
    )
    a.data.merge(b.data.export(at=SAVED))
    kept = given(a.profile.get())
    assert (kept.mother_phone, kept.family_phone) == ("0813 1111 2222", "0812-3333-4444")
    with open_store(tmp_path / "c" / "d.sqlite3") as c:  # a third phone restored from A's backup
        c.data.restore(a.data.export(at=SAVED))
        restored = given(c.mother(a.mother_id).profile.get())
        assert (restored.mother_tel, restored.family_tel) == ("tel:+6281311112222", "tel:+6281233334444")


def test_keeping_her_on_the_list_after_day_42_travels_in_a_merge_and_so_does_letting_her_go(devices):
    a, b = devices
    siti(a, phone=None, notes="A")
    b.data.restore(a.data.export(at=SAVED))  # the same Siti on B
    b.mothers.keep(a.mother_id, True, at=T0 + timedelta(days=60))  # kept on B's list
    a.data.merge(b.data.export(at=SAVED))
    assert given(a.mothers.get(a.mother_id)).kept
    b.mothers.keep(a.mother_id, False, at=T0 + timedelta(days=61))  # and let go again, later
    a.data.merge(b.data.export(at=SAVED))
    assert not given(a.mothers.get(a.mother_id)).kept
