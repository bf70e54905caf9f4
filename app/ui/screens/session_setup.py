"""Session steps 1-2: round and rest lengths (or demonstration speed), then the safety check."""

from __future__ import annotations

import flet as ft

from app.domain.protocol import CONTRAINDICATIONS, REST_MINUTES_CHOICES, ROUND_MINUTES_CHOICES, ROUNDS
from app.i18n import _, ngettext
from app.ui import kit
from typing import Any as AppContext
from app.ui.screens.labels import CONTRAINDICATION_QUESTIONS, CONTRAINDICATION_SHORT, t


def _minutes(n: int) -> str:
    return ngettext("%(n)d min", "%(n)d min", n) % {"n": n}


def build_setup(ctx: AppContext) -> ft.View:
    wiz = ctx.controller.wizard

    def set_round(v: str) -> None:
        wiz.round_minutes = int(v)
        ctx.refresh()

    def set_rest(v: str) -> None:
        wiz.rest_minutes = int(v)
        ctx.refresh()

    def set_demo(e: ft.Event) -> None:
        wiz.demo = bool(e.control.value)
        ctx.refresh()

    demo_switch = ft.Switch(value=wiz.demo, on_change=set_demo,
                            label=_("Demonstration speed (for midwives)"), label_text_style=ft.TextStyle(size=16))
    controls: list[ft.Control] = [
        kit.body(_("Choose how long each round lasts. The massage is done in %(n)d rounds.") % {"n": ROUNDS}),
        kit.heading(_("Minutes per round"), 18),
        kit.choice_group([(str(m), _minutes(m)) for m in ROUND_MINUTES_CHOICES], str(wiz.round_minutes),
                         set_round, "round-minutes"),
        kit.heading(_("Rest between rounds"), 18),
        kit.choice_group([(str(m), _minutes(m)) for m in REST_MINUTES_CHOICES], str(wiz.rest_minutes),
                         set_rest, "rest-minutes"),
        ft.Divider(),
        kit.tagged(demo_switch, "demo-switch"),
        kit.note(_("Demonstration speed: rounds of 20 seconds and rests of 5 seconds, to show the steps "
                   "on a visit. It is marked as a demonstration and never counted as a real massage."),
                 icon=ft.Icons.SCHOOL_OUTLINED) if wiz.demo else
        kit.body(_("Total: about %(min)d minutes of massage.") % {"min": wiz.round_minutes * ROUNDS},
                 color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    return kit.screen(
        "/session/setup", _("Set up the massage"), controls,
        bottom=[kit.primary_button(_("Next: safety check"), lambda e: ctx.go("/session/safety"), "to-safety")],
        on_back=lambda e: ctx.go("/"),
    )


def build_safety(ctx: AppContext) -> ft.View:
    wiz = ctx.controller.wizard

    def answer(code, value: str) -> None:
        wiz.safety[code] = value == "yes"
        ctx.refresh()

    def next_step(e) -> None:
        ctx.go("/session/unsafe" if wiz.unsafe_reasons() else "/session/prep")

    controls: list[ft.Control] = [
        kit.body(_("Before every massage, answer each question about the mother today.")),
    ]
    for code in CONTRAINDICATIONS:
        current = wiz.safety.get(code)
        selected = None if current is None else ("yes" if current else "no")
        controls += [
            kit.body(t(CONTRAINDICATION_QUESTIONS, code), weight=ft.FontWeight.W_600),
            kit.choice_group([("no", _("No")), ("yes", _("Yes"))], selected,
                             lambda v, c=code: answer(c, v), f"safety-{code}"),
        ]
    controls.append(kit.note(_("After a caesarean: let her sit comfortably and do not press near the wound.")))
    remaining = sum(1 for c in CONTRAINDICATIONS if wiz.safety.get(c) is None)
    bottom = []
    if remaining:
        bottom.append(kit.body(ngettext("%(n)d question left", "%(n)d questions left", remaining) % {"n": remaining},
                               color=ft.Colors.ON_SURFACE_VARIANT, text_align=ft.TextAlign.CENTER))
    bottom.append(kit.primary_button(_("Next"), next_step, "safety-next", disabled=bool(remaining)))
    return kit.screen("/session/safety", _("Safety check"), controls, bottom=bottom,
                      on_back=lambda e: ctx.go("/session/setup"))


def build_unsafe(ctx: AppContext) -> ft.View:
    reasons = ctx.controller.wizard.unsafe_reasons()
    controls: list[ft.Control] = [
        ft.Icon(ft.Icons.FRONT_HAND_OUTLINED, size=56, color=kit.DANGER),
        kit.heading(_("Please do not massage today")),
        kit.body(_("You answered yes to:")),
        *[kit.body("•  " + t(CONTRAINDICATION_SHORT, r), weight=ft.FontWeight.W_600) for r in reasons],
        kit.body(_("With this, the massage may not be safe for her. Ask the midwife (bidan) first; "
                   "she can tell you when it is safe to start.")),
        kit.note(_("Nothing was recorded as a massage.")),
    ]
    return kit.screen("/session/unsafe", _("Safety check"), controls,
                      bottom=[kit.primary_button(_("Back to home"), lambda e: ctx.controller.reset_wizard() or ctx.go("/"),
                                                 "unsafe-home")],
                      on_back=lambda e: ctx.go("/session/safety"))


ROUTES = {"/session/setup": build_setup, "/session/safety": build_safety, "/session/unsafe": build_unsafe}


@ft.component
def Setup() -> ft.View:  # STUB
    from app.ui.state import use_app as _ua
    app = _ua()
    return kit.screen("/session_setup", "Setup", [kit.primary_button("Next", lambda e: app.go("/session/landmarks"), "next")], on_back=lambda e: app.back())
