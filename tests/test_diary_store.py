"""The diary store on real SQLite files: reports, profile, drafts, atomicity, the m002 upgrade."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from app.domain.profile import Profile
from app.domain.report import (
    NOTE_MAX_CHARS,
    SIGNS,
    BabySign,
    DailyReport,
    Flow,
    MotherSign,
    Sign,
    validate_report,
)
from app.store.db import Store, connect, open_store
from app.store.errors import StoreWriteError, WriteErrorCode
from app.store.migrations import migrations
from tests.given import given

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
WIB = timezone(timedelta(hours=7))  # Western Indonesia Time
DAY = date(2026, 3, 4)


def full_report(day: date = DAY, **changes) -> DailyReport:
    """A report with every field away from its default, so a dropped column shows."""
    fields = dict(
        day=day,
        flow=Flow.NOT_WELL,
        signs={sign: index % 3 != 0 for index, sign in enumerate(SIGNS)},
        feeds_24h=9,
        wet_diapers=4,
        expressed_ml=1500,
        colostrum_first_seen=datetime(2026, 3, 2, 5, 30, 15, 250),
        breast_pain=True,
        breast_redness=True,
        breast_hard_swollen=True,
        nipples_cracked=True,
        fever=True,
        temperature_c=38.35,
        mood=2,
        note='Payudara terasa penuh, "agak" nyeri 😣\nbayi tidur 2 jam',
        baby_sleepy_yellow=True,
        dark_urine=False,
        black_stools=True,
        breast_very_painful=False,
        flu_like=True,
        nipple_pain=False,
        mother_signs={MotherSign.SAD: True, MotherSign.HEAVY_BLEEDING: False},
        baby_danger=True,
        baby_signs={BabySign.CORD: True, BabySign.FITS: True},
        baby_yellow=False,
    )
    return DailyReport(**{**fields, **changes})


def small_report(day: date, **changes) -> DailyReport:
    return DailyReport(**{"day": day, "flow": Flow.WELL, **changes})


def raw_row(fresh_db: Store, day: date) -> dict:
    return fresh_db.db.table("reports").get((str(fresh_db.mother_id), day.isoformat()))


# --- schema ------------------------------------------------------------------------------------


def test_fresh_file_gets_the_diary_tables(fresh_db: Store):
    db = fresh_db.db
    assert {"mothers", "reports", "drafts"} <= set(db.table_names())
    assert "profile" not in db.table_names()  # m004: the profile is mother 1's row in mothers
    assert db.table("reports").pks == ["mother_id", "day"]
    assert set(db.table("reports").columns_dict) == {
        "mother_id", *DailyReport.model_fields, "created_at", "updated_at"
    }  # fmt: skip
    assert db.table("reports").columns_dict["temperature_c"] is float
    assert db.table("reports").columns_dict["expressed_ml"] is int
    assert set(db.table("mothers").columns_dict) == {
        "id", "seq", "nickname", "baby_birth_date", "midwife_phone", "facility_phone", "mother_phone", "family_phone",
        "archived_at",
        "created_at", "updated_at", "kept_at",
    }  # fmt: skip
    assert db.table("drafts").pks == ["mother_id", "key"]


# --- reports -----------------------------------------------------------------------------------


def test_fully_filled_report_roundtrips(fresh_db: Store):
    report = full_report()
    defaults = DailyReport(day=DAY - timedelta(days=1), flow=Flow.WELL)
    # The fixture really fills every field, or this test proves less than it claims.
    assert all(getattr(report, f) != getattr(defaults, f) for f in DailyReport.model_fields)
    fresh_db.diary.save(report, at=T0)
    assert fresh_db.diary.get(DAY) == report
    assert given(fresh_db.diary.get(DAY)).model_dump() == report.model_dump()


def test_report_columns_hold_plain_values(fresh_db: Store):
    fresh_db.diary.save(full_report(), at=datetime(2026, 3, 4, 21, 0, tzinfo=WIB))
    row = raw_row(fresh_db, DAY)
    assert row["day"] == "2026-03-04"
    assert row["flow"] == "not_well"
    assert row["signs"].startswith('{"breasts_full_then_soft": false, "feeds_8_to_12": true')
    assert (row["breast_pain"], row["fever"], row["temperature_c"]) == (1, 1, 38.35)
    assert row["created_at"] == row["updated_at"] == "2026-03-04T14:00:00.000000+00:00"


@pytest.mark.parametrize(
    "entered, stored",
    [
        (datetime(2026, 3, 2, 5, 30), "2026-03-02T05:30:00"),  # naive local time stays naive
        (datetime(2026, 3, 2, 5, 30, tzinfo=WIB), "2026-03-02T05:30:00+07:00"),  # not moved to UTC
        (None, None),  # not seen yet
    ],
)
def test_colostrum_time_is_stored_as_entered(fresh_db: Store, entered, stored):
    fresh_db.diary.save(full_report(colostrum_first_seen=entered), at=T0)
    assert raw_row(fresh_db, DAY)["colostrum_first_seen"] == stored
    seen = given(fresh_db.diary.get(DAY)).colostrum_first_seen
    assert seen == entered
    assert (seen.utcoffset() if seen else None) == (entered.utcoffset() if entered else None)


def test_unanswered_signs_stay_unanswered(fresh_db: Store):
    report = small_report(DAY, signs={Sign.LET_DOWN_FELT: False, Sign.FEEDS_8_TO_12: True})
    fresh_db.diary.save(report, at=T0)
    back = given(fresh_db.diary.get(DAY))
    assert back.signs == {Sign.FEEDS_8_TO_12: True, Sign.LET_DOWN_FELT: False}
    assert (back.signs_answered, back.signs_score) == (2, 1)


def test_save_again_replaces_every_field_and_keeps_created_at(fresh_db: Store):
    fresh_db.diary.save(full_report(), at=T0)
    later = T0 + timedelta(hours=5)
    replacement = small_report(DAY, note="lebih baik")  # fields cleared, not merged
    fresh_db.diary.save(replacement, at=later)
    assert fresh_db.diary.get(DAY) == replacement
    row = raw_row(fresh_db, DAY)
    assert row["created_at"] == "2026-03-01T08:00:00.000000+00:00"
    assert row["updated_at"] == "2026-03-01T13:00:00.000000+00:00"
    assert fresh_db.diary.count() == 1


def test_get_of_a_day_without_report_is_none(fresh_db: Store):
    assert fresh_db.diary.get(DAY) is None


def test_delete_returns_the_report_and_restore_puts_it_back(fresh_db: Store):
    report = full_report()
    fresh_db.diary.save(report, at=T0)
    fresh_db.diary.save(small_report(DAY + timedelta(days=1)), at=T0)
    deleted = fresh_db.diary.delete(DAY)
    assert deleted == report
    assert fresh_db.diary.get(DAY) is None
    assert fresh_db.diary.days() == [DAY + timedelta(days=1)]
    fresh_db.diary.restore(deleted, at=T0 + timedelta(minutes=1))
    assert fresh_db.diary.get(DAY) == report
    assert fresh_db.diary.count() == 2


def test_delete_of_a_missing_day_returns_none(fresh_db: Store):
    fresh_db.diary.save(small_report(DAY), at=T0)
    assert fresh_db.diary.delete(DAY + timedelta(days=1)) is None
    assert fresh_db.diary.count() == 1


def test_restore_does_not_overwrite_a_report_saved_after_the_delete(fresh_db: Store):
    fresh_db.diary.save(full_report(), at=T0)
    deleted = given(fresh_db.diary.delete(DAY))
    newer = small_report(DAY, note="ditulis ulang")
    fresh_db.diary.save(newer, at=T0 + timedelta(minutes=1))
    with pytest.raises(ValueError):
        fresh_db.diary.restore(deleted, at=T0 + timedelta(minutes=2))
    assert fresh_db.diary.get(DAY) == newer


def test_list_is_newest_day_first_with_inclusive_range_and_limit(fresh_db: Store):
    days = [DAY + timedelta(days=n) for n in (3, 0, 5, 1, 4)]  # saved out of order
    for day in days:
        fresh_db.diary.save(small_report(day, feeds_24h=day.day), at=T0)
    newest_first = sorted(days, reverse=True)
    assert [r.day for r in fresh_db.diary.list()] == newest_first
    assert [r.day for r in fresh_db.diary.list(limit=2)] == newest_first[:2]
    middle = fresh_db.diary.list(start=DAY + timedelta(days=1), end=DAY + timedelta(days=4))
    assert [r.day for r in middle] == [DAY + timedelta(days=n) for n in (4, 3, 1)]  # both ends in
    assert [r.day for r in fresh_db.diary.list(start=DAY + timedelta(days=4))] == newest_first[:2]
    assert [r.day for r in fresh_db.diary.list(end=DAY)] == [DAY]
    assert fresh_db.diary.list(start=DAY + timedelta(days=6)) == []
    assert fresh_db.diary.list()[0].feeds_24h == (DAY + timedelta(days=5)).day
    assert fresh_db.diary.days() == newest_first
    assert fresh_db.diary.count() == 5


def test_a_datetime_is_not_taken_for_a_day(fresh_db: Store):
    fresh_db.diary.save(small_report(DAY), at=T0)
    with pytest.raises(TypeError):
        fresh_db.diary.get(datetime(2026, 3, 4, tzinfo=WIB))
    with pytest.raises(TypeError):
        fresh_db.diary.list(start="2026-03-01")  # type: ignore[arg-type]  # the wrong type, on purpose


def test_two_years_of_history_is_one_indexed_query(fresh_db: Store):
    first = date(2024, 3, 1)
    for n in range(731):
        fresh_db.diary.save(small_report(first + timedelta(days=n), mood=n % 5 + 1), at=T0)
    statements: list[str] = []
    fresh_db.db.conn.set_trace_callback(statements.append)
    try:
        history = fresh_db.diary.list(start=date(2025, 3, 1), end=date(2026, 2, 28))
    finally:
        fresh_db.db.conn.set_trace_callback(None)
    assert len(history) == 365
    assert history[0].day == date(2026, 2, 28) and history[-1].day == date(2025, 3, 1)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    # Served by the day key's index, in its order: no scan of every row, no sort.
    [sql] = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    plan = " ".join(row[3] for row in fresh_db.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan


def test_rows_load_without_the_calendar_checks(fresh_db: Store):
    # Valid on the day it was written; read back later, after the birth date was corrected to a
    # later day, it must still load (the store validates without "today"/"birth_date").
    report, errors = validate_report({"day": "2026-03-04", "flow": "well"}, today=DAY, birth_date=date(2026, 3, 1))
    assert errors == {}
    fresh_db.diary.save(given(report), at=T0)
    _, later_errors = validate_report({"day": "2026-03-04", "flow": "well"}, today=DAY, birth_date=date(2026, 3, 10))
    assert later_errors == {"day": "before_birth"}
    assert fresh_db.diary.get(DAY) == report
    assert fresh_db.diary.list() == [report]


def test_naive_timestamps_and_non_reports_are_refused(fresh_db: Store):
    with pytest.raises(ValueError):
        fresh_db.diary.save(small_report(DAY), at=datetime(2026, 3, 1, 8, 0))
    with pytest.raises(TypeError):
        fresh_db.diary.save({"day": DAY, "flow": "well"}, at=T0)  # type: ignore[arg-type]  # on purpose
    assert fresh_db.diary.count() == 0


# --- notes ---------------------------------------------------------------------------------------


def test_an_overlong_note_is_stopped_by_the_domain_before_the_store():
    report, errors = validate_report({"day": "2026-03-04", "flow": "well", "note": "😣" * 10_000}, today=DAY)
    assert (report, errors) == (None, {"note": "too_long"})


@pytest.mark.parametrize(
    "note",
    [
        "Bayi menyusu 10x 👶🍼❤️",  # emoji, outside the BMP
        "\"kata bidan\" it's 'fine'",  # both quote kinds
        "'); DROP TABLE reports;--",  # SQL-looking text is only text
        "  spasi di tepi \n\tdan tab  ",  # not stripped
        "é" * NOTE_MAX_CHARS,  # the longest note the domain allows, multibyte
        "",  # no note
    ],
)
def test_note_is_stored_verbatim(fresh_db: Store, note):
    report, errors = validate_report({"day": "2026-03-04", "flow": "well", "note": note}, today=DAY)
    assert errors == {}
    fresh_db.diary.save(given(report), at=T0)
    assert raw_row(fresh_db, DAY)["note"] == note
    assert given(fresh_db.diary.get(DAY)).note == note
    assert "reports" in fresh_db.db.table_names()


# --- atomicity -----------------------------------------------------------------------------------

# Real SQLite failures, injected with triggers, some after the row was already changed.
FAILING_TRIGGERS = {
    "before update": "CREATE TRIGGER fail BEFORE UPDATE ON reports BEGIN SELECT RAISE(ABORT, 'injected'); END",
    "after update": "CREATE TRIGGER fail AFTER UPDATE ON reports BEGIN SELECT RAISE(ABORT, 'injected'); END",
    "before insert": "CREATE TRIGGER fail BEFORE INSERT ON reports BEGIN SELECT RAISE(ABORT, 'injected'); END",
}


@pytest.mark.parametrize("failure", FAILING_TRIGGERS)
def test_a_failed_save_leaves_the_previous_report(fresh_db: Store, failure):
    fresh_db.diary.save(full_report(), at=T0)
    before = (fresh_db.diary.get(DAY), raw_row(fresh_db, DAY))
    fresh_db.db.execute(FAILING_TRIGGERS[failure])
    replacement = small_report(DAY, note="tidak boleh tersimpan")
    with pytest.raises(StoreWriteError) as failed:
        fresh_db.diary.save(replacement, at=T0 + timedelta(hours=1))
    # The trigger's refusal, typed; SQLite's own text only in the cause.
    assert failed.value.code is WriteErrorCode.REFUSED
    assert "injected" in str(failed.value.__cause__)
    assert not fresh_db.db.conn.in_transaction
    assert (fresh_db.diary.get(DAY), raw_row(fresh_db, DAY)) == before
    # The connection is still usable once the cause is gone.
    fresh_db.db.execute("DROP TRIGGER fail")
    fresh_db.diary.save(replacement, at=T0 + timedelta(hours=1))
    assert fresh_db.diary.get(DAY) == replacement


def test_a_failed_first_save_leaves_no_row(fresh_db: Store):
    fresh_db.db.execute("CREATE TRIGGER fail AFTER INSERT ON reports BEGIN SELECT RAISE(ABORT, 'injected'); END")
    with pytest.raises(StoreWriteError) as failed:
        fresh_db.diary.save(full_report(), at=T0)
    # The trigger's refusal, typed; SQLite's own text only in the cause.
    assert failed.value.code is WriteErrorCode.REFUSED
    assert "injected" in str(failed.value.__cause__)
    assert fresh_db.diary.count() == 0


def test_a_failed_delete_keeps_the_report(fresh_db: Store):
    fresh_db.diary.save(full_report(), at=T0)
    fresh_db.db.execute("CREATE TRIGGER fail AFTER DELETE ON reports BEGIN SELECT RAISE(ABORT, 'injected'); END")
    with pytest.raises(StoreWriteError) as failed:
        fresh_db.diary.delete(DAY)
    # The trigger's refusal, typed; SQLite's own text only in the cause.
    assert failed.value.code is WriteErrorCode.REFUSED
    assert "injected" in str(failed.value.__cause__)
    assert not fresh_db.db.conn.in_transaction
    assert fresh_db.diary.get(DAY) == full_report()


# --- profile -------------------------------------------------------------------------------------


def test_profile_save_get_and_update(fresh_db: Store):
    assert fresh_db.profile.get() is None
    first = Profile(mother_name="Siti", baby_birth_date=date(2026, 2, 27))
    fresh_db.profile.save(first, at=T0)
    assert fresh_db.profile.get() == first
    corrected = Profile(mother_name=None, baby_birth_date=date(2026, 2, 28))
    fresh_db.profile.save(corrected, at=T0 + timedelta(days=1))
    assert fresh_db.profile.get() == corrected
    assert fresh_db.db["mothers"].count == 1
    assert fresh_db.db.table("mothers").get(str(fresh_db.mother_id))["updated_at"] == "2026-03-02T08:00:00.000000+00:00"


def test_profile_needs_a_profile_and_an_aware_time(fresh_db: Store):
    with pytest.raises(TypeError):
        fresh_db.profile.save({"baby_birth_date": date(2026, 2, 27)}, at=T0)  # type: ignore[arg-type]  # on purpose
    with pytest.raises(ValueError):
        fresh_db.profile.save(Profile(baby_birth_date=date(2026, 2, 27)), at=datetime(2026, 3, 1))
    assert fresh_db.profile.get() is None


# --- drafts --------------------------------------------------------------------------------------


def test_drafts_put_get_clear(fresh_db: Store):
    key = "report:2026-03-04"
    assert fresh_db.drafts.get(key) is None
    typed = {"feeds_24h": " 12", "temperature_c": "37,8", "note": "😣 'belum'", "mood": ""}
    fresh_db.drafts.put(key, typed, at=T0)
    assert fresh_db.drafts.get(key) == typed
    fresh_db.drafts.put(key, {"feeds_24h": "13"}, at=T0 + timedelta(minutes=1))  # replaced whole
    assert fresh_db.drafts.get(key) == {"feeds_24h": "13"}
    fresh_db.drafts.put("profile", {"mother_name": "Siti"}, at=T0)
    fresh_db.drafts.clear(key)
    fresh_db.drafts.clear(key)  # clearing twice is fine
    assert fresh_db.drafts.get(key) is None
    assert fresh_db.drafts.get("profile") == {"mother_name": "Siti"}


@pytest.mark.parametrize(
    "data",
    [
        {"feeds_24h": 12},  # a parsed number: drafts hold what was typed
        {"fever": True},  # a checkbox value, not text
        {"note": None},
        [("note", "x")],  # not a mapping
    ],
)
def test_drafts_hold_text_only(fresh_db: Store, data):
    with pytest.raises(TypeError):
        fresh_db.drafts.put("report:2026-03-04", data, at=T0)
    assert fresh_db.drafts.get("report:2026-03-04") is None


# --- reopening and upgrading ---------------------------------------------------------------------


def test_reopening_the_file_keeps_everything(db_path: Path):
    report = full_report()
    profile = Profile(mother_name="Siti", baby_birth_date=date(2026, 2, 27))
    with open_store(db_path) as store:
        store.diary.save(report, at=T0)
        store.diary.save(small_report(DAY - timedelta(days=1)), at=T0)
        store.profile.save(profile, at=T0)
        store.drafts.put("report:2026-03-05", {"note": "setengah"}, at=T0)
    with open_store(db_path) as store:
        assert store.diary.get(DAY) == report
        assert store.diary.days() == [DAY, DAY - timedelta(days=1)]
        assert store.profile.get() == profile
        assert store.drafts.get("report:2026-03-05") == {"note": "setengah"}


def test_upgrade_from_m001_adds_the_diary_and_keeps_every_session(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old = connect(path)
    migrations.apply(old, stop_before="m002_diary")
    assert [m.name for m in migrations.applied(old)] == ["m001_initial"]
    assert "reports" not in old.table_names()
    old.close()
    # Sessions as the m001 app's repository wrote them (today's repositories need m004's
    # mother_id, so the rows are written as they were).
    with Store(connect(path)) as m001_store:
        db = m001_store.db
        stamp = "2026-03-01T08:00:00.000000+00:00"
        ended = "2026-03-01T08:11:00.000000+00:00"
        sessions: list[dict[str, Any]] = [
            {"id": 1, "started_at": stamp, "updated_at": ended, "ended_at": ended, "demo": 0,
             "round_s": 180, "rest_s": 30, "rounds_planned": 3, "build": "heavier",
             "technique": "fists", "status": "completed", "snapshot": "{}", "rounds_done": 3,
             "massaged_s": 540.0, "comfort": 4, "letdown": 1},
            {"id": 2, "started_at": "2026-03-02T08:00:00.000000+00:00",
             "updated_at": "2026-03-02T08:00:00.000000+00:00", "ended_at": None, "demo": 1,
             "round_s": 30, "rest_s": 5, "rounds_planned": 3, "build": None, "technique": None,
             "status": "in_progress", "snapshot": "{}", "rounds_done": 0, "massaged_s": 0.0,
             "comfort": None, "letdown": None},
        ]  # fmt: skip
        db.table("sessions").insert_all(sessions)
        db.table("session_events").insert_all([
            {"session_id": 1, "at": stamp, "kind": "start", "position_s": 0.0},
            {"session_id": 1, "at": ended, "kind": "finish", "position_s": 540.0},
            {"session_id": 2, "at": "2026-03-02T08:00:00.000000+00:00", "kind": "start",
             "position_s": 0.0},
        ])  # fmt: skip
        db.conn.commit()
        first = 1
        m001_store.set_setting("language", "id")
        sessions_before = list(m001_store.db["sessions"].rows)
        events_before = list(m001_store.db["session_events"].rows)

    with open_store(path) as store:
        assert migrations.pending(store.db) == []
        assert [m.name for m in migrations.applied(store.db)][:2] == ["m001_initial", "m002_diary"]
        assert [{k: row[k] for k in sessions_before[0]} for row in store.db["sessions"].rows] == sessions_before
        assert list(store.db["session_events"].rows) == events_before
        assert store.get_setting("language") == "id"
        assert given(store.sessions.get(first)).comfort == 4
        assert [r.id for r in store.sessions.between(T0, T0 + timedelta(days=2))] == [first]
        # And the new tables work on the upgraded file.
        store.diary.save(full_report(), at=T0)
        assert store.diary.get(DAY) == full_report()


def test_profile_phones_round_trip(fresh_db: Store):
    profile = Profile(
        baby_birth_date=date(2026, 2, 27),
        midwife_phone="0812-3456-7890",
        facility_phone="(021) 555 1234",
    )
    fresh_db.profile.save(profile, at=T0)
    assert fresh_db.profile.get() == profile


def test_upgrade_from_m002_keeps_reports_and_the_old_sign_7(tmp_path: Path):
    path = tmp_path / "m002.sqlite3"
    old = connect(path)
    migrations.apply(old, stop_before="m003_danger_signs")
    # A row as the m002 app wrote it: sign 7 under its old code, answered "no".
    old.table("reports").insert({
        "day": "2026-03-04", "flow": "well", "signs": '{"nipple_pain_not_worse": false}',
        "breast_pain": 0, "breast_redness": 0, "breast_hard_swollen": 0, "nipples_cracked": 0,
        "fever": 0, "note": "", "created_at": "x", "updated_at": "x",
    })  # fmt: skip
    old.table("profile").insert({"id": 1, "baby_birth_date": "2026-03-01", "updated_at": "x"})
    old.close()
    with open_store(path) as upgraded:
        report = given(upgraded.diary.get(DAY))
        assert report.signs == {Sign.NIPPLE_PAIN_NOT_WORSE: False}
        assert report.mother_signs == {} and report.dark_urine is None
        assert upgraded.profile.get() == Profile(baby_birth_date=date(2026, 3, 1))
