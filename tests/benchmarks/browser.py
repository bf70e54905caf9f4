"""What the benchmarks in headless Chromium share, and start-up (tests/benchmarks/timer.py: the
timer and memory; waits.py: what a user waits for; restore.py: a big restore). The app and the
baseline page (tests/benchmarks/baseline.py) are started and
loaded the same way: a fresh process, a fresh browser context (empty cache), the token URL."""

from __future__ import annotations

import http.client
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.benchmarks.baseline import IDENTIFIER as BASELINE_BUTTON
from tests.benchmarks.procs import Launched, cpu_s, launch, rss_kb
from tests.browser.conftest import CHROMIUM, PHONE, QUIET_CHROMIUM, AppPage, keep_local

APP = "app"
BASELINE = "tests.benchmarks.baseline"
TODAY_BUTTON = "open-settings"  # Today's first button (in the app bar, always on screen)


def browser_args() -> dict[str, Any]:
    return {
        "executable_path": CHROMIUM,
        "args": list(QUIET_CHROMIUM),
    }


def new_page(browser, server, lang: str = "en", motion: str = "no-preference") -> AppPage:
    ctx = browser.new_context(viewport=PHONE, locale={"id": "id-ID", "en": "en-GB"}[lang], reduced_motion=motion)
    keep_local(ctx)
    return AppPage(ctx.new_page(), server, lang)


def first_200(launched: Launched) -> float:
    """Open the token URL as a browser would (303 with the cookie, then the page): seconds from
    the spawn to the page's 200."""
    srv = launched.server
    parts = urlsplit(srv.login_url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    conn.request("GET", f"/?{parts.query}")
    resp = conn.getresponse()
    resp.read()
    cookie = (resp.getheader("set-cookie") or "").split(";", 1)[0]
    conn.request("GET", resp.getheader("location") or "/", headers={"Cookie": cookie})
    resp = conn.getresponse()
    resp.read()
    done = time.perf_counter()
    conn.close()
    if resp.status != 200:
        raise RuntimeError(f"page answered {resp.status}")
    return done - launched.started


# -- start-up ----------------------------------------------------------------------------------------


@dataclass
class StartRun:
    printed: float
    http_200: float
    button: float
    rss_kb: int
    cpu_200: float  # the server's CPU seconds by then: less noisy than wall time on a busy machine
    cpu_button: float


def start_once(browser, module: str, data_dir: Path) -> StartRun:
    launched = launch(module, data_dir)
    try:
        http_200 = first_200(launched)
        cpu_200 = cpu_s(launched.pid)
        app = new_page(browser, launched.server)
        app.page.goto(launched.server.login())
        app.wait_ready()
        app.wait_for(TODAY_BUTTON if module == APP else BASELINE_BUTTON, timeout=30_000)
        button = time.perf_counter() - launched.started
        cpu_button = cpu_s(launched.pid)
        time.sleep(0.5)  # let the first screen's work settle before reading memory
        rss = rss_kb(launched.pid)
        app.page.context.close()
        return StartRun(launched.printed - launched.started, http_200, button, rss, cpu_200, cpu_button)
    finally:
        launched.server.stop()


def seed_app_dir(data_dir: Path) -> None:
    """A device past its first run: the introduction seen, so the app opens on Today."""
    from app.store.db import open_store
    from app.ui.screens.intro import SEEN_SETTING

    with open_store(data_dir / "pijat-oksitosin.sqlite3") as store:
        store.set_setting(SEEN_SETTING, "1")


def startup(browser, tmp: Path, runs: int) -> dict[str, list[StartRun]]:
    results: dict[str, list[StartRun]] = {APP: [], BASELINE: []}
    app_dir = tmp / "startup-app"
    app_dir.mkdir(parents=True, exist_ok=True)
    seed_app_dir(app_dir)
    for _ in range(runs):  # alternated, so a busy moment on the machine hits both alike
        results[APP].append(start_once(browser, APP, app_dir))
        results[BASELINE].append(start_once(browser, BASELINE, tmp / "startup-baseline"))
    return results


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
