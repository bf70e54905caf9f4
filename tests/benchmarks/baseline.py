"""The benchmarks' baseline: a minimal Flet page (one button), served exactly as `python -m app`
serves the app (app/server.py: the same token gate, security headers, CanvasKit, no CDN, uvicorn),
so the ratios measure what the app adds on top of Flet and the server wrapper.

    python -m tests.benchmarks.baseline --port 0 --no-browser

Prints `Pijat Oksitosin: <url>` like the app, so the benchmark starts both the same way.
"""

from __future__ import annotations

import argparse
from typing import Any

import flet as ft

from app import ASSETS_DIR
from app.gate import new_access
from app.server import bind, serve

IDENTIFIER = "baseline-button"


@ft.component
def Baseline() -> Any:
    clicks, set_clicks = ft.use_state(0)
    button = ft.FilledButton(content=ft.Text(f"Button ({clicks})"), on_click=lambda e: set_clicks(clicks + 1))
    return ft.View(route="/", controls=[ft.Semantics(content=button, identifier=IDENTIFIER)])


async def main(page: ft.Page) -> None:
    page.title = "Baseline"
    page.render_views(Baseline)


def serve_page(main: Any, prog: str, argv: list[str] | None = None) -> None:
    """Serve `main` as `python -m app` serves the app (same gate and wrapper), printing the
    address the way the app does, so the benchmark starts both the same way."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data-dir", default=None, help="ignored (the app's option, accepted for symmetry)")
    parser.add_argument("--no-browser", action="store_true", help="ignored: never opens a browser")
    args = parser.parse_args(argv)
    sock = bind("127.0.0.1", args.port)
    access = new_access("127.0.0.1", int(sock.getsockname()[1]), network=False)

    def ready() -> None:
        print(f"Pijat Oksitosin: {access.url}", flush=True)

    serve(main, sock=sock, access=access, assets_dir=str(ASSETS_DIR), on_ready=ready)


def run(argv: list[str] | None = None) -> None:
    serve_page(main, "python -m tests.benchmarks.baseline", argv)


if __name__ == "__main__":
    run()
