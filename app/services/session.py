"""The guided session between the screens and the domain/store: no Flet here, so tests drive it
with a FakeClock and a real SQLite file.

The domain `Session` decides everything about time; this class only keeps the current one, writes
each event to the store (one transaction each) and reports which cues the UI should announce.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.clock import Clock
from app.domain.protocol import (
    CONTRAINDICATIONS,
    DEFAULT_REST_MINUTES,
    DEFAULT_ROUND_MINUTES,
    REST_MINUTES_CHOICES,
    ROUND_MINUTES_CHOICES,
    TECHNIQUES_FOR_BUILD,
    Build,
    Contraindication,
    PhaseKind,
    Plan,
    PrepItem,
    Technique,
)
from app.domain.records import NewSession, SessionProgress, SessionRecord, SessionStatus, outcome_of
from app.domain.redflags import recent_flags
from app.domain.safety import Stop, today_stops
from app.domain.session import Cue, Session, SessionSnapshot, Status, StopReason
from app.store.db import Store

log = logging.getLogger(__name__)

# A heartbeat between events, so that a killed app loses at most this much of a round.
CHECKPOINT_EVERY_S = 5.0
# Reports read to find the open flags (as Today does).
FLAG_LOOKBACK = 60


class SafetyAnswer(StrEnum):
    """An answer to one safety question. DOMAIN 3: "When in doubt: ask the midwife first", so
    "not sure" stops the massage just as "yes" does."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "unsure"


@dataclass
class Wizard:
    """The family's answers on the way to the first round."""

    round_minutes: int = DEFAULT_ROUND_MINUTES
    rest_minutes: int = DEFAULT_REST_MINUTES
    demo: bool = False
    # A midwife's demonstration from the visit screen: demonstration speed, the "Why?" panels open,
    # large drawings, and back to the visit at the end.
    teaching: bool = False
    safety: dict[Contraindication, SafetyAnswer] = field(default_factory=dict)
    # After an operasi sesar (DOMAIN §3): the midwife's OK first. `caesarean` yes/no; when yes,
    # `caesarean_ok` is whether the midwife has said the massage is OK (yes / no / not sure).
    caesarean: SafetyAnswer | None = None
    caesarean_ok: SafetyAnswer | None = None
    # What her diary says about today (fever, feeling ill, open flags), read when the check opens,
    # and whether the midwife has said the massage is OK all the same.
    today: list[Stop] = field(default_factory=list)
    today_ok: bool = False
    prepared: set[PrepItem] = field(default_factory=set)
    build: Build | None = None
    technique: Technique | None = None
    # "Same as last time": her build, technique, minutes and rest as at her last massage; after the
    # safety check (asked every time) straight to "Where to massage" and Start.
    same_as_last: bool = False

    def answered(self, answer: SafetyAnswer) -> list[Contraindication]:
        """The questions given this answer, in the order they are asked."""
        return [code for code in CONTRAINDICATIONS if self.safety.get(code) is answer]

    def unsafe_reasons(self) -> list[Contraindication]:
        """Every "yes" and every "not sure": each one is a reason not to massage today."""
        return [
            code for code in CONTRAINDICATIONS if self.safety.get(code) in (SafetyAnswer.YES, SafetyAnswer.NOT_SURE)
        ]

    def questions_left(self) -> int:
        """The safety questions not answered yet, the operasi sesar ones included."""
        left = sum(1 for code in CONTRAINDICATIONS if code not in self.safety)
        left += self.caesarean is None
        left += self.caesarean is SafetyAnswer.YES and self.caesarean_ok is None
        return left

    @property
    def needs_caesarean_ok(self) -> bool:
        """After an operasi sesar without the midwife's OK (not given, or not sure): not yet."""
        return self.caesarean is SafetyAnswer.YES and self.caesarean_ok in (SafetyAnswer.NO, SafetyAnswer.NOT_SURE)

    @property
    def stopped_today(self) -> bool:
        """Her diary says not today, and the midwife has not said it is OK all the same."""
        return bool(self.today) and not self.today_ok

    def safe_to_start(self) -> bool:
        return (
            not self.stopped_today
            and self.questions_left() == 0
            and not self.unsafe_reasons()
            and not self.needs_caesarean_ok
        )

    def choose_build(self, build: Build) -> None:
        self.build = build
        options = TECHNIQUES_FOR_BUILD[build]
        if self.technique not in options:
            self.technique = options[0]

    def plan(self) -> Plan:
        return Plan.demonstration() if self.demo else Plan.standard(self.round_minutes, self.rest_minutes)


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
        self._cue_from: float | None = None
        self._phase_index: int | None = None
        self._last_checkpoint = 0.0

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
        self._cue_from = None
        self._phase_index = 0
        self._last_checkpoint = now

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

    def tick(self) -> list[Cue]:
        """Advance to now: returns the cues crossed since the last tick (each cue once)."""
        if self.session is None or self.session.over:  # an ended session is frozen in the store
            return []
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
            self.store.sessions.checkpoint(self._current()[1], self._progress(now))
            self._last_checkpoint = now
        self._phase_index = index
        return cues

    def next_tick_in(self) -> float | None:
        if self.session is None:
            return None
        return self.session.next_change_in(self.clock.monotonic())

    def _apply(self, kind: str, transition) -> None:
        if self.session is None:
            return
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
        if status is SessionStatus.IN_PROGRESS:
            self.store.sessions.record_event(session_id, kind, progress)
        else:
            self.store.sessions.finish(session_id, status, progress)
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
        return self.store.sessions.get(self.session_id) if self.session_id is not None else None

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
        self.wizard = Wizard(
            build=Build(record.build) if record.build else None,
            technique=Technique(record.technique) if record.technique else None,
            demo=record.demo,
        )
        self._cue_from = self.session.position(now)
        self._phase_index = self.session.phase_index(now)
        self._last_checkpoint = now
        if self.session.over:
            self._persist("finish", now)
        else:
            self.store.sessions.record_event(self.session_id, "restore", self._progress(now))

    def rate(self, comfort: int | None, letdown: bool | None) -> None:
        if self.session_id is not None:
            self.store.sessions.rate(self.session_id, comfort, letdown)
            self._changed()

    def close(self) -> None:
        """Leave the finished session (after the finish screen)."""
        self.session = None
        self.session_id = None
        self.reset_wizard()
