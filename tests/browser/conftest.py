"""Drive the real app in Debian's Chromium at phone size (360x800) with the internet blocked.

One app server (a real `python -m app` process on a free loopback port, with its own data dir)
and one browser per test module. Without Chromium the tests skip, except under CI=true, where a
missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 360, "height": 800}
LOCALES = {"id": "id-ID", "en": "en-GB"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    url: str
    data_dir: Path
    process: subprocess.Popen

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


def start_server(data_dir: Path) -> AppServer:
    port = _free_port()
    log = open(data_dir / "server.log", "ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--port", str(port), "--data-dir", str(data_dir), "--no-browser"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return AppServer(url, data_dir, process)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"app server did not start; see {data_dir / 'server.log'}")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[AppServer]:
    srv = start_server(tmp_path_factory.mktemp("appdata"))
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: install Debian's chromium (tests/run.sh does it with apt)")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class AppPage:
    """A phone-sized tab on the app, with the helpers a test speaks in."""

    def __init__(self, page, server: AppServer, lang: str) -> None:
        self.page = page
        self.server = server
        self.lang = lang

    def open(self, route: str = "", *, skip_intro: bool = True) -> AppPage:
        self.page.goto(self.server.url + route.lstrip("/"))
        self.wait_ready()
        if skip_intro:
            self.dismiss_intro()
        return self

    def dismiss_intro(self) -> None:
        """A new device shows the introduction once; tests of other screens read it and go on."""
        first = self.page.locator('[flt-semantics-identifier="intro-done"], [flt-semantics-identifier="start-session"]')
        first.first.wait_for(state="attached", timeout=15_000)
        if self.el("intro-done").count():
            self.el("intro-done").click()
            self.wait_for("start-session")

    def wait_ready(self) -> None:
        self.page.wait_for_function("document.getElementById('loading') === null", timeout=30_000)
        self.page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=30_000)
        self.page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
        self.page.wait_for_selector("flt-semantics", state="attached", timeout=30_000)

    def el(self, identifier: str):
        return self.page.locator(f'[flt-semantics-identifier="{identifier}"]')

    def tap(self, identifier: str, timeout: float = 10_000) -> None:
        loc = self.el(identifier)
        loc.wait_for(state="visible", timeout=timeout)
        loc.click()

    def wait_for(self, identifier: str, timeout: float = 10_000):
        loc = self.el(identifier)
        loc.wait_for(state="attached", timeout=timeout)
        return loc

    def see(self, text: str, timeout: float = 10_000):
        loc = self.page.get_by_text(text, exact=False).first
        loc.wait_for(state="attached", timeout=timeout)
        return loc

    def shot(self, name: str, settle: float = 0.8) -> Path:
        """A screenshot in tests/artifacts; with SCREENSHOTS=1, also into docs/screenshots."""
        time.sleep(settle)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}-{self.lang}.png"
        self.page.screenshot(path=str(path))
        if os.environ.get("SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, SCREENSHOTS / path.name)
        return path


@pytest.fixture
def open_app(browser, server):
    contexts = []
    blocked: list[str] = []

    def _open(lang: str = "id", route: str = "", color_scheme: str = "light", *, skip_intro: bool = True) -> AppPage:
        ctx = browser.new_context(viewport=PHONE, locale=LOCALES[lang], color_scheme=color_scheme)
        ctx.route(lambda url: not url.startswith("http://127.0.0.1"),
                  lambda r: (blocked.append(r.request.url), r.abort()))
        contexts.append(ctx)
        return AppPage(ctx.new_page(), server, lang).open(route, skip_intro=skip_intro)

    _open.blocked = blocked
    yield _open
    for ctx in contexts:
        ctx.close()
