"""Session step 5: the mother's build, then the hand technique for it (DOMAIN 2, seed 000):
fists for a heavier build; both thumbs or the backs of the index fingers for a slim or normal one.

The choices are full-width rows, one per line: a long label ("Punggung jari telunjuk") has the
whole width, and wraps rather than being cut if it ever needs more.
"""

from __future__ import annotations

import flet as ft

from app.domain import protocol
from app.domain.protocol import TECHNIQUES_FOR_BUILD, Build
from app.i18n import _
from app.ui import illustrations, kit
from app.ui.screens.demonstrate import drawing_width, teaching
from app.ui.screens.labels import BUILDS, TECHNIQUE_HOW, TECHNIQUES, t
from app.ui.screens.why import why_panel
from app.ui.state import use_app

ROUTE = "/session/technique"
ILLUSTRATION_WIDTH = 320


def build_options() -> list[tuple[str, str]]:
    return [(b.value, t(BUILDS, b)) for b in Build]


def technique_options(build: Build) -> list[tuple[str, str]]:
    return [(o.value, t(TECHNIQUES, o)) for o in TECHNIQUES_FOR_BUILD[build]]


@ft.component
def Technique() -> ft.View:
    app = use_app()
    wiz = app.scope.massage.wizard
    build, set_build = ft.use_state(wiz.build)
    technique, set_technique = ft.use_state(wiz.technique)

    def choose_build(value: str) -> None:
        wiz.choose_build(Build(value))  # keeps a technique that fits, else the build's first
        set_build(wiz.build)
        set_technique(wiz.technique)

    def choose_technique(value: str) -> None:
        wiz.technique = protocol.Technique(value)
        set_technique(wiz.technique)

    controls: list[ft.Control] = [
        kit.heading(_("The mother's build"), 18),
        kit.body(_("The hand shape depends on her build.")),
        kit.choice_group(build_options(), build.value if build else None, choose_build, "build", columns=1),
    ]
    if build is not None and technique is not None:
        options = technique_options(build)
        if len(options) > 1:
            controls += [
                kit.body(_("Use either:")),
                kit.choice_group(options, technique.value, choose_technique, "technique", columns=1),
            ]
        controls += [
            kit.heading(t(TECHNIQUES, technique), 18),
            ft.Row(
                [illustrations.hands_illustration(technique, drawing_width(app, ILLUSTRATION_WIDTH), dark=app.dark)],
                alignment=ft.MainAxisAlignment.CENTER,
            ),
            kit.body(t(TECHNIQUE_HOW, technique)),
            kit.note(
                _(
                    "Gentle pressure: it must never hurt or leave a bruise. Move in small circles, "
                    "from the inside outward, slowly."
                )
            ),
            kit.note(
                _("If it hurts, stop at once and press more lightly."), icon=ft.Icons.WARNING_AMBER, color=kit.DANGER
            ),
            why_panel("technique", opened=teaching(app)),
        ]
    return kit.screen(
        ROUTE,
        _("Hand technique"),
        controls,
        bottom=[
            kit.primary_button(
                _("Next: find the spot"),
                lambda e: app.go("/session/landmarks"),
                "to-landmarks",
                disabled=technique is None,
            )
        ],
        on_back=lambda e: app.back(),
    )
