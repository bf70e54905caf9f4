"""`python -m app`: serve the app offline on http://127.0.0.1:8550 (no display needed).

Options: --port, --host (loopback by default; the app is for this device only), --data-dir (the
folder of the SQLite file; also $PIJAT_DATA_DIR), --no-browser.
"""

from __future__ import annotations

import argparse
import os

import flet as ft

from app import ASSETS_DIR
from app.config import DEFAULT_HOST, DEFAULT_PORT, db_path



def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--data-dir", default=None, help="folder for the SQLite file")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)

    database = db_path(args.data_dir)
    # The UI opens the store itself (one per browser session); it finds the file through this.
    os.environ["PIJAT_DB_PATH"] = str(database)
    if args.no_browser:
        os.environ["FLET_DISPLAY_URL_PREFIX"] = "App URL:"
    from app.ui.shell import main as app_main

    print(f"Pijat Oksitosin: http://{args.host}:{args.port}  (data: {database})", flush=True)
    ft.run(
        app_main,
        view=ft.AppView.WEB_BROWSER,
        host=args.host,
        port=args.port,
        assets_dir=str(ASSETS_DIR),
        no_cdn=True,
        # CanvasKit: the automatic choice renders nothing in headless Chromium (tests, screenshots).
        web_renderer=ft.WebRenderer.CANVAS_KIT,
    )


if __name__ == "__main__":
    main()
