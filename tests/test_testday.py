"""The browser tests keep one day for a whole run (tests/testday.py): a run that starts late in
the evening moves the app's clock and the tests' to noon of that day, and a real app process
started for the tests then shows that day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app import config
from app.domain.clock import ShiftedClock, SystemClock
from tests.testday import LATE, shift_for

WIB = timezone(timedelta(hours=7))


def test_a_daytime_run_keeps_the_real_clock():
    assert shift_for(datetime(2026, 12, 4, 9, 30, tzinfo=WIB)) == timedelta(0)
    assert shift_for(datetime(2026, 12, 4, LATE.hour - 1, 59, tzinfo=WIB)) == timedelta(0)


@pytest.mark.parametrize("hour, minute", [(LATE.hour, 0), (23, 50), (23, 59)])
def test_a_late_run_stays_in_its_day_for_hours(hour, minute):
    start = datetime(2026, 12, 4, hour, minute, 30, tzinfo=WIB)
    shift = shift_for(start)
    moved = start + shift
    assert moved.date() == start.date() and moved.hour == 12  # noon of the same day
    assert (moved + timedelta(hours=11)).date() == start.date()  # a run of hours keeps that day


def test_the_app_reads_the_shift_from_its_environment(monkeypatch):
    monkeypatch.delenv(config.CLOCK_SHIFT_ENV, raising=False)
    assert type(config.clock()) is SystemClock
    monkeypatch.setenv(config.CLOCK_SHIFT_ENV, str(-6 * 3600.0))
    clock = config.clock()
    assert isinstance(clock, ShiftedClock)
    behind = datetime.now(UTC) - clock.wall()
    assert timedelta(hours=6) - timedelta(seconds=5) < behind < timedelta(hours=6) + timedelta(seconds=5)
