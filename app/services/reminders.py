"""One mother's reminder times (the morning's and the evening's massage), between the reminders
screen and the store: no Flet here. The calendar file itself is the domain's (ics.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import time

from app.domain.clock import Clock
from app.services.report_form import parse_time
from app.store.db import Store

REMINDER_DEFAULTS = {"morning": "07:00", "evening": "19:00"}
INVALID_TIME = "invalid_time"  # the error code of a reminder time that is not HH:MM


def _nothing() -> None:
    pass


class ReminderService:
    """Her two reminder times: `store` is her view (`Store.mother(uuid)`); `changed` is called
    after they are saved."""

    def __init__(self, store: Store, clock: Clock, *, changed: Callable[[], None] = _nothing) -> None:
        self.store = store
        self.clock = clock
        self._changed = changed

    def texts(self) -> dict[str, str]:
        """The morning and evening reminder times as last saved (or the defaults), as text."""
        saved = self.store.reminders.get()
        return {name: saved.get(name) or default for name, default in REMINDER_DEFAULTS.items()}

    def save(self, texts: Mapping[str, str]) -> tuple[dict[str, time] | None, dict[str, str]]:
        """Both times, remembered for next time; or the errors by field and nothing written."""
        parsed = {name: parse_time(texts.get(name, "")) for name in REMINDER_DEFAULTS}
        errors = {name: INVALID_TIME for name, value in parsed.items() if value is None}
        if errors:
            return None, errors
        times = {name: value for name, value in parsed.items() if value is not None}
        self.store.reminders.save(
            {name: value.strftime("%H:%M") for name, value in times.items()}, at=self.clock.wall()
        )
        self._changed()
        return times, {}
