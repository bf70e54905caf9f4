"""`python -m app` as a person runs it in a terminal (issue 22): Ctrl+C stops it cleanly."""

from __future__ import annotations

import http.client
import signal
import time
from pathlib import Path

from tests.app_server import AppServer, start_app

WAIT_S = 30


def log_when(srv: AppServer, done) -> str:
    """The server's log (its stderr, and its stdout after the URL line) once `done(log)` holds."""
    deadline = time.monotonic() + WAIT_S
    while True:
        text = (srv.data_dir / "server.log").read_text()
        if done(text) or time.monotonic() > deadline:
            return text
        time.sleep(0.05)


def status(address: str, port: int, target: str, cookie: str | None = None) -> int:
    conn = http.client.HTTPConnection(address, port, timeout=10)
    conn.request("GET", target, headers={"Cookie": cookie} if cookie else {})
    got = conn.getresponse().status
    conn.close()
    return got


def test_ctrl_c_stops_it_cleanly(tmp_path: Path):
    srv = start_app(tmp_path)
    try:
        assert status("127.0.0.1", srv.port, "/", f"{srv.cookie_name}={srv.token}") == 200  # it served
        srv.process.send_signal(signal.SIGINT)
        code = srv.process.wait(WAIT_S)
        log = log_when(srv, lambda text: "stopped" in text)
    finally:
        if srv.process.poll() is None:
            srv.stop()
    assert code == 0
    assert "Traceback" not in log and "KeyboardInterrupt" not in log and "ERROR" not in log
    assert log.strip().endswith("Pijat Oksitosin: stopped.")
