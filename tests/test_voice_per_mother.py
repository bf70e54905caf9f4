"""The massage's voice is each mother's own, on a real SQLite file: on a midwife's device with two
mothers, mother A's "silent" never becomes mother B's, it survives a restart, and it goes with
her when she is deleted. "Same as last time" names her voice beside her minutes and technique."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.protocol import Build, Technique
from app.services.data import DataService
from app.services.preferences import PreferencesService
from app.services.session import SessionController
from app.store.db import Store, open_store
from app.ui.devices import BEEPS, SILENT, VOICE, VOICE_SETTING
from app.ui.screens import today
from app.ui.state import AppState
from tests.render_harness import make_app


class ModeOnly:
    """Stands in for the page's Devices: only the mode it would play in."""

    mode = VOICE

    def set_mode(self, mode: str) -> None:
        self.mode = mode


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Path, Store, FakeClock]]:
    path = tmp_path / "app.sqlite3"
    clock = FakeClock()
    with open_store(path) as store:
        store.mothers.add(at=clock.wall())  # the device's first mother (A) is there already; B
        yield path, store, clock


def mothers(store: Store):
    a, b = (m.id for m in store.mothers.list())
    return a, b


def test_one_mothers_voice_is_never_anothers(two):
    path, store, clock = two
    a, b = mothers(store)
    prefs = PreferencesService(store)
    prefs.set_for(a, VOICE_SETTING, SILENT)
    assert prefs.get_for(a, VOICE_SETTING) == SILENT
    assert prefs.get_for(b, VOICE_SETTING) is None  # B never chose: the default, not A's
    assert prefs.get(VOICE_SETTING) is None  # and the device's stays as it was
    prefs.set_for(b, VOICE_SETTING, BEEPS)
    assert prefs.get_for(a, VOICE_SETTING) == SILENT
    with open_store(path) as again:  # the app restarted: each has hers
        prefs = PreferencesService(again)
        assert (prefs.get_for(a, VOICE_SETTING), prefs.get_for(b, VOICE_SETTING)) == (SILENT, BEEPS)


def test_a_device_wide_choice_made_before_stays_the_default(two):
    _, store, _ = two
    a, b = mothers(store)
    prefs = PreferencesService(store)
    prefs.set(VOICE_SETTING, BEEPS)  # chosen on this device before the voice was each mother's
    prefs.set_for(a, VOICE_SETTING, VOICE)
    assert (prefs.get_for(a, VOICE_SETTING), prefs.get_for(b, VOICE_SETTING)) == (VOICE, BEEPS)


def test_her_voice_goes_with_her(two):
    _, store, clock = two
    a, b = mothers(store)
    prefs = PreferencesService(store)
    prefs.set_for(a, VOICE_SETTING, SILENT)
    prefs.set_for(b, VOICE_SETTING, BEEPS)
    DataService(store, clock).erase_mother(a)
    assert prefs.get_for(a, VOICE_SETTING) is None
    assert prefs.get_for(b, VOICE_SETTING) == BEEPS


def _massage(app: AppState) -> None:
    c = SessionController(app.scope.store, app.scope.massage.clock)
    c.wizard.round_minutes, c.wizard.rest_minutes = 3, 1
    c.wizard.choose_build(Build.SLIM_NORMAL)
    c.wizard.technique = Technique.THUMBS
    c.begin()
    c.end_early()


def test_choosing_a_mother_plays_her_massage_in_her_voice(two):
    _, store, clock = two
    a, b = mothers(store)
    with i18n.using("en"):
        app = make_app(store, clock)
        devices = ModeOnly()
        app.visitor.devices = devices
        app.choose_mother(a)
        app.set_voice_mode(SILENT)  # the midwife turns the voice off for A's massage
        _massage(app)
        assert devices.mode == SILENT
        assert today.last_choice_text(app) == "3 min a round, 1 min rest\nBoth thumbs · Silent"
        app.choose_mother(b)
        assert app.voice_mode() == VOICE and devices.mode == VOICE  # B's massage speaks
        _massage(app)
        assert today.last_choice_text(app) == "3 min a round, 1 min rest\nBoth thumbs · Voice on"
        app.choose_mother(a)
        assert devices.mode == SILENT
