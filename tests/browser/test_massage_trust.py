"""The massage flow a husband can trust (issue 13), in Chromium at 360x800 with the internet blocked:
Back mid-round pauses; a second start asks about the unfinished one; a pain stop never ticks the
half-day done; End asks first; "Not sure" stops before any massage; the countdown says "paused";
every control on the way is at least 48x48."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from app import i18n
from app.domain.daypart import PartOfDay, part_of_day
from app.services.data import DataService
from app.store.db import open_store
from app.ui.session_words import removed_text
from tests.browser.test_session_flow import (
    answer_safety,
    reveal,
    rows,
    tap_in_view,
    walk_to_rounds,
)
from tests.testday import CLOCK, local_now

# Not about what is said: beeps only, so that a spoken prompt does not make the page draw
# every frame meanwhile (see the `beeps_only` fixture).
pytestmark = pytest.mark.usefixtures("beeps_only")

MIN_TARGET = 48
# Only what a finger taps: the identifiers of the wizard's screens that are not controls.
NOT_TARGETS = ("countdown", "today-day", "massage-", "report-status", "session-")


def _id(text: str) -> str:
    with i18n.using("id"):
        return i18n._(text)


def _status(app) -> str:
    return rows(app.server, "select status from sessions order by id desc limit 1")[0][0]


def _aria(app, identifier: str) -> str:
    """What a screen reader says for the control: its label (Flutter writes it as the node's
    aria-label, or as the node's text)."""
    el = app.el(identifier)
    return el.get_attribute("aria-label") or el.inner_text()


def _wait_attr(app, identifier: str, attr: str, value: str) -> None:
    app.page.wait_for_selector(f'[flt-semantics-identifier="{identifier}"][{attr}="{value}"]', state="attached")


def _size(app, el) -> tuple[float, float]:
    """A control's size as Flutter lays it out; one cut by the edge of a scrolling list is first
    scrolled to the middle of the screen (Flutter reports only the visible part)."""
    width, height = el.evaluate("e => [e.offsetWidth, e.offsetHeight]")
    if width >= MIN_TARGET and height >= MIN_TARGET:
        return width, height
    y = el.bounding_box()["y"]
    app.page.mouse.move(180, 400)
    app.page.mouse.wheel(0, y - 300)
    with contextlib.suppress(PlaywrightTimeout):  # a list that cannot scroll further keeps its place
        app.page.wait_for_function(
            "([e, y]) => e.getBoundingClientRect().y !== y", arg=[el.element_handle(), y], timeout=3_000
        )
    width, height = el.evaluate("e => [e.offsetWidth, e.offsetHeight]")
    return width, height


def _small_targets(app) -> list[tuple[str, float, float]]:
    """Every control with an identifier on the screen now that is smaller than 48x48: its own
    size, also where the list clips it at the screen's edge."""
    found = []
    for el in app.page.locator("[flt-semantics-identifier]").all():
        name = el.get_attribute("flt-semantics-identifier") or ""
        if name.startswith(NOT_TARGETS):
            continue
        width, height = _size(app, el)
        if width < MIN_TARGET or height < MIN_TARGET:
            found.append((name, width, height))
    return found


def test_every_control_on_the_way_to_the_rounds_is_at_least_48_by_48(open_app):
    app = open_app("id")
    app.tap("start-session")
    app.wait_for("demo-switch")
    small = _small_targets(app)
    app.tap("demo-switch")
    _wait_attr(app, "demo-switch", "aria-checked", "true")
    app.tap("to-safety")
    app.wait_for("safety-fever_ill-no")
    small += _small_targets(app)
    answer_safety(app)
    app.tap("safety-next")
    app.wait_for("prep-oil")
    small += _small_targets(app)
    app.tap("to-position")
    app.wait_for("to-technique")
    small += _small_targets(app)
    app.tap("to-technique")
    app.tap("build-slim_normal")
    app.wait_for("technique-index_backs")
    small += _small_targets(app)
    app.tap("to-landmarks")
    app.wait_for("start-round")
    small += _small_targets(app)
    assert small == []


def test_not_sure_leads_to_ask_the_midwife_first_and_keeps_the_list_where_it_was(open_app, server):
    app = open_app("id")
    before = rows(server, "select count(*) from sessions")
    app.tap("start-session")
    app.tap("to-safety")
    answer_safety(app, unsafe="back_injury", answer="unsure")
    # The last answer, far down the list: tapping it redraws the screen, not the scroll position.
    box = reveal(app, "safety-pregnant-yes")
    tap_in_view(app, "safety-pregnant-unsure")
    _wait_attr(app, "safety-pregnant-unsure", "aria-current", "true")
    assert app.el("safety-pregnant-yes").bounding_box()["y"] == box["y"]
    assert app.el("safety-pregnant-no").get_attribute("aria-current") == "false"  # one answer, the chosen one
    app.tap("safety-next")
    app.see(_id("Ask the midwife first"))
    app.see(_id("You were not sure about:"))
    app.see(_id("A back or spine injury"))
    app.see(_id("Pregnancy"))
    reveal(app, "call-midwife")  # the safety stop offers the call (here: add her number first)
    app.see(_id("Add the midwife's phone"))
    app.shot("10-safety-unsure")
    app.tap("unsafe-home")
    app.wait_for("start-session")
    assert rows(server, "select count(*) from sessions") == before


def test_back_mid_round_pauses_and_shows_resume_and_end(open_app, server):
    app = open_app("id")
    walk_to_rounds(app, demo=True)
    app.tap("back")
    app.el("pause-resume").filter(has_text=_id("Resume")).wait_for(state="attached")
    app.wait_for("end-top")  # End stays where it always is, in the app bar
    # The countdown's own label says so (it may come a frame after the buttons change).
    app.el("countdown").filter(has_text=_id("Paused")).wait_for(state="attached")
    assert _id("Paused") in _aria(app, "countdown")
    assert _status(app) == "in_progress"
    # A paused massage stays put: its countdown does not move.
    app.holds(lambda: _aria(app, "countdown"), 2.5, "the paused countdown")
    app.tap("end-top")
    app.tap("confirm-yes")
    app.wait_for("finish-save")
    app.tap("finish-save")


def test_a_second_start_asks_to_resume_or_end_the_unfinished_one(open_app, server):
    app = open_app("id")
    walk_to_rounds(app, demo=True)
    app.tap("back")  # pauses
    app.el("pause-resume").filter(has_text=_id("Resume")).wait_for(state="attached")
    app.tap("back")  # paused: home, where the massage waits
    app.wait_for("resume-pending")
    app.tap("start-session")
    app.wait_for("dialog-resume")
    app.wait_for("dialog-end")
    app.shot("13-unfinished")
    app.tap("dialog-end")
    app.wait_for("finish-save")
    assert _status(app) == "ended_early"
    app.tap("finish-save")
    app.wait_for("back")  # the history
    assert rows(server, "select count(*) from sessions where status = 'in_progress'") == [(0,)]


def test_after_a_pain_stop_the_half_day_is_not_ticked_done(open_app, server):
    app = open_app("id")
    row = "massage-morning" if part_of_day(local_now()) is PartOfDay.MORNING else "massage-evening"
    label = _id("This morning") if row == "massage-morning" else _id("This evening")
    walk_to_rounds(app, demo=False)  # a real massage: a demonstration never counts
    app.tap("stop-hurts")
    app.tap("pain-end")
    app.wait_for("finish-save")
    assert _status(app) == "stopped_pain"
    app.tap("finish-save")
    app.tap("back")
    app.wait_for(row)
    # ... and says how many rounds were done (none: it hurt at once)
    assert _aria(app, row) == f"{label}: {_id('stopped: it hurt')} (0 dari 3 ulangan)"
    assert _id("done") not in _aria(app, row).split(": ")[-1]


def test_end_asks_first_and_no_keeps_the_massage_running(open_app, server):
    app = open_app("id")
    walk_to_rounds(app, demo=True)
    app.tap("end-top")
    app.tap("confirm-no")
    app.el("confirm-no").wait_for(state="detached")
    assert _status(app) == "in_progress"
    first = _aria(app, "countdown")
    app.page.wait_for_function(  # still running: the countdown moves on
        "([label]) => { const e = document.querySelector('[flt-semantics-identifier=\"countdown\"]');"
        " return e !== null && (e.getAttribute('aria-label') || e.innerText) !== label; }",
        arg=[first],
        timeout=5_000,
    )
    app.tap("end-top")
    app.tap("confirm-yes")
    app.wait_for("finish-save")
    assert _status(app) == "ended_early"
    app.tap("finish-save")


def test_the_countdown_says_paused_in_the_visitors_language(open_app, server):
    with open_store(server.db_file) as store:  # before the massage: restoring it removes the massage
        backup = DataService(store, CLOCK).backup_file().data
    for lang in ("id", "en"):
        app = open_app(lang)
        walk_to_rounds(app, demo=True)
        app.tap("pause-resume")
        with i18n.using(lang):
            paused = i18n._("Paused")
            app.el("pause-resume").filter(has_text=i18n._("Resume")).wait_for(state="attached")
        assert _aria(app, "countdown").startswith(paused)
        # Another copy of the app replaces everything with a backup meanwhile: at its next
        # heartbeat the paused tab says so, in her language, on Today, until she closes the words.
        # (Ending a massage by hand: test_end_asks_first_and_no_keeps_the_massage_running.)
        with open_store(server.db_file) as store:
            assert DataService(store, CLOCK).restore(backup).ok
        with i18n.using(lang):
            words = removed_text(None)
        app.el("massage-removed").get_by_text(words).wait_for(state="attached")
        app.wait_for("start-session")
        app.shot("15-massage-removed")
        app.tap("massage-removed-close")
        app.el("massage-removed").wait_for(state="detached")
        assert rows(server, "select count(*) from sessions where status = 'in_progress'") == [(0,)]
