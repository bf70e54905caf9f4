"""Every letter she types is saved, also on a busy phone (issue 26), in Chromium at 360x800.

Two CPU-bound processes of the test's own run while it types, at a steady human pace of 10
letters a second (the quicker pace gives an older keystroke's event less time; 5 a second cost
the suite two more minutes of burners on 2 cores), a 125-letter note and the numbers of a
report; the saved report, read back from the real SQLite file, holds exactly what was typed. The
WebSocket frames are watched too: the server must never send a text box a text the page held
earlier (before the fix it did, dozens of times in one note, and the letters typed in between
were lost).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta

import msgpack
import pytest
from playwright.sync_api import expect

from app.domain.profile import Profile
from app.store.db import open_store
from tests.browser.test_diary_flow import rows, scroll_to, start, tap
from tests.testday import CLOCK, TODAY

BORN = TODAY - timedelta(days=10)
NOTE = (
    "Tadi pagi ASI keluar lebih lancar setelah pijat oksitosin dari suami, "
    "bayi menyusu sepuluh kali dan tidur nyenyak sesudahnya."
)
NUMBERS = {"feeds_24h": "12", "wet_diapers": "11", "expressed_ml": "120", "temperature_c": "36,8"}
LOAD_PROCESSES = 2

PATCH_CONTROL, UPDATE_CONTROL_PROPS, REPLACE = 2, 4, 0


def test_the_note_is_125_letters() -> None:
    assert len(NOTE) == 125


@contextlib.contextmanager
def cpu_load(n: int = LOAD_PROCESSES) -> Iterator[None]:
    """`n` processes that keep a core busy each, as other apps do on a phone; killed at the end."""
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]
    try:
        yield
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()


class TextFrames:
    """The texts of the text boxes on the wire: what the page sent (its `value` updates) and what
    the server sent back (a patch that replaces a `value` with a text)."""

    def __init__(self, page) -> None:
        self.from_page: list[str] = []
        self.from_server: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        ws.on("framesent", lambda payload: self._read(payload, self._page_sent))
        ws.on("framereceived", lambda payload: self._read(payload, self._server_sent))

    @staticmethod
    def _read(payload, handle) -> None:
        if not isinstance(payload, bytes) or not payload or payload[0] != 0:
            return
        try:
            message = msgpack.unpackb(payload[1:], strict_map_key=False)
        except Exception:  # a frame of another kind: not ours to read
            return
        if isinstance(message, list) and len(message) == 2:
            handle(message[0], message[1])

    def _page_sent(self, action, body) -> None:
        if action == UPDATE_CONTROL_PROPS and isinstance(body, dict):
            value = (body.get("props") or {}).get("value")
            if isinstance(value, str):
                self.from_page.append(value)

    def _server_sent(self, action, body) -> None:
        if action != PATCH_CONTROL or not isinstance(body, dict):
            return
        for op in (body.get("patch") or [])[1:]:
            if (
                isinstance(op, list)
                and len(op) == 4
                and op[0] == REPLACE
                and op[2] == "value"
                and isinstance(op[3], str)
            ):
                self.from_server.append(op[3])

    def written_back(self) -> list[str]:
        """Texts the page had sent that the server sent back to it: by then the page held a newer
        one (the server has no reason to send the page a text it has, but an older one's)."""
        typed = set(self.from_page)
        return [text for text in self.from_server if text and text in typed]


@pytest.fixture(scope="module")
def seeded(server):
    with open_store(server.db_file) as store:
        store.profile.save(Profile(mother_name="Siti", baby_birth_date=BORN), at=CLOCK.wall())
    return server


def open_day(open_app, ago: int):
    app = start(open_app, "id")
    frames = TextFrames(app.page)  # from the next connection on: the page is loaded again
    app.page.reload()
    app.wait_ready()
    tap(app, "open-diary")
    tap(app, f"edit-{(TODAY - timedelta(days=ago)).isoformat()}")
    app.wait_for("report-save")
    tap(app, "flow-well")  # the one answer a report needs
    return app, frames


def type_steadily(app, identifier: str, text: str, per_second: int, frames: TextFrames) -> None:
    """Focus the field's input, see the first letter arrive (a person looks at the box as she
    starts: on a busy page a letter typed the instant the box takes the focus can come before the
    page listens, and she types it again), then type the rest at a steady pace, one letter after
    another, without looking back (a person typing does not wait for the screen)."""
    box = scroll_to(app, identifier).locator("input, textarea").first
    box.focus()
    expect(box).to_be_focused()
    for _attempt in range(2):
        sent = len(frames.from_page)
        app.page.keyboard.type(text[0])
        try:
            app.until(lambda sent=sent: text[0] in frames.from_page[sent:], 15, "the first letter")
            break
        except AssertionError:
            continue
    app.page.keyboard.type(text[1:], delay=1000 // per_second)


def save(app) -> None:
    """Save, and wait for the confirmation: a busy server takes in what was typed first."""
    tap(app, "report-save")
    app.wait_for("notice", timeout=60_000).get_by_text("Tersimpan").first.wait_for(state="attached")


@pytest.mark.parametrize(("per_second", "ago"), [(10, 2)])
def test_a_long_note_typed_on_a_busy_device_is_saved_whole(open_app, seeded, per_second, ago):
    app, frames = open_day(open_app, ago)
    with cpu_load():
        type_steadily(app, "field-note", NOTE, per_second, frames)
        save(app)
    day = (TODAY - timedelta(days=ago)).isoformat()
    [(saved,)] = rows(seeded, "SELECT note FROM reports WHERE day = ?", (day,))
    back = frames.written_back()
    lost = len(NOTE) - len(saved)
    assert saved == NOTE, f"{lost} letters lost at {per_second} a second ({len(back)} write-backs): {saved!r}"
    assert back == [], "the server sent the page a text older than its own"
    assert NOTE in frames.from_page  # the frames were watched


@pytest.mark.parametrize(("per_second", "ago"), [(10, 4)])
def test_numbers_typed_on_a_busy_device_are_saved_as_typed(open_app, seeded, per_second, ago):
    app, frames = open_day(open_app, ago)
    with cpu_load():
        for name, text in NUMBERS.items():
            type_steadily(app, f"field-{name}", text, per_second, frames)
        save(app)
    day = (TODAY - timedelta(days=ago)).isoformat()
    saved = rows(
        seeded, "SELECT feeds_24h, wet_diapers, expressed_ml, temperature_c FROM reports WHERE day = ?", (day,)
    )
    back = frames.written_back()
    assert saved == [(12, 11, 120, 36.8)], f"{len(back)} write-backs"
    assert back == [], "the server sent the page a text older than its own"
    assert set(NUMBERS.values()) <= set(frames.from_page)  # the frames were watched
