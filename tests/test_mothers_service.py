"""Choosing a mother, the mothers list's rows, and the role, without a browser: the service on a
real SQLite file and one visitor's AppState as the shell makes it."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from uuid import UUID

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.mothers import Mother, MotherActivity, Role
from app.domain.profile import Profile
from app.domain.records import SessionStatus
from app.domain.redflags import RedFlag
from app.domain.report import DailyReport, Flow, MotherSign
from app.domain.visits import Visit
from app.services.mothers import CHOSEN_SETTING, MothersService, summarize
from app.services.report_form import draft_key
from app.store.db import Store
from tests.given import given
from tests.render_harness import make_app

TODAY = date(2026, 11, 22)  # FakeClock's day


def named(store: Store, clock: FakeClock, name: str, born: date = TODAY - timedelta(days=4)) -> UUID:
    mother_id = store.mothers.add(at=clock.wall())
    store.mother(mother_id).profile.save(Profile(mother_name=name, baby_birth_date=born), at=clock.wall())
    return mother_id


# --- which mother a visitor sees ----------------------------------------------------------------


def test_a_new_visitor_sees_the_mother_last_chosen_on_this_device(fresh_db: Store, clock: FakeClock):
    ani = named(fresh_db, clock, "Ani")
    assert make_app(fresh_db, clock).scope.mother_id == fresh_db.mother_id  # nobody chose yet: the first added
    make_app(fresh_db, clock).choose_mother(ani)
    assert fresh_db.get_setting(CHOSEN_SETTING) == str(ani)
    assert make_app(fresh_db, clock).scope.mother_id == ani


def test_an_archived_or_unknown_choice_falls_back_to_the_first_on_the_list(fresh_db: Store, clock: FakeClock):
    ani = named(fresh_db, clock, "Ani")
    service = MothersService(fresh_db, clock)
    service.remember(ani)
    fresh_db.mothers.archive(fresh_db.mother_id, at=clock.wall())
    assert service.default_mother_id() == ani
    fresh_db.mothers.restore(fresh_db.mother_id, at=clock.wall())
    fresh_db.mothers.archive(ani, at=clock.wall())
    assert service.default_mother_id() == fresh_db.mother_id
    fresh_db.set_setting(CHOSEN_SETTING, "not a UUID")
    assert service.default_mother_id() == fresh_db.mother_id


def test_switching_shows_only_the_chosen_mothers_records(fresh_db: Store, clock: FakeClock):
    app = make_app(fresh_db, clock)
    ani = named(fresh_db, clock, "Ani")
    assert app.scope.diary.save_report(TODAY, {"flow": "well", "note": "ibu satu"}).ok
    app.scope.diary.keep_draft(TODAY - timedelta(days=1), {"note": "draf ibu satu"})
    app.choose_mother(ani)
    assert app.scope.diary.today_summary().report is None
    assert app.scope.diary.form(TODAY - timedelta(days=1))["note"] == ""
    assert given(app.scope.diary.profile()).mother_name == "Ani"
    assert app.scope.store.mother_id == ani and app.scope.massage.store.mother_id == ani
    assert app.scope.diary.save_report(TODAY, {"flow": "not_yet", "note": "Ani"}).ok
    app.choose_mother(fresh_db.mother_id)
    assert given(app.scope.diary.today_summary().report).note == "ibu satu"
    assert fresh_db.drafts.get(draft_key(TODAY - timedelta(days=1))) == {"note": "draf ibu satu"}


def test_no_switching_while_a_massage_runs(fresh_db: Store, clock: FakeClock):
    app = make_app(fresh_db, clock)
    ani = named(fresh_db, clock, "Ani")
    app.scope.massage.begin()
    assert not app.can_switch()
    with pytest.raises(RuntimeError):
        app.choose_mother(ani)
    assert app.scope.mother_id == fresh_db.mother_id
    app.scope.massage.end_early()
    app.choose_mother(ani)
    assert app.scope.mother_id == ani
    assert app.scope.massage.pending() is None  # the first mother's massage is not Ani's


def test_add_fills_in_the_blank_first_mother_of_a_new_device(fresh_db: Store, clock: FakeClock):
    app = make_app(fresh_db, clock)
    assert app.add_mother() == fresh_db.mother_id  # nothing known about her: she is the one to fill in
    app.go("/profile")
    app.back()
    assert fresh_db.mothers.get(fresh_db.mother_id) is not None  # left blank, but never dropped


def test_a_mother_added_and_left_blank_is_dropped_on_back(fresh_db: Store, clock: FakeClock):
    app = make_app(fresh_db, clock)
    fresh_db.diary.save(DailyReport(day=TODAY, flow=Flow.WELL), at=clock.wall())  # mother 1 is not blank
    app.go("/mothers")
    new = app.add_mother()
    assert new != fresh_db.mother_id
    app.go("/profile")
    assert app.scope.mother_id == new
    app.back()
    assert app.route == "/mothers" and app.scope.mother_id == fresh_db.mother_id
    assert fresh_db.mothers.get(new) is None


def test_a_mother_added_and_saved_stays_chosen(fresh_db: Store, clock: FakeClock):
    app = make_app(fresh_db, clock)
    named(fresh_db, clock, "Ani")
    fresh_db.profile.save(Profile(mother_name="Siti", baby_birth_date=TODAY), at=clock.wall())
    app.go("/mothers")
    new = app.add_mother()
    app.go("/profile")
    saved, errors = app.scope.diary.save_profile({"mother_name": "Rina", "baby_birth_date": "2026-11-20"})
    assert saved is not None and errors == {}
    app.back()
    assert app.scope.mother_id == new and given(fresh_db.mothers.get(new)).nickname == "Rina"


def test_reminder_times_are_each_mothers(fresh_db: Store, clock: FakeClock):
    app = make_app(fresh_db, clock)
    app.scope.reminders.save({"morning": "06:15", "evening": "18:45"})
    assert fresh_db.reminders.get() == {"morning": "06:15", "evening": "18:45"}
    assert [row for row in fresh_db.db["settings"].rows if "reminder" in row["key"]] == []  # no id in a key
    app.choose_mother(named(fresh_db, clock, "Ani"))
    assert app.scope.reminders.texts() == {"morning": "07:00", "evening": "19:00"}
    app.scope.reminders.save({"morning": "05:30", "evening": "20:00"})
    app.choose_mother(fresh_db.mother_id)
    assert app.scope.reminders.texts() == {"morning": "06:15", "evening": "18:45"}


# --- the role -------------------------------------------------------------------------------------


def test_the_role_is_kept_on_the_device(fresh_db: Store, clock: FakeClock):
    app = make_app(fresh_db, clock)
    assert app.role is None
    app.set_role("midwife")
    assert app.role is Role.MIDWIFE and make_app(fresh_db, clock).role is Role.MIDWIFE
    with pytest.raises(ValueError):
        app.set_role("admin")
    fresh_db.set_setting("role", "from a newer version")
    assert make_app(fresh_db, clock).role is None


# --- a row of the mothers list -------------------------------------------------------------------


def mother(born: date | None) -> Mother:
    return Mother(
        id=uuid.uuid4(), nickname="Ani", baby_birth_date=born, midwife_phone=None, facility_phone=None, archived_at=None
    )


@pytest.mark.parametrize(
    "born, report, pp_day, visit, flags",
    [
        (None, None, None, None, []),  # nothing known yet
        (TODAY - timedelta(days=5), None, 5, Visit.KF2, []),  # days 3-7: KF2
        (
            TODAY - timedelta(days=5),
            DailyReport(day=TODAY - timedelta(days=1), flow=Flow.WELL, fever=True, temperature_c=38.6),
            5,
            Visit.KF2,
            [RedFlag.FEVER],
        ),
        (TODAY - timedelta(days=60), None, 60, None, []),  # after day 42: no KF visit left
    ],
)
def test_a_row_has_her_day_visit_and_open_flags(born, report, pp_day, visit, flags):
    row = summarize(MotherActivity(mother(born), report, None, None), TODAY)
    assert row.postpartum_day == pp_day
    assert (row.visit.visit if row.visit else None) == visit
    assert RedFlag.FEVER in row.flags if flags else row.flags == []
    assert row.last_report_day == (report.day if report else None)


def test_the_service_lists_every_mother_with_her_last_massage(fresh_db: Store, clock: FakeClock):
    app = make_app(fresh_db, clock)
    app.scope.massage.begin()
    clock.advance(60)
    app.scope.massage.stop_for_pain()
    ani = named(fresh_db, clock, "Ani")
    rows = {row.id: row for row in app.visitor.mothers.summaries(TODAY)}
    assert rows[fresh_db.mother_id].last_massage_status is SessionStatus.STOPPED_PAIN
    assert rows[ani].last_massage_at is None and rows[ani].postpartum_day == 4


def test_mothers_with_an_open_warning_come_first_most_urgent_first(fresh_db: Store, clock: FakeClock):
    ani, budi, citra = (named(fresh_db, clock, name) for name in ("Ani", "Budi", "Citra"))
    fever = DailyReport(day=TODAY, flow=Flow.WELL, fever=True, temperature_c=38.6)
    fresh_db.mother(citra).diary.save(fever, at=clock.wall())
    fresh_db.mother(budi).diary.save(
        DailyReport(day=TODAY, flow=Flow.WELL, mother_signs={MotherSign.HEAVY_BLEEDING: True}), at=clock.wall()
    )
    fresh_db.mothers.archive(fresh_db.mother_id, at=clock.wall())
    order = [row.id for row in MothersService(fresh_db, clock).summaries(TODAY)]
    assert order == [budi, citra, ani, fresh_db.mother_id]  # go now, then today, then by name; archived last


def test_a_row_shows_the_families_quiz_and_skills_results():
    from app.ui.screens.mothers import teaching_line

    row = summarize(
        MotherActivity(mother(None), None, None, None, quiz_before_pct=40, quiz_after_pct=90, skills_pct=86), TODAY
    )
    with i18n.using("en"):
        assert teaching_line(row) == "Quiz: 40% before, 90% after · Skills: 86%"
    with i18n.using("id"):
        assert teaching_line(row) == "Kuis: 40% sebelum, 90% sesudah · Keterampilan: 86%"
    only_after = summarize(MotherActivity(mother(None), None, None, None, quiz_after_pct=70), TODAY)
    with i18n.using("en"):
        assert teaching_line(only_after) == "Quiz: 70% after"
    assert teaching_line(summarize(MotherActivity(mother(None), None, None, None), TODAY)) == ""
