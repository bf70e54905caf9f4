"""Which day a report form may be opened for: today, or a day before it since the birth.

A day asked for by a link or a route (`/report?day=2026-11-20`) is checked, never replaced: a
day that cannot be read, a day still to come, or a day before the baby's birth gets its reason
(the form says so and offers a way back), never another day's form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DayProblem(StrEnum):
    UNREADABLE = "unreadable"  # not a date ("garbage", "2026-02-30")
    FUTURE = "future"  # later than today
    BEFORE_BIRTH = "before_birth"  # earlier than the baby's birth date


@dataclass(frozen=True)
class RequestedDay:
    """The day to open (None when it cannot be), or why not."""

    day: date | None
    problem: DayProblem | None = None
    asked: date | None = None  # the day asked for, when it could be read


def requested_day(text: str | None, *, today: date, birth_date: date | None) -> RequestedDay:
    """No day asked: today. Else the day asked, if a report can be kept for it."""
    if text is None or not text.strip():
        return RequestedDay(today)
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return RequestedDay(None, DayProblem.UNREADABLE)
    if day > today:
        return RequestedDay(None, DayProblem.FUTURE, day)
    if birth_date is not None and day < birth_date:
        return RequestedDay(None, DayProblem.BEFORE_BIRTH, day)
    return RequestedDay(day, None, day)
