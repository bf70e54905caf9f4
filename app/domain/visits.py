"""Postnatal visits by a midwife (kunjungan nifas, KF1-KF4): which one is due.

DOMAIN §3 ([S25], Kemenkes): "KF1 6 hours to 2 days after birth; KF2 days 3-7; KF3 days 8-28;
KF4 days 29-42". Days are postpartum days (`postpartum`: days since birth, the birth date is
day 0), so the windows meet without a gap and cover days 0-42, the nifas period. KF1 starts 6
hours after birth; the app knows only the birth date, so it shows KF1 from day 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

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


class Timing(StrEnum):
    NOW = "now"  # today is in the visit's window
    NEXT = "next"  # the window has not started yet


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


def visit_due(birth_date: date, today: date) -> VisitDue | None:
    """The visit whose window holds `today` (NOW); KF1 as NEXT if `today` is before the birth
    date; None after day 42, when the nifas visits are over."""
    if today < birth_date:
        return _due(WINDOWS[0], birth_date, Timing.NEXT)
    day = postpartum_day(birth_date, today)
    for window in WINDOWS:
        if window.first_day <= day <= window.last_day:
            return _due(window, birth_date, Timing.NOW)
    return None


def next_visit(birth_date: date, today: date) -> VisitDue | None:
    """The first visit whose window starts after `today` (NEXT), or None after KF4 has begun."""
    day = (today - birth_date).days
    for window in WINDOWS:
        if window.first_day > day:
            return _due(window, birth_date, Timing.NEXT)
    return None
