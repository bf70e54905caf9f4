"""The visit summary of one mother: what the midwife keeps or prints after a visit. No Flet, no words:
codes, numbers and dates (the screen, the PDF and the CSV word them).

Covers the last 7 days up to today: the milk flow and the signs score of each day, feeds and wet
diapers, the massages (how many, when, completed or stopped because it hurt, comfort), the red flags
still open (the baby's, the breasts' and the mother's own, DOMAIN §3), the teach-back quiz before and
after teaching, the last skills check, the postnatal (KF) visit due now and the next one, the
history of KF1-KF4 (which were done, on which day, on time or late), her last temperature and her
recent notes.

Demonstrations are never part of it: a midwife's demonstration is not a massage of this mother.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from uuid import UUID

from app.domain.clock import Clock, local_now
from app.domain.postpartum import postpartum_day
from app.domain.profile import Profile
from app.domain.records import SessionRecord, SessionStatus
from app.domain.redflags import FlagGroup, OpenFlag, recent_flags
from app.domain.report import DailyReport
from app.domain.skills import SkillsCheck
from app.domain.visits import Timing, VisitDue, next_visit, visit_due
from app.services.teaching import QuizPair, TeachingService
from app.services.visits import VisitLine, history
from app.store.db import Store

DAYS = 7
FLAG_LOOKBACK = 60  # reports read to date an open flag's run (as Today does)
GROUP_ORDER: tuple[FlagGroup, ...] = (FlagGroup.BABY, FlagGroup.BREAST, FlagGroup.MOTHER)


@dataclass(frozen=True)
class DayLine:
    """One day of the last seven: its report (None if nothing was reported) and its massages."""

    day: date
    postpartum_day: int | None
    report: DailyReport | None
    massages: int  # finished massages that day (completed, ended early or stopped for pain)


@dataclass(frozen=True)
class Noted:
    """A day's note, as she typed it."""

    day: date
    text: str


@dataclass(frozen=True)
class Temperature:
    """Her last temperature taken, and the day of its report."""

    day: date
    celsius: float


@dataclass(frozen=True)
class VisitSummary:
    mother_id: UUID
    made_at: datetime  # local, aware
    profile: Profile | None
    postpartum_day: int | None
    start: date
    end: date
    days: list[DayLine]  # oldest first, one per day from start to end
    sessions: list[SessionRecord]  # finished real massages in the 7 days, oldest first
    flags: list[OpenFlag]  # open now, baby's first, then the breasts', then the mother's own
    quiz: QuizPair
    skills: SkillsCheck | None
    visit_now: VisitDue | None  # the KF visit whose window holds today
    visit_next: VisitDue | None  # the first KF visit after today
    visits: list[VisitLine] = field(default_factory=list)  # KF1-KF4: done (when, on time?) or not
    last_temperature: Temperature | None = None  # the newest report with a temperature
    notes: tuple[Noted, ...] = ()  # her notes of the 7 days, newest first

    def count(self, status: SessionStatus) -> int:
        return sum(1 for s in self.sessions if s.status is status)

    @property
    def comfort_average(self) -> float | None:
        rated = [s.comfort for s in self.sessions if s.comfort is not None]
        return round(sum(rated) / len(rated), 1) if rated else None

    def flags_of(self, group: FlagGroup) -> list[OpenFlag]:
        return [f for f in self.flags if f.group is group]


class SummaryService:
    """One mother's visit summary: `store` is her view (`Store.mother(uuid)`)."""

    def __init__(self, store: Store, clock: Clock, tz: tzinfo | None = None) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz

    def summary(self) -> VisitSummary:
        now = local_now(self.clock, self.tz)
        end = now.date()
        start = end - timedelta(days=DAYS - 1)
        zone = now.tzinfo
        profile = self.store.profile.get()
        born = profile.baby_birth_date if profile else None
        lo = datetime.combine(start, time(), tzinfo=zone)
        hi = datetime.combine(end + timedelta(days=1), time(), tzinfo=zone)
        # include_demo=False: a demonstration is never this mother's massage.
        sessions = [
            s
            for s in self.store.sessions.between(lo, hi, include_demo=False)
            if s.status is not SessionStatus.IN_PROGRESS and not s.demo
        ]
        reports = self.store.diary.list(limit=FLAG_LOOKBACK)
        by_day = {r.day: r for r in reports if start <= r.day <= end}
        days = []
        for n in range(DAYS):
            day = start + timedelta(days=n)
            days.append(
                DayLine(
                    day=day,
                    postpartum_day=postpartum_day(born, day) if born is not None and day >= born else None,
                    report=by_day.get(day),
                    massages=sum(1 for s in sessions if s.started_at.astimezone(zone).date() == day),
                )
            )
        # Open as Today shows them (reported in the last days, not answered "no" since).
        flags = recent_flags(reports, birth_date=born, today=end)
        flags.sort(key=lambda f: GROUP_ORDER.index(f.group))  # stable: most urgent first within a group
        temperature = next(
            (Temperature(r.day, r.temperature_c) for r in reports if r.temperature_c is not None and r.day <= end),
            None,
        )
        notes = tuple(
            Noted(r.day, r.note) for r in sorted(by_day.values(), key=lambda r: r.day, reverse=True) if r.note
        )
        teaching = TeachingService(self.store, self.clock)
        done = {record.done.visit: record.done for record in self.store.visits.done()}
        return VisitSummary(
            mother_id=self.store.mother_id,
            made_at=now,
            profile=profile,
            postpartum_day=postpartum_day(born, end) if born is not None and end >= born else None,
            start=start,
            end=end,
            days=days,
            sessions=sessions,
            flags=flags,
            quiz=teaching.quiz_pair(),
            skills=teaching.last_skills(),
            visit_now=_now_only(visit_due(born, end, set(done))) if born is not None else None,
            visit_next=next_visit(born, end, set(done)) if born is not None else None,
            visits=history(born, end, done) if born is not None else [],
            last_temperature=temperature,
            notes=notes,
        )


def _now_only(due: VisitDue | None) -> VisitDue | None:
    return due if due is not None and due.timing is Timing.NOW else None
