"""Where "now" comes from.

The session never reads the time itself: callers pass `now` taken from a Clock, so the app uses
the system clock and tests drive a 15-minute session in milliseconds with a FakeClock.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary origin; only differences mean anything (elapsed time)."""
        ...

    def wall(self) -> datetime:
        """Timezone-aware UTC time, for records a person reads later."""
        ...


def local_now(clock: Clock, tz: tzinfo | None = None) -> datetime:
    """The clock's wall time in `tz`, or in the device's own zone (None): the family's day and hour."""
    return clock.wall().astimezone(tz)


def day_bounds(day: date, tz: tzinfo | None) -> tuple[datetime, datetime]:
    """Midnight to midnight of `day` in `tz`, as [start, end)."""
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    return start, start + timedelta(days=1)


class SystemClock:
    # Elapsed time uses the monotonic clock because the wall clock jumps (NTP, the user changing
    # the phone's time, daylight saving) and a jump must not lengthen or cut a round.
    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock(SystemClock):
    """The system clock with its wall time moved by `shift`; elapsed time is untouched. The app
    uses it only when $PIJAT_CLOCK_SHIFT says so (app.config.clock): the browser tests keep one
    day for a whole run that would otherwise cross midnight."""

    def __init__(self, shift: timedelta) -> None:
        self.shift = shift

    def wall(self) -> datetime:
        return super().wall() + self.shift


class FakeClock:
    """A clock that moves only when told to; both readings move together."""

    def __init__(
        self,
        start_wall: datetime = datetime(2026, 11, 22, 6, 0, tzinfo=UTC),
        start_mono: float = 1000.0,
    ) -> None:
        if start_wall.tzinfo is None:
            raise ValueError("start_wall must be timezone-aware")
        self._wall = start_wall.astimezone(UTC)
        self._mono = float(start_mono)

    def monotonic(self) -> float:
        return self._mono

    def wall(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        # A monotonic clock never goes back; letting a test do it would test an impossible world.
        if seconds < 0:
            raise ValueError("a clock cannot go back")
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)
