"""Morning or evening, for the twice-a-day massage (DOMAIN §2: "How often: morning and evening
(pagi dan sore)"): the one place that splits a day.

The boundary is the app's own: DOMAIN names the two sessions but not the hour between them, so
noon (12:00) splits the day; a massage started before noon is the morning one.
"""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum

NOON = time(12, 0)


class PartOfDay(StrEnum):
    MORNING = "morning"  # pagi
    EVENING = "evening"  # sore


def part_of_day(moment: time | datetime) -> PartOfDay:
    """MORNING before 12:00, EVENING from 12:00. Pass the family's local wall time (convert an
    aware datetime with `.astimezone(local_tz)` first: the hour is read as given)."""
    clock = moment.time() if isinstance(moment, datetime) else moment
    return PartOfDay.MORNING if clock < NOON else PartOfDay.EVENING
