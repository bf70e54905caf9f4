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

from app.domain.clock import Clock
from app.domain.mothers import Mother, MotherActivity, Role
from app.domain.postpartum import postpartum_day_or_none
from app.domain.records import SessionStatus
from app.domain.redflags import RULES, URGENCY_ORDER, RedFlag, evaluate
from app.domain.visits import LAST_DAY, Visit, VisitDue, visit_due
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
    flags: list[RedFlag]  # open red flags from her newest report, most urgent first
    last_massage_at: datetime | None
    last_massage_status: SessionStatus | None
    quiz_before_pct: int | None = None
    quiz_after_pct: int | None = None
    skills_pct: int | None = None

    @property
    def id(self) -> UUID:
        return self.mother.id


def summarize(activity: MotherActivity, today: date, done: frozenset[Visit] = frozenset()) -> MotherSummary:
    """What the list shows of one mother on `today`, `done` her KF visits done (pure: tested
    without a store)."""
    mother, report = activity.mother, activity.newest_report
    born = mother.baby_birth_date
    flags = [] if report is None else evaluate(report, postpartum_day=postpartum_day_or_none(born, report.day))
    return MotherSummary(
        mother=mother,
        postpartum_day=None if born is None else postpartum_day_or_none(born, today),
        visit=None if born is None else visit_due(born, today, done),
        last_report_day=None if report is None else report.day,
        flags=flags,
        last_massage_at=activity.last_massage_at,
        last_massage_status=activity.last_massage_status,
        quiz_before_pct=activity.quiz_before_pct,
        quiz_after_pct=activity.quiz_after_pct,
        skills_pct=activity.skills_pct,
    )


def _urgency_rank(flags: list[RedFlag]) -> int:
    """0 for the most urgent flag, ..., len(URGENCY_ORDER) for none; `sorted` keeps the name order
    the store gave within a rank."""
    if not flags:
        return len(URGENCY_ORDER)
    return min(URGENCY_ORDER.index(RULES[flag].urgency) for flag in flags)


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
        """Every mother on `today` (default: this device's): active first, and among them the ones
        with an open red flag first, most urgent first (a midwife with many mothers sees who needs
        her at the top); then by name. Archived ones (`mother.archived`) last."""
        day = today if today is not None else self.today()
        # Done visits matter only within the 42 days (after them no visit is due): one query for
        # the mothers born since, not every visit ever done on the device.
        since = day - timedelta(days=LAST_DAY)
        done = {m.mother_id: m.done for m in self.store.visit_plan.mothers_born_since(since)}
        rows = [
            summarize(activity, day, done.get(activity.mother.id, frozenset()))
            for activity in self.store.mothers.activity()
        ]
        return sorted(rows, key=lambda row: (row.mother.archived, _urgency_rank(row.flags)))

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
