"""What the daily report and the profile form share to show their errors and their state.

A refused Save must be seen and heard: the form scrolls to the first field in error (each field
carries a `ScrollKey` named `at-<field>`), a short summary beside Save counts the fields that need
attention, every message sits under its own field, and the summary is announced to a screen
reader (a live region, and the device's announcement). A form reopened with text typed but not
saved says so, with "Discard changes". A date is typed as day/month/year, or picked in a
calendar (`date_picker`: the profile's birth date, a visit's day).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import flet as ft

from app.domain.parsing import parse_date
from app.i18n import _, format_date, ngettext
from app.ui import kit
from app.ui.screens.diary_labels import FormState, error_text
from app.ui.text_box import TextBox

SCROLL_S = 0.3  # the scroll to the first error, in seconds: quick, but visible as a movement
# A field's message, larger than Material's 12 px: it is what she must read to go on.
ERROR_STYLE = ft.TextStyle(size=14, weight=ft.FontWeight.W_600)
HELPER_STYLE = ft.TextStyle(size=14)
DATE_TYPED = "%d/%m/%Y"  # how a date is written in Indonesia, and typed here: 20/11/2026


def anchor(name: str) -> ft.ScrollKey:
    """The scroll target of a field (see `scroll_to_error`)."""
    return ft.ScrollKey(f"at-{name}")  # type: ignore[call-arg]  # a dataclass mypy cannot see through


def field_error(errors: Mapping[str, str], name: str) -> list[ft.Control]:
    """The message of a field that is not a text box (a choice, a ticked box), under it; a live
    region, so a screen reader reads it when it appears. [] when the field is fine."""
    message = error_text(errors.get(name), name)
    if message is None:
        return []
    text = ft.Row(
        [
            ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ERROR, size=20),
            ft.Text(message, color=ft.Colors.ERROR, size=15, weight=ft.FontWeight.W_600, expand=True),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    return [kit.tagged(text, f"error-{name}", label=message, live_region=True, container=True)]


def first_error(order: Iterable[str], errors: Mapping[str, str]) -> str | None:
    """The first field in error, in the order the form shows its fields (else any field in error)."""
    for name in order:
        if name in errors:
            return name
    return next(iter(errors), None)


def attention_text(errors: Mapping[str, str]) -> str:
    n = len(errors)
    return ngettext("Not saved: %(n)d field needs attention.", "Not saved: %(n)d fields need attention.", n) % {"n": n}


def attention(errors: Mapping[str, str], identifier: str = "form-summary") -> list[ft.Control]:
    """The summary beside Save ("Not saved: 2 fields need attention."), [] without errors."""
    if not errors:
        return []
    text = attention_text(errors)
    row = ft.Row(
        [
            ft.Icon(ft.Icons.ERROR, color=ft.Colors.ERROR),
            ft.Text(text, color=ft.Colors.ERROR, size=16, weight=ft.FontWeight.BOLD, expand=True),
        ]
    )
    return [kit.tagged(row, identifier, label=text, live_region=True, container=True)]


def scrolling_body(control: Any) -> ft.Column | None:
    """The scrolling body of the screen a control (e.g. the Save button that was tapped) is on.

    Walked up from the live control: a `ref` taken while building is not it, because a redraw builds
    new control objects and the one the client knows keeps its old id.
    """
    node = control
    while node is not None and not isinstance(node, ft.View):
        node = getattr(node, "parent", None)
    for part in getattr(node, "controls", None) or []:
        body = getattr(part, "content", None)
        if isinstance(body, ft.Column) and body.scroll is not None:
            return body
    return None


def _text_box(control: Any) -> ft.TextField | None:
    """The text box a field's anchor holds (through its wrappers), if it is one."""
    node = control
    while node is not None and not isinstance(node, ft.TextField):
        node = getattr(node, "content", None)
    return node


async def show_first_error(tapped: Any, order: Iterable[str], errors: Mapping[str, str], devices: Any = None) -> None:
    """After a refused Save (`tapped`: the button's control): say how many fields need attention and
    bring the first one into view. A text box also takes the focus, so a screen reader reads it with
    its message (and Flutter, which keeps a focused box in view, does not scroll back to another)."""
    if devices is not None:
        devices.announce(attention_text(errors))
    name = first_error(order, errors)
    column = scrolling_body(tapped)
    if name is None or column is None:
        return
    key = anchor(name)
    target = next((c for c in column.controls if getattr(c, "key", None) == key), None)
    box = _text_box(target)
    try:
        if box is not None:
            await box.focus()
        await column.scroll_to(scroll_key=str(key), duration=ft.Duration(milliseconds=int(SCROLL_S * 1000)))
    except Exception:  # a page gone meanwhile: the messages are still on the form
        return


def typed(e: Any) -> str:
    """The text a change event carries (a `TextBox` lets through only the newest keystroke's event,
    whose text is also its control's; see app/ui/text_box.py for why the page's text is never
    sent back to it)."""
    data = getattr(e, "data", None)
    return data if isinstance(data, str) else (e.control.value or "")


def typed_date(text: str) -> date | None:
    """The date the field holds, if it reads as one (for showing it in words)."""
    try:
        return parse_date(text)
    except ValueError:  # PydanticCustomError is a ValueError
        return None


def date_in_words(text: str) -> str | None:
    """ "20 November 2026" for what was typed, or None while it is not a date yet."""
    typed = typed_date(text)
    return None if typed is None else format_date(typed, "long")


def date_field(form: FormState, name: str, label: str, today: date, calendar: ft.Control) -> ft.Row:
    """A date typed as day/month/year (DATE_TYPED), shown in words under it once it reads as one,
    beside its `calendar` button (which opens `date_picker`); its message under it after a refused
    Save."""
    box = TextBox(
        revision=form.revision(name),
        label=label,
        value=form.fields[name],
        text_size=16,
        expand=True,
        hint_text=_("DD/MM/YYYY, e.g. %(example)s") % {"example": today.strftime(DATE_TYPED)},
        keyboard_type=ft.KeyboardType.DATETIME,
        helper=date_in_words(form.fields[name]) or _("Day/month/year, or pick it in the calendar."),
        helper_max_lines=2,
        error=error_text(form.errors.get(name), name, today),
        error_max_lines=3,
        error_style=ERROR_STYLE,
        helper_style=HELPER_STYLE,
        on_change=lambda e: form.edit(name, typed(e)),
    )
    return ft.Row(
        [kit.tagged(box, f"field-{name}", expand=True), calendar],
        vertical_alignment=ft.CrossAxisAlignment.START,
        key=anchor(name),
    )


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def date_picker(
    form: FormState, name: str, help_text: str, opens_on: date, *, first: date, today: date
) -> ft.DatePicker:
    """The calendar of a date field, from `first` to `today`, open at `opens_on`: the day picked is
    written into the field as typed (DATE_TYPED), and sent to the page."""

    def picked(ev: Any) -> None:
        value = ev.control.value  # the day picked, at midnight (a date on some platforms)
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            form.put(name, value.strftime(DATE_TYPED))

    return ft.DatePicker(
        value=_midnight(opens_on),
        current_date=_midnight(today),
        first_date=_midnight(first),
        last_date=_midnight(today),
        help_text=help_text,
        on_change=picked,
    )


def unsaved_banner(on_discard: Any, identifier: str = "form-unsaved") -> ft.Control:
    """The mark of a form reopened with answers that were typed but never saved."""
    text = _("These answers were typed earlier but are not in the diary yet. Save them, or discard them.")
    return kit.tagged(
        ft.Container(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.EDIT_NOTE, color=ft.Colors.ON_TERTIARY_CONTAINER),
                            ft.Text(
                                _("Not saved yet"),
                                size=17,
                                weight=ft.FontWeight.BOLD,
                                expand=True,
                                color=ft.Colors.ON_TERTIARY_CONTAINER,
                            ),
                        ]
                    ),
                    ft.Text(text, size=15, color=ft.Colors.ON_TERTIARY_CONTAINER),
                    kit.secondary_button(_("Discard changes"), on_discard, f"{identifier}-discard", icon=ft.Icons.UNDO),
                ],
                spacing=8,
            ),
            padding=12,
            border_radius=12,
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
        ),
        identifier,
    )
