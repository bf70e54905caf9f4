"""Start the real `python -m app` process on a free loopback port and read the URL it prints."""

from __future__ import annotations

import re
import selectors
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tests.testday import server_env

ROOT = Path(__file__).resolve().parents[1]
URL_LINE = re.compile(r"^Pijat Oksitosin: (http://\S+)")


@dataclass
class AppServer:
    login_url: str  # the printed URL, with ?token=...
    data_dir: Path
    process: subprocess.Popen[str]

    @property
    def url(self) -> str:
        """The app's address without the token, ending in '/'."""
        parts = urlsplit(self.login_url)
        return f"{parts.scheme}://{parts.netloc}/"

    @property
    def port(self) -> int:
        return int(urlsplit(self.login_url).port or 0)

    @property
    def token(self) -> str:
        return self.login_url.split("token=", 1)[1]

    @property
    def cookie_name(self) -> str:
        return f"pijat_token_{self.port}"

    def login(self, route: str = "") -> str:
        """The token URL for a route, e.g. login("report?day=2026-01-02")."""
        route = route.lstrip("/")
        return f"{self.url}{route}{'&' if '?' in route else '?'}token={self.token}"

    @property
    def db_file(self) -> Path:
        return self.data_dir / "pijat-oksitosin.sqlite3"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _copy_rest(stream, log_path: Path) -> None:
    with open(log_path, "a") as log:
        for line in stream:  # line by line, so a test can read what was printed while it runs
            log.write(line)
            log.flush()


def start_app(data_dir: Path, *extra: str, timeout: float = 60) -> AppServer:
    """`python -m app --port 0 --data-dir DATA --no-browser`; returns once it printed its URL
    (it prints it only when it is listening). Its stderr, and its stdout after that line, go to
    DATA/server.log."""
    log_path = data_dir / "server.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--port", "0", "--data-dir", str(data_dir), "--no-browser", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=open(log_path, "ab"),  # noqa: SIM115 - kept by the process
        text=True,
        env=server_env(),  # the run's day (tests/testday.py)
    )
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        if not selector.select(timeout=deadline - time.monotonic()):
            break
        line = process.stdout.readline()
        if not line:  # the process ended without printing its URL
            break
        seen.append(line)
        match = URL_LINE.match(line)
        if match:
            selector.close()
            threading.Thread(target=_copy_rest, args=(process.stdout, log_path), daemon=True).start()
            return AppServer(match.group(1), data_dir, process)
    process.kill()
    process.wait()
    raise RuntimeError(f"app server printed no URL (stdout: {seen!r}); see {log_path}")
