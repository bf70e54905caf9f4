"""Drive the real app in Debian's Chromium at phone size (360x800) with the internet blocked.

One app server per test module (a real `python -m app` process on loopback, with its own data
dir; a worker's modules take turns on one port) and one browser per module, on a profile the worker
keeps (`tabs`: each test's pages are new tabs, its cookie and the page's storage cleared after it).
The server lets in only a browser that opened the URL it printed (with `?token=...`): each test's
first tab opens that URL, and its cookie then carries the tabs through reloads and other routes.
Without Chromium the tests skip, except under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ViewportSize, expect

from tests.app_server import ROOT, AppServer, start_app
from tests.browser.frames import FRAME_STATE, FRAME_WATCH, SUITE_FRAME_CAP_MS

ARTIFACTS = ROOT / "tests" / "artifacts"
LOG_TAIL = 4000  # characters of the app server's log shown with a failure
# What each labelled node of the page says, in order (identifier: label or text).
SCREEN_TEXT = """() => [...document.querySelectorAll('flt-semantics')].map(e => {
  const own = e.querySelector('flt-semantics') ? '' : e.textContent;  // a leaf's text, not its children's
  const said = (e.getAttribute('aria-label') || own || '').trim().replace(/\\s+/g, ' ');
  const id = e.getAttribute('flt-semantics-identifier');
  return said || id ? `${id || '-'}: ${said}` : '';
}).filter(Boolean).join('\\n')"""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test shows what the person would have seen: each open page's screen
    reader text and a screenshot in tests/artifacts, and the tail of the app server's log (a
    test server's, holding made-up data only)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    opened = item.funcargs.get("open_app")
    for i, page in enumerate(getattr(opened, "pages", [])):
        with contextlib.suppress(Exception):  # a page that is gone, or hangs, shows nothing
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"failure-{item.name}-{i}.png"), timeout=5000)
            text = page.evaluate(SCREEN_TEXT)
            report.sections.append((f"page {i} as a screen reader has it", text[:LOG_TAIL]))
    srv = item.funcargs.get("server")
    log = getattr(srv, "data_dir", None)
    if log is not None and (log / "server.log").exists():
        tail = (log / "server.log").read_text(errors="replace")[-LOG_TAIL:]
        report.sections.append(("app server log (tail)", tail or "(empty)"))


SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE: ViewportSize = {"width": 360, "height": 800}
# The looks a screen is photographed in: each language once and each theme once (a walk to a screen
# costs most of a minute on 2 cores); all four with SCREENSHOTS=1.
LOOKS = [("id", "light"), ("en", "dark")]
if os.environ.get("SCREENSHOTS") == "1":
    LOOKS += [("id", "dark"), ("en", "light")]
LOCALES = {"id": "id-ID", "en": "en-GB"}


# The longest modules first (seconds of a full run on 2 cores, 2026-12-05), so that the three workers
# (one module each at a time, see tests/run.sh) finish together instead of one of them starting a
# minute-and-a-half module when the rest is done. Modules not listed run after these. tests/run.sh
# passes --no-loadscope-reorder: xdist would otherwise order the modules by their number of tests.
LONGEST_FIRST = (
    "test_playback",  # 390: whole demonstrations in both languages and a real-speed rest
    "test_massage_trust",  # 130
    "test_diary_trust",  # 130
    "test_session_screen",  # 125: two screenshot walks, the buttons through a round
    "test_diary_flow",  # 105
    "test_diary_forms",  # 95
    "test_teach",  # 90
    "test_failures",  # 90
    "test_voice",  # 85
    "test_session_flow",  # 75
    "test_go_now",  # 70
    "test_mothers",
    "test_diary_days",
    "test_visit_cards",
    "test_typing_load",
    "test_mothers_scale",
    "test_safety_signs",
    "test_visits",
    "test_your_data",
    "test_recap",
    "test_massage_direction",
    "test_screenshots_en",
    "test_visitors",
    "test_other_window",
    "test_gate",
    "test_why",
    "test_store_error",
    "test_big_restore",
    "test_intro",  # 15
    "test_install",  # 15: a fresh venv installs the runtime lock
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


@pytest.fixture(scope="session")
def app_port() -> int:
    """The port this worker's module servers listen on, one after the other: the page's files then
    keep one address all run long, so the browser's code cache (`tabs`) holds them across modules."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory, app_port) -> Iterator[AppServer]:
    data = tmp_path_factory.mktemp("appdata")
    try:
        srv = start_app(data, "--port", str(app_port))
    except RuntimeError:  # something else took the port meanwhile: any free one
        srv = start_server(data)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def beeps_only(server) -> None:
    """The device's voice setting "beeps only", for a module whose subject is not what is said:
    a playing spoken prompt makes the page draw every frame (Flet's audio service; see
    docs/benchmarks.md), which on 2 cores slows every other test running meanwhile. The chimes
    still play, so the sounds are prepared and timed as with the voice; test_playback and
    test_voice hear the voice itself."""
    from app.store.db import open_store
    from app.ui.devices import BEEPS, VOICE_SETTING

    with open_store(server.db_file) as store:
        store.set_setting(VOICE_SETTING, BEEPS)


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    """Playwright for a module: its browsers are launched through it (a second sync Playwright in
    one process is refused), and it stops with the module (its event loop would stand in the way of
    a later module's own asyncio)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: install Debian's chromium (tests/run.sh does it with apt)")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(driver):
    """A browser of the module's own, for a test that needs browser contexts (the app's cookie
    in one context and not in another)."""
    with chromium(driver) as b:
        yield b


@pytest.fixture(scope="session", autouse=True)
def capped_frames() -> Iterator[None]:
    """Every page the tests drive draws at most ~22 frames a second (FRAME_WATCH)."""
    AppPage.frame_cap_ms = SUITE_FRAME_CAP_MS
    yield
    AppPage.frame_cap_ms = 0


@pytest.fixture(scope="session")
def profile(tmp_path_factory) -> Path:
    """The Chromium profile of this worker's `tabs`, kept on disk for the whole run: it holds the
    compiled code of Flutter's engine (V8's code cache, which a fresh browser context starts
    without), so from a page's third load on it loads in about half the CPU, in every module (their
    servers share the worker's port)."""
    return tmp_path_factory.mktemp("chromium-profile")


@pytest.fixture(scope="module")
def tabs(driver, profile) -> Iterator[Any]:
    """The browser most tests open the app in: the worker's profile, each test's pages opened in it
    as new tabs (open_app), the app's cookie and the page's storage cleared after each test."""
    with chromium(driver, profile=profile) as context:
        yield context


# Chromium's switches for every browser test and benchmark: run as root in a container, draw
# without a GPU, and make no requests of its own (this machine's network is closed).
QUIET_CHROMIUM = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def keep_local(target: Any) -> None:
    """Abort every request of a browser context to another host: nothing leaves the device."""
    target.route(lambda url: not url.startswith("http://127.0.0.1"), lambda r: r.abort())


@contextlib.contextmanager
def chromium(driver: Any, *extra_args: str, profile: Path | None = None) -> Iterator[Any]:
    """Debian's Chromium as every browser test launches it (with `extra_args` added), closed after:
    a Browser, or with a `profile` folder a BrowserContext on it (a phone-sized viewport, other
    hosts refused)."""
    launch: Callable[..., Any] = driver.chromium.launch
    if profile is not None:
        launch = functools.partial(driver.chromium.launch_persistent_context, profile, viewport=PHONE)
    b = launch(
        executable_path=CHROMIUM,
        args=[
            *QUIET_CHROMIUM,
            # The suite is bound by Chromium's CPU (each page loads Flutter's engine and draws in
            # software): CanvasKit draws straight to a 2D canvas instead of through an
            # emulated WebGL, about 10-15% less CPU per page; what the page shows is the same (the
            # benchmarks keep Chromium's defaults).
            "--disable-3d-apis",
            # A fake microphone that needs no click: only a context given permissions=["microphone"] uses it.
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            *extra_args,
        ],
    )
    if profile is not None:
        keep_local(b)
    yield b
    b.close()


# How long a wait may take before the test fails. Waits end as soon as their condition holds, so
# these bounds cost nothing when the app is quick; they are wide because on a loaded 2-core machine
# (load average 10-20) a tap's answer or a screen's first frame takes seconds, not milliseconds.
PATIENCE_MS = 30_000  # a tap's effect, a control or text appearing
LOADING_MS = 90_000  # a new page: Flutter's engine and the app's first frame
expect.set_options(timeout=15_000)  # Playwright's expect (5 s by default)

# Control properties a test can ask whether the server ever sent (AppPage.props_sent).
WATCHED_PROPS = ("animate_position",)

# Settled: no frame asked for and none drawn for this long. Longer than the gap between an event
# and the frame it causes (a timer, a message from the server, a decoded image), far shorter than
# the 0.8 s the screenshots used to wait blind.
QUIET_MS = 250
# How often a wait on something outside the page (the database, a recorded request) looks again.
POLL_MS = 50
# Requests the screen waits for (an image, a font); not the WebSocket, nor a sound's streaming.
_LOADING_KINDS = {"document", "script", "stylesheet", "image", "font", "fetch", "xhr", "manifest", "other"}
# The app's own server answers in milliseconds; a request still open after this long is stuck, not
# about to be drawn, and the screen is judged without it.
LOADING_PATIENCE_S = 5.0


class AppPage:
    """A phone-sized tab on the app, with the helpers a test speaks in."""

    # The least time between two frames the page draws (FRAME_WATCH); 0: every vsync (benchmarks).
    frame_cap_ms = 0

    def __init__(self, page, server: AppServer, lang: str) -> None:
        self.page = page
        self.server = server
        self.lang = lang
        # Property names seen in what the server sent (WebSocket frames), of those in WATCHED_PROPS.
        self.props_sent: set[str] = set()
        # Bytes the page sent the server over its WebSocket (a recording streams through it).
        self.bytes_sent = 0
        self._loading: dict = {}  # requests of _LOADING_KINDS not yet answered: when each started
        # Addresses the server refused (404) or that failed: asked again, they are not on their way
        # either (Flutter asks again and again for a fallback font the app does not ship).
        self._refused: set[str] = set()
        page.set_default_timeout(PATIENCE_MS)  # every locator and page call without its own
        page.add_init_script(FRAME_WATCH % self.frame_cap_ms)
        page.on("websocket", self._watch)
        page.on("request", self._request_started)
        page.on("requestfinished", self._request_finished)
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _watch(self, ws) -> None:
        def received(payload) -> None:
            data = payload if isinstance(payload, bytes) else str(payload).encode()
            self.props_sent.update(name for name in WATCHED_PROPS if name.encode() in data)

        def sent(payload) -> None:
            self.bytes_sent += len(payload)

        ws.on("framereceived", received)
        ws.on("framesent", sent)

    def _request_started(self, request) -> None:
        if request.resource_type in _LOADING_KINDS and request.url not in self._refused:
            self._loading[request] = time.monotonic()

    def _request_finished(self, request) -> None:
        self._loading.pop(request, None)

    def _request_failed(self, request) -> None:
        self._loading.pop(request, None)
        self._refused.add(request.url)

    def _response(self, response) -> None:
        if response.status >= 400:
            self._refused.add(response.url)

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
            first.first.wait_for(state="attached", timeout=PATIENCE_MS)
        except Exception:
            self.shot("failed-open", still=False)
            raise
        if self.el("intro-done").count():
            self.el("intro-done").click()
            self.wait_for("open-settings")

    def wait_ready(self) -> None:
        # No string predicates (`wait_for_function`): Playwright evals them, which the app's CSP forbids.
        self.page.wait_for_selector("#loading", state="detached", timeout=LOADING_MS)
        self.page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=LOADING_MS)
        self.page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
        self.page.wait_for_selector("flt-semantics", state="attached", timeout=LOADING_MS)

    def el(self, identifier: str):
        return self.page.locator(f'[flt-semantics-identifier="{identifier}"]')

    def tap(self, identifier: str, timeout: float = PATIENCE_MS) -> None:
        loc = self.el(identifier)
        loc.wait_for(state="visible", timeout=timeout)
        loc.click()

    def wait_for(self, identifier: str, timeout: float = PATIENCE_MS):
        loc = self.el(identifier)
        loc.wait_for(state="attached", timeout=timeout)
        return loc

    def see(self, text: str, timeout: float = PATIENCE_MS):
        loc = self.page.get_by_text(text, exact=False).first
        loc.wait_for(state="attached", timeout=timeout)
        return loc

    def until(self, check: Callable[[], object], timeout: float = PATIENCE_MS / 1000, what: str = "it") -> None:
        """Wait until check() is true: for what the page cannot be asked (a row the server writes, a
        request the browser made). Looks again every POLL_MS through Playwright, which meanwhile
        records the page's events (a plain sleep would hold them back)."""
        deadline = time.monotonic() + timeout
        while not check():
            assert time.monotonic() < deadline, f"{what} never came true within {timeout:g} s"
            self.page.wait_for_timeout(POLL_MS)

    def holds(self, read: Callable[[], object], seconds: float, what: str) -> None:
        """Watch for a change that must not come (a paused countdown that must not move): no
        condition can say "never", so this is a bounded observation window, longer than the time
        the change would take to show (a countdown moves every second). read() is looked at every
        POLL_MS and must keep the value it had at the start; the first change fails at once."""
        first = read()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(POLL_MS)
            now = read()
            assert now == first, f"{what} changed from {first!r} to {now!r}"

    def settle(self, timeout: float = PATIENCE_MS / 1000) -> None:
        """Wait until the screen stops moving: no image or font it asked for is on its way,
        Flutter asks for no frame, and either it has drawn none for QUIET_MS (a transition, a
        scroll, a dialog's opening animation are over) or what it drew in the last QUIET_MS is
        the same picture (it redraws a still screen now and then). A running animation always has
        its next frame asked for, so a machine too busy to draw it is never taken for a still
        screen. One that never stops (a massage's gliding markers) fails here: shoot such a
        screen with `still=False`."""
        deadline = time.monotonic() + timeout
        seen: bytes | None = None
        seen_at = 0.0
        while True:
            frames = self.page.evaluate(FRAME_STATE)
            now = time.monotonic()
            if any(now - started < LOADING_PATIENCE_S for started in self._loading.values()):
                seen = None
            elif frames["pending"] == 0:
                if frames["idle_ms"] >= QUIET_MS:
                    return
                if now - seen_at >= QUIET_MS / 1000:
                    picture = self.page.screenshot()
                    if picture == seen:
                        return
                    seen, seen_at = picture, time.monotonic()
            assert time.monotonic() < deadline, f"the screen was still moving after {timeout:g} s"
            self.page.wait_for_timeout(POLL_MS)

    def shot(self, name: str, *, still: bool = True) -> Path:
        """A screenshot in tests/artifacts; with SCREENSHOTS=1, also into docs/screenshots.
        Taken once the screen has settled; `still=False`: at once (a screen that keeps moving, or
        the picture of a failure)."""
        if still:
            self.settle()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}-{self.lang}.png"
        self.page.screenshot(path=str(path))
        if os.environ.get("SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, SCREENSHOTS / path.name)
        return path


# What a test's tabs leave in the shared profile (`tabs`) and is cleared after it: the next test's
# visitor is new to the app (no cookie, nothing in the page's storage); the compiled code stays.
CLEARED = "cookies,local_storage,indexeddb,service_workers,cache_storage,file_systems,websql"


@pytest.fixture
def open_app(tabs, server):
    """open_app(lang) -> AppPage in a new tab (through the token URL), set to the language, theme
    and motion asked; a test's tabs share the visitor's cookie and storage, as tabs of one browser
    do, and the next test starts without them; `permissions` are granted to the app until it ends.
    `open_app.requests` records the URL of every request any of its pages makes (also the ones the
    browser then refuses); any request to another host is also aborted, so nothing gets out.
    `open_app.csp_violations` records the console's Content-Security-Policy reports."""
    pages: list[Any] = []
    requests: list[str] = []
    csp_violations: list[str] = []

    def _on_console(message) -> None:
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    def _on_request(r) -> None:
        requests.append(r.url)

    tabs.on("request", _on_request)

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
        # markers cost Chromium more than one of the two cores here). The landmarks walk
        # (test_massage_direction) and the screenshots keep the default, gliding markers.
        if permissions:  # what a prompt would ask her (the microphone), granted until the test ends
            tabs.grant_permissions(permissions, origin=server.url.rstrip("/"))
        page = tabs.new_page()
        # The language as a context's `locale` sets it: the page's (navigator.language, Intl) and the
        # one its requests ask for.
        cdp = tabs.new_cdp_session(page)
        cdp.send("Emulation.setLocaleOverride", {"locale": LOCALES[lang]})
        agent = cdp.send("Browser.getVersion")["userAgent"]
        cdp.send("Emulation.setUserAgentOverride", {"userAgent": agent, "acceptLanguage": LOCALES[lang]})
        page.emulate_media(color_scheme=color_scheme, reduced_motion=motion)
        pages.append(page)
        page.on("console", _on_console)
        return AppPage(page, server, lang).open(route, skip_intro=skip_intro)

    setattr(_open, "requests", requests)  # noqa: B010 (what the test reads after its flow)
    setattr(_open, "pages", pages)  # noqa: B010 (the failure report shows them)
    setattr(_open, "csp_violations", csp_violations)  # noqa: B010  # what the app's own policy stopped (it should stop nothing of ours)
    yield _open
    tabs.remove_listener("request", _on_request)
    tabs.clear_permissions()
    for page in pages:
        page.close()
    blank = tabs.new_page()
    tabs.new_cdp_session(blank).send(
        "Storage.clearDataForOrigin", {"origin": server.url.rstrip("/"), "storageTypes": CLEARED}
    )
    blank.close()
