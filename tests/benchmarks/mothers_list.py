"""The time a midwife waits for her mothers list in Chromium at 360x800 (issue 23): from the tap on
"All mothers (N)" on Today to the first row visible, and a scroll step (a wheel turn to the frame
that shows it), on a device seeded through the app's own store (tests/seed_many.py).

    .venv/bin/python -m tests.benchmarks.mothers_list [--runs 5] [--mothers 3 300]

Each run opens a fresh browser context on the same server (its Flutter engine loads again), goes
to Today, and times the tap. The figures are medians; `uptime`'s load is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from app.domain.mothers import Role
from app.ui.screens.intro import SEEN_SETTING
from tests.browser.conftest import AppPage

OPEN_LIST = "open-mothers-today"  # "All mothers (N)" on a midwife's Today
SCROLL_PX = 400
FRAME_DONE = "() => window.__frames.lastEnded"
NOW = "() => performance.now()"
PENDING = "() => window.__frames.pending.size"


def seed_device(data_dir: Path, mothers: int) -> Any:
    """A midwife's device with `mothers` mothers, past its first run (role chosen, intro seen)."""
    from app.store.db import open_store
    from tests.seed_many import seed_many

    db_file = data_dir / "pijat-oksitosin.sqlite3"
    seeded = seed_many(db_file, mothers)
    with open_store(db_file) as store:
        store.set_setting(SEEN_SETTING, "1")
        store.set_setting("role", Role.MIDWIFE.value)
    return seeded


def first_row_seconds(app: AppPage, first_row: str) -> float:
    """From the list a midwife's app opens on, back to Today, then tap "All mothers" there:
    seconds from the tap until the row `first_row` (its identifier) is visible."""
    app.wait_for(first_row)
    app.tap("back")
    button = app.el(OPEN_LIST)
    button.wait_for(state="visible")
    app.settle()
    row = app.el(first_row)
    t0 = time.perf_counter()
    button.click()
    row.wait_for(state="visible")
    return time.perf_counter() - t0


def scroll_step_seconds(app: AppPage, px: int = SCROLL_PX) -> float:
    """Turn the wheel by `px` over the list; seconds (the page's clock) until the frame that drew
    it has ended and no other is asked for."""
    app.settle()
    app.page.mouse.move(180, 420)
    t0 = app.page.evaluate(NOW)
    app.page.mouse.wheel(0, px)
    while True:
        ended = app.page.evaluate(FRAME_DONE)
        if ended > t0 and app.page.evaluate(PENDING) == 0:
            return (ended - t0) / 1000
        app.page.wait_for_timeout(10)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def measure(browser, mothers: int, runs: int) -> dict[str, Any]:
    from tests.app_server import start_app
    from tests.benchmarks.browser import new_page

    with tempfile.TemporaryDirectory(prefix="bench-list-") as d:
        seeded = seed_device(Path(d), mothers)
        first = f"mother-{seeded.go_now_recent or seeded.day2_kf1}"
        server = start_app(Path(d))
        try:
            taps, scrolls = [], []
            for _ in range(runs):
                app = new_page(browser, server, "id", motion="reduce")
                app.open(skip_intro=False)
                taps.append(first_row_seconds(app, first))
                scrolls.append(scroll_step_seconds(app))
                app.page.context.close()
        finally:
            server.stop()
    return {
        "mothers": mothers,
        "first_row_s": statistics.median(taps),
        "first_row_runs": taps,
        "scroll_step_s": statistics.median(scrolls),
        "scroll_runs": scrolls,
        "load": load(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mothers", type=int, nargs="+", default=[3, 300])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.benchmarks.browser import browser_args

    with sync_playwright() as p:
        browser = p.chromium.launch(**browser_args())
        results = [measure(browser, n, args.runs) for n in args.mothers]
        browser.close()
    print(json.dumps(results, indent=2))
    if len(results) == 2:
        print(f"ratio first row {results[1]['first_row_s'] / results[0]['first_row_s']:.2f}x")


if __name__ == "__main__":
    main()
