"""The timer in the browser: a demonstration-speed massage driven in headless Chromium (countdown,
recorded round ends, WebSocket messages, server and Chromium CPU time while running and paused),
then every screen and the server's memory against the baseline page."""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.benchmarks.baseline import IDENTIFIER as BASELINE_BUTTON
from tests.benchmarks.browser import APP, BASELINE, TODAY_BUTTON, new_page, seed_app_dir
from tests.benchmarks.countdown import countdown_changes, countdown_check, watch_countdown
from tests.benchmarks.dot import SETTLED_S, STEADY_S, dot_cpu
from tests.benchmarks.procs import browser_cpu_s, cpu_s, launch, peak_rss_kb, rss_kb
from tests.browser.conftest import AppPage

POLL_S = 0.1


@dataclass
class Trace:
    """What was seen while a massage ran: countdown labels, WebSocket frames, server CPU time."""

    labels: list[tuple[float, str]] = field(default_factory=list)  # (monotonic, aria-label) at each change
    # (monotonic, bytes, a redraw?) of each message sent to the page; the others are calls such as
    # "play this sound" or "vibrate". Times are when Playwright handed the event over (within POLL_S).
    frames: list[tuple[float, int, bool]] = field(default_factory=list)
    cpu: list[tuple[float, float]] = field(default_factory=list)  # (monotonic, server CPU seconds)
    browser: list[tuple[float, float]] = field(default_factory=list)  # (monotonic, Chromium's CPU seconds)

    def window(self, start: float, end: float) -> dict[str, float]:
        frames = [(n, patch) for t, n, patch in self.frames if start <= t < end]
        seconds = end - start
        return {
            "seconds": seconds,
            "frames_per_s": len(frames) / seconds,
            "redraws_per_s": sum(1 for _, patch in frames if patch) / seconds,
            "bytes_per_s": sum(n for n, _ in frames) / seconds,
            "cpu_ms_per_s": rate(self.cpu, start, end) * 1000,
            "browser_cpu_ms_per_s": rate(self.browser, start, end) * 1000,
        }


def rate(samples: list[tuple[float, float]], start: float, end: float) -> float:
    """Growth per second of a sampled counter (CPU seconds) between `start` and `end`."""
    inside = [c for c in samples if start <= c[0] <= end]
    return (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0]) if len(inside) > 1 else float("nan")


def is_patch(payload: bytes | str) -> bool:
    """A redraw: Flet's msgpack message carrying a patch of the screen's controls. A patch of the
    page's services only (`_services`: an Audio player added the first time a spoken prompt plays)
    is a sound being set up, counted with the other messages, not as a redraw."""
    data = payload if isinstance(payload, bytes) else payload.encode()
    return b"\xa5patch" in data and b"\xa9_services" not in data


def watch_frames(page, trace: Trace) -> None:
    def on_ws(ws) -> None:
        ws.on("framereceived", lambda payload: trace.frames.append((time.monotonic(), len(payload), is_patch(payload))))

    page.on("websocket", on_ws)


AUDIO_CLOSES_S = 20.0  # Chromium closes an audio output about 15 s after its last sound


def sample_quietly(app: AppPage, trace: Trace, pid: int, seconds: float) -> None:
    """The CPU counters (server and Chromium) once a second for `seconds`, without asking the page
    anything: a page asked ten times a second (poll_until) spends renderer CPU answering, which a
    page's own figure must not include (the bare dot's is measured without asking). The waits are
    Playwright's, which go on taking the WebSocket's frames as they come (time.sleep would hold
    them, stamped late, until the next call)."""
    end = time.monotonic() + seconds
    while True:
        now = time.monotonic()
        trace.cpu.append((now, cpu_s(pid)))
        trace.browser.append((now, browser_cpu_s()))
        if now >= end:
            return
        app.page.wait_for_timeout(min(1.0, end - now) * 1000)


def poll_until(app: AppPage, trace: Trace, pid: int, stop: str | None, seconds: float) -> None:
    """Read the countdown's label every POLL_S (recording each change) and the server's CPU time,
    until the control `stop` is on the page or `seconds` have passed."""
    end = time.monotonic() + seconds
    last = None
    while time.monotonic() < end:
        label = app.page.evaluate(
            "() => { const e = document.querySelector('[flt-semantics-identifier=\"countdown\"]');"
            " return e ? (e.getAttribute('aria-label') || e.textContent) : null; }"
        )
        now = time.monotonic()
        trace.cpu.append((now, cpu_s(pid)))
        trace.browser.append((now, browser_cpu_s()))
        if label is not None and label != last:
            trace.labels.append((now, label))
            last = label
        if stop is not None and app.el(stop).count():
            return
        time.sleep(POLL_S)


def round_ends(db_file: Path, session_id: int) -> list[float]:
    """Each recorded phase change (and the end) against when the plan says it falls, in ms: the
    event's wall time minus the session's start, minus the phase boundary."""
    with sqlite3.connect(db_file) as db:
        started, round_s, rest_s, rounds = db.execute(
            "select started_at, round_s, rest_s, rounds_planned from sessions where id = ?", [session_id]
        ).fetchone()
        events = db.execute(
            "select at, kind from session_events where session_id = ? and kind != 'start' order by id", [session_id]
        ).fetchall()
    bounds, t = [], 0
    for i in range(rounds):
        t += round_s
        bounds.append(t)
        if i < rounds - 1:
            t += rest_s
            bounds.append(t)
    t0 = datetime.fromisoformat(started)
    offsets = [(datetime.fromisoformat(at) - t0).total_seconds() for at, _kind in events]
    return [(off - b) * 1000 for off, b in zip(offsets, bounds)]


def visit_screens(app: AppPage) -> list[str]:
    """Open every screen reachable from Today (and come back); returns the ones opened."""
    from tests.browser.test_session_flow import tap_in_view

    seen = []
    plan = [
        ("open-report", None),
        ("open-diary", None),
        ("open-history", None),
        ("open-reminders", None),
        ("open-mother-check", None),
        ("open-profile", None),
        ("open-mothers", None),
        ("open-visit", None),
        ("open-settings", "open-intro"),
    ]
    for first, second in plan:
        app.wait_for(TODAY_BUTTON)
        if not app.el(first).count():
            continue
        tap_in_view(app, first)
        app.wait_for("back")
        seen.append(first)
        depth = 1
        if second and app.el(second).count():
            tap_in_view(app, second)
            seen.append(second)
            depth += 1
            time.sleep(0.5)
        for _ in range(depth):
            back = app.el("back")
            if back.count():
                back.first.click()
            elif app.el("intro-done").count():
                tap_in_view(app, "intro-done")
            time.sleep(0.5)
    return seen


def go_home(app: AppPage) -> None:
    """Back until Today (the finish step goes on to the massage history)."""
    for _ in range(5):
        try:
            app.wait_for(TODAY_BUTTON, timeout=3_000)
            return
        except Exception:
            if app.el("back").count():
                app.el("back").first.click()
    app.wait_for(TODAY_BUTTON)


def last_session_id(db_file: Path) -> int:
    with sqlite3.connect(db_file) as db:
        return int(db.execute("select max(id) from sessions").fetchone()[0])


@dataclass
class SessionResults:
    countdown: dict[str, Any]
    round_ends_ms: list[float]
    running: dict[str, float]
    paused: dict[str, float]
    idle: dict[str, float]
    idle_after: dict[str, float]  # Today again, once Chromium has closed the last sound's audio output
    screens: list[str]
    rss_kb: int
    peak_rss_kb: int
    baseline_rss_kb: int
    rss_steps: dict[str, int]  # the app server's RSS along the way
    stepping: dict[str, float]  # a round in a browser that asks for less motion (the markers step)
    silent: dict[str, float]  # the same with the sounds off: the app's own drawing alone
    dots: dict[str, float]  # Chromium's CPU ms per s for the bare moving dot: "glide" and "step"
    # "start": the tap on Start to the first sound playing ("start_asked": to its play() call);
    # "pause": a tap on Pause to silence.
    sound_ms: dict[str, float]


def page_now(app) -> float:
    return float(app.page.evaluate("() => performance.now()"))


def first_sound_after(app, tapped: float, kind: str, src: str = "") -> float:
    """Milliseconds (page clock) from `tapped` to the page's first `kind` event of a sound (the
    recorder of tests/browser/test_playback.py: "playing", the sound heard; "silenced", its pause()
    called), waited for."""
    found = """([after, kind, src]) => (window.__sounds || []).find(
        e => e.type === kind && e.t >= after && e.src.includes(src))"""
    handle = app.page.wait_for_function(found, arg=[tapped, kind, src], timeout=30_000)
    return float(handle.json_value()["t"]) - tapped


def session_and_memory(browser, tmp: Path, pause_s: float) -> SessionResults:
    from tests.browser.test_playback import RECORDER
    from tests.browser.test_session_flow import tap_in_view, walk_to_rounds

    app_dir = tmp / "session-app"
    app_dir.mkdir(parents=True, exist_ok=True)
    seed_app_dir(app_dir)
    launched = launch(APP, app_dir)
    try:
        srv, pid = launched.server, launched.pid
        app = new_page(browser, srv)
        app.page.add_init_script(RECORDER)  # what the page plays, and when (wraps play() and pause())
        trace = Trace()
        watch_frames(app.page, trace)
        app.open()
        steps = {"Today loaded": rss_kb(pid)}
        watch_countdown(app)
        # Today, idle: nothing should be sent.
        time.sleep(1)
        idle_from = time.monotonic()
        sample_quietly(app, trace, pid, pause_s)
        idle = trace.window(idle_from, time.monotonic())
        # A whole demonstration session (3 x 20 s rounds, 2 x 5 s rests), hands-free.
        walk_to_rounds(app, demo=True, start=False)
        tapped = page_now(app)
        app.tap("start-round")
        sound_ms = {"start": first_sound_after(app, tapped, "playing")}
        sound_ms["start_asked"] = first_sound_after(app, tapped, "play")  # the page's play() call
        poll_until(app, trace, pid, "finish-save", 120)
        session_id = last_session_id(srv.db_file)
        ends = round_ends(srv.db_file, session_id)
        rounds = [t for t, label in trace.labels if label.startswith("Round 1 ")]
        running = trace.window(rounds[0] + 1, rounds[-1]) if len(rounds) > 2 else {}
        countdown = countdown_check(countdown_changes(app))
        app.tap("finish-save")
        steps["after a whole session"] = rss_kb(pid)
        # A second one, paused: what a paused massage costs.
        go_home(app)
        second = page_now(app)
        walk_to_rounds(app, demo=True)
        # Paused while round 1's spoken prompt (the hand technique, 3-4 s long) is being said.
        hand = "/hand_"
        first_sound_after(app, second, "playing", hand)
        tapped = page_now(app)
        app.tap("pause-resume")
        sound_ms["pause"] = first_sound_after(app, tapped, "silenced", hand)
        app.el("pause-resume").filter(has_text=re.compile("Lanjutkan|Resume")).wait_for(state="attached")
        time.sleep(1)
        paused_from = time.monotonic()
        sample_quietly(app, trace, pid, pause_s)
        paused = trace.window(paused_from, time.monotonic())
        tap_in_view(app, "end-top")
        app.tap("confirm-yes")
        app.tap("finish-save")
        go_home(app)
        steps["after the paused one"] = rss_kb(pid)
        # Today again: what the page costs once the massages are over (their sounds let go, and
        # Chromium's audio output closed, about 15 s after the last sound).
        time.sleep(AUDIO_CLOSES_S)
        after_from = time.monotonic()
        sample_quietly(app, trace, pid, pause_s)
        idle_after = trace.window(after_from, time.monotonic())
        screens = visit_screens(app)
        time.sleep(1)
        rss, peak = rss_kb(pid), peak_rss_kb(pid)
        app.page.context.close()
    finally:
        launched.server.stop()
    base = launch(BASELINE, tmp / "session-baseline")
    try:
        page = new_page(browser, base.server)
        page.page.goto(base.server.login())
        page.wait_ready()
        page.wait_for(BASELINE_BUTTON, timeout=30_000)
        time.sleep(1)
        baseline_rss = rss_kb(base.pid)
        page.page.context.close()
    finally:
        base.server.stop()
    stepping = round_with_less_motion(browser, tmp, pause_s)
    silent = round_with_less_motion(browser, tmp, pause_s, sounds=False)
    dots = {"glide": dot_cpu(browser, tmp, glide=True), "step": dot_cpu(browser, tmp, glide=False)}
    return SessionResults(
        countdown,
        ends,
        running,
        paused,
        idle,
        idle_after,
        screens,
        rss,
        peak,
        baseline_rss,
        steps,
        stepping,
        silent,
        dots,
        sound_ms,
    )


def round_with_less_motion(browser, tmp: Path, seconds: float, *, sounds: bool = True) -> dict[str, float]:
    """`seconds` of a demonstration round in a browser that asks for less motion, on a fresh server:
    the same redraws, the markers step instead of gliding. `sounds=False`: the voice setting
    "silent", so what is left is the app's own drawing (a playing sound makes the page draw every
    frame: see `docs/benchmarks.md`), measured as the stepping dot is (SETTLED_S, STEADY_S), in a
    massage at real speed."""
    app_dir = tmp / ("stepping-app" if sounds else "silent-app")
    app_dir.mkdir(parents=True, exist_ok=True)
    seed_app_dir(app_dir)
    if not sounds:
        from app.store.db import open_store
        from app.ui.devices import SILENT, VOICE_SETTING

        with open_store(app_dir / "pijat-oksitosin.sqlite3") as store:
            store.set_setting(VOICE_SETTING, SILENT)
    launched = launch(APP, app_dir)
    try:
        app = new_page(browser, launched.server, motion="reduce")
        trace = Trace()
        watch_frames(app.page, trace)
        loaded = time.monotonic()
        app.open()
        from tests.browser.test_session_flow import walk_to_rounds

        if not sounds:  # compared with the stepping dot: measured as it is (its age, its window)
            time.sleep(max(0.0, loaded + SETTLED_S - time.monotonic()))
        # With the sounds off, a massage at real speed (3-minute rounds): a window of STEADY_S
        # inside round 1, long enough to hold the garbage collections a round's redraws cause.
        walk_to_rounds(app, demo=sounds)
        time.sleep(1)
        start = time.monotonic()
        sample_quietly(app, trace, launched.pid, min(seconds, 15.0) if sounds else STEADY_S)
        window = trace.window(start, time.monotonic())
        app.page.context.close()
        return window
    finally:
        launched.server.stop()
