"""The mother's diary between the screens and the domain/store: no Flet here, so tests drive it
with a FakeClock and a real SQLite file.

What Today shows (the postpartum day, open red flags, the day's report, this morning's and this
evening's massage), the report form's text fields (a saved report overlaid with its draft; the
conversions are report_form.py's), saving with draft clearing, delete with undo, the details of
mother and baby, and the history's data. Reading never writes; every write is one call here, made
from an event handler, and calls `changed` once it is kept (the visitor's screens redraw). Codes
and numbers only: the UI owns the words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from app.domain.clock import Clock, day_bounds, local_now
from app.domain.daypart import PartOfDay, part_of_day
from app.domain.postpartum import first_days, postpartum_day, postpartum_day_or_none
from app.domain.profile import Profile, validate_profile
from app.domain.records import SessionRecord, SessionStatus
from app.domain.redflags import Notice, OpenFlag, RedFlag, evaluate, notices, recent_flags
from app.domain.report import DailyReport, validate_report
from app.domain.report_days import RequestedDay, requested_day
from app.domain.trends import MassageComparison, Point, massage_vs_other, series
from app.domain.visits import VisitDue, visit_due
from app.services.form_text import report_drafts, unsaved
from app.services.report_form import Fields, draft_key, fields_from_report, form_errors, raw_report
from app.store.db import Store

FLAG_LOOKBACK = 60  # reports read to date an open flag's run (Today's flags come from the last 3 days)
RANGES = ("7", "30", "all")
LIST_PAGE = 7  # days listed at a time (a week; then a week more at each "Show older days"); the chart covers the range
# The birth date was moved after reports that are kept: they would be days before the birth, which
# can no longer be saved. The profile form asks what to do (see `save_profile`).
REPORTS_BEFORE_BIRTH = "reports_before_birth"
# The birth date asked for is after a KF visit marked done (the field's error code).
VISITS_BEFORE_BIRTH = "visits_before_birth"


class HalfDay(StrEnum):
    """How this morning's (or evening's) massage went: only a completed one counts as done."""

    DONE = "done"
    STOPPED_PAIN = "stopped_pain"
    ENDED_EARLY = "ended_early"
    NOT_YET = "not_yet"


@dataclass(frozen=True)
class TodaySummary:
    day: date
    profile: Profile | None
    postpartum_day: int | None  # None without a birth date (or on a day before it)
    flags: list[OpenFlag]  # open flags of the last days' reports, most urgent first, with their days
    notices: list[Notice]  # what the newest report says that is not a red flag (baby blues, weigh the baby)
    visit: VisitDue | None  # the postnatal visit (KF1-KF4) due, None without a birth date or after day 42
    report: DailyReport | None
    morning: HalfDay
    evening: HalfDay
    # (rounds done, rounds planned) of the massage a half-day's word is about, when it was not
    # completed (ended early, stopped because it hurt): Today says how many rounds were done.
    morning_rounds: tuple[int, int] | None = None
    evening_rounds: tuple[int, int] | None = None

    @property
    def birth_date(self) -> date | None:
        return self.profile.baby_birth_date if self.profile else None


@dataclass(frozen=True)
class DayEntry:
    """One day in the history list: its report (if any) and the massages finished that day."""

    day: date
    postpartum_day: int | None
    report: DailyReport | None
    sessions: list[SessionRecord]
    flags: list[RedFlag] = field(default_factory=list)  # the red flags in that day's report
    unsaved: bool = False  # the day's form holds a draft that is not saved (form_text.unsaved)


@dataclass(frozen=True)
class History:
    range: str
    start: date
    end: date
    points: list[Point]  # one per day from start to end, for the chart
    massage_days: set[date]  # days in the range with a completed massage
    comparison: MassageComparison | None  # flow on massage days against other days, in the range
    days: list[DayEntry] = field(default_factory=list)  # every day from end back, newest first
    more: bool = False  # older days in the range are not listed yet ("all": one page at a time)
    # Her records this version could not read (met so far): kept in the file, in a backup, never
    # overwritten, and counted here so she knows they are there.
    unreadable: int = 0


@dataclass(frozen=True)
class SaveResult:
    """A saved report, or the errors by form field ({field: FieldError code}); never both."""

    report: DailyReport | None
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return self.report is not None


def half_day(sessions: Iterable[SessionRecord]) -> HalfDay:
    states = {s.status for s in sessions}
    if SessionStatus.COMPLETED in states:
        return HalfDay.DONE
    if SessionStatus.STOPPED_PAIN in states:
        return HalfDay.STOPPED_PAIN
    if SessionStatus.ENDED_EARLY in states:
        return HalfDay.ENDED_EARLY
    return HalfDay.NOT_YET


_HALF_DAY_STATUS = {HalfDay.STOPPED_PAIN: SessionStatus.STOPPED_PAIN, HalfDay.ENDED_EARLY: SessionStatus.ENDED_EARLY}


def half_day_rounds(sessions: Iterable[SessionRecord]) -> tuple[int, int] | None:
    """(rounds done, rounds planned) of the massage `half_day` names when it was not completed (the
    one of that outcome with the most rounds done); None for a completed half-day or none yet."""
    chosen = list(sessions)
    status = _HALF_DAY_STATUS.get(half_day(chosen))
    ended = [s for s in chosen if s.status is status]
    if not ended:
        return None
    best = max(ended, key=lambda s: s.rounds_done)
    return best.rounds_done, best.rounds_planned


def _nothing() -> None:
    pass


class DiaryService:
    """One visitor's diary of one mother: `store` is her view (`Store.mother(uuid)`), so every
    read and write here is hers. `tz` is the mother's time zone (None: this device's). `changed`
    is called after each write."""

    def __init__(
        self, store: Store, clock: Clock, tz: tzinfo | None = None, *, changed: Callable[[], None] = _nothing
    ) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz
        self._changed = changed
        self._deleted: DailyReport | None = None

    # -- time ------------------------------------------------------------------------------------
    def local_now(self) -> datetime:
        return local_now(self.clock, self.tz)

    def today(self) -> date:
        return self.local_now().date()

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        return day_bounds(day, self.local_now().tzinfo)

    def report_day(self, requested: str | None) -> RequestedDay:
        """The day asked for (ISO text), or today when none is; a day that cannot be read, still
        to come or before the birth is refused with its reason (`report_days`)."""
        return requested_day(requested, today=self.today(), birth_date=self.birth_date())

    # -- profile ---------------------------------------------------------------------------------
    def profile(self) -> Profile | None:
        return self.store.profile.get()

    def birth_date(self) -> date | None:
        profile = self.profile()
        return profile.baby_birth_date if profile else None

    def postpartum_day(self, day: date, born: date | None = None) -> int | None:
        born = born if born is not None else self.birth_date()
        if born is None or day < born:
            return None
        return postpartum_day(born, day)

    def asks_colostrum(self, day: date) -> bool:
        """The time colostrum was first seen is asked in the first days (or when the day is unknown)."""
        n = self.postpartum_day(day)
        return n is None or first_days(n)

    def reports_before(self, born: date) -> list[date]:
        """The days with a report before `born`, oldest first (they would be before the birth)."""
        return sorted(day for day in self.store.diary.days() if day < born)

    def save_profile(
        self,
        raw: Mapping[str, str],
        *,
        delete_reports_before_birth: bool = False,
    ) -> tuple[Profile | None, dict[str, str]]:
        """Validate and save; a refused profile writes nothing.

        A birth date moved after the day of a KF visit marked done is refused with
        `{"baby_birth_date": VISITS_BEFORE_BIRTH}`: the midwife changes or undoes that visit
        first (a visit before the birth is one no form takes, and a backup holding it would be
        refused).

        A birth date moved after days that have a report would leave reports that can never be
        saved again (a day before the birth). Unless `delete_reports_before_birth`, such a profile
        is refused with `{"baby_birth_date": REPORTS_BEFORE_BIRTH}` (the form then asks: keep the
        old date, or move it and delete those reports, see `reports_before`). With it, those
        reports and their drafts are deleted first, then the profile is saved: should the app stop
        in between, the reports are gone (as she chose) and the old date stays, never the reverse.
        """
        profile, errors = validate_profile(raw, today=self.today())
        if profile is None:
            return profile, errors
        if any(r.done.done_on < profile.baby_birth_date for r in self.store.visits.done()):
            return None, {"baby_birth_date": VISITS_BEFORE_BIRTH}
        earlier = self.reports_before(profile.baby_birth_date)
        if earlier and not delete_reports_before_birth:
            return None, {"baby_birth_date": REPORTS_BEFORE_BIRTH}
        with self.store.lock:
            for day in earlier:
                self.store.diary.delete(day)
                self.clear_draft(day)
            self.store.profile.save(profile, at=self.clock.wall())
        self._changed()
        return profile, {}

    # -- Today -----------------------------------------------------------------------------------
    def today_summary(self) -> TodaySummary:
        day = self.today()
        profile = self.profile()
        born = profile.baby_birth_date if profile else None
        start, end = self.day_bounds(day)
        tz = start.tzinfo
        sessions = self.store.sessions.between(start, end)  # demonstrations left out
        reports = self.store.diary.list(limit=FLAG_LOOKBACK)
        newest = max(reports, key=lambda r: r.day, default=None)  # it alone decides what is open
        halves = {
            half: [s for s in sessions if part_of_day(s.started_at.astimezone(tz)) is half]
            for half in (PartOfDay.MORNING, PartOfDay.EVENING)
        }
        return TodaySummary(
            day=day,
            profile=profile,
            postpartum_day=self.postpartum_day(day, born),
            flags=recent_flags(reports, birth_date=born, today=day),
            notices=[] if newest is None else notices(newest, postpartum_day=postpartum_day_or_none(born, newest.day)),
            visit=None if born is None else visit_due(born, day, {r.done.visit for r in self.store.visits.done()}),
            report=self.store.diary.get(day),
            morning=half_day(halves[PartOfDay.MORNING]),
            evening=half_day(halves[PartOfDay.EVENING]),
            morning_rounds=half_day_rounds(halves[PartOfDay.MORNING]),
            evening_rounds=half_day_rounds(halves[PartOfDay.EVENING]),
        )

    # -- the report form -------------------------------------------------------------------------
    def form(self, day: date, decimal: str = ".") -> Fields:
        """The form's fields: the saved report (a decimal written with `decimal`), overlaid with
        the draft typed since (as typed)."""
        fields = fields_from_report(self.store.diary.get(day), decimal)
        draft = self.store.drafts.get(draft_key(day))
        if draft:
            fields.update({k: v for k, v in draft.items() if k in fields})
        return fields

    def has_draft(self, day: date) -> bool:
        """Whether the day's form holds typed text that is not saved (a draft that differs from
        the saved report, or from an empty form)."""
        return unsaved(self.store.drafts.get(draft_key(day)), fields_from_report(self.store.diary.get(day)))

    def discard_draft(self, day: date, decimal: str = ".") -> Fields:
        """Forget what was typed since the last save; the form's fields as saved (or empty)."""
        self.clear_draft(day)
        return fields_from_report(self.store.diary.get(day), decimal)

    def keep_draft(self, day: date, fields: Mapping[str, str]) -> None:
        self.store.drafts.put(draft_key(day), dict(fields), at=self.clock.wall())

    def clear_draft(self, day: date) -> None:
        self.store.drafts.clear(draft_key(day))

    def save_report(self, day: date, fields: Mapping[str, str]) -> SaveResult:
        """Validate the form; if it is fine, save the report and forget the draft. A refused save
        writes nothing (the draft keeps what was typed)."""
        raw = raw_report(fields, day)
        saved = self.store.diary.get(day)
        if saved is not None:  # what the form does not show (a field added later) stays as saved
            raw = {**saved.model_dump(exclude=set(raw)), **raw}
        report, errors = validate_report(
            raw, today=self.today(), birth_date=self.birth_date(), now=self.local_now().replace(tzinfo=None)
        )
        if report is None:
            return SaveResult(None, form_errors(errors))
        with self.store.lock:  # one visitor's threads: the save and the draft's end go together
            self.store.diary.save(report, at=self.clock.wall())
            self.clear_draft(day)
        self._changed()
        return SaveResult(report, {})

    # -- delete and undo -------------------------------------------------------------------------
    @property
    def deleted(self) -> DailyReport | None:
        """The report the last delete removed, until it is restored or forgotten."""
        return self._deleted

    def delete_report(self, day: date) -> DailyReport | None:
        """Delete the day's report and keep it for undo (one level: the latest delete)."""
        report = self.store.diary.delete(day)
        if report is not None:
            self._deleted = report
            self._changed()
        return report

    def undo_delete(self) -> bool:
        """Put the last deleted report back. False when there is none, or when a new report for
        that day was saved meanwhile (the newer one stays)."""
        report, self._deleted = self._deleted, None
        if report is None:
            return False
        try:
            self.store.diary.restore(report, at=self.clock.wall())
        except ValueError:
            return False
        self._changed()
        return True

    def forget_deleted(self) -> None:
        self._deleted = None

    # -- history ---------------------------------------------------------------------------------
    def massages(self, *, limit: int | None = None) -> list[SessionRecord]:
        """Her massages, newest first, demonstrations left out (the massage history)."""
        return self.store.sessions.list(limit=limit, include_demo=False)

    def history(self, chosen: str = "7", listed: int = LIST_PAGE) -> History:
        """The diary for the range chosen: every day from its first (never before the birth) to
        today, newest first, and the chart's points. Reads only that range (indexed queries; the chart
        reads the flow and signs only, the listed days read in full),
        so the week and the month cost the same however long the diary is. `listed` caps the days
        listed: a week at first, the chart showing the whole range, and LIST_PAGE more at a time
        (each listed day is a card with its massages: a month of them was most of the month's
        drawing, and her latest days are what she looks for)."""
        chosen = chosen if chosen in RANGES else "7"
        end = self.today()
        born = self.birth_date()
        start = self._range_start(chosen, end, born)
        span = (end - start).days + 1
        shown = min(span, max(1, listed))
        days = [end - timedelta(days=i) for i in range(shown)]
        first_listed = days[-1]
        tz = self.day_bounds(end)[0].tzinfo
        # The chart and the comparison: the whole range, read light. The listed days: in full.
        trend = self.store.diary.trend(start=start, end=end)
        massage_days = self.store.sessions.massage_days(self.day_bounds(start)[0], self.day_bounds(end)[1], tz)
        reports = {r.day: r for r in self.store.diary.list(start=first_listed, end=end)}
        drafts = report_drafts(self.store)
        by_day_sessions: dict[date, list[SessionRecord]] = defaultdict(list)
        for s in self.store.sessions.between(self.day_bounds(first_listed)[0], self.day_bounds(end)[1]):
            if s.status is not SessionStatus.IN_PROGRESS:  # oldest first within a day
                by_day_sessions[s.started_at.astimezone(tz).date()].append(s)
        return History(
            range=chosen,
            start=start,
            end=end,
            points=series(trend, start=start, end=end),
            massage_days=massage_days,
            comparison=massage_vs_other(trend, massage_days),
            days=[
                replace(entry, unsaved=unsaved(drafts.get(entry.day), fields_from_report(entry.report)))
                for entry in (self._entry(d, born, reports.get(d), by_day_sessions.get(d, [])) for d in days)
            ],
            more=shown < span,
            unreadable=len(self.store.diary.skipped) + len(self.store.sessions.skipped),
        )

    def _range_start(self, chosen: str, end: date, born: date | None) -> date:
        if chosen == "all":
            # From the birth; without a birth date, from the first thing recorded.
            firsts = [self.store.diary.first_day(), self.store.sessions.first_day(self.day_bounds(end)[0].tzinfo)]
            start = born if born is not None else min([d for d in firsts if d is not None], default=end)
        else:
            start = end - timedelta(days=int(chosen) - 1)
            if born is not None:
                start = max(start, born)  # the chart starts at the birth
        return min(start, end)

    def _entry(
        self, day: date, born: date | None, report: DailyReport | None, sessions: list[SessionRecord]
    ) -> DayEntry:
        n = self.postpartum_day(day, born)
        flags = [] if report is None else evaluate(report, postpartum_day=n)
        return DayEntry(day, n, report, sessions, flags)
