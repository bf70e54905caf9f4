"""Session step 1: how long each round and rest lasts, or the midwife's demonstration mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.domain.protocol import REST_MINUTES_CHOICES, ROUND_MINUTES_CHOICES, ROUNDS
from app.i18n import _, ngettext
from app.ui import kit
from app.ui.state import use_app

ROUTE = "/session/setup"


def minutes_label(n: int) -> str:
    """A length with its unit ("3 min" / "3 mnt"), so a choice never shows a bare number."""
    return ngettext("%(n)d min", "%(n)d min", n) % {"n": n}


def minute_options(choices: tuple[int, ...]) -> list[tuple[str, str]]:
    return [(str(m), minutes_label(m)) for m in choices]


def switch_item(label: str, value: bool, on_change: Callable[[bool], Any], identifier: str) -> ft.Control:
    """A switch whose whole row (label included) is the target: far larger than 48x48, one
    screen-reader node with its label and on/off state."""

    def flip(e: Any) -> None:
        on_change(not value)

    row = ft.Container(
        ft.Row(
            [ft.Text(label, size=16, weight=ft.FontWeight.W_600, expand=True), ft.Switch(value=value, on_change=flip)],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        on_click=flip,
        ink=True,
        border_radius=8,
        padding=ft.Padding.symmetric(horizontal=4, vertical=8),
    )
    return ft.Semantics(
        content=row,
        identifier=identifier,
        label=label,
        toggled=value,
        container=True,
        exclude_semantics=True,
        on_tap=flip,
    )


@ft.component
def Setup() -> ft.View:
    app = use_app()
    wiz = app.scope.massage.wizard
    round_minutes, set_round_minutes = ft.use_state(wiz.round_minutes)
    rest_minutes, set_rest_minutes = ft.use_state(wiz.rest_minutes)
    demo, set_demo = ft.use_state(wiz.demo)

    # The wizard keeps the answers for the next steps; the local state redraws this screen.
    def choose_round(value: str) -> None:
        wiz.round_minutes = int(value)
        set_round_minutes(wiz.round_minutes)

    def choose_rest(value: str) -> None:
        wiz.rest_minutes = int(value)
        set_rest_minutes(wiz.rest_minutes)

    def choose_demo(value: bool) -> None:
        wiz.demo = value
        set_demo(value)

    controls: list[ft.Control] = [
        kit.body(_("Choose how long each round lasts. The massage is done in %(n)d rounds.") % {"n": ROUNDS}),
        kit.heading(_("Minutes per round"), 18),
        kit.choice_group(
            minute_options(ROUND_MINUTES_CHOICES),
            str(round_minutes),
            choose_round,
            "round-minutes",
            question=_("Minutes per round"),
        ),
        kit.heading(_("Rest between rounds"), 18),
        # Two a row: "0 menit" keeps its unit on one line at 360 px (four a row would wrap it).
        kit.choice_group(
            minute_options(REST_MINUTES_CHOICES),
            str(rest_minutes),
            choose_rest,
            "rest-minutes",
            columns=2,
            question=_("Rest between rounds"),
        ),
        ft.Divider(),
        switch_item(_("Demonstration mode (for midwives)"), demo, choose_demo, "demo-switch"),
        # Below the switch, so the switch stays under the finger when the text changes.
        kit.note(
            _(
                "Demonstration mode: rounds of 20 seconds and rests of 5 seconds, to show the steps on a "
                "visit. It is marked as a demonstration and never counted as a real massage."
            ),
            icon=ft.Icons.SCHOOL_OUTLINED,
        )
        if demo
        else kit.body(
            _("Total: about %(min)d minutes of massage.") % {"min": round_minutes * ROUNDS},
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    return kit.screen(
        ROUTE,
        _("Set up the massage"),
        controls,
        bottom=[kit.primary_button(_("Next: safety check"), lambda e: app.go("/session/safety"), "to-safety")],
        on_back=lambda e: app.back(),
    )
