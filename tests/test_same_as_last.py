"""'Same as last time' on Today: her last massage's build, technique, minutes and rest, on a real SQLite
file; the safety questions are asked again every time, then straight to where to massage and Start."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.protocol import CONTRAINDICATIONS, Build, Technique
from app.services.session import SessionController
from app.services.wizard import SafetyAnswer
from app.store.db import open_store
from app.store.repositories import LEASE_S
from app.ui.screens import session_safety, today
from app.ui.state import AppState
from tests.render_harness import make_app


@pytest.fixture
def app(tmp_path) -> Iterator[AppState]:
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        yield make_app(store, FakeClock())


def massage(app: AppState, *, demo: bool = False, end: bool = True) -> None:
    """A massage with 4-minute rounds, 2-minute rests, the backs of the index fingers; ended early
    at once (how it ended does not matter), or left running (`end=False`)."""
    c = SessionController(app.scope.store, app.scope.massage.clock)
    c.wizard.demo = demo
    c.wizard.round_minutes, c.wizard.rest_minutes = 4, 2
    c.wizard.choose_build(Build.SLIM_NORMAL)
    c.wizard.technique = Technique.INDEX_BACKS
    c.begin()
    if end:
        c.end_early()


def answer_safety(app: AppState, answer: SafetyAnswer = SafetyAnswer.NO) -> None:
    wiz = app.scope.massage.wizard
    wiz.safety = dict.fromkeys(CONTRAINDICATIONS, answer)
    wiz.caesarean = SafetyAnswer.NO


def test_nothing_to_repeat_before_her_first_massage(app):
    assert app.scope.massage.last_choice() is None
    assert today.last_choice_text(app) is None
    massage(app, demo=True)  # a demonstration is never her massage
    assert today.last_choice_text(app) is None


def test_it_repeats_her_choices_and_asks_the_safety_questions_again(app):
    massage(app)
    assert today.last_choice_text(app) == "4 min a round, 2 min rest\nBacks of the index fingers · Voice on"
    with i18n.using("id"):
        assert (
            today.last_choice_text(app)
            == "4 menit per ulangan, istirahat 2 menit\nPunggung jari telunjuk · Dengan suara"
        )
    asked: list[bool] = []
    today.same_as_last(app, asked.append)
    assert asked == [] and app.route == "/session/safety"
    wiz = app.scope.massage.wizard
    assert (wiz.round_minutes, wiz.rest_minutes, wiz.build, wiz.technique) == (
        4,
        2,
        Build.SLIM_NORMAL,
        Technique.INDEX_BACKS,
    )
    assert wiz.safety == {} and wiz.caesarean is None and wiz.questions_left() > 0  # asked every time
    assert wiz.plan().round_s == 240 and wiz.plan().rest_s == 120
    answer_safety(app)
    assert session_safety.next_route(wiz) == "/session/landmarks"  # then where to massage, and Start
    answer_safety(app, SafetyAnswer.YES)
    assert session_safety.next_route(wiz) == "/session/unsafe"  # a "yes" still stops it


def test_the_full_way_still_goes_through_the_preparation(app):
    app.scope.massage.reset_wizard()
    answer_safety(app)
    assert session_safety.next_route(app.scope.massage.wizard) == "/session/prep"


def test_an_unfinished_massage_is_asked_about_first(app):
    massage(app)
    massage(app, end=False)  # left running when the page was closed
    cast(FakeClock, app.scope.massage.clock).advance(LEASE_S + 1)  # its heartbeat has stopped
    asked: list[bool] = []
    before = app.scope.massage.wizard
    today.same_as_last(app, asked.append)
    assert asked == [True] and app.scope.massage.wizard is before
