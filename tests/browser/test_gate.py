"""The gate as a browser meets it (issue 22): another page on this computer cannot play or fetch the
midwife's recordings; two copies of the app on two ports share one browser without locking each
other out; the token leaves no trace in the tab's history; Ctrl+C with a page open stops cleanly."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.domain.prompts import Clip
from app.gate import REFUSED_TEXT
from app.services.own_voice import OwnVoice, folder_for
from tests.app_server import AppServer, start_app
from tests.browser.conftest import PHONE, AppPage, keep_local
from tests.test_own_voice import tone

RECORDING = "/own-voice/halfway.wav"
# The other page: tries to load a recording as <audio> and with fetch() (no-cors: the request a
# page may make to any address; it carries the app's cookie, since both pages are on 127.0.0.1).
# It writes what happened into #result, for the test to read once #done exists.
OTHER_PAGE = """<!DOCTYPE html><html><body><pre id="result"></pre><script>
const result = {};
const report = (key, value) => {
  result[key] = value;
  document.getElementById("result").textContent = JSON.stringify(result);
  if (Object.keys(result).length === 3) {
    const done = document.createElement("p"); done.id = "done"; document.body.append(done);
  }
};
const load = (key, url) => {
  const audio = new Audio();
  audio.preload = "auto";
  audio.addEventListener("loadeddata", () => report(key, "loaded"));
  audio.addEventListener("error", () => report(key, "error"));
  audio.src = url;
  audio.load();
};
load("own_audio", "/tone.wav");  // the positive control: this page can load a sound of its own
load("app_audio", "APP" + "RECORDING");
fetch("APP" + "RECORDING", {mode: "no-cors", credentials: "include"})
  .then((r) => report("app_fetch", "answered " + r.type), (e) => report("app_fetch", "refused"));
</script></body></html>"""


def wav_bytes(tmp_path: Path) -> bytes:
    voice = OwnVoice(tmp_path / "tone")
    voice.save(Clip.HALFWAY, tone(1.0))
    return voice.path(Clip.HALFWAY).read_bytes()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    srv = start_app(tmp_path_factory.mktemp("appdata"))
    OwnVoice(folder_for(srv.db_file)).save(Clip.HALFWAY, tone(1.0))
    yield srv
    srv.stop()


@pytest.fixture
def other_site(tmp_path: Path, recorded: AppServer) -> Iterator[str]:
    """Another local web server, on another port (another origin, the same site for cookies)."""
    page = OTHER_PAGE.replace('"APP" + "RECORDING"', repr(f"{recorded.url.rstrip('/')}{RECORDING}")).encode()
    sound = wav_bytes(tmp_path)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            body, kind = (sound, "audio/wav") if self.path == "/tone.wav" else (page, "text/html")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def logged_in(browser, srv: AppServer):
    """A browser context holding the app's cookie, as after she opened the printed address."""
    ctx = browser.new_context(viewport=PHONE, locale="en-GB")
    keep_local(ctx)
    AppPage(ctx.new_page(), srv, "en").open(skip_intro=False)
    return ctx


def test_another_local_page_can_neither_play_nor_fetch_a_recording(browser, recorded, other_site):
    ctx = logged_in(browser, recorded)
    try:
        own = ctx.new_page()
        assert own.goto(f"{recorded.url.rstrip('/')}{RECORDING}").status == 200  # the app's own origin gets it
        blocked: list[str] = []
        page = ctx.new_page()
        page.on("requestfailed", lambda r: blocked.append(f"{r.url} {r.failure}"))
        page.goto(other_site)
        page.wait_for_selector("#done", state="attached", timeout=15_000)
        result = page.eval_on_selector("#result", "e => JSON.parse(e.textContent)")
        assert result == {"own_audio": "loaded", "app_audio": "error", "app_fetch": "refused"}
        # Refused by the browser on the response's Cross-Origin-Resource-Policy, though the request
        # carried the cookie: the header, not the gate, is what stops it.
        assert blocked and all(RECORDING in b and "ERR_BLOCKED_BY_RESPONSE" in b for b in blocked)
    finally:
        ctx.close()


def test_two_apps_on_two_ports_share_a_browser_without_locking_each_other_out(browser, recorded, tmp_path):
    second = start_app(tmp_path)
    ctx = browser.new_context(viewport=PHONE, locale="en-GB")
    try:
        page = ctx.new_page()
        assert page.goto(recorded.url).status == 403  # the control: no cookie, no app
        for srv in (recorded, second, recorded):  # the other app's cookie set in between
            assert page.goto(srv.login()).status == 200
        for srv in (recorded, second):
            response = page.goto(srv.url)  # no token: each app knows its own cookie
            assert response.status == 200
            AppPage(page, srv, "en").wait_ready()
            assert REFUSED_TEXT["en"][0] not in page.content()
        assert {c["name"] for c in ctx.cookies()} == {recorded.cookie_name, second.cookie_name}
    finally:
        ctx.close()
        second.stop()


def test_the_token_leaves_no_trace_in_the_tab_s_history(browser, recorded):
    ctx = browser.new_context(viewport=PHONE, locale="en-GB")
    try:
        page = ctx.new_page()
        page.goto("about:blank")
        page.goto(recorded.login("report?day=2026-01-02"))
        AppPage(page, recorded, "en").wait_ready()
        assert page.evaluate("[location.href, history.length]") == [f"{recorded.url}report?day=2026-01-02", 2]
        entries = ctx.new_cdp_session(page).send("Page.getNavigationHistory")["entries"]
        assert [e["url"] for e in entries] == ["about:blank", f"{recorded.url}report?day=2026-01-02"]
        page.go_back()
        assert page.url == "about:blank"  # Back leaves the app; it never shows the token address
        page.go_forward()
        AppPage(page, recorded, "en").wait_ready()
        assert "token" not in page.url
    finally:
        ctx.close()


def test_ctrl_c_with_a_page_open_stops_cleanly(browser, tmp_path):
    srv = start_app(tmp_path)
    ctx = browser.new_context(viewport=PHONE, locale="en-GB")
    try:
        AppPage(ctx.new_page(), srv, "en").open(skip_intro=False)
        srv.process.send_signal(signal.SIGINT)
        code = srv.process.wait(30)
    finally:
        ctx.close()
        if srv.process.poll() is None:
            srv.stop()
    log = (srv.data_dir / "server.log").read_text()
    assert code == 0
    assert "Traceback" not in log and "ERROR" not in log, log
