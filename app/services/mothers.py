"""Several mothers on one device, and who uses it: no Flet here, so tests drive it with a
FakeClock and a real SQLite file.

The mothers list (each with her postpartum day, the KF visit due, her last report, her open red
flags and her last massage), which mother a new visitor sees first, add / archive / restore, and
the user's role. Codes and values only: the UI owns the words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from app.domain.caseload import NIFAS_LAST_DAY, Need, Standing, is_history, order_key, standing
from app.domain.clock import Clock
from app.domain.mothers import Mother, MotherActivity, Role
from app.domain.postpartum import postpartum_day_or_none
from app.domain.records import SessionStatus
from app.domain.redflags import RedFlag, evaluate, most_urgent
from app.domain.visits import OVERDUE_GRACE_DAYS, Timing, Visit, VisitDue, visit_due, week_visits
from app.store.db import Store

CHOSEN_SETTING = "mother"  # the mother last chosen on this device (her UUID, as text)
ROLE_SETTING = "role"


@dataclass(frozen=True)
class MotherSummary:
    """One row of the mothers list."""

    mother: Mother
    postpartum_day: int | None  # None without a birth date
    visit: VisitDue | None  # the KF visit due (or next), None without a birth date or after day 42
    last_report_day: date | None
    # Open red flags from her newest report, most urgent first; none once that report is older
    # than the nifas period (history: her diary keeps them, the list shows no badge).
    flags: list[RedFlag]
    last_massage_at: datetime | None
    last_massage_status: SessionStatus | None
    quiz_before_pct: int | None = None
    quiz_after_pct: int | None = None
    skills_pct: int | None = None
    need: Need = Need.REST  # her group on the list (app.domain.caseload)
    finished: bool = False  # past day 42 by herself: the "Finished" section
    today: date = date.min  # the day this row was drawn up for

    @property
    def id(self) -> UUID:
        return self.mother.id

    @property
    def report_is_history(self) -> bool:
        """Her newest report is older than the nifas period ("no warnings" would say too much)."""
        return self.last_report_day is not None and is_history(self.last_report_day, self.today)


@dataclass(frozen=True)
class MothersList:
    """The mothers list on one day: `active` in the order of who needs her now, then the ones
    finished with their nifas (by name), then the archived ones (by name)."""

    active: list[MotherSummary]
    finished: list[MotherSummary]
    archived: list[MotherSummary]

    @property
    def everyone(self) -> list[MotherSummary]:
        return [*self.active, *self.finished, *self.archived]


def summarize(activity: MotherActivity, today: date, done: frozenset[Visit] = frozenset()) -> MotherSummary:
    """What the list shows of one mother on `today`, `done` her KF visits done (pure: tested
    without a store)."""
    mother, report = activity.mother, activity.newest_report
    born = mother.baby_birth_date
    flags = [] if report is None else evaluate(report, postpartum_day=postpartum_day_or_none(born, report.day))
    day = None if born is None else postpartum_day_or_none(born, today)
    visit = None if born is None else visit_due(born, today, done)
    overdue = born is not None and any(v.timing is Timing.OVERDUE for v in week_visits(born, today, done))
    report_day = activity.newest_report_day or (None if report is None else report.day)
    where: Standing = standing(
        today=today,
        postpartum_day=day,
        visit=visit,
        report_day=report_day,
        urgency=most_urgent(flags),
        kept=mother.kept,
        overdue=overdue,
    )
    return MotherSummary(
        mother=mother,
        postpartum_day=day,
        visit=visit,
        last_report_day=report_day,
        flags=flags if where.badge else [],
        last_massage_at=activity.last_massage_at,
        last_massage_status=activity.last_massage_status,
        quiz_before_pct=activity.quiz_before_pct,
        quiz_after_pct=activity.quiz_after_pct,
        skills_pct=activity.skills_pct,
        need=where.need,
        finished=where.finished,
        today=today,
    )


def the_list(rows: list[MotherSummary], wanted: str = "", name: Callable[[Mother], str] | None = None) -> MothersList:
    """`rows` in the list's order and sections, only the ones whose name holds `wanted` (case
    aside) when it is not blank. `name` gives each one's shown name (default `display_name`)."""
    named = name or display_name
    needle = wanted.strip().casefold()
    if needle:
        rows = [row for row in rows if needle in named(row.mother).casefold()]
    rows = sorted(rows, key=lambda row: order_key(row.need, named(row.mother)))
    return MothersList(
        active=[row for row in rows if not row.mother.archived and not row.finished],
        finished=[row for row in rows if not row.mother.archived and row.finished],
        archived=[row for row in rows if row.mother.archived],
    )


def display_name(mother: Mother) -> str:
    """The name the list sorts and searches by: her nickname, else the "Mother 2" stand-in's
    number (the UI words it; sorting puts the unnamed ones after the named, in the order added)."""
    return mother.nickname or f"\uffff{mother.number:06d}"


def _nothing() -> None:
    pass


class MothersService:
    """The device's mothers. `store` may be any mother's view: the mothers are the device's.
    `changed` is called after each write (the visitor's screens redraw)."""

    def __init__(self, store: Store, clock: Clock, *, changed: Callable[[], None] = _nothing) -> None:
        self.store = store
        self.clock = clock
        self._changed = changed

    def today(self) -> date:
        """The day on this device's clock, in its zone."""
        return self.clock.wall().astimezone().date()

    # -- who is chosen -----------------------------------------------------------------------------
    def default_mother_id(self) -> UUID:
        """The mother a new visitor sees: the one last chosen on this device if she is still on
        the list, else the first one added who is. A device always has a mother (a new one and
        one just erased have a blank one); should none be left, a blank one is added."""
        remembered = self.store.get_setting(CHOSEN_SETTING)
        try:
            mother = self.store.mothers.get(UUID(remembered)) if remembered else None
        except ValueError:
            mother = None
        if mother is not None and not mother.archived:
            return mother.id
        return (
            self.store.mothers.first_active()
            or self.store.mothers.first()
            or self.store.mothers.add(at=self.clock.wall())
        )

    def remember(self, mother_id: UUID) -> None:
        self.store.set_setting(CHOSEN_SETTING, str(mother_id))

    # -- the list ----------------------------------------------------------------------------------
    def summaries(self, today: date | None = None) -> list[MotherSummary]:
        """Every mother on `today` (default: this device's), in the list's order: who needs her
        now first (app.domain.caseload), then the ones finished with their nifas, then the
        archived ones."""
        return self.the_list(today=today).everyone

    def the_list(
        self, wanted: str = "", *, today: date | None = None, name: Callable[[Mother], str] | None = None
    ) -> MothersList:
        """The mothers list in its sections; only names holding `wanted` when it is not blank (a
        search across every mother, whichever page the screen shows). `name`: her shown name."""
        day = today if today is not None else self.today()
        # A report older than the nifas period shows no flags (caseload.is_history): not read.
        # Done visits matter only within the 42 days (and the week's grace for an overdue one):
        # one query for the mothers born since, not every visit ever done on the device.
        since = day - timedelta(days=NIFAS_LAST_DAY)
        done = {
            m.mother_id: m.done
            for m in self.store.visit_plan.mothers_born_since(since - timedelta(days=OVERDUE_GRACE_DAYS))
        }
        rows = [
            summarize(activity, day, done.get(activity.mother.id, frozenset()))
            for activity in self.store.mothers.activity(reports_since=since)
        ]
        return the_list(rows, wanted, name)

    def active_count(self) -> int:
        return self.store.mothers.count()

    def get(self, mother_id: UUID) -> Mother | None:
        return self.store.mothers.get(mother_id)

    def add(self) -> tuple[UUID, bool]:
        """A mother for the profile form to fill in, and whether she is new: the blank one a new
        device starts with if she is still blank, else a new blank one."""
        blank = self.store.mothers.first_blank()
        if blank is not None:
            return blank, False
        added = self.store.mothers.add(at=self.clock.wall())
        self._changed()
        return added, True

    def discard_if_blank(self, mother_id: UUID) -> bool:
        """Forget a mother added and left before her profile was saved (nothing else of hers)."""
        discarded = self.store.mothers.discard_blank(mother_id)
        if discarded:
            self._changed()
        return discarded

    def archive(self, mother_id: UUID) -> None:
        """Raises ValueError for the last mother on the list (someone must stay)."""
        self.store.mothers.archive(mother_id, at=self.clock.wall())
        self._changed()

    def restore(self, mother_id: UUID) -> None:
        self.store.mothers.restore(mother_id, at=self.clock.wall())
        self._changed()

    def keep(self, mother_id: UUID, kept: bool = True) -> None:
        """Keep her on the active list after day 42 (`kept`), or let her go to "Finished" again
        (undo). Kept on this device's file: it lasts across restarts."""
        self.store.mothers.keep(mother_id, kept, at=self.clock.wall())
        self._changed()

    # -- who uses the app ------------------------------------------------------------------------
    def role(self) -> Role | None:
        """The role chosen on this device, None before anyone chose (or an unknown code)."""
        value = self.store.get_setting(ROLE_SETTING)
        return Role(value) if value in {role.value for role in Role} else None

    def set_role(self, role: Role | str) -> Role:
        role = Role(role)
        self.store.set_setting(ROLE_SETTING, role.value)
        self._changed()
        return role
