"""The "Why?" panels of the massage steps: why it works, in plain words from DOMAIN section 1,
with one line about the step itself from section 2. Education, never a promise."""

from __future__ import annotations

import flet as ft

from app.i18n import N_, _
from app.ui import kit

# DOMAIN 1: relaxation -> oxytocin -> let-down; stress (adrenaline) blocks it.
HOW_IT_WORKS = N_(
    "When the mother is relaxed, her body releases oxytocin, the hormone that lets milk flow out "
    "of the breast. Stress and worry block this let-down. The massage helps her relax."
)
# DOMAIN 1: prolactin makes milk, oxytocin lets it out, suckling matters most (seed 002).
MILK_MAKING = N_(
    "Prolactin makes the milk; oxytocin lets it flow out. The baby's suckling matters most: keep breastfeeding often."
)
STEP_REASON = {
    # DOMAIN 2 "Position": leaning forward, arms on the table, back toward the massager.
    "position": N_(
        "Leaning forward with her arms on the table, she can rest while her back is free for "
        "the massage. A towel on her lap catches milk that may drip."
    ),
    # DOMAIN 2 "Landmarks": both sides of the spine, from ribs 5-6 (the bra line) UP to the upper
    # edge of the shoulder blades.
    "landmarks": N_(
        "The massage follows both sides of the spine, from the bra line (ribs 5-6) up to the upper "
        "edge of the shoulder blades, as midwives teach it."
    ),
    # DOMAIN 2 "Technique by body build" and [S1]: gentle pressure that must not hurt.
    "technique": N_(
        "The hand shape follows her build so the pressure stays gentle: it must never hurt or leave a bruise."
    ),
}


@ft.component
def WhyPanel(step: str, start_open: bool = False) -> ft.Control:
    """A "Why?" panel that opens and closes in place: one 48 px toggle with its open state, then the
    plain-words explanation (kept in the component: only this panel redraws). Closed at first, except
    in a midwife's demonstration (`start_open`), where it is shown to the family."""
    is_open, set_open = ft.use_state(start_open)
    toggle = ft.Container(
        ft.Row(
            [
                ft.Icon(ft.Icons.LIGHTBULB_OUTLINE),
                ft.Text(_("Why?"), size=17, weight=ft.FontWeight.W_600, expand=True),
                ft.Icon(ft.Icons.EXPAND_LESS if is_open else ft.Icons.EXPAND_MORE),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        padding=ft.Padding.symmetric(horizontal=14, vertical=12),
        ink=True,
        border_radius=12,
        on_click=lambda e: set_open(not is_open),
    )
    parts: list[ft.Control] = [
        ft.Semantics(
            content=toggle,
            identifier=f"why-{step}",
            label=_("Why?"),
            button=True,
            expanded=is_open,
            container=True,
            exclude_semantics=True,
            on_tap=lambda e: set_open(not is_open),
        )
    ]
    if is_open:
        lines = [_(STEP_REASON[step]), _(HOW_IT_WORKS), _(MILK_MAKING)]
        parts.append(
            ft.Container(
                ft.Column([kit.body(line, size=15) for line in lines], spacing=8),
                padding=ft.Padding.only(left=14, right=14, bottom=14),
            )
        )
    return ft.Container(ft.Column(parts, spacing=0), bgcolor=ft.Colors.SECONDARY_CONTAINER, border_radius=12)


def why_panel(step: str, opened: bool = False) -> ft.Control:
    return WhyPanel(step, opened)
