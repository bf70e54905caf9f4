"""`python -m app` as a person runs it in a terminal (issue 22): with --allow-network it prints the
addresses other devices can open, and Ctrl+C stops it cleanly."""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

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


def this_computers_addresses(version: int) -> list[str]:
    """Every global address of this computer, as iproute2 lists them."""
    if not shutil.which("ip"):
        pytest.skip("iproute2's `ip` is not installed")
    listed = json.loads(subprocess.run(["ip", "-j", "addr"], capture_output=True, text=True, check=True).stdout)
    found = [
        info["local"]
        for interface in listed
        for info in interface.get("addr_info", [])
        if info.get("scope") == "global" and ipaddress.ip_address(info["local"]).version == version
    ]
    if not found:
        pytest.skip(f"this computer has no global IPv{version} address")
    return found


def status(address: str, port: int, target: str, cookie: str | None = None) -> int:
    conn = http.client.HTTPConnection(address, port, timeout=10)
    conn.request("GET", target, headers={"Cookie": cookie} if cookie else {})
    got = conn.getresponse().status
    conn.close()
    return got


@pytest.mark.parametrize(
    "host, version",
    [
        ("0.0.0.0", 4),  # every IPv4 interface
        ("::", 6),  # every IPv6 interface
    ],
)
def test_allow_network_prints_each_address_other_devices_can_open(tmp_path: Path, host: str, version: int):
    addresses = this_computers_addresses(version)
    srv = start_app(tmp_path, "--host", host, "--allow-network")
    try:
        urls = {a: f"http://{a if version == 4 else f'[{a}]'}:{srv.port}/?token={srv.token}" for a in addresses}
        log = log_when(srv, lambda text: all(url in text for url in urls.values()))
        for address, url in urls.items():
            assert f"On another device: {url}" in log
            assert address in log.split("WARNING", 1)[1].splitlines()[0]  # named in the warning too
            # The printed address works from there: the token lets in, nothing else does.
            assert status(address, srv.port, "/") == 403
            assert status(address, srv.port, f"/?token={srv.token}") == 303
            assert status(address, srv.port, "/", f"{srv.cookie_name}={srv.token}") == 200
    finally:
        srv.stop()


def test_without_allow_network_no_other_address_is_printed(tmp_path: Path):
    srv = start_app(tmp_path)
    try:
        srv.process.send_signal(signal.SIGINT)
        srv.process.wait(WAIT_S)
        log = log_when(srv, lambda text: "stopped" in text)
    finally:
        if srv.process.poll() is None:
            srv.stop()
    assert "On another device" not in log and "WARNING" not in log


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


def put(port: int, target: str, body: bytes, cookie: str | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("PUT", target, body=body, headers={"Cookie": cookie} if cookie else {})
    got = conn.getresponse().status
    conn.close()
    return got


def test_uploads_need_the_gate_and_a_signature_and_stale_ones_are_cleared(tmp_path: Path):
    incoming = tmp_path / "incoming"
    incoming.mkdir(mode=0o700)
    stale, fresh = incoming / "old.upload", incoming / "new.upload"
    stale.write_bytes(b"a backup a killed run left")
    fresh.write_bytes(b"an upload under way")
    hour_ago = time.time() - 3700
    os.utime(stale, (hour_ago, hour_ago))
    srv = start_app(tmp_path)
    try:
        assert not stale.exists() and fresh.exists()  # cleared at start; one under way is not touched
        cookie = f"{srv.cookie_name}={srv.token}"
        forged = "/upload?f=evil.upload&e=2999-01-01T00:00:00%2B00:00&s=0000"
        assert put(srv.port, forged, b"x" * 1024) == 403  # no cookie: the gate refuses
        assert put(srv.port, forged, b"x" * 1024, cookie) == 403  # a signature this run did not make
        assert not (incoming / "evil.upload").exists()
    finally:
        srv.stop()
