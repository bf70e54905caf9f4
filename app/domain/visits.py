"""Postnatal visits by a midwife (kunjungan nifas, KF1-KF4): which one is due.

DOMAIN §3 ([S25], Kemenkes): "KF1 6 hours to 2 days after birth; KF2 days 3-7; KF3 days 8-28;
KF4 days 29-42". Days are postpartum days (`postpartum`: days since birth, the birth date is
day 0), so the windows meet without a gap and cover days 0-42, the nifas period. KF1 starts 6
hours after birth; the app knows only the birth date, so it shows KF1 from day 0.

A visit the midwife marked done (`DoneVisit`, kept per mother) is no longer due: its window is
closed for every screen (Today, the mothers list, the visit screen, the "this week" view). A
window that ended without the visit done is overdue (`week_visits`) until `OVERDUE_GRACE_DAYS`
after day 42; after that the nifas visits are history, not work.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from app.domain.parsing import FieldError, blank, fail, parse_date
from app.domain.postpartum import postpartum_day


class Visit(StrEnum):
    KF1 = "kf1"
    KF2 = "kf2"
    KF3 = "kf3"
    KF4 = "kf4"


@dataclass(frozen=True)
class VisitWindow:
    visit: Visit
    first_day: int  # postpartum day, inclusive
    last_day: int  # postpartum day, inclusive


# DOMAIN §3: "KF1 6 hours to 2 days after birth; KF2 days 3-7; KF3 days 8-28; KF4 days 29-42"
WINDOWS: tuple[VisitWindow, ...] = (
    VisitWindow(Visit.KF1, 0, 2),  # "6 hours to 2 days after birth"
    VisitWindow(Visit.KF2, 3, 7),  # "days 3-7"
    VisitWindow(Visit.KF3, 8, 28),  # "days 8-28"
    VisitWindow(Visit.KF4, 29, 42),  # "days 29-42"
)


LAST_DAY = WINDOWS[-1].last_day  # day 42, the end of the nifas period
# A window missed stays on the "this week" view this many days after day 42, then it is history.
OVERDUE_GRACE_DAYS = 7
WEEK_DAYS = 7  # "this week": today and the six days after it
NOTE_MAX_CHARS = 300  # a short note on the visit (what was done, what to check next time)


class Timing(StrEnum):
    NOW = "now"  # today is in the visit's window
    NEXT = "next"  # the window has not started yet
    OVERDUE = "overdue"  # the window has closed and the visit is not marked done


class DoneTiming(StrEnum):
    """When a done visit was done, against its window."""

    EARLY = "early"  # before the window opened
    ON_TIME = "on_time"
    LATE = "late"  # after the window closed


@dataclass(frozen=True)
class VisitDue:
    """A visit, its window as calendar dates (both inclusive), and whether it is due now."""

    visit: Visit
    starts: date
    ends: date
    timing: Timing


def _due(window: VisitWindow, birth_date: date, timing: Timing) -> VisitDue:
    return VisitDue(
        visit=window.visit,
        starts=birth_date + timedelta(days=window.first_day),
        ends=birth_date + timedelta(days=window.last_day),
        timing=timing,
    )


def window_of(visit: Visit) -> VisitWindow:
    return next(w for w in WINDOWS if w.visit is visit)


def visit_due(birth_date: date, today: date, done: Collection[Visit] = ()) -> VisitDue | None:
    """The visit whose window holds `today` (NOW) unless it is `done`; else the next one not
    done (NEXT); KF1 (or the first not done) as NEXT if `today` is before the birth date; None
    after day 42, when the nifas visits are over, or when every one left is done."""
    if today < birth_date:
        return next_visit(birth_date, birth_date - timedelta(days=1), done)
    day = postpartum_day(birth_date, today)
    for window in WINDOWS:
        if window.first_day <= day <= window.last_day:
            if window.visit in done:
                return next_visit(birth_date, today, done)
            return _due(window, birth_date, Timing.NOW)
    return None


def next_visit(birth_date: date, today: date, done: Collection[Visit] = ()) -> VisitDue | None:
    """The first visit not `done` whose window starts after `today` (NEXT), or None."""
    day = (today - birth_date).days
    for window in WINDOWS:
        if window.first_day > day and window.visit not in done:
            return _due(window, birth_date, Timing.NEXT)
    return None


def week_visits(birth_date: date, today: date, done: Collection[Visit] = ()) -> list[VisitDue]:
    """The visits the midwife owes this mother this week: each one not `done` whose window has
    closed (OVERDUE, only up to `OVERDUE_GRACE_DAYS` after day 42), holds `today` (NOW) or opens
    within the week (NEXT). In window order, which is also the order they close."""
    if (today - birth_date).days > LAST_DAY + OVERDUE_GRACE_DAYS:
        return []
    week_end = today + timedelta(days=WEEK_DAYS - 1)
    found = []
    for window in WINDOWS:
        if window.visit in done:
            continue
        due = _due(window, birth_date, Timing.NOW)
        if due.ends < today:
            found.append(_due(window, birth_date, Timing.OVERDUE))
        elif due.starts <= today:
            found.append(due)
        elif due.starts <= week_end:
            found.append(_due(window, birth_date, Timing.NEXT))
    return found


def done_timing(visit: Visit, birth_date: date, done_on: date) -> DoneTiming:
    """Whether a visit done on `done_on` was early, on time or late for its window."""
    window = window_of(visit)
    day = (done_on - birth_date).days
    if day < window.first_day:
        return DoneTiming.EARLY
    if day > window.last_day:
        return DoneTiming.LATE
    return DoneTiming.ON_TIME


def clean_note(value: Any) -> str | None:
    """A visit's note as kept: trimmed, None when empty; TOO_LONG past `NOTE_MAX_CHARS`."""
    if blank(value):
        return None
    if not isinstance(value, str):
        raise fail(FieldError.INVALID_CHOICE)
    note = value.strip()
    if len(note) > NOTE_MAX_CHARS:
        raise fail(FieldError.TOO_LONG)
    return note


class DoneVisit(BaseModel):
    """A KF visit the midwife marked done: which one, the day, and a short note (optional).

    With `context={"today": d, "birth_date": b}` (the form, a backup's check) the day may not be
    after `today` nor before the birth. Errors are `FieldError` codes per field (`field_errors`)."""

    # hide_input_in_errors: the note is health data; never in a log or an error's text.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    visit: Visit
    done_on: date
    note: str | None = None

    @field_validator("visit", mode="before")
    @classmethod
    def _visit(cls, value: Any) -> Visit:
        try:
            return Visit(value)
        except ValueError:
            raise fail(FieldError.INVALID_CHOICE) from None

    @field_validator("done_on", mode="before")
    @classmethod
    def _done_on(cls, value: Any, info: ValidationInfo) -> date:
        day = parse_date(value)
        if day is None:
            raise fail(FieldError.REQUIRED)
        context = info.context or {}
        today, born = context.get("today"), context.get("birth_date")
        if today is not None and day > today:
            raise fail(FieldError.FUTURE_DATE)
        if born is not None and day < born:
            raise fail(FieldError.BEFORE_BIRTH)
        return day

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: Any) -> str | None:
        return clean_note(value)
