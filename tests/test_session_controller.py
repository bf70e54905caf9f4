"""The session controller on a real SQLite file with a fake clock: what the screens rely on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.clock import FakeClock
from app.domain.protocol import Build, Contraindication, PhaseKind, Technique
from app.domain.records import SessionRecord, SessionStatus
from app.domain.session import CueKind, Session, Status
from app.services.session import CHECKPOINT_EVERY_S, SessionController, SessionView
from app.services.wizard import SafetyAnswer, Wizard
from app.store.db import open_store
from app.store.repositories import LEASE_S


def record_of(c: SessionController) -> SessionRecord:
    """The controller's stored record, which these tests expect to exist."""
    record = c.record()
    assert record is not None, "no session record was stored"
    return record


def view_of(c: SessionController) -> SessionView:
    view = c.view()
    assert view is not None, "no session is running"
    return view


def session_of(c: SessionController) -> Session:
    assert c.session is not None, "no session is running"
    return c.session


def make(store, clock, *, demo=False, round_minutes=3, rest_minutes=1) -> SessionController:
    c = SessionController(store, clock)
    c.wizard.demo = demo
    c.wizard.round_minutes = round_minutes
    c.wizard.rest_minutes = rest_minutes
    c.wizard.choose_build(Build.SLIM_NORMAL)
    return c


def run_to_end(c: SessionController, clock: FakeClock) -> list:
    cues = c.tick()
    while c.active:
        delay = c.next_tick_in()
        assert delay is not None
        clock.advance(delay)
        cues += c.tick()
    return cues


def test_choose_build_picks_the_technique_of_that_build():
    w = Wizard()
    w.choose_build(Build.HEAVIER)
    assert w.technique is Technique.FISTS
    w.choose_build(Build.SLIM_NORMAL)
    assert w.technique is Technique.THUMBS
    w.technique = Technique.INDEX_BACKS
    w.choose_build(Build.SLIM_NORMAL)  # keeps a choice that fits the build
    assert w.technique is Technique.INDEX_BACKS


@pytest.mark.parametrize(
    ("answers", "reasons"),
    [
        ({}, []),  # nothing answered yet: no reason (the screen keeps Next disabled)
        ({Contraindication.PREGNANT: SafetyAnswer.NO}, []),  # a "no" is no reason
        ({Contraindication.PREGNANT: SafetyAnswer.YES}, [Contraindication.PREGNANT]),  # a "yes" stops the massage
        ({Contraindication.BLEEDING: SafetyAnswer.NOT_SURE}, [Contraindication.BLEEDING]),  # in doubt: ask the midwife
        (
            {Contraindication.PREGNANT: SafetyAnswer.YES, Contraindication.FEVER_ILL: SafetyAnswer.NOT_SURE},
            [Contraindication.FEVER_ILL, Contraindication.PREGNANT],
        ),  # listed in the order they are asked
    ],
)
def test_a_yes_or_a_not_sure_in_the_safety_check_is_a_reason_not_to_massage(answers, reasons):
    w = Wizard()
    w.safety = dict(answers)
    assert w.unsafe_reasons() == reasons


def test_demonstration_session_runs_hands_free_to_the_end_and_is_stored_as_demo(fresh_db, clock):
    c = make(fresh_db, clock, demo=True)
    c.begin()
    cues = run_to_end(c, clock)
    kinds = [cue.kind for cue in cues]
    assert kinds.count(CueKind.ROUND_START) == 3
    assert kinds.count(CueKind.LAST_SECONDS) == 3
    assert kinds[-1] is CueKind.SESSION_END
    record = record_of(c)
    assert record.demo is True
    assert record.status is SessionStatus.COMPLETED
    assert record.rounds_done == 3
    assert record.massaged_s == pytest.approx(60.0)
    kinds_stored = [e["kind"] for e in fresh_db.sessions.events(record.id)]
    assert kinds_stored[0] == "start" and kinds_stored[-1] == "finish"
    assert kinds_stored.count("phase") == 4  # round1->rest1->round2->rest2->round3


def test_pain_stop_records_why_and_what_was_done(fresh_db, clock):
    c = make(fresh_db, clock, round_minutes=3)
    c.begin()
    c.tick()
    clock.advance(200)  # round 1 done (180 s), 20 s into the rest
    c.tick()
    clock.advance(40 + 30)  # 30 s into round 2
    c.tick()
    c.stop_for_pain()
    record = record_of(c)
    assert record.status is SessionStatus.STOPPED_PAIN
    assert record.rounds_done == 1
    assert record.massaged_s == pytest.approx(210.0)
    assert not c.active


def test_heartbeat_checkpoints_progress_without_event_rows(fresh_db, clock):
    c = make(fresh_db, clock)
    c.begin()
    c.tick()
    clock.advance(CHECKPOINT_EVERY_S + 1)
    c.tick()
    record = record_of(c)
    assert record.massaged_s == pytest.approx(CHECKPOINT_EVERY_S + 1)
    assert [e["kind"] for e in fresh_db.sessions.events(record.id)] == ["start"]


def test_a_killed_app_resumes_from_the_last_checkpoint(tmp_path, clock):
    path = tmp_path / "app.sqlite3"
    with open_store(path) as s1:
        c1 = make(s1, clock)
        c1.begin()
        c1.tick()
        clock.advance(60)
        c1.tick()  # checkpoint at 60 s, then the process dies without a goodbye
    # Restarted a minute later: the session's lease (its last heartbeat) has run out.
    later = FakeClock(start_wall=clock.wall() + timedelta(minutes=1), start_mono=5.0)
    with open_store(path) as s2:
        c2 = SessionController(s2, later)
        pending = c2.pending()
        assert pending is not None and pending.status is SessionStatus.IN_PROGRESS
        c2.take_over(pending)  # as Home's Resume does
        c2.resume()
        assert session_of(c2).status is Status.RUNNING
        assert view_of(c2).remaining_s == 120
        assert c2.wizard.technique is Technique.THUMBS
        run_to_end(c2, later)
        assert record_of(c2).status is SessionStatus.COMPLETED
        assert record_of(c2).massaged_s == pytest.approx(540.0)


def test_a_closed_tab_pauses_the_session_so_nothing_counts_while_away(fresh_db, clock):
    c = make(fresh_db, clock)
    c.begin()
    clock.advance(30)
    c.pause()  # what the rounds screen does when its tab goes away
    clock.advance(3600)  # the phone sat in a pocket for an hour
    again = SessionController(fresh_db, clock)
    pending = again.pending()
    assert pending is not None
    again.take_over(pending)  # as Home's "End it and save" does
    again.end_early()
    record = record_of(again)
    assert record.status is SessionStatus.ENDED_EARLY
    assert record.massaged_s == pytest.approx(30.0)


def test_pause_resume_and_skip_are_each_one_event(fresh_db, clock):
    c = make(fresh_db, clock)
    c.begin()
    clock.advance(10)
    c.pause()
    clock.advance(100)
    c.resume()
    c.skip()
    kinds = [e["kind"] for e in fresh_db.sessions.events(c.session_id)]
    assert kinds == ["start", "pause", "resume", "skip"]
    assert view_of(c).phase_kind is PhaseKind.REST
    assert record_of(c).massaged_s == pytest.approx(10.0)


def test_a_tap_after_time_ran_out_finishes_instead_of_failing(fresh_db, clock):
    c = make(fresh_db, clock, demo=True)
    c.begin()
    clock.advance(1000)
    c.pause()  # would be an impossible transition on a finished session
    assert record_of(c).status is SessionStatus.COMPLETED


def test_rating_is_saved_and_close_leaves_a_fresh_wizard(fresh_db, clock):
    c = make(fresh_db, clock, demo=True)
    c.begin()
    run_to_end(c, clock)
    c.rate(4, True)
    sid = c.session_id
    c.close()
    record = fresh_db.sessions.get(sid)
    assert (record.comfort, record.letdown) == (4, True)
    assert c.session is None and c.wizard.build is None


def test_a_massage_running_in_another_tab_is_not_offered_until_its_lease_runs_out(fresh_db, clock):
    running = make(fresh_db, clock)
    running.begin()
    other_tab = SessionController(fresh_db, clock)
    clock.advance(LEASE_S - 1)
    assert other_tab.pending() is None  # still beating (its start is its last heartbeat)
    clock.advance(1)  # the running tab went silent for a whole lease: killed or closed
    pending = other_tab.pending()
    assert pending is not None and pending.id == running.session_id
