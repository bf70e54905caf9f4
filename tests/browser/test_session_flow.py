"""The guided session as a family uses it, in Chromium at 360x800 with the internet blocked."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

import pytest

from app.domain.protocol import CONTRAINDICATIONS

# Not about what is said: beeps only, so that a spoken prompt does not make the page draw
# every frame meanwhile (see the `beeps_only` fixture).
pytestmark = pytest.mark.usefixtures("beeps_only")

# True when the centre of the element is what a finger there would touch: on screen, and not
# under the app bar or the fixed bottom buttons of a scrolling screen.
_HIT = """e => { const r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return hit !== null && (hit === e || e.contains(hit)); }"""
_SCROLL_STEP = 160
_MAX_SCROLLS = 12


def leaving_the_device(urls: list[str]) -> list[str]:
    """The requests that went (or tried to go) anywhere but the app's own server."""
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]


def rows(server, sql: str) -> list[tuple]:
    with sqlite3.connect(server.db_file) as db:
        return db.execute(sql).fetchall()


def reveal(app, identifier: str) -> dict:
    """Scroll the screen with the mouse wheel, as a thumb would, until the control can be touched.

    (Playwright's own scrolling moves the accessibility tree but not Flutter's list, so a click
    would land on whatever is drawn there.) Returns the control's box."""
    loc = app.wait_for(identifier)
    for _ in range(_MAX_SCROLLS):
        if loc.evaluate(_HIT):
            return loc.bounding_box()
        box = loc.bounding_box()
        before = box["y"] if box else None
        app.page.mouse.move(180, 400)
        app.page.mouse.wheel(0, -_SCROLL_STEP if box and box["y"] < 100 else _SCROLL_STEP)
        app.page.wait_for_function(
            "([e, y]) => e.getBoundingClientRect().y !== y", arg=[loc.element_handle(), before], timeout=5_000
        )
    raise AssertionError(f"{identifier} never came into reach")


def tap_in_view(app, identifier: str) -> None:
    box = reveal(app, identifier)
    app.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def answer_safety(app, unsafe: str | None = None, answer: str = "yes") -> None:
    """Answer every safety question "no", except `unsafe`, answered `answer` (yes / unsure); the
    operasi sesar question last ("no")."""
    for code in (*CONTRAINDICATIONS, "caesarean"):
        choice = answer if code == unsafe else "no"
        tap_in_view(app, f"safety-{code}-{choice}")
        app.page.wait_for_selector(
            f'[flt-semantics-identifier="safety-{code}-{choice}"][aria-current="true"]', state="attached"
        )


def seed_past_massages(server) -> None:
    """Three whole massages of the days before (yesterday morning and evening, the morning before),
    finished as the app finishes them: the history a family has after a few days, so that its
    picture shows what they will see, not one lone entry."""
    from datetime import datetime, timedelta

    from app.domain.records import SessionProgress, SessionStatus
    from app.store.db import open_store
    from tests.test_store import new_session
    from tests.testday import TODAY, local_now

    zone = local_now().tzinfo
    with open_store(server.db_file) as store:
        for days, hour, minute, technique in ((2, 6, 40, "thumbs"), (1, 7, 5, "thumbs"), (1, 18, 50, "index_backs")):
            day = TODAY - timedelta(days=days)
            start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
            sid = store.sessions.create(new_session(start, rest_s=60, technique=technique, snapshot={}))
            done = SessionProgress(at=start + timedelta(minutes=12), snapshot={}, rounds_done=3, massaged_s=540.0)
            store.sessions.finish(sid, SessionStatus.COMPLETED, done)


def walk_to_rounds(app, *, demo: bool, shots: bool = False, start: bool = True) -> None:
    """From Home through the wizard to the rounds (with start=False: up to the tap on Start)."""
    app.tap("start-session")
    app.wait_for("to-safety")
    if demo:
        app.tap("demo-switch")
        app.page.wait_for_selector('[flt-semantics-identifier="demo-switch"][aria-checked="true"]', state="attached")
    if shots:
        app.shot("02-setup")
    app.tap("to-safety")
    app.wait_for("safety-fever_ill-no")
    answer_safety(app)
    if shots:
        app.shot("03-safety")  # the answers chosen, Next open
    app.tap("safety-next")
    app.wait_for("to-position")
    app.tap("prep-oil")
    if shots:
        app.shot("04-preparation")
    app.tap("to-position")
    app.wait_for("to-technique")
    if shots:
        app.shot("04-position")
    app.tap("to-technique")
    app.tap("build-slim_normal")
    app.wait_for("technique-thumbs")
    if shots:
        app.shot("05-technique")
    app.tap("to-landmarks")
    app.wait_for("start-round")
    if shots:
        app.shot("06-landmarks")
    if not start:
        return
    app.tap("start-round")
    app.wait_for("stop-hurts")  # after the "3, 2, 1" count


def test_a_yes_in_the_safety_check_stops_before_any_massage(open_app, server):
    app = open_app("id")
    before = rows(server, "select count(*) from sessions")
    app.tap("start-session")
    app.tap("to-safety")
    answer_safety(app, unsafe="fever_ill")
    app.tap("safety-next")
    app.see("Jangan memijat hari ini")
    app.see("Demam")
    app.shot("10-safety-stop")
    app.tap("unsafe-home")
    app.wait_for("start-session")
    assert rows(server, "select count(*) from sessions") == before


def _countdown(app) -> str:
    return app.el("countdown").get_attribute("aria-label") or app.el("countdown").inner_text()


def _countdown_moves_from(app, label: str) -> None:
    app.page.wait_for_function(
        "([label]) => { const e = document.querySelector('[flt-semantics-identifier=\"countdown\"]');"
        " return e !== null && (e.getAttribute('aria-label') || e.innerText) !== label; }",
        arg=[label],
        timeout=10_000,
    )


def _round_runs(app) -> None:
    """Resumed: the "get ready" count is over and the round's own time is counting down."""
    app.page.wait_for_function(
        "() => { const e = document.querySelector('[flt-semantics-identifier=\"countdown\"]');"
        " const label = e === null ? '' : (e.getAttribute('aria-label') || e.innerText);"
        " return /\\d:\\d\\d/.test(label) && !/^(Dijeda|Bersiap|Paused|Get ready)/.test(label); }",
        timeout=15_000,
    )


def test_pause_holds_the_countdown_and_resume_continues(open_app, server):
    seed_past_massages(server)  # the history's picture shows a few days of use
    app = open_app("id")
    walk_to_rounds(app, demo=False)
    app.tap("pause-resume")
    app.see("Dijeda")
    # The countdown's own label says so too (it may come a frame after the words under it): only
    # then is what it shows the paused value that must hold.
    app.el("countdown").filter(has_text="Dijeda").wait_for(state="attached")
    first = _countdown(app)
    app.holds(lambda: _countdown(app), 2.5, "the paused countdown")  # nothing moves while paused
    app.tap("pause-resume")
    _countdown_moves_from(app, first)  # the count, then the round runs on
    # This browser asks for less motion (tests/browser/conftest.py): the markers step, never glide.
    app.wait_for("stop-hurts")
    assert "animate_position" not in app.props_sent
    app.tap("stop-hurts")
    app.tap("pain-end")
    app.wait_for("finish-save")
    app.see("Dihentikan karena sakit")
    status = rows(server, "select status from sessions order by id desc limit 1")
    assert status == [("stopped_pain",)]
    app.tap("finish-save")
    app.see("Dihentikan: sakit")  # the history lists her real massage (the demonstration before is not)
    app.shot("09-history")


def test_switching_to_english_is_remembered(open_app, server):
    app = open_app("id")
    app.tap("open-settings")
    app.tap("language-en")
    app.see("Language")
    app.shot("11-settings")
    app.tap("back")
    app.see("Start a massage")
    again = open_app("id")  # a new tab in an Indonesian browser: the choice stays
    again.see("Start a massage")
    again.tap("open-settings")
    again.tap("language-id")
    again.see("Bahasa")


def test_reload_mid_session_pauses_and_keeps_what_was_done(open_app, server):
    app = open_app("id")
    walk_to_rounds(app, demo=False)
    app.page.wait_for_function(  # 6 s or more massaged, so at least one checkpoint (every 5 s) is saved
        "() => { const e = document.querySelector('[flt-semantics-identifier=\"countdown\"]');"
        " return e !== null && /2:5[0-4]/.test(e.getAttribute('aria-label') || e.innerText); }",
        timeout=20_000,
    )
    app.page.reload()
    app.wait_ready()
    # The reloaded tab finds the session paused where it was, with Resume and End at hand.
    app.see("Dijeda", timeout=15_000)
    app.el("pause-resume").filter(has_text="Lanjutkan").wait_for(state="attached")
    app.wait_for("end-top")
    app.shot("12-resume")
    massaged = rows(server, "select massaged_s from sessions order by id desc limit 1")[0][0]
    assert massaged >= 2
    app.tap("pause-resume")
    app.see("Ulangan ke-1 dari 3")
    _round_runs(app)  # resumed: the count, then the round runs on
    # The tab is closed mid-round and the app opened again at once: Home offers Resume now, not
    # once the closed tab's heartbeat lease (15 s) has run out.
    app.page.close()
    app = open_app("id")  # a new tab of the same browser
    app.wait_for("start-session")
    assert app.el("resume-pending").count() == 1, "Home does not offer to resume the massage just closed"
    app.tap("resume-pending")
    _round_runs(app)  # taken over here: the count, then the round runs on
    app.tap("pause-resume")
    app.see("Dijeda")
    app.tap("end-top")
    app.tap("confirm-yes")
    app.wait_for("finish-save")
    status = rows(server, "select status, massaged_s from sessions order by id desc limit 1")[0]
    assert status[0] == "ended_early" and status[1] >= massaged
