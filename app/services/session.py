"""The guided session between the screens and the domain/store: no Flet here, so tests drive it
with a FakeClock and a real SQLite file.

The domain `Session` decides everything about time; this class only keeps the current one, writes
each event to the store (one transaction each) and reports which cues the UI should announce.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from app.domain.clock import Clock
from app.domain.protocol import (
    REST_MINUTES_CHOICES,
    ROUND_MINUTES_CHOICES,
    TECHNIQUES_FOR_BUILD,
    Build,
    PhaseKind,
    Technique,
)
from app.domain.records import NewSession, SessionProgress, SessionRecord, SessionStatus, outcome_of
from app.domain.redflags import recent_flags
from app.domain.safety import Stop, today_stops
from app.domain.session import Cue, Session, SessionSnapshot, Status, StopReason
from app.services.wizard import Wizard
from app.store.db import Store
from app.store.removals import Removal
from app.store.repositories.sessions import RELEASE_EVENT

log = logging.getLogger(__name__)

# A heartbeat between events, so that a killed app loses at most this much of a round.
CHECKPOINT_EVERY_S = 5.0
# Reports read to find the open flags (as Today does).
FLAG_LOOKBACK = 60
# Events of the session's log besides the transitions: the family chose to go on more lightly
# after "Stop, it hurts" (the reminder stays on screen, also after a crash and a resume); the page
# that let the massage go came back to it (a reload); another page took it over.
LIGHTER_EVENT = "lighter"
RETURN_EVENT = "returned"
TAKE_OVER_EVENT = "restore"


@dataclass(frozen=True)
class SessionView:
    """What the rounds screen draws at one moment."""

    status: Status
    phase_kind: PhaseKind | None
    round_number: int
    rounds: int
    remaining_s: int
    progress: float
    elapsed_s: float
    demo: bool


LAST_CHOICE_LOOKBACK = 20  # an unfinished one or two may lie above her last ended massage


def _repeatable(record: SessionRecord) -> bool:
    if record.build is None or record.technique is None or record.round_s % 60 or record.rest_s % 60:
        return False
    try:
        build, technique = Build(record.build), Technique(record.technique)
    except ValueError:
        return False
    return (
        record.round_s // 60 in ROUND_MINUTES_CHOICES
        and record.rest_s // 60 in REST_MINUTES_CHOICES
        and technique in TECHNIQUES_FOR_BUILD[build]
    )


def _status_of(session: Session, now: float) -> SessionStatus:
    if session.status is Status.FINISHED:  # the end reached; skipped rounds make it "ended early"
        return outcome_of(SessionStatus.COMPLETED, session.rounds_done(now), session.plan.rounds)
    if session.status is Status.STOPPED:
        return SessionStatus.STOPPED_PAIN if session.stop_reason is StopReason.PAIN else SessionStatus.ENDED_EARLY
    return SessionStatus.IN_PROGRESS


def _nothing() -> None:
    pass


class SessionGone(LookupError):
    """This window's massage is no longer recorded: a restore or a delete in another window removed
    it. `removal` says which (None: not one made by this app's process, e.g. a second copy of it)."""

    def __init__(self, removal: Removal | None) -> None:
        super().__init__(f"the massage was removed ({removal or 'unknown'})")
        self.removal = removal


class SessionController:
    """One mother's massages (`store` is her view): the wizard, and the session this window runs.
    `changed` is called when a massage ends or is rated (not at every heartbeat)."""

    def __init__(self, store: Store, clock: Clock, *, changed: Callable[[], None] = _nothing) -> None:
        self.store = store
        self.clock = clock
        self._changed = changed
        self.wizard = Wizard()
        self.session: Session | None = None
        self.session_id: int | None = None
        self.session_uuid: UUID | None = None  # its identity: the id alone may name another after a restore
        self._removals = 0  # the removals noted on the file when it began (store.sessions.removal_mark)
        self._cue_from: float | None = None
        self._phase_index: int | None = None
        self._last_checkpoint = 0.0
        # "Stop, it hurts", then "Continue more lightly": remind to press more lightly.
        self.lighter = False
        self._released = False  # this page let the massage go (its tab closed); see `release`

    # -- the wizard ---------------------------------------------------------------------------
    def reset_wizard(self) -> None:
        self.wizard = Wizard()

    def last_choice(self) -> SessionRecord | None:
        """Her last real massage that ended (how it ended does not matter), with a build, technique,
        minutes and rest this version still offers: what "Same as last time" repeats."""
        for record in self.store.sessions.list(limit=LAST_CHOICE_LOOKBACK, include_demo=False):
            if record.status is SessionStatus.IN_PROGRESS or record.demo:
                continue
            return record if _repeatable(record) else None
        return None

    def repeat_last(self, record: SessionRecord) -> None:
        """A new wizard with `record`'s choices, the safety questions unanswered."""
        if not _repeatable(record):
            raise ValueError("that massage's choices cannot be repeated")
        self.wizard = Wizard(
            round_minutes=record.round_s // 60,
            rest_minutes=record.rest_s // 60,
            build=Build(str(record.build)),
            technique=Technique(str(record.technique)),
            same_as_last=True,
        )

    def read_today(self) -> list[Stop]:
        """What her diary says about massaging today (`safety.today_stops`), kept in the wizard for
        the safety check. Read when the check opens, so a report saved a minute ago counts."""
        today = self.clock.wall().astimezone().date()
        profile = self.store.profile.get()
        born = profile.baby_birth_date if profile else None
        reports = self.store.diary.list(limit=FLAG_LOOKBACK)
        report = next((r for r in reports if r.day == today), None)
        flags = [o.flag for o in recent_flags(reports, birth_date=born, today=today)]
        self.wizard.today = today_stops(report, flags)
        return self.wizard.today

    @property
    def active(self) -> bool:
        return self.session is not None and not self.session.over

    # -- transitions (each writes one event) --------------------------------------------------
    def begin(self) -> None:
        now = self.clock.monotonic()
        plan = self.wizard.plan()
        self.session = Session.start(plan, now)
        self._removals = self.store.sessions.removal_mark()
        self.session_id = self.store.sessions.create(
            NewSession(
                started_at=self.clock.wall(),
                demo=plan.demo,
                round_s=plan.round_s,
                rest_s=plan.rest_s,
                rounds_planned=plan.rounds,
                build=self.wizard.build,
                technique=self.wizard.technique,
                snapshot=self.session.snapshot(now).to_dict(),
            )
        )
        created = self.store.sessions.get(self.session_id)
        self.session_uuid = created.uuid if created is not None else None
        self._cue_from = None
        self._phase_index = 0
        self._last_checkpoint = now
        self.lighter = self._released = False

    def pause(self) -> None:
        self._apply("pause", lambda s, now: s.pause(now))

    def resume(self) -> None:
        self._apply("resume", lambda s, now: s.resume(now))

    def skip(self) -> None:
        self._apply("skip", lambda s, now: s.skip(now))

    def stop_for_pain(self) -> None:
        self._apply("stop_pain", lambda s, now: s.stop(now, StopReason.PAIN))

    def end_early(self) -> None:
        self._apply("end", lambda s, now: s.stop(now, StopReason.ENDED_EARLY))

    def continue_lighter(self) -> None:
        """After "Stop, it hurts", the family goes on more gently: the reminder to press more
        lightly is kept in the session's log, so a resume after a crash shows it again."""
        if not self.active:
            return
        self.lighter = True
        _, session_id = self._current()
        self.store.sessions.record_event(
            session_id, LIGHTER_EVENT, self._progress(self.clock.monotonic()), session_uuid=self.session_uuid
        )

    def release(self) -> None:
        """This page went away (its tab was closed or reloaded) with the massage paused: let it go,
        so that a page opened a moment later offers to resume it (without waiting for the lease)."""
        if not self.active or self._released:
            return
        _, session_id = self._current()
        self.store.sessions.record_event(
            session_id, RELEASE_EVENT, self._progress(self.clock.monotonic()), session_uuid=self.session_uuid
        )
        self._released = True

    def hold(self) -> None:
        """This page came back (a reload): the massage it let go is its own again. LookupError if
        another page took it over meanwhile (ValueError if that one ended it)."""
        if not self.active or not self._released:
            return
        _, session_id = self._current()
        kinds = [event["kind"] for event in self.store.sessions.events(session_id)]
        released = max((i for i, kind in enumerate(kinds) if kind == RELEASE_EVENT), default=len(kinds))
        if TAKE_OVER_EVENT in kinds[released + 1 :]:
            raise LookupError("another page took this massage over")
        self.store.sessions.record_event(
            session_id, RETURN_EVENT, self._progress(self.clock.monotonic()), session_uuid=self.session_uuid
        )
        self._released = False

    def tick(self) -> list[Cue]:
        """Advance to now: returns the cues crossed since the last tick (each cue once)."""
        if self.session is None or self.session.over:  # an ended session is frozen in the store
            return []
        self.check()
        now = self.clock.monotonic()
        before = self.session
        self.session = before.settle(now)
        cues = self.session.cues_since(self._cue_from, now)
        self._cue_from = self.session.position(now)
        index = self.session.phase_index(now)
        if self.session.status is not before.status:
            self._persist("finish", now)
        elif index != self._phase_index:
            self._persist("phase", now)
        elif now - self._last_checkpoint >= CHECKPOINT_EVERY_S:
            try:
                self.store.sessions.checkpoint(self._current()[1], self._progress(now), session_uuid=self.session_uuid)
            except LookupError as exc:
                raise self._gone() from exc
            self._last_checkpoint = now
        self._phase_index = index
        return cues

    def next_tick_in(self) -> float | None:
        if self.session is None:
            return None
        return self.session.next_change_in(self.clock.monotonic())

    def check(self) -> None:
        """Raise SessionGone when this window's massage is no longer recorded: a restore or a
        delete in another window (or another copy of the app) removed it. One look-up by key."""
        known = self.session_id is not None and self.session_uuid is not None
        if known and not self.store.sessions.holds(self.session_id, self.session_uuid):  # type: ignore[arg-type]
            raise self._gone()

    def _gone(self) -> SessionGone:
        return SessionGone(self.store.sessions.removed_by(self._removals))

    def _apply(self, kind: str, transition) -> None:
        if self.session is None:
            return
        self.check()
        now = self.clock.monotonic()
        settled = self.session.settle(now)
        if settled.over:  # time ran out before the tap: the session simply finished
            if not self.session.over:
                self.session = settled
                self._persist("finish", now)
            return
        self.session = transition(settled, now)
        self._persist(kind, now)
        self._phase_index = self.session.phase_index(now)

    def _current(self) -> tuple[Session, int]:
        """The session being recorded; only called once `begin` or `take_over` set one."""
        if self.session is None or self.session_id is None:
            raise LookupError("no session in progress")
        return self.session, self.session_id

    def _progress(self, now: float) -> SessionProgress:
        s, _ = self._current()
        return SessionProgress(
            at=self.clock.wall(),
            snapshot=s.snapshot(now).to_dict(),
            rounds_done=s.rounds_done(now),
            massaged_s=s.massaged_s(now),
        )

    def _persist(self, kind: str, now: float) -> None:
        session, session_id = self._current()
        progress = self._progress(now)
        status = _status_of(session, now)
        try:
            if status is SessionStatus.IN_PROGRESS:
                self.store.sessions.record_event(session_id, kind, progress, session_uuid=self.session_uuid)
            else:
                self.store.sessions.finish(session_id, status, progress, session_uuid=self.session_uuid)
        except LookupError as exc:  # removed between the check and this write
            raise self._gone() from exc
        if status is not SessionStatus.IN_PROGRESS:
            self._changed()
        self._last_checkpoint = now

    # -- what the screens read ----------------------------------------------------------------
    def view(self) -> SessionView | None:
        if self.session is None:
            return None
        now = self.clock.monotonic()
        s = self.session
        phase = s.phase(now)
        return SessionView(
            status=s.status,
            phase_kind=phase.kind if phase else None,
            round_number=phase.number if phase else s.plan.rounds,
            rounds=s.plan.rounds,
            remaining_s=s.remaining_in_phase(now) if phase else 0,
            progress=s.progress_in_phase(now) if phase else 1.0,
            elapsed_s=s.total_elapsed(now),
            demo=s.plan.demo,
        )

    def record(self) -> SessionRecord | None:
        """The stored session this window runs or just ended (None if it is no longer recorded)."""
        if self.session_id is None:
            return None
        found = self.store.sessions.get(self.session_id)
        return found if found is not None and self.session_uuid in (None, found.uuid) else None

    # -- a session left unfinished by a closed tab or a killed app ----------------------------
    def pending(self) -> SessionRecord | None:
        if self.active:
            return None
        return self.store.sessions.unfinished(now=self.clock.wall())

    def take_over(self, record: SessionRecord) -> None:
        """Make a stored unfinished session the current one, paused where it was last saved."""
        now = self.clock.monotonic()
        self.session = Session.restore(SessionSnapshot.from_dict(record.snapshot), now)
        self.session_id = record.id
        self.session_uuid = record.uuid
        self._removals = self.store.sessions.removal_mark()
        self.wizard = Wizard(
            build=Build(record.build) if record.build else None,
            technique=Technique(record.technique) if record.technique else None,
            demo=record.demo,
        )
        self._cue_from = self.session.position(now)
        self._phase_index = self.session.phase_index(now)
        self._last_checkpoint = now
        self.lighter = self.store.sessions.has_event(record.id, LIGHTER_EVENT)
        self._released = False
        if self.session.over:
            self._persist("finish", now)
        else:
            self.store.sessions.record_event(
                self.session_id, TAKE_OVER_EVENT, self._progress(now), session_uuid=self.session_uuid
            )

    def rate(self, comfort: int | None, letdown: bool | None) -> None:
        if self.session_id is not None:
            try:
                self.store.sessions.rate(self.session_id, comfort, letdown, session_uuid=self.session_uuid)
            except LookupError as exc:
                raise self._gone() from exc
            self._changed()

    def close(self) -> None:
        """Leave the finished session (after the finish screen)."""
        self.session = None
        self.session_id = None
        self.session_uuid = None
        self.lighter = self._released = False
        self.reset_wizard()
