"""A text box takes the text its change event carries: a redraw between the keystroke and its
handler can leave the handler's control holding older text (the typing race seen in CI)."""

from __future__ import annotations

from types import SimpleNamespace

from app.ui.screens.form_parts import typed


def test_the_event_s_own_text_wins_over_a_control_left_older() -> None:
    assert typed(SimpleNamespace(data="abc", control=SimpleNamespace(value="ab"))) == "abc"
    assert typed(SimpleNamespace(data="", control=SimpleNamespace(value="ab"))) == ""  # all deleted


def test_without_text_in_the_event_the_control_s_value_is_read() -> None:
    assert typed(SimpleNamespace(data=None, control=SimpleNamespace(value="12"))) == "12"
    assert typed(SimpleNamespace(control=SimpleNamespace(value=None))) == ""
