"""Session step 3: what to get ready (DOMAIN 2 "Preparation"). A checklist for the family's own
sake: ticking is optional and the next step is always open."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.domain.protocol import PREPARATION_ITEMS, PrepItem
from app.i18n import _
from app.ui import kit
from app.ui.screens.labels import PREP_ITEMS, t
from app.ui.state import use_app

ROUTE = "/session/prep"


@ft.component
def Prep() -> ft.View:
    app = use_app()
    wiz = app.scope.massage.wizard
    prepared, set_prepared = ft.use_state(frozenset(wiz.prepared))

    def tick(code: PrepItem, value: bool) -> None:
        if value:
            wiz.prepared.add(code)
        else:
            wiz.prepared.discard(code)
        set_prepared(frozenset(wiz.prepared))

    def ticker(code: PrepItem) -> Callable[[bool], None]:
        return lambda value: tick(code, value)

    checks = [
        kit.check_item(t(PREP_ITEMS, code), code in prepared, ticker(code), f"prep-{code}")
        for code in PREPARATION_ITEMS
    ]
    controls: list[ft.Control] = [
        kit.body(_("Tick what you have. You can go on at any time.")),
        ft.Column(checks, spacing=4),
    ]
    return kit.screen(
        ROUTE,
        _("Preparation"),
        controls,
        bottom=[
            kit.primary_button(_("Next: the mother's position"), lambda e: app.go("/session/position"), "to-position")
        ],
        on_back=lambda e: app.back(),
    )
