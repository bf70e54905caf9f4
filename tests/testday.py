"""One day for a whole run of the browser tests, which read "today" when they load and check it
many minutes later against what the app shows.

A run that crosses midnight would otherwise see the app move to the next day under it (a seeded
birth "5 days ago" shown as day 6, a form's day one later than the test expects). So when a run
starts late in the evening, the app's wall clock and the tests' `CLOCK` are both moved back to the
middle of that day ($PIJAT_CLOCK_SHIFT, read by app.config.clock); otherwise nothing is moved and
both are the real clock. $PIJAT_TEST_AT_NOON=1 moves them at any hour (to check this path).
"""

from __future__ import annotations

import os
from datetime import datetime, time, timedelta

from app.config import CLOCK_SHIFT_ENV
from app.domain.clock import ShiftedClock

LATE = time(21, 0)  # a run that starts after this could end after midnight (a slow run: 25 min)


def shift_for(now: datetime, *, always: bool = False) -> timedelta:
    """How far to move the wall clock so that a run starting at `now` (local, aware) stays
    within its day: none before LATE, else back to noon of that day."""
    if not always and now.timetz().replace(tzinfo=None) < LATE:
        return timedelta(0)
    return now.replace(hour=12, minute=0, second=0, microsecond=0) - now


SHIFT = shift_for(datetime.now().astimezone(), always=os.environ.get("PIJAT_TEST_AT_NOON") == "1")
CLOCK = ShiftedClock(SHIFT)
TODAY = CLOCK.wall().astimezone().date()


def local_now() -> datetime:
    """The run's wall clock in the machine's zone: what the app's 'now' is."""
    return CLOCK.wall().astimezone()


def server_env() -> dict[str, str]:
    """The environment for an app process that shares the run's day."""
    env = dict(os.environ)
    if SHIFT:
        env[CLOCK_SHIFT_ENV] = str(SHIFT.total_seconds())
    else:
        env.pop(CLOCK_SHIFT_ENV, None)
    return env
