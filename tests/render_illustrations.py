"""Render each code-drawn illustration in a real browser and save a PNG of it, light and dark.

    .venv/bin/python tests/render_illustrations.py [--lang en|id] [--out DIR]

Serves a minimal Flet page offline on 127.0.0.1 (no CDN, CanvasKit) that shows one drawing per
route (`/<name>/<light|dark>`), opens it in Debian's Chromium at 360x800 with the internet blocked,
and screenshots the drawing with the page margin around it. By default the English PNGs go to
docs/screenshots/illustration-<name>-<light|dark>.png. Not a test: a tool to look at the drawings.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import flet as ft  # noqa: E402

from app import i18n  # noqa: E402
from app.ui import illustrations as il  # noqa: E402

WIDTH = 320  # as on the preparation screens
MARGIN = 20  # (360 - 320) / 2: the page padding around the drawing

DRAWINGS: dict[str, tuple[Callable[[bool], ft.Control], float]] = {
    # name: (builder taking `dark`, design height)
    "position": (lambda dark: il.position_illustration(WIDTH, dark=dark), il.POSITION_H),
    "hands-fists": (lambda dark: il.hands_illustration("fists", WIDTH, dark=dark), il.HANDS_H),
    "hands-thumbs": (lambda dark: il.hands_illustration("thumbs", WIDTH, dark=dark), il.HANDS_H),
    "hands-index-backs": (lambda dark: il.hands_illustration("index_backs", WIDTH, dark=dark), il.HANDS_H),
    "back": (lambda dark: il.back_illustration(WIDTH, dark=dark), il.BACK_H),  # as on "Where to massage"
    # a round under way: the dots a quarter of the way up from the bra line
    "back-round": (lambda dark: il.back_illustration(WIDTH, dark=dark, marker=0.25), il.BACK_H),
}


def _page(page: ft.Page) -> None:
    parts = [p for p in page.route.split("/") if p]
    name = parts[0] if parts else "position"
    dark = len(parts) > 1 and parts[1] == "dark"
    page.theme_mode = ft.ThemeMode.DARK if dark else ft.ThemeMode.LIGHT
    page.padding = MARGIN
    page.spacing = 0
    build = DRAWINGS[name][0]
    page.add(build(dark))


def serve(port: int, lang: str) -> None:
    i18n.set_resolver(lambda: lang)  # every visitor of this server sees `lang`
    os.environ["FLET_DISPLAY_URL_PREFIX"] = "URL:"  # print the address instead of opening a browser
    ft.run(
        _page,
        view=ft.AppView.WEB_BROWSER,
        host="127.0.0.1",
        port=port,
        no_cdn=True,
        web_renderer=ft.WebRenderer.CANVAS_KIT,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the drawing server did not start")


def shoot(lang: str, out: Path, names: list[str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--lang", lang], cwd=ROOT)
    saved: list[Path] = []
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_up(url)
        out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for name in names:
                height = DRAWINGS[name][1] * WIDTH / il.DESIGN_WIDTH
                for theme in ("light", "dark"):
                    ctx = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme=theme)
                    ctx.route(lambda u: not u.startswith("http://127.0.0.1"), lambda r: r.abort())
                    page = ctx.new_page()
                    page.goto(f"{url}{name}/{theme}")
                    page.wait_for_function("document.getElementById('loading') === null", timeout=30_000)
                    page.wait_for_timeout(1500)  # the first frame after loading, and the fonts
                    suffix = "" if lang == "en" else f"-{lang}"
                    path = out / f"illustration-{name}-{theme}{suffix}.png"
                    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": 360, "height": height + 2 * MARGIN})
                    saved.append(path)
                    ctx.close()
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--lang", default="en", choices=["en", "id"])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("names", nargs="*", default=list(DRAWINGS))
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.lang)
        return
    for path in shoot(args.lang, args.out, args.names):
        print(path)


if __name__ == "__main__":
    main()
