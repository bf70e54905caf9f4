"""The guided session as a state machine over timestamps.

A Session is frozen: every transition takes `now` (a monotonic float from a Clock) and returns a
new Session, or raises SessionError. Elapsed time is derived from one anchor, never counted by a
ticker, so a late or missed tick cannot make a round longer or shorter, and pause/resume is
arithmetic. The timeline is the plan's phases laid end to end; pauses are not on it.

Cues and skips: the UI remembers the last timeline position it handled and, on every tick, plays
`session.cues_since(last, now)`. That method leaves out cues that fall strictly inside a skipped
span, so skipping a round does not play its "last seconds" warning, while the cue at the point the
skip lands on (round end, next round start, session end) still plays once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any

from app.domain.protocol import LAST_SECONDS_CUE, Phase, PhaseKind, Plan


class Status(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class StopReason(StrEnum):
    PAIN = "pain"  # DOMAIN 3: stop at once if it hurts
    ENDED_EARLY = "ended_early"


class ErrorCode(StrEnum):
    NOT_RUNNING = "not_running"  # pause while already paused
    NOT_PAUSED = "not_paused"  # resume while running
    ENDED = "ended"  # any transition once the session is finished or stopped


class SessionError(Exception):
    def __init__(self, code: ErrorCode) -> None:
        super().__init__(str(code))
        self.code = code


class CueKind(StrEnum):
    ROUND_START = "round_start"
    LAST_SECONDS = "last_seconds"
    ROUND_END = "round_end"  # not for the last round: SESSION_END takes its place
    SESSION_END = "session_end"


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    round_number: int
    at_s: float  # timeline position


# Positions are rounded to a microsecond: `position_s + (now - anchor)` with a monotonic base
# around 1e3..1e6 carries float error of ~1e-10, which would make a ticker that wakes exactly at
# a second boundary land a hair before it and show the same second twice.
_DIGITS = 6


def _snap(seconds: float) -> float:
    return round(seconds, _DIGITS)


@lru_cache(maxsize=32)
def cue_points(plan: Plan) -> tuple[Cue, ...]:
    """Every cue of a plan, in timeline order (round 1 starts at 0)."""
    cues: list[Cue] = []
    for phase in plan.phases():
        if phase.kind is not PhaseKind.ROUND:
            continue
        cues.append(Cue(CueKind.ROUND_START, phase.number, phase.start_s))
        # A round no longer than the warning would warn at (or before) its own start.
        if phase.length_s > LAST_SECONDS_CUE:
            cues.append(Cue(CueKind.LAST_SECONDS, phase.number, phase.end_s - LAST_SECONDS_CUE))
        last = phase.number == plan.rounds
        kind = CueKind.SESSION_END if last else CueKind.ROUND_END
        cues.append(Cue(kind, phase.number, phase.end_s))
    # Stable sort: with 0-minute rests a round's end and the next start share a time, end first.
    return tuple(sorted(cues, key=lambda cue: cue.at_s))


def cues_between(plan: Plan, from_s: float | None, to_s: float) -> list[Cue]:
    """Cues with from_s < at_s <= to_s; from_s None (or negative) also takes round 1's start."""
    low = -math.inf if from_s is None or from_s < 0 else from_s
    return [cue for cue in cue_points(plan) if low < cue.at_s <= to_s]


@dataclass(frozen=True)
class Session:
    plan: Plan
    position_s: float  # timeline position when `anchor` was taken (or now, if not running)
    anchor: float | None  # monotonic time of position_s; None unless running
    status: Status
    skipped: tuple[tuple[int, float], ...] = ()  # (phase index, seconds jumped over)
    stop_reason: StopReason | None = None

    # -- transitions ---------------------------------------------------------------------------

    @classmethod
    def start(cls, plan: Plan, now: float) -> Session:
        return cls(plan=plan, position_s=0.0, anchor=now, status=Status.RUNNING)

    def pause(self, now: float) -> Session:
        self._require(now, Status.RUNNING)
        return replace(self, position_s=self.position(now), anchor=None, status=Status.PAUSED)

    def resume(self, now: float) -> Session:
        self._require(now, Status.PAUSED)
        return replace(self, anchor=now, status=Status.RUNNING)

    def skip(self, now: float) -> Session:
        """Jump to the end of the current phase; allowed while paused (it stays paused)."""
        self._require(now, Status.RUNNING, Status.PAUSED)
        position = self.position(now)
        index = self.plan.phase_index_at(position)
        assert index is not None  # _require has ruled out the end
        end = self.plan.phases()[index].end_s
        skipped = (*self.skipped, (index, _snap(end - position)))
        if end >= self.plan.total_s:
            return replace(self, position_s=end, anchor=None, status=Status.FINISHED, skipped=skipped)
        anchor = now if self.status is Status.RUNNING else None
        return replace(self, position_s=end, anchor=anchor, skipped=skipped)

    def stop(self, now: float, reason: StopReason) -> Session:
        self._require(now, Status.RUNNING, Status.PAUSED)
        return replace(
            self,
            position_s=self.position(now),
            anchor=None,
            status=Status.STOPPED,
            stop_reason=StopReason(reason),
        )

    def settle(self, now: float) -> Session:
        """Mark the session finished once its time is up; otherwise return it unchanged.

        Reaching the end is not an action anybody takes, so the UI calls this on every tick.
        """
        if self.status is Status.RUNNING and self.position(now) >= self.plan.total_s:
            return replace(self, position_s=float(self.plan.total_s), anchor=None, status=Status.FINISHED)
        return self

    def _require(self, now: float, *allowed: Status) -> None:
        # A running session whose time is up is over even before settle() has marked it.
        if self.over or self.position(now) >= self.plan.total_s:
            raise SessionError(ErrorCode.ENDED)
        if self.status not in allowed:
            code = ErrorCode.NOT_RUNNING if self.status is Status.PAUSED else ErrorCode.NOT_PAUSED
            raise SessionError(code)

    # -- queries -------------------------------------------------------------------------------

    @property
    def over(self) -> bool:
        return self.status in (Status.FINISHED, Status.STOPPED)

    def position(self, now: float) -> float:
        """Seconds along the plan's timeline (pauses excluded, skips included), at most total_s."""
        if self.status is not Status.RUNNING or self.anchor is None:
            return self.position_s
        # A tick computed just before a resume can carry a `now` older than the anchor.
        elapsed = max(0.0, now - self.anchor)
        return min(float(self.plan.total_s), _snap(self.position_s + elapsed))

    def phase_index(self, now: float) -> int | None:
        """Index into plan.phases(); None once the session is over or its time is up."""
        if self.over:
            return None
        return self.plan.phase_index_at(self.position(now))

    def phase(self, now: float) -> Phase | None:
        index = self.phase_index(now)
        return None if index is None else self.plan.phases()[index]

    def remaining_in_phase(self, now: float) -> int:
        """Whole seconds to show: a 180 s round shows 180 at its start and 1 just before its end."""
        phase = self.phase(now)
        if phase is None:
            return 0
        return math.ceil(phase.end_s - self.position(now))

    def next_change_in(self, now: float) -> float | None:
        """Seconds until remaining_in_phase() or the phase changes; None if not running or done;
        0 when its end has passed unsettled (the ticker woke late: it settles now, with the end's
        cue, instead of stopping on the last second).

        The UI ticker sleeps exactly this long. Every cue sits on a whole second of a phase, so
        it also wakes the ticker at each cue. Woken early, it just sees the same value again.
        """
        if self.status is not Status.RUNNING:
            return None
        phase = self.phase(now)
        if phase is None:
            return 0.0
        position = self.position(now)
        shown = math.ceil(phase.end_s - position)
        return (phase.end_s - (shown - 1)) - position

    def progress_in_phase(self, now: float) -> float:
        """0 at a phase's start, towards 1 at its end; 1 once the session is over."""
        phase = self.phase(now)
        if phase is None:
            return 1.0
        return (self.position(now) - phase.start_s) / phase.length_s

    def massaged_s(self, now: float) -> float:
        """Seconds actually spent massaging: time inside rounds minus time skipped in them."""
        position = self.position(now)
        phases = self.plan.phases()
        rounds = [p for p in phases if p.kind is PhaseKind.ROUND]
        inside = sum(max(0.0, min(position, p.end_s) - p.start_s) for p in rounds)
        jumped = sum(s for i, s in self.skipped if phases[i].kind is PhaseKind.ROUND)
        return _snap(inside - jumped)

    def rounds_done(self, now: float) -> int:
        """Rounds whose end was passed and that were not skipped before half their length."""
        position = self.position(now)
        jumped = dict(self.skipped)
        return sum(
            1
            for i, p in enumerate(self.plan.phases())
            if p.kind is PhaseKind.ROUND and position >= p.end_s and jumped.get(i, 0.0) <= p.length_s / 2
        )

    def total_elapsed(self, now: float) -> float:
        """Seconds lived through in rounds and rests; skipped and paused time excluded."""
        return _snap(self.position(now) - sum(s for _, s in self.skipped))

    def cues_since(self, from_s: float | None, now: float) -> list[Cue]:
        """Cues crossed since timeline position from_s (None: from the very start), except those
        strictly inside a skipped span. Pass position(now) as from_s next time."""
        phases = self.plan.phases()
        spans = [(phases[i].end_s - s, phases[i].end_s) for i, s in self.skipped]
        return [
            cue
            for cue in cues_between(self.plan, from_s, self.position(now))
            if not any(lo < cue.at_s < hi for lo, hi in spans)
        ]

    # -- persistence ---------------------------------------------------------------------------

    def snapshot(self, now: float) -> SessionSnapshot:
        session = self.settle(now)
        return SessionSnapshot(
            round_s=self.plan.round_s,
            rest_s=self.plan.rest_s,
            rounds=self.plan.rounds,
            demo=self.plan.demo,
            position_s=session.position(now),
            skipped=session.skipped,
            status=session.status,
            stop_reason=session.stop_reason,
        )

    @classmethod
    def restore(cls, snapshot: SessionSnapshot, now: float) -> Session:
        """Rebuild a session after a restart, paused where it was.

        The monotonic clock starts over with the process, so a running session cannot carry on
        by itself: the husband resumes it when they are ready. `now` is unused for that reason;
        it is kept so every constructor takes the time the same way.
        """
        del now
        plan = snapshot.plan
        status = snapshot.status
        if status in (Status.RUNNING, Status.PAUSED):
            status = Status.FINISHED if snapshot.position_s >= plan.total_s else Status.PAUSED
        return cls(
            plan=plan,
            position_s=snapshot.position_s,
            anchor=None,
            status=status,
            skipped=snapshot.skipped,
            stop_reason=snapshot.stop_reason,
        )


@dataclass(frozen=True)
class SessionSnapshot:
    """What survives a restart: the plan and the timeline position, no monotonic time."""

    round_s: int
    rest_s: int
    rounds: int
    demo: bool
    position_s: float
    skipped: tuple[tuple[int, float], ...]
    status: Status
    stop_reason: StopReason | None

    @property
    def plan(self) -> Plan:
        return Plan(round_s=self.round_s, rest_s=self.rest_s, rounds=self.rounds, demo=self.demo)

    def to_dict(self) -> dict[str, Any]:
        return {
            "round_s": self.round_s,
            "rest_s": self.rest_s,
            "rounds": self.rounds,
            "demo": self.demo,
            "position_s": self.position_s,
            "skipped": [[index, seconds] for index, seconds in self.skipped],
            "status": self.status.value,
            "stop_reason": None if self.stop_reason is None else self.stop_reason.value,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionSnapshot:
        """Parse what to_dict wrote; raises ValueError on anything a session could not be."""
        try:
            snapshot = cls(
                round_s=_int(data["round_s"]),
                rest_s=_int(data["rest_s"]),
                rounds=_int(data["rounds"]),
                demo=_bool(data["demo"]),
                position_s=_snap(float(data["position_s"])),
                skipped=tuple((_int(i), float(s)) for i, s in data["skipped"]),
                status=Status(data["status"]),
                stop_reason=(None if data["stop_reason"] is None else StopReason(data["stop_reason"])),
            )
            plan = snapshot.plan
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a session snapshot: {error!r}") from error
        if not 0 <= snapshot.position_s <= plan.total_s:
            raise ValueError("position_s outside the plan")
        if not all(0 <= i < len(plan.phases()) and s > 0 for i, s in snapshot.skipped):
            raise ValueError("skipped entry outside the plan")
        if (snapshot.status is Status.STOPPED) != (snapshot.stop_reason is not None):
            raise ValueError("stop_reason goes with status 'stopped' and only with it")
        return snapshot


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _int(value: Any) -> int:
    # bool is an int subclass and a float like 180.5 would truncate silently: both mean bad data.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {value!r}")
    return int(value)
