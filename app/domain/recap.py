"""The midwife's month: a recap of her work across all mothers, for her report to the puskesmas.

Codes and counts only (the UI words them). What counts, for the month she picks (local dates):
- visited: a mother with a KF visit marked done on a day of the month, or a teach-back quiz or a
  skills check taken in it (each mother once, however often she was seen);
- KF1-KF4: each visit marked done on a day of the month, on time, late or early against its
  window (`visits.done_timing`); without a birth date its timing is unknown;
- families taught: mothers whose family took a quiz or had a skills check in the month;
- the quiz before and after teaching: attempts taken in the month, their average score, and per
  question how many answered it right (`quiz.question_results`; an unanswered one is left out);
- skills signed off: mothers whose family passed every step of a skills check in the month;
- flagged: mothers with a GO NOW or TODAY red flag in a daily report of a day of the month
  (`redflags.evaluate`), each once, at the most urgent level she had, from the first day of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from uuid import UUID

from app.domain.postpartum import postpartum_day_or_none
from app.domain.quiz import QUESTIONS, Phase, Question, QuizAttempt, question_results
from app.domain.redflags import Urgency, evaluate, most_urgent
from app.domain.report import DailyReport
from app.domain.skills import SkillsCheck
from app.domain.visits import WINDOWS, DoneTiming, Visit, done_timing

# The levels the recap lists: the ones that send her to the midwife today or to a facility now.
FLAGGED_LEVELS = (Urgency.GO_NOW, Urgency.TODAY)


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError("month must be 1-12")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return self.next().first - timedelta(days=1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last

    @property
    def code(self) -> str:
        """ "2026-11", as a file name and a CSV carry it."""
        return f"{self.year:04d}-{self.month:02d}"


def default_month(today: date) -> Month:
    """The month the recap opens on: the last full month, the one a monthly report covers (the
    report goes to the puskesmas in the first days of the next month); the current month so far
    is one tap away."""
    return Month.of(today).previous()


@dataclass(frozen=True)
class DoneVisitRow:
    """A KF visit marked done, with her baby's birth date (None when not entered)."""

    mother_id: UUID
    visit: Visit
    done_on: date
    birth_date: date | None


@dataclass(frozen=True)
class ReportRow:
    """One daily report of hers, with her baby's birth date (None when not entered)."""

    mother_id: UUID
    report: DailyReport
    birth_date: date | None


@dataclass(frozen=True)
class VisitCounts:
    on_time: int = 0
    late: int = 0
    early: int = 0
    unknown: int = 0  # no birth date: the window is not known

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.early + self.unknown


@dataclass(frozen=True)
class QuestionCount:
    right: int
    answered: int

    @property
    def percent(self) -> int | None:
        """Whole percent right, rounded half up; None when nobody answered it."""
        return (self.right * 200 + self.answered) // (self.answered * 2) if self.answered else None


@dataclass(frozen=True)
class QuizRecap:
    """The attempts of one phase (before or after teaching) taken in the month."""

    phase: Phase
    attempts: int
    average_pct: float | None  # None without attempts
    questions: dict[Question, QuestionCount] = field(default_factory=dict)


@dataclass(frozen=True)
class FlaggedMother:
    mother_id: UUID
    urgency: Urgency  # the most urgent level she had in the month
    first_day: date  # the first day of the month a report of hers carried that level


@dataclass(frozen=True)
class MonthRecap:
    month: Month
    visited: int
    visits: dict[Visit, VisitCounts]
    families_taught: int
    quiz_before: QuizRecap
    quiz_after: QuizRecap
    skills_checks: int
    skills_signed_off: int  # mothers whose family passed every step in a check of the month
    flagged: list[FlaggedMother]  # most urgent first, then by the first day

    @property
    def flagged_go_now(self) -> int:
        return sum(1 for f in self.flagged if f.urgency is Urgency.GO_NOW)

    @property
    def flagged_today(self) -> int:
        return sum(1 for f in self.flagged if f.urgency is Urgency.TODAY)


def _visit_counts(rows: Iterable[DoneVisitRow]) -> dict[Visit, VisitCounts]:
    tally = {w.visit: {t: 0 for t in (*DoneTiming, None)} for w in WINDOWS}
    for row in rows:
        timing = None if row.birth_date is None else done_timing(row.visit, row.birth_date, row.done_on)
        tally[row.visit][timing] += 1
    return {
        visit: VisitCounts(
            on_time=t[DoneTiming.ON_TIME], late=t[DoneTiming.LATE], early=t[DoneTiming.EARLY], unknown=t[None]
        )
        for visit, t in tally.items()
    }


def _quiz_recap(phase: Phase, attempts: list[QuizAttempt]) -> QuizRecap:
    mine = [a for a in attempts if a.phase is phase]
    right = dict.fromkeys(QUESTIONS, 0)
    answered = dict.fromkeys(QUESTIONS, 0)
    for attempt in mine:
        for question, ok in question_results(attempt).items():
            if ok is not None:
                answered[question] += 1
                right[question] += int(ok)
    average = sum(a.score_pct for a in mine) / len(mine) if mine else None
    return QuizRecap(
        phase=phase,
        attempts=len(mine),
        average_pct=average,
        questions={q: QuestionCount(right[q], answered[q]) for q in QUESTIONS},
    )


def _flagged(reports: Iterable[ReportRow], month: Month) -> list[FlaggedMother]:
    found: dict[UUID, FlaggedMother] = {}
    for row in sorted(reports, key=lambda r: r.report.day):
        day = row.report.day
        if not month.holds(day):
            continue
        level = most_urgent(evaluate(row.report, postpartum_day=postpartum_day_or_none(row.birth_date, day)))
        if level not in FLAGGED_LEVELS:
            continue
        assert level is not None
        known = found.get(row.mother_id)
        if known is None or FLAGGED_LEVELS.index(level) < FLAGGED_LEVELS.index(known.urgency):
            found[row.mother_id] = FlaggedMother(row.mother_id, level, day)
    return sorted(found.values(), key=lambda f: (FLAGGED_LEVELS.index(f.urgency), f.first_day, str(f.mother_id)))


def recap(
    month: Month,
    *,
    visits: Iterable[DoneVisitRow],
    quizzes: Iterable[QuizAttempt],
    skills: Iterable[SkillsCheck],
    reports: Iterable[ReportRow],
    tz: tzinfo | None = None,
) -> MonthRecap:
    """The month's recap from the records given (any records outside the month are left out).
    Quiz and skills times are aware; their day is the local day in `tz` (None: the device's)."""
    done = [v for v in visits if month.holds(v.done_on)]
    attempts = [a for a in quizzes if month.holds(a.taken_at.astimezone(tz).date())]
    checks = [c for c in skills if month.holds(c.checked_at.astimezone(tz).date())]
    taught = {a.mother_id for a in attempts} | {c.mother_id for c in checks}
    signed_off = {c.mother_id for c in checks if not c.result.not_yet}
    return MonthRecap(
        month=month,
        visited=len(taught | {v.mother_id for v in done}),
        visits=_visit_counts(done),
        families_taught=len(taught),
        quiz_before=_quiz_recap(Phase.BEFORE, attempts),
        quiz_after=_quiz_recap(Phase.AFTER, attempts),
        skills_checks=len(checks),
        skills_signed_off=len(signed_off),
        flagged=_flagged(reports, month),
    )
