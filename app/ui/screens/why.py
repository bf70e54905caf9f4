"""The "Why?" panels of the massage steps: why it works, in plain words from DOMAIN section 1,
with one line about the step itself from section 2. Education, never a promise."""

from __future__ import annotations

import flet as ft

from app.i18n import N_, _
from app.ui import kit

# DOMAIN 1: relaxation -> oxytocin -> let-down; stress (adrenaline) blocks it.
HOW_IT_WORKS = N_("When the mother is relaxed, her body releases oxytocin, the hormone that lets milk flow out "
                  "of the breast. Stress and worry block this let-down. The massage helps her relax.")
# DOMAIN 1: prolactin makes milk, oxytocin lets it out, suckling matters most (seed 002).
MILK_MAKING = N_("Prolactin makes the milk; oxytocin lets it flow out. The baby's suckling matters most: keep "
                 "breastfeeding often.")
STEP_REASON = {
    # DOMAIN 2 "Position": leaning forward, arms on the table, back toward the massager.
    "position": N_("Leaning forward with her arms on the table, she can rest while her back is free for "
                   "the massage. A towel on her lap catches milk that may drip."),
    # DOMAIN 2 "Landmarks": both sides of the spine, shoulder blades to ribs 5-6.
    "landmarks": N_("The massage follows both sides of the spine, between the shoulder blades and the level "
                    "of ribs 5-6, as midwives teach it."),
    # DOMAIN 2 "Technique by body build" and [S1]: gentle pressure that must not hurt.
    "technique": N_("The hand shape follows her build so the pressure stays gentle: it must never hurt or "
                    "leave a bruise."),
}


def why_panel(step: str) -> ft.Control:
    """A closed "Why?" panel that opens in place (one tap target, read once by screen readers)."""
    lines = [_(STEP_REASON[step]), _(HOW_IT_WORKS), _(MILK_MAKING)]
    tile = ft.ExpansionTile(
        title=ft.Text(_("Why?"), size=17, weight=ft.FontWeight.W_600),
        leading=ft.Icon(ft.Icons.LIGHTBULB_OUTLINE),
        controls=[ft.Container(ft.Column([kit.body(line, size=15) for line in lines], spacing=8),
                               padding=ft.Padding.only(left=16, right=16, bottom=12))],
        shape=ft.RoundedRectangleBorder(radius=12),
        collapsed_shape=ft.RoundedRectangleBorder(radius=12),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        collapsed_bgcolor=ft.Colors.SECONDARY_CONTAINER,
        min_tile_height=kit.MIN_TARGET,
    )
    return kit.tagged(tile, f"why-{step}")
