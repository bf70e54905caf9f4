"""A midwife's demonstration: the session flow at demonstration speed with the "Why?" panels open and
large drawings; it leaves nothing in any mother's diary. Every path that reads massages is checked
(Today's morning and evening, Today's interrupted-massage card, the massage history, the diary's
history and trends, the visit summary)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import cast

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.protocol import Build
from app.services.diary import HalfDay
from app.services.summary import SummaryService
from app.store.db import open_store
from app.ui.screens import demonstrate, history, session_finish, session_landmarks, session_position, visit
from app.ui.state import AppState
from tests.render_harness import Mounted, make_app, walk


@pytest.fixture
def app(tmp_path) -> Iterator[AppState]:
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        app = make_app(store, FakeClock())
        store.profile.save(
            Profile(mother_name="Siti", baby_birth_date=app.visitor.clock.wall().date() - timedelta(days=4)),
            at=app.visitor.clock.wall(),
        )
        yield app


def _demonstrate(app: AppState, *, finish: bool = True) -> None:
    screen = Mounted(visit.Visit, app)
    screen.tap("open-demo")
    assert app.route == "/session/setup"
    wiz = app.scope.massage.wizard
    assert wiz.demo and wiz.teaching and wiz.plan().demo
    wiz.choose_build(Build.SLIM_NORMAL)
    app.scope.massage.begin()
    if finish:
        cast(FakeClock, app.visitor.clock).advance(80)  # 3 x 20 s rounds and 2 x 5 s rests: over
        app.scope.massage.tick()
    app.session.refresh()


def why_panels(view) -> list[tuple]:
    """The "Why?" panels a screen draws, as (step, open at first): nested components, not drawn here."""
    body = view.controls[0].content.controls
    return [node.args for node in body if type(node).__name__ == "Component" and node.fn.__name__ == "WhyPanel"]


def test_the_demonstration_opens_the_why_panels_and_draws_large(app):
    Mounted(visit.Visit, app).tap("open-demo")
    position = Mounted(session_position.Position, app)
    assert why_panels(position.view) == [("position", True)]
    landmarks = Mounted(session_landmarks.Landmarks, app)
    assert why_panels(landmarks.view) == [("landmarks", True)]
    canvases = [n for n in walk(landmarks.view) if type(n).__name__ == "Canvas"]
    assert canvases and max(c.width or 0 for c in canvases) >= 328  # the whole width of a phone's screen


def test_an_ordinary_massage_keeps_the_panels_closed(app):
    app.scope.massage.reset_wizard()
    position = Mounted(session_position.Position, app)
    assert why_panels(position.view) == [("position", False)]


def test_the_demonstration_finishes_without_a_rating_and_goes_back_to_the_visit(app):
    _demonstrate(app)
    app.reset("/visit", "/session/finish")
    screen = Mounted(session_finish.Finish, app)
    assert "comfort-3" not in screen.identifiers()
    assert "This was a demonstration, not a real massage." in " ".join(screen.texts())
    screen.tap("finish-demo-done")
    assert app.stack == ["/", "/visit"]
    assert app.scope.massage.session is None


def test_a_demonstration_is_in_no_diary_read_path(app):
    _demonstrate(app)
    app.scope.massage.close()
    assert app.scope.store.sessions.list(include_demo=True)  # it is stored, marked demo (the store keeps it)
    today = app.scope.diary.today_summary()
    assert (today.morning, today.evening) == (HalfDay.NOT_YET, HalfDay.NOT_YET)
    assert "No massages yet. Start one from the home screen." in Mounted(history.History, app).texts()
    diary_history = app.scope.diary.history("7")
    assert diary_history.massage_days == set() and all(d.sessions == [] for d in diary_history.days)
    summary = SummaryService(app.scope.store, app.visitor.clock).summary()
    assert summary.sessions == [] and all(d.massages == 0 for d in summary.days)


def test_an_interrupted_demonstration_is_offered_as_a_demonstration_not_a_massage(app):
    _demonstrate(app, finish=False)
    # The tab is closed mid-round: another window (a new controller) after the lease has run out.
    other = make_app(app.scope.store, app.visitor.clock)
    app.visitor.clock.advance(60)
    record = other.scope.massage.pending()
    assert record is not None and record.demo  # it can be resumed or ended, like any session
    assert (other.scope.diary.today_summary().morning, other.scope.diary.today_summary().evening) == (
        HalfDay.NOT_YET,
        HalfDay.NOT_YET,
    )


def test_a_busy_massage_sends_the_midwife_home_first(app):
    app.scope.massage.wizard.choose_build(Build.SLIM_NORMAL)
    app.scope.massage.begin()  # a real massage is running in this window
    demonstrate.start_demonstration(app)
    assert app.stack == ["/"]
    assert not app.scope.massage.wizard.teaching
