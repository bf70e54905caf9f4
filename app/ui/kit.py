"""Small building blocks shared by the screens: big labelled buttons, choice rows, the screen frame.

Every interactive control here is at least 48 px tall (56 for primary actions), carries a
screen-reader label, and a stable `identifier` that browser tests locate it by.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

import flet as ft

from app.i18n import _

# Deep teal and deep red keep >= 7:1 contrast with white text, readable in sunlight.
DANGER = "#B71C1C"  # a filled background under white text ("go now", a danger button)
# Red words or an icon on the page or a card: the theme's error colour (dark red in the light
# theme, light red in the dark one), 4.5:1 or more in both; DANGER there is under 3:1 in the dark.
WARNING_INK = ft.Colors.ERROR
# A calm card (a red flag that is not "go now"): a neutral card with a warm orange border and icon
# (3.9:1 against the page and the cards in both themes, above WCAG's 3:1 for a graphic), its words
# in the theme's text colour. No red, no red container: in the dark theme that read as an alarm.
CALM_ACCENT = "#CC5500"
MIN_TARGET = 48
PRIMARY_HEIGHT = 56
# Route -> the height of its screen's fixed bottom bar as last drawn (0: none), for the notice.
BOTTOM_BARS: dict[str, float] = {}

Handler = Callable[[Any], Any] | None
Icon = ft.IconData  # a Material icon, ft.Icons.X


def tagged(control: ft.Control, identifier: str, label: str | None = None, **kwargs: Any) -> ft.Semantics:
    """Wrap a control with a stable test identifier (and optionally a screen-reader label)."""
    return ft.Semantics(content=control, identifier=identifier, label=label, **kwargs)


def _button_text(label: str, size: int = 18) -> ft.Text:
    return ft.Text(label, size=size, weight=ft.FontWeight.W_600, text_align=ft.TextAlign.CENTER)


def primary_button(
    label: str,
    on_click: Handler,
    identifier: str,
    *,
    icon: Icon | None = None,
    disabled: bool = False,
    in_row: bool = False,
) -> ft.Semantics:
    """`in_row`: share a row's width with its neighbours (else take the column's width)."""
    button = ft.FilledButton(
        content=_button_text(label),
        icon=icon,
        on_click=on_click,
        disabled=disabled,
        height=PRIMARY_HEIGHT,
        expand=True,
    )
    return tagged(ft.Row([button]), identifier, expand=True if in_row else None)


def secondary_button(
    label: str,
    on_click: Handler,
    identifier: str,
    *,
    icon: Icon | None = None,
    disabled: bool = False,
    in_row: bool = False,
) -> ft.Semantics:
    """`in_row`: share a row's width with its neighbours (else take the column's width)."""
    button = ft.OutlinedButton(
        content=_button_text(label, 16),
        icon=icon,
        on_click=on_click,
        disabled=disabled,
        height=PRIMARY_HEIGHT,
        expand=True,
    )
    return tagged(ft.Row([button]), identifier, expand=True if in_row else None)


def danger_button(label: str, on_click: Handler, identifier: str, *, icon: Icon | None = None) -> ft.Semantics:
    button = ft.FilledButton(
        content=_button_text(label),
        icon=icon,
        on_click=on_click,
        height=PRIMARY_HEIGHT,
        expand=True,
        style=ft.ButtonStyle(bgcolor=DANGER, color=ft.Colors.WHITE, icon_color=ft.Colors.WHITE),
    )
    return tagged(ft.Row([button]), identifier)


# Between the buttons of a dialog: a finger aimed at one never lands on the other.
DIALOG_BUTTON_GAP = 24


def dialog(title: str, text: str, actions: Sequence[ft.Control], **kwargs: Any) -> ft.AlertDialog:
    """A modal question: a title the screen reader says (Material's own name for a dialog is only
    "Alert"), its text, and its buttons one above the other, DIALOG_BUTTON_GAP apart."""
    return ft.AlertDialog(
        modal=True,
        title=ft.Text(title),
        semantics_label=title,
        content=ft.Text(text),
        actions=[
            ft.Column(list(actions), spacing=DIALOG_BUTTON_GAP, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        ],
        **kwargs,
    )


def heading(text: str, size: int = 22) -> ft.Text:
    return ft.Text(text, size=size, weight=ft.FontWeight.BOLD)


def body(text: str, size: int = 16, **kwargs: Any) -> ft.Text:
    return ft.Text(text, size=size, **kwargs)


def note(text: str, icon: Icon = ft.Icons.INFO_OUTLINE, color: str | None = None) -> ft.Container:
    """A calm tinted card for advice (pressure, safety); `color=DANGER` marks a problem (its icon in
    the theme's error colour, readable on the tint in both themes)."""
    ink = WARNING_INK if color == DANGER else color or ft.Colors.PRIMARY
    return ft.Container(
        content=ft.Row(
            [ft.Icon(icon, color=ink), ft.Text(text, size=15, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        border_radius=12,
        padding=12,
    )


def status_line(kind: str, text: str, identifier: str) -> ft.Semantics:
    """What became of the last thing asked for ("Saved as ...", or why not) under its buttons, said
    by a screen reader when it appears (a live region). `kind`: "ok" (a check mark), "working" (an
    hourglass) or "problem" (an error mark, in the theme's error colour)."""
    good = kind != "problem"
    icon = {"ok": ft.Icons.CHECK_CIRCLE, "working": ft.Icons.HOURGLASS_TOP}.get(kind, ft.Icons.ERROR_OUTLINE)
    line = note(text, icon=icon, color=None if good else ft.Colors.ERROR)
    return ft.Semantics(content=line, live_region=True, identifier=identifier)


def kept_note(text: str, identifier: str, close_label: str, on_close: Handler) -> ft.Control:
    """Words that stay until read (a passing notice could end while she looks at another tab):
    heard by a screen reader when they appear, and a button that closes them."""
    return ft.Column(
        [
            ft.Semantics(content=note(text), live_region=True, identifier=identifier),
            secondary_button(close_label, on_close, f"{identifier}-close", icon=ft.Icons.CHECK),
        ],
        spacing=8,
    )


def calm_card(content: ft.Control, *, filled: bool = True, padding: int = 14) -> ft.Container:
    """A card for something to act on calmly (see CALM_ACCENT); `filled=False` inside another card."""
    return ft.Container(
        content,
        padding=padding,
        border_radius=12,
        bgcolor=ft.Colors.SURFACE_CONTAINER_LOW if filled else None,
        border=ft.Border.all(2, CALM_ACCENT),
    )


def flag_icon(urgent: bool, size: int | None = None) -> ft.Icon:
    """A red flag's icon on a surface: a warning sign for "go now", a heart for the calm ones."""
    if urgent:
        return ft.Icon(ft.Icons.WARNING_ROUNDED, color=WARNING_INK, size=size)
    return ft.Icon(ft.Icons.FAVORITE_BORDER, color=CALM_ACCENT, size=size)


def check_item(label: str, value: bool, on_change: Callable[[bool], Any], identifier: str) -> ft.Control:
    """A checkbox whose label wraps (Material's own label is cut at the screen edge); the whole row toggles.

    Stateless: `value` comes from the screen's state and a tap asks for `not value`. The row is one
    screen-reader node: its label, read once, with its checked state.
    """
    row = ft.Container(
        ft.Row(
            [ft.Checkbox(value=value, on_change=lambda e: on_change(not value)), ft.Text(label, size=16, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        on_click=lambda e: on_change(not value),
        ink=True,
        border_radius=8,
        padding=ft.Padding.symmetric(vertical=4),
    )
    return ft.Semantics(
        content=row,
        identifier=identifier,
        label=label,
        checked=value,
        container=True,
        exclude_semantics=True,
        on_tap=lambda e: on_change(not value),
    )


def choice_group(
    options: Sequence[tuple[str, str]],
    selected: str | None,
    on_select: Callable[[str], Any],
    identifier: str,
    *,
    columns: int = 0,
    question: str | None = None,
    spoken: dict[str, str] | None = None,
) -> ft.Control:
    """A row (or wrapped rows) of large toggle chips; exactly one can be chosen.

    Identifiers are `{identifier}-{value}` so tests can pick an option. With `question`, each chip is
    named for the screen reader with the question and its answer ("Is she feverish? Yes"), not "Yes"
    alone; `spoken` gives an answer's words where the chip shows less (a digit of a scale).
    """
    chips: list[ft.Control] = []
    for value, label in options:
        answer = (spoken or {}).get(value, label)
        name = _("%(question)s %(answer)s") % {"question": question, "answer": answer} if question else answer
        is_on = value == selected
        chip = ft.Container(
            content=ft.Text(
                label,
                size=16,
                weight=ft.FontWeight.W_600,
                text_align=ft.TextAlign.CENTER,
                color=ft.Colors.ON_PRIMARY if is_on else ft.Colors.ON_SURFACE,
            ),
            alignment=ft.Alignment.CENTER,
            bgcolor=ft.Colors.PRIMARY if is_on else ft.Colors.SURFACE_CONTAINER_HIGHEST,
            border=ft.Border.all(2, ft.Colors.PRIMARY),
            border_radius=12,
            # No fixed height: a long label wraps onto a second line instead of being cut. One line of
            # 16 px text plus this padding is taller than the 48 px minimum target.
            padding=ft.Padding.symmetric(horizontal=10, vertical=13),
            expand=True,
            on_click=lambda e, v=value: on_select(v),
            ink=True,
        )
        chips.append(
            ft.Semantics(
                content=chip,
                identifier=f"{identifier}-{value}",
                button=True,
                selected=is_on,
                label=name,
                expand=True,
                container=True,
                exclude_semantics=True,
                on_tap=lambda e, v=value: on_select(v),
            )
        )
    if columns:
        rows: list[ft.Control] = [
            ft.Row(chips[i : i + columns], spacing=8, vertical_alignment=ft.CrossAxisAlignment.CENTER)
            for i in range(0, len(chips), columns)
        ]
        return ft.Column(rows, spacing=8)
    return ft.Row(chips, spacing=8, vertical_alignment=ft.CrossAxisAlignment.CENTER)


def icon_button(icon: Icon, label: str, on_click: Handler, identifier: str) -> ft.Control:
    """A 48x48 icon button with one screen-reader name (on the button node itself, read once)."""
    button = ft.IconButton(
        icon=icon, tooltip=label, on_click=on_click, icon_size=28, width=MIN_TARGET, height=MIN_TARGET
    )
    return ft.Semantics(
        content=button,
        identifier=identifier,
        label=label,
        button=True,
        container=True,
        exclude_semantics=True,
        on_tap=on_click,
    )


def text_button(label: str, on_click: Handler, identifier: str) -> ft.Control:
    """A quiet text action, at least 48 px tall."""
    return tagged(ft.TextButton(content=_button_text(label, 16), on_click=on_click, height=MIN_TARGET), identifier)


def screen(
    route: str,
    title: str,
    controls: Sequence[ft.Control],
    *,
    bottom: Sequence[ft.Control] | None = None,
    on_back: Handler = None,
    actions: Sequence[ft.Control] | None = None,
    bgcolor: str | None = None,
    body_ref: ft.Ref[ft.Column] | None = None,
    subtitle: str | None = None,
) -> ft.View:
    """The frame of every screen: an app bar, a scrolling body, and fixed bottom actions.

    Primary actions sit at the bottom, in reach of a thumb, and never scroll away. The body keeps
    its scroll position across redraws (the declarative UI updates it in place). `body_ref` gets
    the scrolling body, for `scroll_to` (a form's first error). `subtitle` is a line under the
    title (whose visit it is, on the visit screens).
    """
    leading = icon_button(ft.Icons.ARROW_BACK, _("Back"), on_back, "back") if on_back is not None else None
    heading: ft.Control = ft.Text(title, size=20, weight=ft.FontWeight.W_600, max_lines=2)
    if subtitle:
        heading = ft.Column(
            # Each line its own node: the title is still found (and read) as the title alone.
            [
                ft.Semantics(content=heading, header=True, container=True),
                tagged(ft.Text(subtitle, size=15, max_lines=2), "screen-subtitle", container=True),
            ],
            spacing=0,
            tight=True,
        )
    appbar = ft.AppBar(
        title=heading,
        toolbar_height=76 if subtitle else None,
        leading=leading,
        automatically_imply_leading=False,
        actions=list(actions or []),
    )
    body_column = ft.Column(
        list(controls),
        spacing=14,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ref=body_ref,
    )
    parts: list[ft.BaseControl] = [ft.Container(body_column, expand=True, padding=ft.Padding.symmetric(horizontal=16))]
    # The height of the fixed bottom bar (a notice floats above it, never over its buttons).
    BOTTOM_BARS[route.split("?")[0]] = (
        24 + sum(getattr(c, "height", None) or PRIMARY_HEIGHT for c in bottom) + 8 * (len(bottom) - 1) if bottom else 0
    )
    if bottom:
        parts.append(
            ft.Container(
                ft.Column(list(bottom), spacing=8), padding=ft.Padding.only(left=16, top=8, right=16, bottom=16)
            )
        )
    return ft.View(route=route, appbar=appbar, controls=parts, padding=0, spacing=0, bgcolor=bgcolor)


def _new_body_ref() -> ft.Ref[ft.Column]:
    return ft.Ref()


def top_when_changed(key: object, shown: bool) -> ft.Ref[ft.Column]:
    """For a component's `screen(body_ref=...)`: when `key` has changed since the screen was last
    `shown` (on top of the stack), its body scrolls back to the top once it is shown again, so what
    is new there is seen first. (Scrolled while another screen covers it, Flutter puts the offset
    back as that screen goes.) A hook: call it on every drawing, in the same order."""
    # use_ref calls a callable it is given, and a Ref is one: it gets the function that makes it.
    held: ft.MutableRef[ft.Ref[ft.Column]] = ft.use_ref(_new_body_ref)
    body = held.current  # one for the screen's life: the newest drawing's body, the live one
    assert body is not None
    seen = ft.use_ref(key)  # the key when the screen was last seen

    async def to_top() -> None:
        if not shown or seen.current == key:
            return
        seen.current = key
        if body.current is not None:
            with contextlib.suppress(Exception):  # a page gone meanwhile: nothing to show
                await body.current.scroll_to(offset=0, duration=ft.Duration(milliseconds=300))

    ft.use_effect(to_top, [key, shown])
    return body
