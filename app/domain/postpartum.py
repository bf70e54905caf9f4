"""Counting the days after birth, and what each day should look like.

Day numbering: the baby's birth date is postpartum day 1, the next calendar day is day 2.
DOMAIN section 4 says "postpartum day = days since birth" but counts from one: colostrum is
"about 30 ml the first day, 60 ml on days 2-3", and the wet-diaper guide it rests on ([S19],
[S21]) reads "day 1 one wet diaper, day 2 two ... from day 6 six or more". Both only make sense
if the day of birth is the first day, so a baby born this morning is on day 1, not day 0.
"""

from __future__ import annotations

from datetime import date

# DOMAIN section 4, sign 4: "6 or more diapers a day ... (from day 5-6; fewer in the first days)".
FULL_WET_DIAPERS = 6
# DOMAIN section 4: "colostrum first seen (... in the first days)"; sign 4 puts the end of the
# first days at "day 5-6". We take the first days as days 1-5, so day 6 is the first day the
# mature targets (6+ wet diapers, 8+ feeds) apply.
LAST_FIRST_DAY = 5


def postpartum_day(birth_date: date, on: date) -> int:
    """The postpartum day of `on` for a baby born on `birth_date` (birth date = day 1).

    Raises ValueError for a day before the birth: there is no postpartum day to show, and a
    silent 0 or negative number would slip into the wet-diaper target.
    """
    if on < birth_date:
        raise ValueError(f"{on} is before the birth date {birth_date}")
    return (on - birth_date).days + 1


def expected_wet_diapers(day: int) -> int:
    """Fewest wet diapers expected on a postpartum day: day 1 -> 1, ..., day 6 and later -> 6."""
    if day < 1:
        raise ValueError(f"postpartum days start at 1, got {day}")
    return min(day, FULL_WET_DIAPERS)


def first_days(day: int) -> bool:
    """True on days 1-5: colostrum time, when the app asks when colostrum was first seen."""
    if day < 1:
        raise ValueError(f"postpartum days start at 1, got {day}")
    return day <= LAST_FIRST_DAY
