"""The text box shim (app.ui.text_box) against Flet 1.0.5's own session, diff and event dispatch.

A real `Session` with a fake connection that records what the server sends; the page's side is
played as Flet's web client plays it on a keystroke: the box's text as a property update (applied
at once, as the WebSocket receive loop does), then the change event (handled later, as its own
task). The plain `ft.TextField` cases show the race itself: if an upgrade of Flet stops sending
the older text, they fail, and the shim may be dropped; if it changes the internals the shim
relies on, the `TextBox` cases fail.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import flet as ft
import msgpack
import pytest
from flet.controls.base_control import BaseControl
from flet.messaging.connection import Connection
from flet.messaging.protocol import MessageAction, configure_encode_object_for_msgpack
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub

from app.ui.text_box import TextBox


def test_flet_is_the_version_the_shim_was_made_for() -> None:
    assert ft.version.flet_version == "1.0.5"  # read app/ui/text_box.py before changing the pin


ENCODE = configure_encode_object_for_msgpack(BaseControl)
REPLACE = 0  # flet.controls.object_patch.Operation.Replace


class Recorder(Connection):
    """A connection that serialises what the server sends, as Flet's web server does (Flet keeps
    its diff's snapshots while serialising), and keeps the texts it sends to text boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.pubsubhub = PubSubHub()
        self.texts: list[str] = []

    def send_message(self, message: Any) -> None:
        packed = msgpack.packb([message.action, message.body], default=ENCODE)
        action, body = msgpack.unpackb(packed, strict_map_key=False)
        if action != MessageAction.PATCH_CONTROL.value:
            return
        for op in body["patch"][1:]:
            if op[0] == REPLACE and op[2] == "value" and isinstance(op[3], str):
                self.texts.append(op[3])


@ft.observable
@dataclass
class Note:
    text: str = ""
    revision: int = 0
    handled: int = 0  # change events that reached the handler


def form(box_type: type[ft.TextField]) -> Any:
    @ft.component
    def Form(note: Note) -> ft.Control:
        def changed(e: Any) -> None:
            note.handled += 1
            note.text = e.data

        options: dict[str, Any] = {"revision": note.revision} if box_type is TextBox else {}
        return ft.Column([box_type(value=note.text, on_change=changed, **options)])

    return Form


class Page:
    """The server's side of one page with the form, and the client's keystrokes."""

    def __init__(self, box_type: type[ft.TextField]) -> None:
        self.conn = Recorder()
        self.session = Session(self.conn)
        self.session.attach_connection(self.conn)  # also makes it this task's page (`ft.context.page`)
        msgpack.packb(self.session.get_page_patch(), default=ENCODE)  # the page's first state, as sent
        self.note = Note()
        self.session.page.render(form(box_type), self.note)
        self.box_id = self._box()._i

    def _box(self) -> ft.TextField:
        [box] = [c for c in self.session.index.values() if isinstance(c, ft.TextField)]
        return box

    def update_arrives(self, text: str) -> None:
        """The keystroke's property update (`UPDATE_CONTROL_PROPS`), applied on arrival."""
        self.session.apply_patch(self.box_id, {"value": text})

    async def event_handled(self, text: str) -> None:
        """The keystroke's change event (`CONTROL_EVENT`), handled in its turn."""
        await self.session.dispatch_event(self.box_id, "change", text)

    async def redrawn(self) -> None:
        """Let the session's scheduler draw what changed."""
        for _ in range(5):
            await asyncio.sleep(0)

    def close(self) -> None:
        self.session.close()


async def _handler_then_redraw_after_the_next_update(box_type: type[ft.TextField]) -> Page:
    """'a' is handled before 'ab' arrives, but the redraw comes after (a busy server)."""
    page = Page(box_type)
    page.update_arrives("a")
    await page.event_handled("a")
    page.update_arrives("ab")
    await page.redrawn()
    return page


async def _update_of_the_next_keystroke_before_the_handler(box_type: type[ft.TextField]) -> Page:
    """'ab' has arrived before the event of 'a' is handled."""
    page = Page(box_type)
    page.update_arrives("a")
    page.update_arrives("ab")
    await page.event_handled("a")
    await page.redrawn()
    await page.event_handled("ab")
    await page.redrawn()
    return page


@pytest.mark.parametrize(
    "scenario", [_handler_then_redraw_after_the_next_update, _update_of_the_next_keystroke_before_the_handler]
)
def test_flet_s_text_field_sends_the_page_an_older_text(scenario) -> None:
    """The race, in Flet itself: the page, already at 'ab', is sent 'a'."""

    async def run() -> list[str]:
        page = await scenario(ft.TextField)
        page.close()
        return page.conn.texts

    assert "a" in asyncio.run(run())


@pytest.mark.parametrize(
    "scenario", [_handler_then_redraw_after_the_next_update, _update_of_the_next_keystroke_before_the_handler]
)
def test_the_text_box_never_sends_the_page_its_own_text_back(scenario) -> None:
    async def run() -> Page:
        page = await scenario(TextBox)
        await page.event_handled("ab")
        await page.redrawn()
        page.close()
        return page

    page = asyncio.run(run())
    assert page.conn.texts == []
    assert page.note.text == "ab"  # the form ends with what the page holds


def test_an_older_keystroke_s_event_is_not_handled() -> None:
    async def run() -> Page:
        page = Page(TextBox)
        for text in ("a", "ab", "abc"):
            page.update_arrives(text)
        for text in ("a", "ab", "abc"):
            await page.event_handled(text)
            await page.redrawn()
        page.close()
        return page

    page = asyncio.run(run())
    assert page.note.handled == 1  # only 'abc': the older two would have set the form back
    assert page.note.text == "abc"


def test_a_text_the_app_puts_there_is_sent() -> None:
    """A new revision (e.g. "Discard changes") sends the app's text, and typing goes on from it."""

    async def run() -> Page:
        page = Page(TextBox)
        page.update_arrives("draft")
        await page.event_handled("draft")
        await page.redrawn()
        page.note.text, page.note.revision = "", page.note.revision + 1
        await page.redrawn()
        page.update_arrives("n")
        await page.event_handled("n")
        await page.redrawn()
        page.close()
        return page

    page = asyncio.run(run())
    assert page.conn.texts == [""]
    assert page.note.text == "n"
