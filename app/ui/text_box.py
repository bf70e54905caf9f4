"""A text box whose text belongs to the page while she types (a shim over Flet 1.0.5's TextField).

Why. On every keystroke Flet's web client sends two messages: first a property update with the
box's whole text (`UPDATE_CONTROL_PROPS`, which the server writes at once into the control it
holds), then the change event with the same text (`CONTROL_EVENT`, whose handler runs later, as
its own asyncio task). A screen whose state follows the text (`on_change` -> the form's state ->
a redraw) then builds the box again with the text of the event it has handled, and Flet's diff
compares that with the control's text, which the later keystrokes' updates have meanwhile moved
on: on a busy device the handler of keystroke n runs after the update of keystroke n+1 arrived,
so the diff sends the page the older text n, the page puts it into the box, and the letters typed
since are gone (seen in the WebSocket frames: dozens of such write-backs in one 125-letter note
typed under load, and up to 77 of its letters lost). Taking the text from the event instead of
the control (`form_parts.typed`) could not help: the event's text is the older one.

What. The text the page sent last is the newest there is; the server only ever sends a box a text
the app means to put there (a draft loaded, "Discard changes", a date picked in a calendar):
- `revision`: the screen's count of such deliberate texts for this box (not sent to the page).
  While it stays the same, a redraw keeps the text the page sent last, so the diff finds nothing
  to send; a new revision sends the app's text.
- A change event whose text is older than the text the page has sent since is dropped: the newer
  keystroke's own event follows, and handling the older one would set the form back meanwhile.

Pinned to flet 1.0.5: it relies on `BaseControl._migrate_state` (called by the diff on the new
control with the one it replaces, before their properties are compared), on `before_event`, and
on a control's properties living in `_values`. tests/test_text_box.py drives Flet's own diff and
event dispatch through both paths and fails if an upgrade changes them.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

import flet as ft


@ft.control
class TextBox(ft.TextField):
    """`ft.TextField` for text she types: see the module's docstring. `revision` changes when the
    app puts a text into the box on purpose; typing never changes it."""

    revision: int = field(default=0, metadata={"skip": True})

    def _migrate_state(self, other: Any) -> None:
        super()._migrate_state(other)
        if isinstance(other, TextBox) and other.revision == self.revision:
            keep_page_text(self, other)

    def before_event(self, e: Any) -> bool | None:
        if getattr(e, "name", None) == "change" and isinstance(e.data, str) and e.data != self.value:
            return False  # an older keystroke's event: the newer one's follows
        return super().before_event(e)


def keep_page_text(new: TextBox, old: TextBox) -> None:
    """Give the control being drawn the text the page sent last (held by the one it replaces),
    so that the diff sends none. Written into `_values` as Flet itself writes a page's updates
    (the new control is frozen while the diff runs)."""
    text = old._values.get("value", "")
    if text == "":
        new._values.pop("value", None)  # sparse, as Flet keeps a property at its default
    else:
        new._values["value"] = text
