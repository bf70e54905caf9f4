"""Whether a backup's records could have been entered in this app: the forms' own rules, applied
to each record as of the day the backup was made.

A backup whose checksum holds can still carry values no form accepts (a file edited and re-hashed,
or made by a broken version): a birth date of 0001-01-01 makes a chart of 740,000 days, one of
9999-12-31 overflows every date sum. Such a file is refused whole, naming its first bad record.

The window for a baby's birth date: the form takes a birth up to a year back, and a midwife's
device keeps mothers for years, so a birth date is plausible from 1 January `BIRTH_YEARS_BACK`
years before the backup was made to the day it was made. A daily report's day lies between the
birth and that day (the form's own rule); a massage, a quiz or a skills check in the same window
as a birth date (a family may be taught before the birth); a KF visit marked done between the
birth and that day (the visit form's rule). One day of slack after the backup's
day covers a device whose zone is ahead of UTC, in which the backup's time is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic import ValidationError

from app.domain.report import DailyReport
from app.domain.visits import DoneVisit

BIRTH_YEARS_BACK = 10
SLACK = timedelta(days=1)


class RecordKind(StrEnum):
    BIRTH_DATE = "birth_date"
    REPORT = "report"
    MASSAGE = "massage"
    QUIZ = "quiz"
    SKILLS = "skills"
    VISIT = "visit"  # a KF visit marked done


@dataclass(frozen=True)
class Implausible:
    """The first record a form would not have accepted: what it is and its day (no other value:
    the message names it, a log never does)."""

    kind: RecordKind
    day: date


@dataclass(frozen=True)
class MotherRecords:
    """One mother's dated records, as this version reads them."""

    birth_date: date | None
    reports: Iterable[DailyReport]
    dated: Iterable[tuple[RecordKind, datetime]]  # massages' starts, quizzes and skills checks
    visits: Iterable[DoneVisit] = ()  # KF visits marked done


def earliest_birth(made: date) -> date:
    return date(max(made.year - BIRTH_YEARS_BACK, 1), 1, 1)


def first_implausible(mothers: Iterable[MotherRecords], made: date) -> Implausible | None:
    """The first record of `mothers` no form of this app would have taken before `made` (the day
    the backup was made), or None when every one would."""
    latest = min(made, date.max - SLACK) + SLACK
    for mother in mothers:
        birth = mother.birth_date
        if birth is not None and not earliest_birth(made) <= birth <= latest:
            return Implausible(RecordKind.BIRTH_DATE, birth)
        for report in mother.reports:
            try:  # the form's own checks: no day after `latest`, none before the birth
                DailyReport.model_validate(report.model_dump(), context={"today": latest, "birth_date": birth})
            except ValidationError:
                return Implausible(RecordKind.REPORT, report.day)
            if report.day < earliest_birth(made):  # no birth date known: the same window as one
                return Implausible(RecordKind.REPORT, report.day)
        for kind, at in mother.dated:
            if not earliest_birth(made) <= at.date() <= latest:
                return Implausible(kind, at.date())
        for visit in mother.visits:
            try:  # the visit form's own checks: not after `latest`, not before the birth
                DoneVisit.model_validate(visit.model_dump(), context={"today": latest, "birth_date": birth})
            except ValidationError:
                return Implausible(RecordKind.VISIT, visit.done_on)
            if visit.done_on < earliest_birth(made):
                return Implausible(RecordKind.VISIT, visit.done_on)
    return None
