"""Session steps 3-5: preparation and position, the mother's build and the hand technique, landmarks."""

from __future__ import annotations

import flet as ft

from app.domain.protocol import PREPARATION_ITEMS, TECHNIQUES_FOR_BUILD, Build
from app.i18n import _
from app.ui import illustrations, kit
from typing import Any as AppContext
from app.ui.screens.labels import BUILDS, PREP_ITEMS, TECHNIQUE_HOW, TECHNIQUES, t

ILLUSTRATION_WIDTH = 320


def build_prep(ctx: AppContext) -> ft.View:
    wiz = ctx.controller.wizard

    def tick(code, value: bool) -> None:
        (wiz.prepared.add if value else wiz.prepared.discard)(code)

    checks = [kit.check_item(t(PREP_ITEMS, code), code in wiz.prepared, lambda v, c=code: tick(c, v), f"prep-{code}")
              for code in PREPARATION_ITEMS]
    position_steps = [
        _("She takes off her top and bra, so the breasts hang free."),
        _("She sits and leans forward, arms folded on the table, head resting on her arms."),
        _("Her back faces you. A towel on her lap catches milk that may drip."),
        _("Or she can lean over the back of a chair."),
    ]
    controls: list[ft.Control] = [
        kit.heading(_("Get ready"), 18),
        kit.body(_("Tick what you have. You can go on at any time.")),
        ft.Column(checks, spacing=0),
        ft.Divider(),
        kit.heading(_("The mother's position"), 18),
        ft.Row([illustrations.position_illustration(ILLUSTRATION_WIDTH, dark=ctx.dark)],
               alignment=ft.MainAxisAlignment.CENTER),
        *[kit.body(f"{i}. {step}") for i, step in enumerate(position_steps, start=1)],
    ]
    return kit.screen("/session/prep", _("Preparation"), controls,
                      bottom=[kit.primary_button(_("Next: hand technique"), lambda e: ctx.go("/session/technique"),
                                                 "to-technique")],
                      on_back=lambda e: ctx.go("/session/safety"))


def build_technique(ctx: AppContext) -> ft.View:
    wiz = ctx.controller.wizard

    def set_build(v: str) -> None:
        wiz.choose_build(Build(v))
        ctx.refresh()

    def set_technique(v: str) -> None:
        wiz.technique = v
        ctx.refresh()

    controls: list[ft.Control] = [
        kit.heading(_("The mother's build"), 18),
        kit.body(_("The hand shape depends on her build.")),
        kit.choice_group([(b.value, t(BUILDS, b)) for b in Build], wiz.build and wiz.build.value,
                         set_build, "build"),
    ]
    if wiz.build is not None:
        options = TECHNIQUES_FOR_BUILD[wiz.build]
        if len(options) > 1:
            controls += [kit.body(_("Use either:")),
                         kit.choice_group([(o.value, t(TECHNIQUES, o)) for o in options], wiz.technique,
                                          set_technique, "technique")]
        controls += [
            kit.heading(t(TECHNIQUES, wiz.technique), 18),
            ft.Row([illustrations.hands_illustration(wiz.technique, ILLUSTRATION_WIDTH, dark=ctx.dark)],
                   alignment=ft.MainAxisAlignment.CENTER),
            kit.body(t(TECHNIQUE_HOW, wiz.technique)),
            kit.note(_("Gentle pressure: it must never hurt or leave a bruise. Move in small circles, "
                       "from the inside outward, slowly.")),
            kit.note(_("If it hurts, stop at once and press more lightly."), icon=ft.Icons.WARNING_AMBER,
                     color=kit.DANGER),
        ]
    return kit.screen("/session/technique", _("Hand technique"), controls,
                      bottom=[kit.primary_button(_("Next: find the spot"), lambda e: ctx.go("/session/landmarks"),
                                                 "to-landmarks", disabled=wiz.technique is None)],
                      on_back=lambda e: ctx.go("/session/prep"))


def build_landmarks(ctx: AppContext) -> ft.View:
    wiz = ctx.controller.wizard
    if wiz.technique is None:  # reached by a stale link: the technique comes first
        return build_technique(ctx)
    back = illustrations.BackIllustration(width=ILLUSTRATION_WIDTH, dark=ctx.dark)
    steps = [
        _("Find the most prominent bone at the base of her neck."),
        _("The zone runs on both sides of the spine, 1-2 finger-widths from it."),
        _("It goes from the shoulder blades down to the level of ribs 5-6 (the bra line)."),
        _("Massage both sides at once with small circles."),
    ]

    def start(e) -> None:
        ctx.controller.begin()
        ctx.go("/session/run")

    controls: list[ft.Control] = [
        ft.Row([back.control], alignment=ft.MainAxisAlignment.CENTER),
        *[kit.body(f"{i}. {step}") for i, step in enumerate(steps, start=1)],
    ]
    label = _("Start round 1")
    return kit.screen("/session/landmarks", _("Where to massage"), controls,
                      bottom=[kit.note(_("Once you start, rounds and rests follow by themselves, with a sound "
                                         "at each change. No need to touch the phone with oily hands."),
                                       icon=ft.Icons.VOLUME_UP_OUTLINED),
                              kit.primary_button(label, start, "start-round", icon=ft.Icons.PLAY_ARROW)],
                      on_back=lambda e: ctx.go("/session/technique"))


ROUTES = {"/session/prep": build_prep, "/session/technique": build_technique, "/session/landmarks": build_landmarks}


@ft.component
def Prep() -> ft.View:  # STUB
    from app.ui.state import use_app as _ua
    app = _ua()
    return kit.screen("/session_prep", "Prep", [kit.primary_button("Next", lambda e: app.go("/session/run"), "next")], on_back=lambda e: app.back())
