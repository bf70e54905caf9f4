"""The one redraw: every write through the visitor's services moves the revision on (so the
screens subscribed to it draw again), a read never does; and a mother's scope is hers alone and
frozen: choosing another mother makes another scope. A real SQLite file, the visitor as the shell
makes it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.quiz import Phase
from app.store.db import Store
from app.ui.scope import MotherScope
from app.ui.state import AppState
from tests.render_harness import make_app

TODAY = date(2026, 11, 22)  # FakeClock's day


@pytest.fixture
def app(fresh_db: Store, clock: FakeClock) -> AppState:
    fresh_db.profile.save(Profile(mother_name="Ani", baby_birth_date=TODAY - timedelta(days=4)), at=clock.wall())
    return make_app(fresh_db, clock)


WRITES: dict[str, Callable[[AppState], object]] = {
    "a report": lambda app: app.scope.diary.save_report(TODAY, {**app.scope.diary.form(TODAY), "flow": "well"}),
    "her details": lambda app: app.scope.diary.save_profile(
        {"mother_name": "Ani", "baby_birth_date": (TODAY - timedelta(days=4)).isoformat()}
    ),
    "reminder times": lambda app: app.scope.reminders.save({"morning": "06:30", "evening": "20:00"}),
    "a quiz": lambda app: app.scope.teaching.save_quiz(Phase.BEFORE, {}),
    "a mother added": lambda app: app.visitor.mothers.add(),
    "the role": lambda app: app.visitor.mothers.set_role("midwife"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=list(WRITES))
def test_every_write_through_a_service_moves_the_revision_on(app: AppState, write):
    before = app.visitor.revision.number
    write(app)
    assert app.visitor.revision.number > before


def test_reading_never_moves_it(app: AppState):
    before = app.visitor.revision.number
    app.scope.diary.today_summary()
    app.scope.diary.history("30")
    app.scope.reminders.texts()
    app.visitor.mothers.summaries()
    assert app.visitor.revision.number == before


def test_a_refused_write_does_not_redraw_as_if_it_were_kept(app: AppState):
    before = app.visitor.revision.number
    times, errors = app.scope.reminders.save({"morning": "25:99", "evening": "20:00"})
    assert times is None and errors == {"morning": "invalid_time"}
    assert app.visitor.revision.number == before


def test_choosing_another_mother_makes_another_scope_and_leaves_hers_as_it_was(app: AppState):
    ani = app.scope
    with pytest.raises(dataclasses.FrozenInstanceError):
        ani.mother_id = ani.mother_id  # type: ignore[misc]
    app.scope.diary.save_report(TODAY, {**app.scope.diary.form(TODAY), "flow": "well"})
    app.scope.diary.delete_report(TODAY)  # Ani's Undo is pending

    citra = app.add_mother()

    assert isinstance(app.scope, MotherScope) and app.scope is not ani
    assert app.scope.mother_id == citra and ani.mother_id != citra
    assert app.scope.diary.deleted is None and app.scope.diary.undo_delete() is False  # not Ani's
    assert app.scope.diary.today_summary().report is None
    assert ani.diary.undo_delete() is True  # Ani's own scope still has it, and only hers
    assert ani.diary.today_summary().report is not None
