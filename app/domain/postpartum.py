"""Counting the days after birth: the one place the app computes the postpartum day.

Convention: the postpartum day is the number of days since birth (DOMAIN section 4: "Postpartum
day = days since birth (the baby's birth date)"), counted as a midwife counts: the day of birth
is day 0, the next calendar day is day 1. DOMAIN's day rules read in this count: "milk not
started by day 4", "black stools after day 5", KF2 on "days 3-7". Only calendar dates are known
(no hour of birth), so day 0 is the whole birth date.
"""

from __future__ import annotations

from datetime import date

# DOMAIN §4 sign 4: "6 or more diapers a day, pale urine (from day 5-6; fewer in the first
# days)" and §3: "fewer than 6 wet diapers a day after day 5-6". The app takes the earliest
# reading of "after day 5-6": from day 6 the full target applies, days 0-5 are "the first days".
FULL_WET_DIAPERS = 6
LAST_FIRST_DAY = 5


def postpartum_day(birth_date: date, on: date) -> int:
    """The postpartum day of `on` for a baby born on `birth_date`: days since birth, the birth
    date being day 0.

    Raises ValueError for a day before the birth: there is no postpartum day to show, and a
    silent negative number would slip into a day rule.
    """
    if on < birth_date:
        raise ValueError("the day is before the birth date")
    return (on - birth_date).days


def postpartum_day_or_none(birth_date: date | None, on: date) -> int | None:
    """postpartum_day, or None when the birth date is unknown or after `on` (a report kept from
    before the profile's birth date was corrected)."""
    if birth_date is None or on < birth_date:
        return None
    return postpartum_day(birth_date, on)


def _check(day: int) -> None:
    if day < 0:
        raise ValueError(f"postpartum days start at 0, got {day}")


def expected_wet_diapers(day: int) -> int | None:
    """Fewest wet diapers a day DOMAIN expects: 6 from day 6; None in the first days (days
    0-5), where DOMAIN says only "fewer in the first days" and gives no number."""
    _check(day)
    return None if first_days(day) else FULL_WET_DIAPERS


def first_days(day: int) -> bool:
    """True on days 0-5, "the first days" of DOMAIN §4 (colostrum time: the app asks when
    colostrum was first seen)."""
    _check(day)
    return day <= LAST_FIRST_DAY
