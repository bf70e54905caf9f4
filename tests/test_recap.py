"""The monthly recap: the counting rules on a table of records (no store), then the service on a
real SQLite file with a few mothers seeded through the store."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.quiz import ITEMS, Phase, Question, QuizAttempt
from app.domain.recap import DoneVisitRow, Month, ReportRow, default_month, recap
from app.domain.redflags import Urgency
from app.domain.report import DailyReport, Flow
from app.domain.skills import STEPS, Checked, SkillsCheck
from app.domain.visits import DoneVisit, Visit
from app.services.recap import RecapService
from app.store.db import open_store

NOV = Month(2026, 11)
A, B, C, D = (uuid.UUID(int=n) for n in (1, 2, 3, 4))
RIGHT = {item.question.value: item.answer for item in ITEMS}


def _at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _quiz(mother: uuid.UUID, phase: Phase, day: date, wrong: tuple[Question, ...] = ()) -> QuizAttempt:
    answers = {q: a for q, a in RIGHT.items() if Question(q) not in wrong}
    answers |= {q.value: next(o for o in ITEMS[list(Question).index(q)].options if o != RIGHT[q.value]) for q in wrong}
    pct = (len(RIGHT) - len(wrong)) * 10
    return QuizAttempt(uuid.uuid4(), mother, phase, _at(day), pct, answers)


def _skills(mother: uuid.UUID, day: date, *, all_done: bool) -> SkillsCheck:
    steps = {step: all_done or step is not STEPS[-1] for step in STEPS}
    return SkillsCheck(uuid.uuid4(), mother, _at(day), Checked.HUSBAND, None, steps, 100 if all_done else 89)


def _report(mother: uuid.UUID, day: date, born: date | None, **answers: object) -> ReportRow:
    return ReportRow(mother, DailyReport(day=day, flow=Flow.WELL, **answers), born)  # type: ignore[arg-type]


def test_the_month_steps_over_the_year_and_opens_on_the_last_full_month() -> None:
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)
    assert Month(2026, 2).last == date(2026, 2, 28)
    assert Month(2028, 2).last == date(2028, 2, 29)
    assert NOV.code == "2026-11"
    assert default_month(date(2026, 12, 1)) == NOV
    assert default_month(date(2027, 1, 31)) == Month(2026, 12)


def test_a_table_of_records_is_counted_by_its_rules() -> None:
    born_a = date(2026, 11, 1)  # KF1 days 0-2 (Nov 1-3), KF2 days 3-7 (Nov 4-8)
    born_b = date(2026, 10, 20)  # KF3 days 8-28 (Oct 28 - Nov 17)
    visits = [
        DoneVisitRow(A, Visit.KF1, date(2026, 11, 2), born_a),  # on time
        DoneVisitRow(A, Visit.KF2, date(2026, 11, 9), born_a),  # late: a day after the window
        DoneVisitRow(B, Visit.KF3, date(2026, 11, 30), born_b),  # late, on the month's last day
        DoneVisitRow(B, Visit.KF2, date(2026, 10, 31), born_b),  # October: not this month
        DoneVisitRow(B, Visit.KF4, date(2026, 12, 1), born_b),  # December: not this month
        DoneVisitRow(D, Visit.KF1, date(2026, 11, 5), None),  # no birth date: timing unknown
    ]
    quizzes = [
        _quiz(C, Phase.BEFORE, date(2026, 11, 10), wrong=(Question.HORMONE, Question.WHERE)),  # 80
        _quiz(C, Phase.AFTER, date(2026, 11, 10), wrong=(Question.HORMONE,)),  # 90
        _quiz(A, Phase.BEFORE, date(2026, 11, 3), wrong=(Question.HORMONE,)),  # 90
        _quiz(A, Phase.AFTER, date(2026, 12, 1)),  # December
    ]
    skills = [_skills(C, date(2026, 11, 10), all_done=True), _skills(A, date(2026, 11, 3), all_done=False)]
    reports = [
        # A: a GO NOW sign and, later, a fever (TODAY): counted once, as GO NOW, from its day.
        _report(A, date(2026, 11, 6), born_a, fever=True, temperature_c=38.6),
        _report(A, date(2026, 11, 7), born_a, baby_danger=True),
        _report(A, date(2026, 11, 8), born_a, fever=True, temperature_c=38.9),
        # B: a fever on Oct 31 (not this month), then TODAY on Nov 1.
        _report(B, date(2026, 10, 31), born_b, baby_danger=True),
        _report(B, date(2026, 11, 1), born_b, fever=True, temperature_c=38.5),
        # D: a calm report only.
        _report(D, date(2026, 11, 15), None),
    ]
    r = recap(NOV, visits=visits, quizzes=quizzes, skills=skills, reports=reports, tz=UTC)

    assert r.visits[Visit.KF1].on_time == 1 and r.visits[Visit.KF1].unknown == 1
    assert (r.visits[Visit.KF2].on_time, r.visits[Visit.KF2].late) == (0, 1)
    assert (r.visits[Visit.KF3].on_time, r.visits[Visit.KF3].late) == (0, 1)
    assert r.visits[Visit.KF4].total == 0
    assert r.visited == 4  # A (visits, quiz), B (a visit), C (quiz, skills), D (a visit)
    assert r.families_taught == 2  # A and C
    assert r.quiz_before.attempts == 2 and r.quiz_before.average_pct == 85
    assert r.quiz_after.attempts == 1 and r.quiz_after.average_pct == 90  # December's left out
    assert r.quiz_before.questions[Question.HORMONE].percent == 0
    assert r.quiz_before.questions[Question.WHERE].percent == 50
    assert r.quiz_before.questions[Question.HOW_OFTEN].percent == 100
    assert r.quiz_after.questions[Question.HORMONE].percent == 0
    assert r.skills_checks == 2 and r.skills_signed_off == 1
    assert [(f.mother_id, f.urgency, f.first_day) for f in r.flagged] == [
        (A, Urgency.GO_NOW, date(2026, 11, 7)),
        (B, Urgency.TODAY, date(2026, 11, 1)),
    ]
    assert (r.flagged_go_now, r.flagged_today) == (1, 1)


def test_a_quiz_late_in_the_evening_counts_in_the_local_month() -> None:
    evening = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)  # 1 December 01:30 in Jakarta (+7)
    attempt = QuizAttempt(uuid.uuid4(), A, Phase.BEFORE, evening, 70, {})
    from zoneinfo import ZoneInfo

    jakarta = ZoneInfo("Asia/Jakarta")
    assert recap(NOV, visits=[], quizzes=[attempt], skills=[], reports=[], tz=UTC).quiz_before.attempts == 1
    assert recap(NOV, visits=[], quizzes=[attempt], skills=[], reports=[], tz=jakarta).quiz_before.attempts == 0
    dec = recap(Month(2026, 12), visits=[], quizzes=[attempt], skills=[], reports=[], tz=jakarta)
    assert dec.quiz_before.attempts == 1 and dec.visited == 1


def test_nothing_in_the_month_is_all_zeros_and_no_average() -> None:
    r = recap(NOV, visits=[], quizzes=[], skills=[], reports=[], tz=UTC)
    assert r.visited == 0 and r.families_taught == 0 and r.flagged == []
    assert r.quiz_before.average_pct is None and r.quiz_before.questions[Question.WHERE].percent is None


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, dict[str, uuid.UUID]]:
    """Three mothers on a real file: Ani (visits, quiz, skills, a GO NOW sign), Budi's wife
    archived (a late KF3, a fever), Citra (nothing this month)."""
    path = tmp_path / "pijat.db"
    wall = datetime(2026, 12, 2, 8, tzinfo=UTC)
    with open_store(path) as device:
        ids = {"ani": device.mother_id, "bunga": device.mothers.add(at=wall), "citra": device.mothers.add(at=wall)}
        ani, bunga, citra = (device.mother(ids[k]) for k in ("ani", "bunga", "citra"))
        ani.profile.save(Profile(mother_name="Ani", baby_birth_date=date(2026, 11, 1)), at=wall)
        bunga.profile.save(Profile(mother_name="Bunga", baby_birth_date=date(2026, 10, 20)), at=wall)
        citra.profile.save(Profile(mother_name="Citra", baby_birth_date=date(2026, 6, 1)), at=wall)
        ani.visits.mark(DoneVisit(visit=Visit.KF1, done_on=date(2026, 11, 2)), at=wall)
        ani.visits.mark(DoneVisit(visit=Visit.KF2, done_on=date(2026, 11, 9)), at=wall)
        ani.visits.mark(DoneVisit(visit=Visit.KF3, done_on=date(2026, 11, 20)), at=wall)
        ani.visits.undo(Visit.KF3, at=wall)  # undone: not counted
        bunga.visits.mark(DoneVisit(visit=Visit.KF3, done_on=date(2026, 11, 30)), at=wall)
        ani.teaching.add_quiz(phase=Phase.BEFORE, taken_at=_at(date(2026, 11, 2)), score_pct=60, answers={})
        ani.teaching.add_quiz(phase=Phase.AFTER, taken_at=_at(date(2026, 11, 2), 10), score_pct=100, answers=RIGHT)
        citra.teaching.add_quiz(phase=Phase.BEFORE, taken_at=_at(date(2026, 10, 31), 23), score_pct=50, answers={})
        ani.teaching.add_skills(
            checked_at=_at(date(2026, 11, 2)),
            who=Checked.HUSBAND,
            who_name=None,
            steps=dict.fromkeys(STEPS, True),
            score_pct=100,
        )
        ani.diary.save(DailyReport(day=date(2026, 11, 3), flow=Flow.WELL, baby_danger=True), at=wall)
        ani.diary.save(DailyReport(day=date(2026, 11, 4), flow=Flow.WELL, fever=True, temperature_c=38.5), at=wall)
        bunga.diary.save(DailyReport(day=date(2026, 11, 1), flow=Flow.WELL, fever=True, temperature_c=38.5), at=wall)
        citra.diary.save(DailyReport(day=date(2026, 10, 30), flow=Flow.WELL, baby_danger=True), at=wall)
        citra.diary.save(DailyReport(day=date(2026, 11, 30), flow=Flow.WELL), at=wall)
        device.mothers.archive(ids["bunga"], at=wall)
    return path, ids


def test_the_service_counts_every_mother_of_the_file(seeded: tuple[Path, dict[str, uuid.UUID]]) -> None:
    path, ids = seeded
    with open_store(path) as store:
        service = RecapService(store, FakeClock(datetime(2026, 12, 2, 8, tzinfo=UTC)), tz=UTC)
        assert service.default_month() == NOV and service.latest_month() == Month(2026, 12)
        found = service.recap(NOV)
    r = found.counts
    assert not found.so_far
    assert r.visits[Visit.KF1].on_time == 1 and r.visits[Visit.KF2].late == 1 and r.visits[Visit.KF3].late == 1
    assert r.visits[Visit.KF3].on_time == 0  # Ani's KF3 was undone
    assert r.visited == 2 and r.families_taught == 1  # Citra's quiz was in October
    assert (r.quiz_before.average_pct, r.quiz_after.average_pct) == (60, 100)
    assert r.quiz_after.questions[Question.WHERE].percent == 100
    assert r.quiz_before.questions[Question.WHERE].percent is None  # asked nothing: no answers kept
    assert r.skills_signed_off == 1
    assert [(f.mother_id, f.urgency) for f in r.flagged] == [
        (ids["ani"], Urgency.GO_NOW),
        (ids["bunga"], Urgency.TODAY),
    ]
    assert {m.nickname for m in found.mothers.values()} == {"Ani", "Bunga"}  # archived Bunga is named too


def test_the_current_month_is_so_far(seeded: tuple[Path, dict[str, uuid.UUID]]) -> None:
    path, _ = seeded
    with open_store(path) as store:
        service = RecapService(store, FakeClock(datetime(2026, 12, 2, 8, tzinfo=UTC)), tz=UTC)
        found = service.recap(Month(2026, 12))
    assert found.so_far and found.counts.visited == 0 and found.counts.flagged == []


def test_three_hundred_mothers_take_few_queries_and_little_time(tmp_path: Path) -> None:
    from time import perf_counter

    from tests.seed_many import seed_many

    path = tmp_path / "many.db"
    today = date(2026, 12, 2)
    seed_many(path, 300, today=today)
    with open_store(path) as store:
        queries: list[str] = []
        store.db.conn.set_trace_callback(queries.append)
        service = RecapService(store, FakeClock(datetime(2026, 12, 2, 8, tzinfo=UTC)), tz=UTC)
        best = float("inf")
        for _ in range(3):
            queries.clear()
            start = perf_counter()
            found = service.recap(NOV)
            best = min(best, perf_counter() - start)
        store.db.conn.set_trace_callback(None)
    assert found.counts.visited > 0 and found.counts.flagged
    assert len([q for q in queries if q.lstrip().upper().startswith("SELECT")]) <= 5
    assert best < 0.5, best
