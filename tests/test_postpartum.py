from datetime import date, datetime, time, timedelta, timezone

import pytest

from app.domain.daypart import PartOfDay, part_of_day
from app.domain.postpartum import (
    expected_wet_diapers,
    first_days,
    postpartum_day,
    postpartum_day_or_none,
)


@pytest.mark.parametrize(
    ("birth", "on", "day"),
    [
        (date(2026, 3, 1), date(2026, 3, 1), 0),  # the birth date is day 0, as a midwife counts
        (date(2026, 3, 1), date(2026, 3, 2), 1),  # the next calendar day
        (date(2026, 2, 27), date(2026, 3, 4), 5),  # across a month end
        (date(2024, 2, 28), date(2024, 3, 1), 2),  # across a leap day
        (date(2025, 12, 31), date(2026, 2, 11), 42),  # the last day of nifas, across a year
    ],
)
def test_postpartum_day_is_days_since_birth(birth, on, day):
    assert postpartum_day(birth, on) == day


def test_postpartum_day_before_birth_is_an_error():
    with pytest.raises(ValueError):
        postpartum_day(date(2026, 3, 2), date(2026, 3, 1))


@pytest.mark.parametrize(
    ("birth", "on", "day"),
    [
        (None, date(2026, 3, 1), None),  # no birth date
        (date(2026, 3, 2), date(2026, 3, 1), None),  # a report from before the birth date
        (date(2026, 3, 1), date(2026, 3, 1), 0),  # known
        (date(2026, 3, 1), date(2026, 3, 8), 7),  # known
    ],
)
def test_postpartum_day_or_none(birth, on, day):
    assert postpartum_day_or_none(birth, on) == day


@pytest.mark.parametrize(
    ("day", "wet", "first"),
    [
        (0, None, True),  # day of birth: "fewer in the first days", no number
        (5, None, True),  # last of the first days
        (6, 6, False),  # "after day 5-6": six or more
        (40, 6, False),  # stays at six
    ],
)
def test_expected_wet_diapers_and_first_days(day, wet, first):
    assert expected_wet_diapers(day) == wet
    assert first_days(day) is first


def test_day_numbers_start_at_zero():
    with pytest.raises(ValueError):
        expected_wet_diapers(-1)
    with pytest.raises(ValueError):
        first_days(-1)


WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    ("moment", "part"),
    [
        (time(0, 0), PartOfDay.MORNING),  # midnight starts the morning
        (time(11, 59, 59), PartOfDay.MORNING),  # last second before noon
        (time(12, 0), PartOfDay.EVENING),  # noon starts the evening
        (time(23, 59), PartOfDay.EVENING),  # late night
        (datetime(2026, 3, 1, 7, 30), PartOfDay.MORNING),  # a naive local datetime
        (datetime(2026, 3, 1, 18, 0, tzinfo=WIB), PartOfDay.EVENING),  # read as given
    ],
)
def test_part_of_day(moment, part):
    assert part_of_day(moment) is part
