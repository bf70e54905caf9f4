"""Drive the real app in Debian's Chromium at phone size (360x800) with the internet blocked.

One app server (a real `python -m app` process on a free loopback port, with its own data dir)
and one browser per test module. The server lets in only a browser that opened the URL it printed
(with `?token=...`): each new browser context opens that URL first, and its cookie then carries
the context through reloads and other routes. Without Chromium the tests skip, except under
CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_server import ROOT, AppServer, start_app

ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 360, "height": 800}
LOCALES = {"id": "id-ID", "en": "en-GB"}


# The longest modules first (seconds, as measured in a full run on 2 cores), so that the two
# workers (one module each at a time, see tests/run.sh) finish together instead of one of them
# starting a four-minute module when the rest is done. Modules not listed run after these.
LONGEST_FIRST = (
    "test_playback",  # whole demonstrations and a real-speed rest: about 10 minutes
    "test_session_screen",  # a whole demonstration, four screenshot walks: about 6 minutes
    "test_voice",
    "test_session_flow",
    "test_diary_forms",
    "test_diary_flow",
    "test_massage_trust",
    "test_teach",
    "test_diary_days",
    "test_mothers",
    "test_failures",
    "test_screenshots_en",
    "test_your_data",
    "test_safety_signs",
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)

    def rank(item) -> int:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        return LONGEST_FIRST.index(module) if module in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a module, and among the rest, the order stays


def start_server(data_dir: Path) -> AppServer:
    """A real `python -m app` process; its printed URL (with the per-launch token) is `login_url`."""
    return start_app(data_dir)


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
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                # The suite is bound by Chromium's CPU (each test's fresh context loads Flutter again and
                # draws in software): CanvasKit draws straight to a 2D canvas instead of through an
                # emulated WebGL, about 10-15% less CPU per page; what the page shows is the same (the
                # benchmarks keep Chromium's defaults).
                "--disable-3d-apis",
                # A fake microphone that needs no click: only a context given permissions=["microphone"] uses it.
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
            ],
        )
        yield b
        b.close()


# Control properties a test can ask whether the server ever sent (AppPage.props_sent).
WATCHED_PROPS = ("animate_position",)


class AppPage:
    """A phone-sized tab on the app, with the helpers a test speaks in."""

    def __init__(self, page, server: AppServer, lang: str) -> None:
        self.page = page
        self.server = server
        self.lang = lang
        # Property names seen in what the server sent (WebSocket frames), of those in WATCHED_PROPS.
        self.props_sent: set[str] = set()
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        def frame(payload) -> None:
            data = payload if isinstance(payload, bytes) else str(payload).encode()
            self.props_sent.update(name for name in WATCHED_PROPS if name.encode() in data)

        ws.on("framereceived", frame)

    def open(self, route: str = "", *, skip_intro: bool = True) -> AppPage:
        """Open a route through the token URL (the server redirects to the route without it)."""
        self.page.goto(self.server.login(route))
        self.wait_ready()
        if skip_intro:
            self.dismiss_intro()
        return self

    def dismiss_intro(self) -> None:
        """A new device shows the introduction once; tests of other screens read it and go on."""
        # Today's settings button is in the app bar, always on screen (start-session may be below the fold).
        first = self.page.locator('[flt-semantics-identifier="intro-done"], [flt-semantics-identifier="open-settings"]')
        try:
            first.first.wait_for(state="attached", timeout=15_000)
        except Exception:
            self.shot("failed-open", settle=0)
            raise
        if self.el("intro-done").count():
            self.el("intro-done").click()
            self.wait_for("open-settings")

    def wait_ready(self) -> None:
        # No string predicates (`wait_for_function`): Playwright evals them, which the app's CSP forbids.
        self.page.wait_for_selector("#loading", state="detached", timeout=30_000)
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
    """open_app(lang) -> AppPage in a new browser context (through the token URL).
    `open_app.requests` records the URL of every request any of its pages makes (also the ones the
    browser then refuses); any request to another host is also aborted, so nothing gets out.
    `open_app.csp_violations` records the console's Content-Security-Policy reports."""
    contexts = []
    requests: list[str] = []
    csp_violations: list[str] = []

    def _on_console(message) -> None:
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    def _open(
        lang: str = "id",
        route: str = "",
        color_scheme: str = "light",
        *,
        skip_intro: bool = True,
        permissions: list[str] | None = None,
        motion: str = "reduce",
    ) -> AppPage:
        # motion: the browser's prefers-reduced-motion. "reduce" (a person who turned animations off)
        # unless a test says otherwise: the massage markers then step instead of gliding, which is
        # all it changes, and spares the CPU a software-rendered frame every 16 ms (the gliding
        # markers cost Chromium more than one of the two cores here). The main demonstration
        # (test_session_flow) and the screenshots keep the default, gliding markers.
        ctx = browser.new_context(
            viewport=PHONE,
            locale=LOCALES[lang],
            color_scheme=color_scheme,
            permissions=permissions or [],
            reduced_motion=motion,
        )
        ctx.route(lambda url: not url.startswith("http://127.0.0.1"), lambda r: r.abort())
        contexts.append(ctx)
        ctx.on("request", lambda r: requests.append(r.url))
        ctx.on("console", _on_console)
        return AppPage(ctx.new_page(), server, lang).open(route, skip_intro=skip_intro)

    _open.requests = requests
    _open.csp_violations = csp_violations  # what the app's own policy stopped (it should stop nothing of ours)
    yield _open
    for ctx in contexts:
        ctx.close()
