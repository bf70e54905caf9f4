"""`python -m app`: serve the app offline on this device and print its address (no display needed).

Options: --port, --host (loopback by default; anything else needs --allow-network), --data-dir (the
folder of the SQLite file; also $PIJAT_DATA_DIR), --no-browser. The printed address carries a secret
that changes at every start; only a browser that opened it gets in (see app/gate.py). Ctrl+C stops it.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from app import ASSETS_DIR
from app.config import DEFAULT_HOST, DEFAULT_PORT, db_path
from app.gate import is_loopback, new_access
from app.server import bind, open_browser, reachable_addresses, serve


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default: %(default)s; 0: any free)")
    parser.add_argument("--data-dir", default=None, help="folder for the SQLite file")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    parser.add_argument(
        "--allow-network", action="store_true", help="let other devices on the network reach the app (with --host)"
    )
    args = parser.parse_args(argv)
    if not is_loopback(args.host) and not args.allow_network:
        parser.error(
            f"--host {args.host} would let other devices on the network reach the app and the diary. "
            f"Leave out --host to keep it on this device, or add --allow-network if that is what "
            f"you want."
        )
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    try:
        sock = bind(args.host, args.port)
    except OSError as e:
        sys.exit(f"python -m app: cannot listen on {args.host}:{args.port}: {e.strerror or e}")
    port = int(sock.getsockname()[1])
    network = not is_loopback(args.host)
    access = new_access(args.host, port, network=network)
    database = db_path(args.data_dir)
    # The UI opens the store itself (one per browser session); it finds the file through this.
    os.environ["PIJAT_DB_PATH"] = str(database)

    # With --allow-network: the addresses other devices reach it at (every interface's, for 0.0.0.0).
    others = reachable_addresses(sock) if network else []
    if network:
        listening = f"[{args.host}]" if ":" in args.host else args.host
        print(
            f"WARNING: listening on {listening}:{port} ({', '.join(others) or 'no network address yet'}): "
            f"other devices on the network can reach this app. Only a browser that opens one of the "
            f"addresses below (with its token) gets in.",
            file=sys.stderr,
            flush=True,
        )

    def ready() -> None:
        print(f"Pijat Oksitosin: {access.url}  (data: {database})", flush=True)
        for address in others:
            if access.url_at(address) != access.url:
                print(f"On another device: {access.url_at(address)}", flush=True)
        if not args.no_browser:
            open_browser(access.url)

    serve(app_main, sock=sock, access=access, assets_dir=str(ASSETS_DIR), on_ready=ready)
    print("Pijat Oksitosin: stopped.", flush=True)


async def app_main(page: Any) -> None:
    """The UI's entry point, imported on the first visit rather than before listening: the app
    answers its first request sooner, and the UI's imports (Today's screen, the catalogs, a few
    hundred ms) run once the page has loaded Flet's client and connects, not beside it."""
    from app.ui.shell import main as shell_main

    await shell_main(page)


if __name__ == "__main__":
    main()
