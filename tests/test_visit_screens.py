"""The KF visits on the screens without a browser: the visit screen's card (nothing to mark
without a birth date; the visit due offered; Undo), the week (a tap opens that mother's visit).
The flow in a real browser: tests/browser/test_visits.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.visits import DoneVisit, Visit
from app.store.db import Store, open_store
from app.ui.screens import due, visit
from tests.render_harness import Mounted, make_app

CLOCK = FakeClock()
NOW = CLOCK.wall()
DAY = NOW.astimezone().date()


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    with open_store(tmp_path / "app.sqlite3") as opened, i18n.using("en"):
        yield opened


def born(store: Store, name: str, days: int) -> Store:
    blank = store.mothers.first_blank()
    her = store.mother(blank if blank is not None else store.mothers.add(at=NOW))
    her.profile.save(Profile(mother_name=name, baby_birth_date=DAY - timedelta(days=days)), at=NOW)
    return her


def test_without_a_birth_date_there_is_nothing_to_mark(store):
    screen = Mounted(visit.Visit, make_app(store, CLOCK))
    assert "kf-mark-done" not in screen.identifiers()
    assert any("Enter the baby's birth date" in text for text in screen.texts())


def test_the_visit_due_is_offered_and_a_done_one_can_be_undone(store):
    her = born(store, "Ani", 5)
    app = make_app(store, CLOCK)
    screen = Mounted(visit.Visit, app)
    assert "Mark KF2 visit done" in screen.texts()
    assert any(text.startswith("KF2 is due now (days 3-7 after birth): until ") for text in screen.texts())
    her.visits.mark(DoneVisit(visit=Visit.KF2, done_on=DAY), at=NOW)
    screen.draw()
    assert {"kf-change-kf2", "kf-undo-kf2"} <= screen.identifiers()
    assert "Mark KF1 visit done" in screen.texts()  # KF1, overdue, is the one left to offer
    screen.tap("kf-undo-kf2")
    assert app.notice == "KF2 is no longer marked done."
    assert her.visits.done() == []


def test_a_row_of_the_week_opens_that_mothers_visit(store):
    born(store, "Ani", 5)
    sari = born(store, "Sari", 10)
    lina = born(store, "Lina", 400)
    app = make_app(store, CLOCK)
    screen = Mounted(due.Due, app)
    rows = {i for i in screen.identifiers() if i.startswith("due-") and i != "due-count"}
    assert f"due-{sari.mother_id}-kf3" in rows
    assert not any(str(lina.mother_id) in row for row in rows)  # a mother of last year owes nothing
    screen.tap(f"due-{sari.mother_id}-kf3")
    assert app.scope.mother_id == sari.mother_id and app.route == visit.ROUTE
