"""The benchmarks' moving baseline: a bare Flet page with one dot that moves once a second, as the
massage markers do (gliding with a 1-second linear animation, or stepping when the browser asks
for less motion), served exactly as `python -m app` serves the app. What a running round costs
Chromium is judged against it, measured in the same run.

    DOT_GLIDE=1 python -m tests.benchmarks.dot --port 0 --no-browser
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any

import flet as ft

from tests.benchmarks.baseline import serve_page

IDENTIFIER = "dot-step"
GLIDE_ENV = "DOT_GLIDE"
STEPS = 12  # places down a 240-px track, then back to the top
# A page's age before its steady cost is measured: for about 30 s after a load the renderer's
# thread pool works in the background (10-25 ms/s on an idle page, bare or the app's; V8 tiering
# up Flutter's engine, presumably), which a 10-second window counts or not by when it starts.
SETTLED_S = 40.0
# The stepping dot's window (and the silent round's it is compared with): long enough to hold the
# garbage collections that a page redrawn once a second causes (one in a 10-second window or none:
# 15 ms/s more or less of the renderer's CPU).
STEADY_S = 30.0


@ft.component
def Dot(glide: bool) -> Any:
    step, set_step = ft.use_state(0)

    async def tick() -> None:
        n = 0
        while True:
            await asyncio.sleep(1)
            n += 1
            set_step(n)

    ft.use_effect(lambda: ft.context.page.run_task(tick), [])
    dot = ft.Container(
        left=100,
        top=20 + (step % STEPS) * 20,
        width=16,
        height=16,
        border_radius=8,
        bgcolor=ft.Colors.PRIMARY,
        animate_position=ft.Animation(duration=1000, curve=ft.AnimationCurve.LINEAR) if glide else None,
    )
    return ft.View(
        route="/",
        controls=[
            ft.Semantics(content=ft.Text(f"{step}"), identifier=IDENTIFIER),
            ft.Stack([dot], width=300, height=300),
        ],
    )


async def main(page: ft.Page) -> None:
    page.title = "Dot"
    glide = os.environ.get(GLIDE_ENV) == "1"
    page.render_views(lambda: Dot(glide))


def dot_cpu(browser, tmp: Path, *, glide: bool, seconds: float | None = None) -> float:
    """Chromium's CPU ms per second while the dot moves (gliding in a browser that allows motion,
    stepping in one that asks for less), once the page is SETTLED_S old."""
    from tests.benchmarks.browser import new_page
    from tests.benchmarks.procs import browser_cpu_s, launch

    os.environ[GLIDE_ENV] = "1" if glide else "0"  # the server started next reads it
    try:
        launched = launch("tests.benchmarks.dot", tmp / ("dot-glide" if glide else "dot-step"))
    finally:
        os.environ.pop(GLIDE_ENV, None)
    try:
        page = new_page(browser, launched.server, motion="no-preference" if glide else "reduce")
        loaded = time.monotonic()
        page.page.goto(launched.server.login())
        page.wait_ready()
        page.el(IDENTIFIER).filter(has_text="2").wait_for(state="attached", timeout=30_000)
        time.sleep(max(0.0, loaded + SETTLED_S - time.monotonic()))
        start, cpu = time.monotonic(), browser_cpu_s()
        time.sleep(seconds or (10.0 if glide else STEADY_S))
        used = (browser_cpu_s() - cpu) / (time.monotonic() - start) * 1000
        page.page.context.close()
        return used
    finally:
        launched.server.stop()


def run(argv: list[str] | None = None) -> None:
    serve_page(main, "python -m tests.benchmarks.dot", argv)


if __name__ == "__main__":
    run()
