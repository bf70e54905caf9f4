"""A massage whose page went away, on a real SQLite file with a fake clock: a closed tab lets its
massage go at once (Home offers Resume a moment later, not after the lease), a reload keeps it,
and the "press more lightly" reminder chosen after a pain stop survives a crash and a resume."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.protocol import Build
from app.services.session import SessionController
from app.store.db import open_store
from app.store.repositories import LEASE_S
from app.ui.screens import today
from app.ui.screens.session_run import _cue_text
from app.ui.session_model import SessionModel
from app.ui.session_words import ended_elsewhere_text
from app.ui.state import AppState
from tests.render_harness import make_app

LIGHTER = "Press more lightly."


def running(store, clock: FakeClock, seconds: float = 20) -> SessionController:
    """A real massage (3-minute rounds), `seconds` into round 1."""
    c = SessionController(store, clock)
    c.wizard.choose_build(Build.SLIM_NORMAL)
    c.begin()
    c.tick()
    clock.advance(seconds)
    c.tick()
    return c


def closed_tab(c: SessionController) -> SessionModel:
    """The page's model over `c`, as the shell has it, when its tab closes."""
    model = SessionModel()
    model.attach(c, None)
    model.disconnect()
    return model


def test_a_closed_tab_lets_its_massage_go_at_once(fresh_db, clock):
    tab = running(fresh_db, clock)
    reopened = SessionController(fresh_db, clock)
    assert reopened.pending() is None  # running in the first tab: not another's to take
    closed_tab(tab)
    clock.advance(1)  # the app opened again a second later, well inside the lease
    pending = reopened.pending()
    assert pending is not None and pending.id == tab.session_id
    reopened.take_over(pending)  # as Home's Resume does
    reopened.resume()
    assert SessionController(fresh_db, clock).pending() is None  # held again: by the new page
    kinds = [e["kind"] for e in fresh_db.sessions.events(pending.id)]
    assert kinds == ["start", "pause", "released", "restore", "resume"]


def test_home_offers_resume_a_second_after_the_tab_closed(tmp_path):
    clock = FakeClock()
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        closed_tab(running(store, clock))
        clock.advance(1)
        app = make_app(store, clock)  # the new page's visitor
        assert today._unfinished_card(app) is not None
        app.session._step_s = 0.0
        today.resume_unfinished(app)
        assert app.route == "/session/run" and app.scope.massage.active


def test_a_reload_keeps_the_massage_its_own(fresh_db, clock):
    tab = running(fresh_db, clock)
    model = closed_tab(tab)
    model.reconnect()  # the same tab came back
    clock.advance(1)
    assert SessionController(fresh_db, clock).pending() is None
    assert model.problem is None and tab.active
    model.disconnect()  # Flet's on_close after its on_disconnect: let go once, not twice
    model.disconnect()
    kinds = [e["kind"] for e in fresh_db.sessions.events(tab.session_id)]
    assert kinds == ["start", "pause", "released", "returned", "released"]


def test_a_reload_after_another_page_took_over_says_so(fresh_db, clock):
    tab = running(fresh_db, clock)
    model = closed_tab(tab)
    other = SessionController(fresh_db, clock)
    pending = other.pending()
    assert pending is not None
    other.take_over(pending)
    model.reconnect()  # the old tab came back: the massage is the other page's now
    assert model.problem == ended_elsewhere_text() and not tab.active
    assert [e["kind"] for e in fresh_db.sessions.events(pending.id)][-1] == "restore"


def _rounds_screen_says(app: AppState) -> str:
    app.session.refresh()
    return _cue_text(app, app.session)


@pytest.mark.parametrize("lighter", [True, False])
def test_the_press_lighter_reminder_survives_a_crash(tmp_path, lighter):
    path = tmp_path / "app.sqlite3"
    clock = FakeClock()
    with open_store(path) as store, i18n.using("en"):
        app = make_app(store, clock)
        app.session._step_s = 0.0  # the "3, 2, 1" count at once
        c = app.scope.massage
        c.wizard.choose_build(Build.SLIM_NORMAL)
        c.begin()
        clock.advance(30)
        app.session.stop_hurts()  # "Stop, it hurts": paused, the choice offered
        if lighter:
            app.session.continue_lighter()  # go on more gently
        else:
            app.session.resume()  # (a plain Resume: no reminder)
        assert (LIGHTER in _rounds_screen_says(app)) is lighter
        clock.advance(10)
        c.tick()  # the round runs on; then the process is killed (no goodbye)
    later = FakeClock(start_wall=clock.wall() + timedelta(seconds=LEASE_S + 5), start_mono=7.0)
    with open_store(path) as store, i18n.using("en"):  # a new process on the same file
        app = make_app(store, later)
        app.session._step_s = 0.0
        assert today._unfinished_card(app) is not None
        today.resume_unfinished(app)
        assert app.route == "/session/run" and app.scope.massage.active
        assert (LIGHTER in _rounds_screen_says(app)) is lighter
        app.scope.massage.end_early()
        app.scope.massage.close()
        app.session.refresh()
        assert not app.session.lighter  # the next massage starts without it
