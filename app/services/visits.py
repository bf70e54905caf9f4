"""The KF visits: one mother's done visits (mark, change, undo, her history) and the midwife's
"this week" across all her mothers. No Flet, no words: codes and dates (the screens word them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from pydantic import ValidationError

from app.domain.clock import Clock
from app.domain.parsing import field_errors
from app.domain.visits import (
    LAST_DAY,
    OVERDUE_GRACE_DAYS,
    WINDOWS,
    DoneTiming,
    DoneVisit,
    Timing,
    Visit,
    VisitDue,
    done_timing,
    visit_due,
    week_visits,
)
from app.store.db import Store
from app.store.repositories.visits import VisitRecord

FIELDS = ("visit", "done_on", "note")


@dataclass(frozen=True)
class VisitLine:
    """One KF visit of hers: its window, and either when it was done (and whether on time) or,
    not done, where today stands against its window (OVERDUE, NOW or NEXT)."""

    visit: Visit
    starts: date
    ends: date
    done: DoneVisit | None
    done_timing: DoneTiming | None
    timing: Timing | None  # None when done


@dataclass(frozen=True)
class DueRow:
    """One row of "this week": a mother and one visit she is owed."""

    mother_id: UUID
    nickname: str | None
    number: int
    postpartum_day: int
    due: VisitDue


def _nothing() -> None:
    pass


def history(birth_date: date, today: date, done: Mapping[Visit, DoneVisit]) -> list[VisitLine]:
    """KF1-KF4 for one mother on `today` (pure: tested without a store)."""
    lines = []
    for window in WINDOWS:
        starts = birth_date + timedelta(days=window.first_day)
        ends = birth_date + timedelta(days=window.last_day)
        record = done.get(window.visit)
        if record is not None:
            lines.append(
                VisitLine(
                    window.visit, starts, ends, record, done_timing(window.visit, birth_date, record.done_on), None
                )
            )
            continue
        timing = Timing.OVERDUE if ends < today else Timing.NOW if starts <= today else Timing.NEXT
        lines.append(VisitLine(window.visit, starts, ends, None, None, timing))
    return lines


class VisitsService:
    """One mother's done visits: `store` is her view (`Store.mother(uuid)`). `changed` is called
    after each write (the visitor's screens redraw)."""

    def __init__(self, store: Store, clock: Clock, *, changed: Callable[[], None] = _nothing) -> None:
        self.store = store
        self.clock = clock
        self._changed = changed

    def today(self) -> date:
        return self.clock.wall().astimezone().date()

    def birth_date(self) -> date | None:
        profile = self.store.profile.get()
        return profile.baby_birth_date if profile else None

    def records(self) -> list[VisitRecord]:
        return self.store.visits.done()

    def done(self) -> dict[Visit, DoneVisit]:
        return {record.done.visit: record.done for record in self.records()}

    def due(self) -> VisitDue | None:
        """The visit due now (or next), with the done ones left out."""
        born = self.birth_date()
        return None if born is None else visit_due(born, self.today(), set(self.done()))

    def history(self) -> list[VisitLine]:
        born = self.birth_date()
        return [] if born is None else history(born, self.today(), self.done())

    def suggested(self) -> Visit:
        """The visit the "mark done" form starts with: the one whose window holds today if not
        done, else the earliest one overdue, else the next one; KF1 without a birth date."""
        lines = [line for line in self.history() if line.done is None]
        for timing in (Timing.NOW, Timing.OVERDUE, Timing.NEXT):
            found = next((line.visit for line in lines if line.timing is timing), None)
            if found is not None:
                return found
        return Visit.KF1

    def mark(self, fields: Mapping[str, str]) -> tuple[DoneVisit | None, dict[str, str]]:
        """Mark a visit done from the form's text: (the visit, {}) when saved, else (None,
        {field: FieldError code}) and nothing written. Raises StoreWriteError."""
        try:
            done = DoneVisit.model_validate(
                {name: fields.get(name) for name in FIELDS},
                context={"today": self.today(), "birth_date": self.birth_date()},
            )
        except ValidationError as exc:
            return None, field_errors(exc)
        self.store.visits.mark(done, at=self.clock.wall())
        self._changed()
        return done, {}

    def undo(self, visit: Visit) -> bool:
        """The visit is not done after all. Raises StoreWriteError."""
        undone = self.store.visits.undo(visit, at=self.clock.wall())
        if undone:
            self._changed()
        return undone


class DueService:
    """The device's "this week": the KF visits due this week or overdue, across every active
    mother still in her nifas period (or just past it: `OVERDUE_GRACE_DAYS`)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def today(self) -> date:
        return self.clock.wall().astimezone().date()

    def week(self, today: date | None = None) -> list[DueRow]:
        """Sorted by the day each window closes (the overdue ones first), then by name."""
        day = today if today is not None else self.today()
        since = day - timedelta(days=LAST_DAY + OVERDUE_GRACE_DAYS)
        rows = [
            DueRow(m.mother_id, m.nickname, m.number, max((day - m.birth_date).days, 0), due)
            for m in self.store.visit_plan.mothers_born_since(since)
            if m.birth_date <= day
            for due in week_visits(m.birth_date, day, m.done)
        ]
        return sorted(rows, key=lambda r: (r.due.ends, r.nickname is None, (r.nickname or "").lower(), r.number))
