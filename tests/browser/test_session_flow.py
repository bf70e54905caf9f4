"""The guided session as a family uses it, in Chromium at 360x800 with the internet blocked."""

from __future__ import annotations

import sqlite3
import time
from urllib.parse import urlsplit

from app.domain.protocol import CONTRAINDICATIONS


def leaving_the_device(urls: list[str]) -> list[str]:
    """The requests that went (or tried to go) anywhere but the app's own server."""
    return [u for u in urls if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]


def rows(server, sql: str) -> list[tuple]:
    with sqlite3.connect(server.db_file) as db:
        return db.execute(sql).fetchall()


def answer_safety(app, unsafe: str | None = None) -> None:
    for code in CONTRAINDICATIONS:
        app.tap(f"safety-{code}-{'yes' if code == unsafe else 'no'}")


def walk_to_rounds(app, *, demo: bool, shots: bool = False) -> None:
    app.tap("start-session")
    app.wait_for("to-safety")
    if demo:
        app.tap("demo-switch")
        app.see("20")
    if shots:
        app.shot("02-setup")
    app.tap("to-safety")
    app.wait_for("safety-fever_ill-no")
    answer_safety(app)
    if shots:
        app.shot("03-safety")
    app.tap("safety-next")
    app.wait_for("to-technique")
    if shots:
        app.shot("04-preparation")
    app.tap("prep-oil")
    app.tap("to-technique")
    app.tap("build-slim_normal")
    app.wait_for("technique-thumbs")
    if shots:
        app.shot("05-technique")
    app.tap("to-landmarks")
    app.wait_for("start-round")
    if shots:
        app.shot("06-landmarks")
    app.tap("start-round")
    app.wait_for("stop-hurts")


def test_demonstration_session_from_home_to_history_in_indonesian(open_app, server):
    app = open_app("id")
    app.see("Mulai pijat")
    app.shot("01-home")
    walk_to_rounds(app, demo=True, shots=True)
    app.see("Putaran 1 dari 3")
    app.see("KECEPATAN DEMONSTRASI")
    app.shot("07-rounds")
    # Hands-free: no tap until the end (3 x 20 s rounds, 2 x 5 s rests).
    app.wait_for("finish-save", timeout=90_000)
    app.see("Lap minyak")
    app.tap("comfort-4")
    app.tap("letdown-yes")
    app.shot("08-finish")
    app.tap("finish-save")
    app.see("Demonstrasi")
    app.see("3 dari 3 putaran")
    app.shot("09-history")
    saved = rows(server, "select demo, status, rounds_done, comfort, letdown from sessions order by id desc limit 1")
    assert saved == [(1, "completed", 3, 4, 1)]
    assert open_app.requests  # the recorder saw the page load, so an empty list below means something
    assert leaving_the_device(open_app.requests) == []
    assert open_app.csp_violations == []  # ... and the policy that keeps it so stopped nothing the app needs


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


def test_pause_holds_the_countdown_and_resume_continues(open_app, server):
    app = open_app("id")
    walk_to_rounds(app, demo=False)
    time.sleep(1.5)
    app.tap("pause-resume")
    app.see("Dijeda")
    first = _countdown(app)
    time.sleep(2.5)
    assert _countdown(app) == first  # nothing moves while paused
    app.tap("pause-resume")
    time.sleep(2.2)
    assert _countdown(app) != first
    app.tap("stop-hurts")
    app.wait_for("finish-save")
    app.see("Dihentikan karena sakit")
    status = rows(server, "select status from sessions order by id desc limit 1")
    assert status == [("stopped_pain",)]
    app.tap("finish-save")


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
    time.sleep(3)
    app.page.reload()
    app.wait_ready()
    # The reloaded tab finds the session paused where it was, with Resume and End at hand.
    app.see("Dijeda", timeout=15_000)
    app.shot("12-resume")
    massaged = rows(server, "select massaged_s from sessions order by id desc limit 1")[0][0]
    assert massaged >= 2
    app.tap("pause-resume")
    app.see("Putaran 1 dari 3")
    time.sleep(1.5)
    app.tap("end-session")
    app.wait_for("finish-save")
    status = rows(server, "select status, massaged_s from sessions order by id desc limit 1")[0]
    assert status[0] == "ended_early" and status[1] > massaged
