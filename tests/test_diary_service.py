"""The diary service on a real SQLite file with a FakeClock: Today's summary, the report form's
fields and drafts, save with draft clearing, refused saves that write nothing, delete with undo,
the history's data and the reminder times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.redflags import Notice, RedFlag
from app.domain.report import DailyReport, MotherSign, validate_report
from app.domain.report_days import DayProblem, RequestedDay
from app.domain.visits import Timing, Visit
from app.services.diary import DiaryService, HalfDay, half_day
from app.services.reminders import INVALID_TIME, ReminderService
from app.services.report_form import draft_key, empty_fields, fields_from_report, parse_time, raw_report
from app.store.db import Store

# 2026-11-22 06:00 UTC; the service is given UTC as the mother's zone so days do not depend on the machine.
DAY = date(2026, 11, 22)


@pytest.fixture
def diary(fresh_db: Store, clock: FakeClock) -> DiaryService:
    return DiaryService(fresh_db, clock, tz=UTC)


def _born(diary: DiaryService, days_old: int) -> None:
    diary.store.profile.save(Profile(baby_birth_date=DAY - timedelta(days=days_old)), at=diary.clock.wall())


def _report(day: date = DAY, **fields: object) -> DailyReport:
    report, errors = validate_report({"day": day, "flow": "well", **fields}, today=DAY)
    assert report is not None, errors
    return report


def _session(diary: DiaryService, hour: int, status: SessionStatus, *, day: date = DAY, demo: bool = False) -> None:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    sid = diary.store.sessions.create(
        NewSession(started_at=start, demo=demo, round_s=180, rest_s=30, rounds_planned=3, snapshot={})
    )
    if status is not SessionStatus.IN_PROGRESS:
        diary.store.sessions.finish(
            sid, status, SessionProgress(at=start + timedelta(minutes=12), snapshot={}, rounds_done=3, massaged_s=540)
        )


# -- Today -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "days_old, expected",
    [
        (0, 0),  # born today: day 0, as a midwife counts (DOMAIN 4: days since birth)
        (4, 4),  # four days after the birth
        (None, None),  # no birth date yet: no day to show
    ],
)
def test_today_counts_the_postpartum_day(diary, days_old, expected):
    if days_old is not None:
        _born(diary, days_old)
    assert diary.today_summary().postpartum_day == expected


def test_today_shows_a_fever_as_an_open_flag_since_its_first_day(diary):
    _born(diary, 4)
    diary.store.diary.save(_report(DAY - timedelta(days=1), fever=True), at=diary.clock.wall())
    diary.store.diary.save(_report(DAY, temperature_c="38.4"), at=diary.clock.wall())
    assert diary.today_summary().flags == [(RedFlag.FEVER, DAY - timedelta(days=1), DAY)]


@pytest.mark.parametrize(
    "later, shown",
    [
        (None, [(RedFlag.HEAVY_BLEEDING, DAY - timedelta(days=2), DAY - timedelta(days=2))]),  # no later report
        ({}, [(RedFlag.HEAVY_BLEEDING, DAY - timedelta(days=2), DAY - timedelta(days=2))]),  # today's did not ask
        ({"mother_signs": {"heavy_bleeding": False}}, []),  # today's answered no: closed
    ],
)
def test_today_shows_a_flag_from_the_last_days_until_a_later_report_answers_no(diary, later, shown):
    _born(diary, 6)
    diary.store.diary.save(
        _report(DAY - timedelta(days=2), mother_signs={"heavy_bleeding": True}), at=diary.clock.wall()
    )
    if later is not None:
        diary.store.diary.save(_report(DAY, **later), at=diary.clock.wall())
    assert diary.today_summary().flags == shown


def test_a_flag_older_than_the_last_three_days_is_not_on_today(diary):
    _born(diary, 8)
    diary.store.diary.save(
        _report(DAY - timedelta(days=3), mother_signs={"heavy_bleeding": True}), at=diary.clock.wall()
    )
    assert diary.today_summary().flags == []


def test_today_puts_a_go_now_sign_before_the_others(diary):
    _born(diary, 4)
    diary.store.diary.save(_report(fever=True, mother_signs={"heavy_bleeding": True}), at=diary.clock.wall())
    assert [f.flag for f in diary.today_summary().flags] == [RedFlag.HEAVY_BLEEDING, RedFlag.FEVER]


@pytest.mark.parametrize(
    "days_old, notices, flags",
    [
        (3, [Notice.BABY_BLUES], []),  # day 3: sadness is common, a notice and no flag
        (20, [], [RedFlag.SADNESS_LASTING]),  # day 20: it has lasted past two weeks, a flag
    ],
)
def test_today_tells_sadness_in_the_first_two_weeks_from_a_flag(diary, days_old, notices, flags):
    _born(diary, days_old)
    diary.store.diary.save(_report(mother_signs={"sad": True}), at=diary.clock.wall())
    summary = diary.today_summary()
    assert (summary.notices, [f.flag for f in summary.flags]) == (notices, flags)


def test_todays_notices_come_from_the_newest_report(diary):
    _born(diary, 3)
    diary.store.diary.save(_report(DAY - timedelta(days=1), mother_signs={"sad": True}), at=diary.clock.wall())
    diary.store.diary.save(_report(DAY, mother_signs={"sad": False}), at=diary.clock.wall())
    assert diary.today_summary().notices == []


@pytest.mark.parametrize(
    "days_old, visit",
    [
        (0, (Visit.KF1, Timing.NOW)),  # born today
        (5, (Visit.KF2, Timing.NOW)),  # days 3-7
        (43, None),  # the nifas visits are over
        (None, None),  # no birth date: nothing to count from
    ],
)
def test_today_names_the_postnatal_visit_due(diary, days_old, visit):
    if days_old is not None:
        _born(diary, days_old)
    due = diary.today_summary().visit
    assert (None if due is None else (due.visit, due.timing)) == visit


def test_today_has_the_days_report(diary):
    diary.store.diary.save(_report(DAY - timedelta(days=1)), at=diary.clock.wall())
    assert diary.today_summary().report is None
    diary.store.diary.save(_report(DAY, feeds_24h="9"), at=diary.clock.wall())
    assert diary.today_summary().report == _report(DAY, feeds_24h="9")


@pytest.mark.parametrize(
    "sessions, morning, evening",
    [
        ([], HalfDay.NOT_YET, HalfDay.NOT_YET),  # nothing yet
        ([(7, SessionStatus.COMPLETED)], HalfDay.DONE, HalfDay.NOT_YET),  # a morning massage done
        ([(19, SessionStatus.COMPLETED)], HalfDay.NOT_YET, HalfDay.DONE),  # after noon counts as the evening
        ([(7, SessionStatus.STOPPED_PAIN)], HalfDay.STOPPED_PAIN, HalfDay.NOT_YET),  # a pain stop never ticks done
        ([(7, SessionStatus.ENDED_EARLY)], HalfDay.ENDED_EARLY, HalfDay.NOT_YET),  # ended early, says so
        ([(7, SessionStatus.STOPPED_PAIN), (8, SessionStatus.COMPLETED)], HalfDay.DONE, HalfDay.NOT_YET),  # retried
        ([(7, SessionStatus.IN_PROGRESS)], HalfDay.NOT_YET, HalfDay.NOT_YET),  # still running: not yet
    ],
)
def test_today_says_how_the_mornings_and_evenings_massage_went(diary, sessions, morning, evening):
    for hour, status in sessions:
        _session(diary, hour, status)
    summary = diary.today_summary()
    assert (summary.morning, summary.evening) == (morning, evening)


def test_a_demonstration_never_counts_as_todays_massage(diary):
    _session(diary, 7, SessionStatus.COMPLETED, demo=True)
    assert diary.today_summary().morning is HalfDay.NOT_YET


def test_yesterdays_massage_is_not_todays(diary):
    _session(diary, 19, SessionStatus.COMPLETED, day=DAY - timedelta(days=1))
    assert diary.today_summary().evening is HalfDay.NOT_YET


def test_the_summary_writes_nothing(diary, db_path):
    _born(diary, 4)
    diary.store.drafts.put(draft_key(DAY), {"flow": "well"}, at=diary.clock.wall())
    before = db_path.read_bytes(), db_path.with_name(db_path.name + "-wal").read_bytes()
    diary.today_summary()
    diary.form(DAY)
    diary.history("all")
    assert (db_path.read_bytes(), db_path.with_name(db_path.name + "-wal").read_bytes()) == before


def test_half_day_of_no_sessions_is_not_yet():
    assert half_day([]) is HalfDay.NOT_YET


# -- the report form -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "requested, day, problem",
    [
        (None, DAY, None),  # no day asked: today
        ("", DAY, None),
        ("2026-11-20", date(2026, 11, 20), None),  # a past day
        ("2026-11-25", None, DayProblem.FUTURE),  # a future day is refused, never replaced by today
        ("2026-02-30", None, DayProblem.UNREADABLE),  # an impossible date
        ("yesterday", None, DayProblem.UNREADABLE),  # not a date at all
    ],
)
def test_the_report_day(diary, requested, day, problem):
    opened = diary.report_day(requested)
    assert (opened.day, opened.problem) == (day, problem)


def test_a_day_before_the_birth_has_no_report_form(diary):
    _born(diary, 4)
    before = DAY - timedelta(days=5)
    assert diary.report_day(before.isoformat()) == RequestedDay(None, DayProblem.BEFORE_BIRTH, before)
    born = DAY - timedelta(days=4)
    assert diary.report_day(born.isoformat()).day == born  # the day of birth is day 0


def test_the_form_overlays_the_draft_on_the_saved_report(diary):
    diary.store.diary.save(_report(feeds_24h="9", note="pagi"), at=diary.clock.wall())
    diary.keep_draft(DAY, {"feeds_24h": " 12", "wet_diapers": "lima"})
    fields = diary.form(DAY)
    shown = (fields["flow"], fields["feeds_24h"], fields["wet_diapers"], fields["note"])
    assert shown == ("well", " 12", "lima", "pagi")


def test_a_draft_key_the_form_does_not_have_is_ignored(diary):
    diary.keep_draft(DAY, {"flow": "well", "removed_field": "x"})
    assert "removed_field" not in diary.form(DAY)


def test_saving_stores_the_report_and_clears_the_draft(diary):
    fields = {**diary.form(DAY), "flow": "not_well", "feeds_24h": "10", "sign:feeds_8_to_12": "yes"}
    diary.keep_draft(DAY, fields)
    result = diary.save_report(DAY, fields)
    assert result.ok and result.errors == {}
    assert diary.store.diary.get(DAY) == _report(flow="not_well", feeds_24h="10", signs={"feeds_8_to_12": True})
    assert diary.store.drafts.get(draft_key(DAY)) is None


LONG_NOTE = "x" * 10_000


@pytest.mark.parametrize(
    "field, typed, code",
    [
        ("feeds_24h", "-1", "too_small"),  # negative
        ("feeds_24h", "999999", "too_large"),  # huge
        ("wet_diapers", "lima", "not_a_number"),  # a word
        ("feeds_24h", "12.5", "not_integer"),  # a fraction where a count is needed
        ("temperature_c", "50", "too_large"),  # impossible temperature
        ("note", LONG_NOTE, "too_long"),  # 10,000 characters
        ("colostrum_time", "25:99", "invalid_date"),  # not a time
        ("flow", "", "required"),  # flow not chosen
    ],
)
def test_a_refused_save_names_the_field_and_changes_nothing(diary, db_path, field, typed, code):
    diary.store.diary.save(_report(), at=diary.clock.wall())
    fields = {**diary.form(DAY), "flow": "not_well", field: typed}
    diary.keep_draft(DAY, fields)
    before = db_path.read_bytes(), db_path.with_name(db_path.name + "-wal").read_bytes()
    result = diary.save_report(DAY, fields)
    assert not result.ok and result.errors == {field: code}
    assert (db_path.read_bytes(), db_path.with_name(db_path.name + "-wal").read_bytes()) == before
    assert diary.store.drafts.get(draft_key(DAY))[field] == typed  # what she typed is still there


def test_a_report_before_the_birth_is_refused(diary):
    _born(diary, 2)
    result = diary.save_report(DAY - timedelta(days=3), {**diary.form(DAY), "flow": "well"})
    assert result.errors == {"day": "before_birth"}


@pytest.mark.parametrize(
    "note",
    [
        "ASI mulai lancar 🍼😊",  # emoji
        "'); DROP TABLE reports;--",  # SQL-looking text is only text
        'She said "better" \\ today',  # quotes and a backslash
    ],
)
def test_unusual_but_valid_notes_are_stored_verbatim(diary, note):
    diary.save_report(DAY, {**diary.form(DAY), "flow": "well", "note": note})
    assert diary.store.diary.get(DAY).note == note


def test_the_form_fields_round_trip_a_saved_report():
    saved = _report(
        flow="not_well",
        signs={"feeds_8_to_12": True, "let_down_felt": False},
        feeds_24h="9",
        fever="true",
        temperature_c="38,5",
        mood="2",
        colostrum_first_seen="2026-11-22T05:30",
        note="SELECT 1; --",
    )
    again, errors = validate_report(raw_report(fields_from_report(saved), saved.day), today=DAY)
    assert errors == {} and again == saved


def test_the_new_questions_round_trip_through_the_form():
    saved = _report(
        baby_sleepy_yellow="true",
        dark_urine="false",
        nipple_pain="true",
        breast_very_painful=None,
        mother_signs={"heavy_bleeding": False, "sad": True},
        signs={"nipple_pain_worse": False},
    )
    fields = fields_from_report(saved)
    assert (fields["baby_sleepy_yellow"], fields["dark_urine"], fields["breast_very_painful"]) == ("yes", "no", "")
    assert (fields["mother:heavy_bleeding"], fields["mother:sad"], fields["mother:fits"]) == ("no", "yes", "")
    again, errors = validate_report(raw_report(fields, saved.day), today=DAY)
    assert errors == {} and again == saved


def test_an_unanswered_question_is_never_saved_as_no(diary):
    fields = {**empty_fields(), "flow": "well", "mother:fits": "no"}
    saved = diary.save_report(DAY, fields).report
    assert saved is not None
    assert (saved.mother_signs, saved.flu_like, saved.black_stools) == ({MotherSign.FITS: False}, None, None)


def test_a_mother_sign_typed_into_the_form_survives_in_the_draft(diary):
    diary.keep_draft(DAY, {**diary.form(DAY), "mother:calf_swollen": "yes"})
    assert diary.form(DAY)["mother:calf_swollen"] == "yes"


def test_an_old_report_keeps_its_first_nipple_question_through_an_edit(diary):
    diary.store.diary.save(_report(signs={"nipple_pain_not_worse": True}), at=diary.clock.wall())
    diary.save_report(DAY, {**diary.form(DAY), "flow": "not_well"})
    assert diary.store.diary.get(DAY).signs == {"nipple_pain_not_worse": True}


@pytest.mark.parametrize(
    "days_old, asked",
    [
        (None, True),  # no birth date: asked (it may be the first days)
        (0, True),  # day 0
        (5, True),  # day 5, the last of the first days
        (6, False),  # day 6
    ],
)
def test_the_colostrum_time_is_asked_in_the_first_days_only(diary, days_old, asked):
    if days_old is not None:
        _born(diary, days_old)
    assert diary.asks_colostrum(DAY) is asked


# -- the profile -----------------------------------------------------------------------------------


def test_a_valid_profile_is_saved(diary):
    profile, errors = diary.save_profile({"mother_name": " Siti ", "baby_birth_date": "2026-11-18"})
    assert errors == {} and diary.store.profile.get() == profile == Profile(
        mother_name="Siti", baby_birth_date=date(2026, 11, 18)
    )


@pytest.mark.parametrize(
    "born, code",
    [
        ("2026-11-30", "future_date"),  # not born yet
        ("31-11-2026", "invalid_date"),  # day first, but November has 30 days
        ("", "required"),  # empty
        ("2024-01-01", "too_old"),  # more than a year ago
    ],
)
def test_a_refused_profile_writes_nothing(diary, born, code):
    profile, errors = diary.save_profile({"mother_name": "Siti", "baby_birth_date": born})
    assert profile is None and errors == {"baby_birth_date": code}
    assert diary.store.profile.get() is None


# -- delete and undo -------------------------------------------------------------------------------


def test_undo_puts_the_deleted_report_back(diary):
    diary.store.diary.save(_report(note="malam"), at=diary.clock.wall())
    diary.delete_report(DAY)
    assert diary.store.diary.get(DAY) is None and diary.deleted == _report(note="malam")
    assert diary.undo_delete() is True
    assert diary.store.diary.get(DAY) == _report(note="malam")
    assert diary.deleted is None


def test_undo_keeps_a_report_saved_after_the_delete(diary):
    diary.store.diary.save(_report(note="old"), at=diary.clock.wall())
    diary.delete_report(DAY)
    diary.save_report(DAY, {**diary.form(DAY), "flow": "well", "note": "new"})
    assert diary.undo_delete() is False
    assert diary.store.diary.get(DAY).note == "new"


def test_undo_brings_back_only_the_last_delete(diary):
    for day in (DAY, DAY - timedelta(days=1)):
        diary.store.diary.save(_report(day), at=diary.clock.wall())
    diary.delete_report(DAY)
    diary.delete_report(DAY - timedelta(days=1))
    diary.undo_delete()
    assert diary.store.diary.days() == [DAY - timedelta(days=1)]


@pytest.mark.parametrize(
    "forget",
    [
        True,  # the few seconds passed
        False,  # nothing was deleted at all
    ],
)
def test_undo_after_forgetting_or_without_a_delete_does_nothing(diary, forget):
    diary.store.diary.save(_report(), at=diary.clock.wall())
    if forget:
        diary.delete_report(DAY)
        diary.forget_deleted()
    assert diary.undo_delete() is False
    assert diary.store.diary.count() == (0 if forget else 1)


def test_deleting_a_day_without_a_report_keeps_the_earlier_undo(diary):
    diary.store.diary.save(_report(), at=diary.clock.wall())
    diary.delete_report(DAY)
    assert diary.delete_report(DAY - timedelta(days=5)) is None
    assert diary.deleted == _report()


# -- history ---------------------------------------------------------------------------------------


def test_history_lists_every_day_newest_first_with_its_report_and_massages(diary):
    _born(diary, 10)
    diary.store.diary.save(_report(DAY - timedelta(days=2)), at=diary.clock.wall())
    _session(diary, 7, SessionStatus.COMPLETED)
    _session(diary, 8, SessionStatus.IN_PROGRESS)  # unfinished: not listed
    data = diary.history("7")
    assert [(e.day, e.report is not None, len(e.sessions), e.postpartum_day) for e in data.days] == [
        (DAY - timedelta(days=i), i == 2, int(i == 0), 10 - i) for i in range(7)
    ]  # the days not filled in too


@pytest.mark.parametrize(
    "born, chosen, first",
    [
        (3, "7", DAY - timedelta(days=3)),  # born 3 days ago: the week starts at the birth
        (20, "7", DAY - timedelta(days=6)),  # a week
        (20, "30", DAY - timedelta(days=20)),  # the month starts at the birth
        (50, "30", DAY - timedelta(days=29)),  # a month
        (50, "all", DAY - timedelta(days=50)),  # all: from the birth
        (None, "all", DAY - timedelta(days=40)),  # no birth date: from the oldest report
        (None, "7", DAY - timedelta(days=6)),  # no birth date: a week
        (20, "bogus", DAY - timedelta(days=6)),  # an unknown range falls back to a week
    ],
)
def test_history_ranges_start_at_the_birth(diary, born, chosen, first):
    if born is not None:
        _born(diary, born)
    diary.store.diary.save(_report(DAY - timedelta(days=40)), at=diary.clock.wall())
    data = diary.history(chosen)
    assert (data.start, data.points[0].day, data.points[-1].day) == (first, first, DAY)
    assert len(data.points) == (DAY - first).days + 1


def test_history_lists_a_week_of_days_at_a_time(diary):
    _born(diary, 70)
    first = diary.history("all")
    assert (len(first.days), first.more, len(first.points)) == (7, True, 71)
    assert [e.day for e in first.days] == [DAY - timedelta(days=i) for i in range(7)]  # her latest week
    assert (len(diary.history("all", 60).days), diary.history("all", 90).more) == (60, False)
    assert len(diary.history("all", 90).days) == 71
    month = diary.history("30")
    assert (len(month.days), month.more, len(month.points)) == (7, True, 30)  # the chart: the month
    assert (len(diary.history("30", 28).days), diary.history("30", 28).more) == (28, True)
    assert (len(diary.history("30", 35).days), diary.history("30", 35).more) == (30, False)
    assert (len(diary.history("7").days), diary.history("7").more) == (7, False)


def test_history_reads_only_the_range_shown(diary):
    _born(diary, 300)
    for offset in range(0, 300, 2):
        diary.store.diary.save(_report(DAY - timedelta(days=offset)), at=diary.clock.wall())
    seen: list[tuple] = []
    real = diary.store.diary.list

    def spy(**kw):
        found = real(**kw)
        seen.append((kw, len(found)))
        return found

    diary.store.diary.list = spy
    diary.history("7")
    assert seen == [({"start": DAY - timedelta(days=6), "end": DAY}, 4)]


def test_history_shows_each_days_red_flags_on_its_own_day(diary):
    _born(diary, 10)
    diary.store.diary.save(_report(DAY - timedelta(days=5), fever=True), at=diary.clock.wall())
    diary.store.diary.save(_report(DAY - timedelta(days=4)), at=diary.clock.wall())
    flags = {e.day: e.flags for e in diary.history("7").days}
    assert flags[DAY - timedelta(days=5)] == [RedFlag.FEVER]
    assert flags[DAY - timedelta(days=4)] == [] and flags[DAY] == []


def test_history_counts_flow_on_massage_days_and_other_days(diary):
    for offset, flow in ((3, "not_well"), (2, "not_well"), (1, "well"), (0, "well")):
        diary.store.diary.save(_report(DAY - timedelta(days=offset), flow=flow), at=diary.clock.wall())
    _session(diary, 19, SessionStatus.COMPLETED, day=DAY - timedelta(days=1))
    _session(diary, 7, SessionStatus.STOPPED_PAIN, day=DAY - timedelta(days=2))  # stopped: not a massage day
    c = diary.history().comparison
    assert c is not None
    assert (c.massage.days, c.massage.well, c.other.days, c.other.well) == (1, 1, 3, 1)


def test_history_marks_massage_days_and_leaves_out_demonstrations(diary):
    _session(diary, 7, SessionStatus.COMPLETED, day=DAY - timedelta(days=1))
    _session(diary, 7, SessionStatus.COMPLETED, day=DAY - timedelta(days=2), demo=True)
    assert diary.history().massage_days == {DAY - timedelta(days=1)}


# -- reminders -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("06:30", time(6, 30)),  # the usual form
        ("6.30", time(6, 30)),  # a dot, as Indonesian phones often write it
        (" 19:05 ", time(19, 5)),  # spaces around
        ("25:00", None),  # no such hour
        ("07:60", None),  # no such minute
        ("pagi", None),  # a word
        ("", None),  # empty
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


def test_reminder_times_are_remembered(fresh_db, clock):
    reminders = ReminderService(fresh_db, clock)
    assert reminders.texts() == {"morning": "07:00", "evening": "19:00"}
    times, errors = reminders.save({"morning": "6.30", "evening": "20:15"})
    assert errors == {} and times == {"morning": time(6, 30), "evening": time(20, 15)}
    assert reminders.texts() == {"morning": "06:30", "evening": "20:15"}


def test_a_bad_reminder_time_saves_neither(fresh_db, clock):
    reminders = ReminderService(fresh_db, clock)
    times, errors = reminders.save({"morning": "06:30", "evening": "malam"})
    assert times is None and errors == {"evening": INVALID_TIME}
    assert reminders.texts() == {"morning": "07:00", "evening": "19:00"}
