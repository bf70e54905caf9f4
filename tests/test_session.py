import json
import random

import pytest

from app.domain.clock import FakeClock
from app.domain.protocol import Plan
from app.domain.session import (
    Cue,
    CueKind,
    ErrorCode,
    Session,
    SessionError,
    SessionSnapshot,
    Status,
    StopReason,
    cue_points,
    cues_between,
)

STANDARD = Plan.standard(3, 1)  # R1 0-180, rest 180-240, R2 240-420, rest 420-480, R3 480-660
LONG = Plan.standard(5, 1)  # R1 0-300, rest 300-360, R2 360-660, rest 660-720, R3 720-1020
DEMO = Plan.demonstration()  # R1 0-20, rest 20-25, R2 25-45, rest 45-50, R3 50-70


def drive(session: Session, clock: FakeClock, steps) -> Session:
    """Apply steps: a number advances the clock; a name is a transition taken at that moment."""
    for step in steps:
        now = clock.monotonic()
        if isinstance(step, (int, float)):
            clock.advance(step)
        elif step == "pain":
            session = session.stop(now, StopReason.PAIN)
        else:
            session = getattr(session, step)(now)
    return session


def run_ticker(plan: Plan, clock: FakeClock, max_late: float, seed: int):
    """What the UI does: settle, play crossed cues, show, sleep next_change_in (woken late)."""
    rng = random.Random(seed)
    session = Session.start(plan, clock.monotonic())
    shown: list[tuple[int, float]] = []
    played: list = []
    last = None
    while True:
        now = clock.monotonic()
        session = session.settle(now)
        played += session.cues_since(last, now)
        last = session.position(now)
        index = session.phase_index(now)
        if index is None:
            return session, shown, played
        shown.append((index, session.remaining_in_phase(now)))
        wait = session.next_change_in(now)
        assert wait is not None  # a phase is running, so something changes next
        clock.advance(wait + rng.uniform(0, max_late))


def countdown(plan: Plan) -> list[tuple[int, int]]:
    return [(i, s) for i, p in enumerate(plan.phases()) for s in range(int(p.length_s), 0, -1)]


# -- whole sessions ----------------------------------------------------------------------------


def test_time_paused_does_not_count(clock):
    session = drive(
        Session.start(LONG, clock.monotonic()),
        clock,
        [120, "pause", 600, "resume", 180, "pause", 30, "resume", 719.999],  # 1 ms before the end
    )
    assert session.position(clock.monotonic()) == 1019.999
    assert session.settle(clock.monotonic()).status is Status.RUNNING


def test_full_session_with_pauses_finishes_with_every_round_massaged(clock):
    session = drive(
        Session.start(LONG, clock.monotonic()),
        clock,
        [120, "pause", 600, "resume", 180, "pause", 30, "resume", 720, "settle"],
    )
    now = clock.monotonic()
    assert (session.status, session.massaged_s(now), session.rounds_done(now)) == (
        Status.FINISHED,
        900,
        3,
    )


def test_skips_are_not_massage_time(clock):
    session = drive(
        Session.start(LONG, clock.monotonic()),
        clock,
        [
            200,
            "skip",  # R1 skipped with 100 s left: under half, still counts as done
            10,
            "skip",  # rest 1 cut by 50 s
            100,
            "skip",  # R2 skipped with 200 s left: over half, not done
            60,  # rest 2 in full
            300,
            "settle",  # R3 in full
        ],
    )
    now = clock.monotonic()
    assert session.skipped == ((0, 100.0), (1, 50.0), (2, 200.0))
    assert (session.status, session.massaged_s(now), session.rounds_done(now)) == (
        Status.FINISHED,
        600,
        2,
    )
    assert session.total_elapsed(now) == 670  # 200 + 10 + 100 + 60 + 300


def test_pain_stop_in_round_two_keeps_exact_totals(clock):
    session = drive(
        Session.start(LONG, clock.monotonic()),
        clock,
        [300, 60, 40.25, "pause", 90, "resume", 55, "pain", 600],  # stops 95.25 s into R2
    )
    now = clock.monotonic()
    assert (session.status, session.stop_reason) == (Status.STOPPED, StopReason.PAIN)
    assert (session.massaged_s(now), session.rounds_done(now)) == (395.25, 1)
    assert session.position(now) == 455.25


def test_resume_after_a_restart_continues_to_the_end(clock):
    session = drive(Session.start(LONG, clock.monotonic()), clock, [400.5])  # 40.5 s into R2
    saved = json.dumps(session.snapshot(clock.monotonic()).to_dict())
    # A new process: its monotonic clock starts somewhere else entirely.
    later = FakeClock(start_mono=7.25)
    restored = Session.restore(SessionSnapshot.from_dict(json.loads(saved)), later.monotonic())
    assert (restored.status, restored.position(later.monotonic())) == (Status.PAUSED, 400.5)
    restored = drive(restored, later, [3600, "resume", 619.499])  # 1 ms before the end
    assert restored.settle(later.monotonic()).status is Status.RUNNING
    restored = drive(restored, later, [0.001, "settle"])
    now = later.monotonic()
    assert (restored.status, restored.massaged_s(now), restored.rounds_done(now)) == (
        Status.FINISHED,
        900,
        3,
    )


@pytest.mark.parametrize(
    "skip_at, done",
    [
        (10, 0),  # skipped almost at once: not a round
        (89.999, 0),  # 1 ms short of half of 180 s
        (90, 1),  # exactly half massaged counts
        (179, 1),  # skipped in the last second
    ],
)
def test_a_round_counts_when_at_least_half_was_massaged(clock, skip_at, done):
    session = drive(Session.start(STANDARD, clock.monotonic()), clock, [skip_at, "skip"])
    assert session.rounds_done(clock.monotonic()) == done


# -- display: countdown and ticker -------------------------------------------------------------


@pytest.mark.parametrize(
    "plan, max_late, seed",
    [
        (STANDARD, 0.0, 0),  # ticker wakes exactly on each boundary: float error must not bite
        (STANDARD, 0.040, 1),  # woken up to 40 ms late
        (STANDARD, 0.040, 2),  # another draw
        (DEMO, 0.0, 0),  # demonstration, exact
        (DEMO, 0.040, 3),  # demonstration, late
    ],
)
def test_ticker_shows_every_second_once(clock, plan, max_late, seed):
    _, shown, _ = run_ticker(plan, clock, max_late, seed)
    assert shown == countdown(plan)


@pytest.mark.parametrize(
    "start_mono",
    [
        1000.0,  # the default fake base
        123456.789,  # an awkward base: large, not a power of two
    ],
)
def test_ticker_is_exact_whatever_the_monotonic_base(start_mono):
    _, shown, _ = run_ticker(STANDARD, FakeClock(start_mono=start_mono), 0.0, 0)
    assert shown == countdown(STANDARD)


@pytest.mark.parametrize(
    "at, phase_index, remaining",
    [
        (0.0, 0, 180),  # start of round 1 shows its full length
        (0.001, 0, 180),  # still the first second
        (0.999, 0, 180),  # last ms of the first second
        (1.0, 0, 179),  # first second gone
        (179.999, 0, 1),  # just before round 1 ends
        (180.0, 1, 60),  # exactly at the boundary: the rest's full length
        (239.999, 1, 1),  # end of the rest
        (240.0, 2, 180),  # round 2 begins
        (659.999, 4, 1),  # last ms of the session
    ],
)
def test_remaining_at_boundaries(clock, at, phase_index, remaining):
    session = Session.start(STANDARD, clock.monotonic())
    clock.advance(at)
    now = clock.monotonic()
    assert (session.phase_index(now), session.remaining_in_phase(now)) == (phase_index, remaining)


@pytest.mark.parametrize(
    "at, expected",
    [
        (0.0, 1.0),  # a full second until 179
        (0.25, 0.75),  # mid-second
        (179.5, 0.5),  # until the rest starts
        (180.0, 1.0),  # a phase's first second is whole too
        (665.0, 0.0),  # past the end, not settled yet (the ticker woke late): settle at once
    ],
)
def test_next_change_in(clock, at, expected):
    session = Session.start(STANDARD, clock.monotonic())
    clock.advance(at)
    assert session.next_change_in(clock.monotonic()) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    "steps",
    [
        [10, "pause"],  # paused: nothing changes on its own
        [660, "settle"],  # finished
        [10, "pain"],  # stopped
    ],
)
def test_no_next_change_when_not_running(clock, steps):
    session = drive(Session.start(STANDARD, clock.monotonic()), clock, steps)
    assert session.next_change_in(clock.monotonic()) is None


@pytest.mark.parametrize(
    "at, progress",
    [
        (0, 0.0),  # start of round 1
        (90, 0.5),  # half way through round 1
        (210, 0.5),  # half way through rest 1
        (660, 1.0),  # time is up
    ],
)
def test_progress_in_phase(clock, at, progress):
    session = Session.start(STANDARD, clock.monotonic())
    clock.advance(at)
    assert session.progress_in_phase(clock.monotonic()) == progress


def test_a_stale_now_before_the_anchor_does_not_go_backwards(clock):
    before = clock.monotonic()
    session = drive(Session.start(STANDARD, before), clock, [10, "pause", 5, "resume"])
    assert session.position(before) == 10


def test_settle_leaves_an_unfinished_session_alone(clock):
    session = drive(Session.start(STANDARD, clock.monotonic()), clock, [659.999])
    assert session.settle(clock.monotonic()) is session


def test_settle_is_idempotent_once_finished(clock):
    session = drive(Session.start(STANDARD, clock.monotonic()), clock, [700, "settle", 5])
    assert session.settle(clock.monotonic()) is session


# -- cues --------------------------------------------------------------------------------------


def test_cue_points_of_the_standard_plan():
    assert [(c.kind, c.round_number, c.at_s) for c in cue_points(STANDARD)] == [
        (CueKind.ROUND_START, 1, 0),
        (CueKind.LAST_SECONDS, 1, 170),
        (CueKind.ROUND_END, 1, 180),
        (CueKind.ROUND_START, 2, 240),
        (CueKind.LAST_SECONDS, 2, 410),
        (CueKind.ROUND_END, 2, 420),
        (CueKind.ROUND_START, 3, 480),
        (CueKind.LAST_SECONDS, 3, 650),
        (CueKind.SESSION_END, 3, 660),  # takes the place of round 3's ROUND_END
    ]


def test_demo_rounds_warn_at_ten_seconds_left():
    assert [c.at_s for c in cue_points(DEMO) if c.kind is CueKind.LAST_SECONDS] == [10, 35, 60]


def test_without_rests_a_round_ends_before_the_next_starts():
    assert [(c.kind, c.round_number) for c in cue_points(Plan.standard(3, 0)) if c.at_s == 180] == [
        (CueKind.ROUND_END, 1),
        (CueKind.ROUND_START, 2),
    ]


@pytest.mark.parametrize(
    "from_s, to_s, expected",
    [
        (None, 0, [Cue(CueKind.ROUND_START, 1, 0)]),  # first tick: the session starts
        (-1, 0, [Cue(CueKind.ROUND_START, 1, 0)]),  # negative means the same
        (0, 169.9, []),  # start already played, warning not reached
        (169.9, 170, [Cue(CueKind.LAST_SECONDS, 1, 170)]),  # the upper bound is included
        (170, 179, []),  # the lower bound is not
    ],
)
def test_cues_between(from_s, to_s, expected):
    assert cues_between(STANDARD, from_s, to_s) == expected


@pytest.mark.parametrize(
    "plan, max_late, seed",
    [
        (STANDARD, 0.0, 0),  # ticks exactly on time
        (STANDARD, 0.040, 4),  # ticks up to 40 ms late
        (DEMO, 0.040, 5),  # demonstration, late
        (Plan.standard(3, 0), 0.040, 6),  # shared instants when rests are 0
    ],
)
def test_each_cue_plays_once_with_late_ticks(clock, plan, max_late, seed):
    _, _, played = run_ticker(plan, clock, max_late, seed)
    assert played == list(cue_points(plan))


def test_each_cue_plays_once_with_very_late_ticks(clock):
    session, played, last = Session.start(STANDARD, clock.monotonic()), [], None
    while not session.over:
        session = session.settle(clock.monotonic())
        played += session.cues_since(last, clock.monotonic())
        last = session.position(clock.monotonic())
        clock.advance(7.3)  # a busy phone: several cues can fall between two ticks
    assert played == list(cue_points(STANDARD))


@pytest.mark.parametrize(
    "handled, steps, expected",
    [
        # skipped right after a tick at 100 s: round 1's warning (170) is not played, its end is
        (100, [100, "skip", 1], [Cue(CueKind.ROUND_END, 1, 180)]),
        # last tick at 150, skipped at 160 before the next one: still no warning
        (150, [160, "skip", 1], [Cue(CueKind.ROUND_END, 1, 180)]),
        # warning already played at 175: only the round end remains
        (175, [175, "skip", 1], [Cue(CueKind.ROUND_END, 1, 180)]),
        # skipping a rest lands on the next round's start
        (185, [185, "skip", 1], [Cue(CueKind.ROUND_START, 2, 240)]),
        # skipping the last round plays the session end, not round 3's warning
        (500, [500, "skip"], [Cue(CueKind.SESSION_END, 3, 660)]),
    ],
)
def test_skip_plays_the_landing_cue_but_not_the_skipped_warning(clock, handled, steps, expected):
    session = drive(Session.start(STANDARD, clock.monotonic()), clock, steps)
    assert session.cues_since(handled, clock.monotonic()) == expected


# -- transitions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "steps, action, code",
    [
        ([10], "resume", ErrorCode.NOT_PAUSED),  # resume while running
        ([10, "pause"], "pause", ErrorCode.NOT_RUNNING),  # pause while paused
        ([660, "settle"], "pause", ErrorCode.ENDED),  # pause after the end
        ([660], "pause", ErrorCode.ENDED),  # time up though not yet settled
        ([700], "skip", ErrorCode.ENDED),  # skip past the end
        ([10, "pain"], "resume", ErrorCode.ENDED),  # resume after a pain stop
        ([10, "pain"], "skip", ErrorCode.ENDED),  # skip after a stop
        ([10, "pain"], "pain", ErrorCode.ENDED),  # stop twice
        ([500, "skip"], "skip", ErrorCode.ENDED),  # skipping the last round finished it
    ],
)
def test_impossible_transitions_raise(clock, steps, action, code):
    session = drive(Session.start(STANDARD, clock.monotonic()), clock, steps)
    with pytest.raises(SessionError) as raised:
        drive(session, clock, [action])
    assert raised.value.code is code


@pytest.mark.parametrize(
    "steps, status, position",
    [
        ([10, "pause", 5, "skip"], Status.PAUSED, 180),  # skip while paused stays paused
        ([10, "skip", 5], Status.RUNNING, 185),  # skip while running keeps running
        ([10, "pause", 700, "pain"], Status.STOPPED, 10),  # paused never runs out of time
    ],
)
def test_allowed_transitions(clock, steps, status, position):
    session = drive(Session.start(STANDARD, clock.monotonic()), clock, steps)
    assert (session.status, session.position(clock.monotonic())) == (status, position)


def test_stop_records_the_reason(clock):
    session = Session.start(STANDARD, clock.monotonic())
    session = session.stop(clock.monotonic(), StopReason.ENDED_EARLY)
    assert session.stop_reason is StopReason.ENDED_EARLY


def test_transitions_return_new_sessions(clock):
    session = Session.start(STANDARD, clock.monotonic())
    session.pause(clock.monotonic())
    assert session.status is Status.RUNNING


# -- persistence -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "steps, status, position, stop_reason",
    [
        ([400.5], Status.PAUSED, 400.5, None),  # running becomes paused where it was
        ([30, "pause", 99], Status.PAUSED, 30, None),  # paused stays paused
        ([700], Status.FINISHED, 660, None),  # running past the end is finished
        ([30, "pain"], Status.STOPPED, 30, StopReason.PAIN),  # stopped keeps its reason
        ([660, "settle"], Status.FINISHED, 660, None),  # finished stays finished
    ],
)
def test_restore(clock, steps, status, position, stop_reason):
    session = drive(Session.start(STANDARD, clock.monotonic()), clock, steps)
    data = json.loads(json.dumps(session.snapshot(clock.monotonic()).to_dict()))
    restored = Session.restore(SessionSnapshot.from_dict(data), 5.0)
    assert (restored.status, restored.position(5.0), restored.stop_reason) == (
        status,
        position,
        stop_reason,
    )


def test_snapshot_round_trips_through_json(clock):
    session = drive(Session.start(DEMO, clock.monotonic()), clock, [3, "skip", 2.5, "pause"])
    snapshot = session.snapshot(clock.monotonic())
    assert SessionSnapshot.from_dict(json.loads(json.dumps(snapshot.to_dict()))) == snapshot


GOOD = {
    "round_s": 180,
    "rest_s": 60,
    "rounds": 3,
    "demo": False,
    "position_s": 200.0,
    "skipped": [[0, 20.0]],
    "status": "paused",
    "stop_reason": None,
}


@pytest.mark.parametrize(
    "change",
    [
        {"position_s": 661.0},  # beyond the plan
        {"position_s": -1.0},  # before the start
        {"status": "sleeping"},  # unknown status
        {"stop_reason": "pain"},  # a reason without a stop
        {"status": "stopped"},  # a stop without a reason
        {"skipped": [[9, 1.0]]},  # no such phase
        {"round_s": 180.5},  # not whole seconds
        {"round_s": 0},  # an impossible plan
        {"demo": "no"},  # not a boolean
        {"skipped": None},  # wrong shape
        {"rounds": None},  # missing value
    ],
)
def test_from_dict_rejects_bad_data(change):
    with pytest.raises(ValueError):
        SessionSnapshot.from_dict({**GOOD, **change})


def test_from_dict_accepts_good_data():
    assert SessionSnapshot.from_dict(GOOD).position_s == 200.0
