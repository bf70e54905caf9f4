"""A massage running in one tab while another tab replaces everything with a backup (or deletes
it): two visitors, each with its own connection to one real SQLite file, as the server gives them.

The tab whose massage was removed is told, in words that say what removed it, at its next tick or
tap; it never writes into the row that now has its massage's id (a session from the backup), and
the restore it never saw stays exactly as restored. Its screens go back to Today with the words.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.domain.clock import FakeClock
from app.domain.protocol import Build
from app.domain.records import SessionStatus
from app.i18n import using
from app.services.data import DataService
from app.services.session import SessionController, SessionGone
from app.store.db import open_store
from app.store.removals import Removal
from app.ui.session_model import SessionModel
from app.ui.session_words import ended_elsewhere_text, removed_text
from app.ui.state import AppState


def massage(store, clock) -> SessionController:
    c = SessionController(store, clock)
    c.wizard.demo = True
    c.wizard.choose_build(Build.SLIM_NORMAL)
    return c


def finished_massage(store, clock) -> None:
    c = massage(store, clock)
    c.begin()
    c.end_early()


@pytest.fixture
def two_tabs(tmp_path: Path):
    """The massage's tab and the restoring tab: two connections to one file, one clock."""
    path = tmp_path / "app.sqlite3"
    clock = FakeClock()
    with open_store(path) as running, open_store(path) as restoring:
        yield running, restoring, clock


def test_a_restore_in_another_tab_ends_the_massage_with_its_reason(two_tabs):
    running, restoring, clock = two_tabs
    data = DataService(restoring, clock)
    backup = data.backup_file().data  # made before the massage: it has none
    c = massage(running, clock)
    c.begin()
    clock.advance(2)
    c.tick()  # running, recorded

    assert data.restore(backup).ok
    clock.advance(1)
    with pytest.raises(SessionGone) as gone:
        c.tick()  # the next second of the round
    assert gone.value.removal is Removal.RESTORE
    assert restoring.sessions.list() == []  # nothing written back into the restored data


@pytest.mark.parametrize("tap", ["pause", "skip", "end_early"])
def test_a_tap_after_the_restore_is_told_too_and_writes_nothing(two_tabs, tap):
    running, restoring, clock = two_tabs
    data = DataService(restoring, clock)
    backup = data.backup_file().data
    c = massage(running, clock)
    c.begin()
    assert data.restore(backup).ok
    before = restoring.data.content()
    with pytest.raises(SessionGone):
        getattr(c, tap)()
    assert restoring.data.content() == before


def test_the_id_of_the_removed_massage_naming_a_backups_massage_is_never_written(two_tabs):
    """The backup has a massage of the same mother under the running one's id: the running tab
    must not take it for its own (before, it said "ended in another window, nothing was lost", or
    wrote its rounds into that massage)."""
    running, restoring, clock = two_tabs
    data = DataService(restoring, clock)
    finished_massage(restoring, clock)  # id 1
    one = data.backup_file().data
    clock.advance(60)
    unfinished = massage(restoring, clock)  # id 2, left in progress: a backup made while it ran
    unfinished.begin()
    two = data.backup_file().data
    assert data.restore(one).ok  # back to massage 1 only
    c = massage(running, clock)
    c.begin()
    assert c.session_id == unfinished.session_id  # the same id, another massage
    assert data.restore(two).ok
    restored = restoring.data.content()
    for step in (c.tick, c.pause):
        clock.advance(6)  # past a checkpoint
        with pytest.raises(SessionGone):
            step()
    assert restoring.data.content() == restored
    assert c.record() is None  # the row of that id is not this tab's massage
    kept = restoring.sessions.get(unfinished.session_id)
    assert kept is not None and kept.uuid == unfinished.session_uuid and kept.status is SessionStatus.IN_PROGRESS


@pytest.mark.parametrize("removal", [Removal.ERASE, Removal.ERASE_MOTHER])
def test_a_delete_in_another_tab_ends_the_massage_with_its_reason(two_tabs, removal):
    running, restoring, clock = two_tabs
    data = DataService(restoring, clock)
    c = massage(running, clock)
    c.begin()
    if removal is Removal.ERASE:
        data.erase()
    else:
        data.erase_mother(running.mother_id)
    with pytest.raises(SessionGone) as gone:
        c.tick()
    assert gone.value.removal is removal


def test_a_merge_in_another_tab_leaves_the_massage_running(two_tabs):
    running, restoring, clock = two_tabs
    data = DataService(restoring, clock)
    backup = data.backup_file().data
    c = massage(running, clock)
    c.begin()
    assert data.merge(backup).ok
    clock.advance(6)
    c.tick()
    c.end_early()
    record = c.record()
    assert record is not None and record.status is SessionStatus.ENDED_EARLY


def test_the_tab_goes_back_to_today_and_keeps_the_words_until_read(two_tabs):
    running, restoring, clock = two_tabs
    app = AppState.open(running, clock, lang="en")
    app.session = SessionModel()
    app.session.attach(app.scope.massage, None)
    app.scope.massage.wizard.demo = True
    app.scope.massage.wizard.choose_build(Build.SLIM_NORMAL)
    data = DataService(restoring, clock)
    backup = data.backup_file().data

    async def body() -> None:
        app.go("/session/setup")
        app.go("/session/run")
        app.session._step_s = 0.0
        app.session.start()
        for _ in range(20):
            await asyncio.sleep(0)
        assert app.scope.massage.active
        assert data.restore(backup).ok
        clock.advance(1)  # the round's next second: the timer task wakes
        for _ in range(200):
            await asyncio.sleep(0.01)
            if app.massage_removed:
                break

    with using("en"):
        asyncio.run(body())
        words = removed_text(Removal.RESTORE)
    assert app.massage_removed == words
    assert "replaced with a backup" in words and "not saved" in words
    assert app.stack == ["/"]  # Today
    assert not app.scope.massage.active
    assert app.session.problem == words and app.session.problem != ended_elsewhere_text()
    app.dismiss_removed()
    assert app.massage_removed is None
