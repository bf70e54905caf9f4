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


class TimeOfDay(StrEnum):
    """The word a reminder's title uses for its hour, as Indonesians name the parts of a day."""

    PAGI = "pagi"  # morning: 04:00-10:59
    SIANG = "siang"  # midday: 11:00-14:59
    SORE = "sore"  # afternoon: 15:00-17:59
    MALAM = "malam"  # evening and night: 18:00-03:59


# The app's own boundaries (DOMAIN names only "pagi dan sore"): where each word starts.
TIME_OF_DAY_STARTS: tuple[tuple[time, TimeOfDay], ...] = (
    (time(4, 0), TimeOfDay.PAGI),
    (time(11, 0), TimeOfDay.SIANG),
    (time(15, 0), TimeOfDay.SORE),
    (time(18, 0), TimeOfDay.MALAM),
)


def time_of_day(at: time) -> TimeOfDay:
    """PAGI from 04:00, SIANG from 11:00, SORE from 15:00, MALAM from 18:00 until 03:59."""
    found = TimeOfDay.MALAM  # before 04:00 it is still night
    for begins, word in TIME_OF_DAY_STARTS:
        if at >= begins:
            found = word
    return found
