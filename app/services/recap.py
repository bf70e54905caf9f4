"""The midwife's monthly recap across every mother on the device (`domain.recap` counts it).

Five queries, whatever the number of mothers: the visits done, the quiz attempts, the skills
checks and the daily reports of the month (`RecapRepository`), and the mothers (for the names of
the ones with a warning sign, whom she follows up). No Flet, no words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from uuid import UUID

from app.domain.clock import Clock
from app.domain.mothers import Mother
from app.domain.recap import Month, MonthRecap, default_month, recap
from app.store.db import Store


@dataclass(frozen=True)
class Recap:
    """The month's counts, when they were made, and the mothers the flagged rows name."""

    counts: MonthRecap
    made_at: datetime  # aware, local
    today: date
    mothers: dict[UUID, Mother]  # the flagged mothers (archived ones too)

    @property
    def so_far(self) -> bool:
        """The month is not over yet: its counts are of the days until today."""
        return self.counts.month.holds(self.today)


def _start(day: date, tz: tzinfo | None) -> datetime:
    """Local midnight at the start of `day` (`tz` None: the device's zone), aware."""
    midnight = datetime.combine(day, time.min)
    return midnight.replace(tzinfo=tz) if tz is not None else midnight.astimezone()


class RecapService:
    """The device's month: `store` is the device's store (any mother's view: the recap reads
    every mother's rows)."""

    def __init__(self, store: Store, clock: Clock, *, tz: tzinfo | None = None) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz  # None: the device's own zone

    def today(self) -> date:
        return self.clock.wall().astimezone(self.tz).date()

    def default_month(self) -> Month:
        return default_month(self.today())

    def latest_month(self) -> Month:
        """The last month she can pick: this one, so far."""
        return Month.of(self.today())

    def recap(self, month: Month) -> Recap:
        first, last = month.first, month.last
        since, before = _start(first, self.tz), _start(month.next().first, self.tz)
        repo = self.store.recap
        counts = recap(
            month,
            visits=repo.visits_done(first, last),
            quizzes=repo.quizzes(since, before),
            skills=repo.skills(since, before),
            reports=repo.reports(first, last),
            tz=self.tz,
        )
        flagged = {f.mother_id for f in counts.flagged}
        mothers = {m.id: m for m in self.store.mothers.list() if m.id in flagged} if flagged else {}
        return Recap(counts=counts, made_at=self.clock.wall().astimezone(self.tz), today=self.today(), mothers=mothers)
