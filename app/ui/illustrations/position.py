"""The mother's position for the massage, drawn from the side."""

from __future__ import annotations

import flet as ft

from app.i18n import _
from app.ui.illustrations.pen import Pen, palette, wrap

POSITION_H = 240.0


def position_illustration(width: float = 320, dark: bool = False) -> ft.Control:
    """The mother seated, leaning forward onto folded arms on a table, back bare, towel on her lap;
    the massager stands behind her. Side view, the mother facing left."""
    pal = palette(dark)
    p = Pen(width, POSITION_H, pal)
    p.panel()
    floor = 232
    p.line(10, floor, 310, floor, pal.ink, 1.5)
    # table (two legs, then the top) and the chair
    p.rect(16, 140, 8, floor - 140, fill=pal.furniture)
    p.rect(112, 140, 8, floor - 140, fill=pal.furniture)
    p.rect(8, 133, 144, 8, fill=pal.furniture, radius=2)
    p.rect(164, 176, 6, floor - 176, fill=pal.furniture)
    p.rect(210, 176, 6, floor - 176, fill=pal.furniture)
    p.rect(156, 170, 68, 7, fill=pal.furniture, radius=2)
    # mother: far forearm (the arms are folded), leg, thigh on the seat
    p.limb(120, 124, 64, 123, 11, pal.skin_far, pal.outline)
    p.limb(143, 164, 140, 222, 15, pal.skin, pal.outline)  # shin
    p.limb(139, 226, 122, 227, 9, pal.skin, pal.outline)  # foot
    p.limb(208, 160, 143, 160, 20, pal.skin, pal.outline)  # thigh
    # torso leaning forward, the bare back toward the massager
    p.path(
        [
            ("M", 216, 170),
            ("C", 222, 160, 220, 150, 212, 142),
            ("C", 198, 126, 178, 108, 156, 100),
            ("L", 140, 110),
            ("C", 134, 118, 134, 130, 143, 137),
            ("C", 152, 143, 170, 150, 178, 162),
            ("L", 182, 170),
            ("Z",),
        ],
        fill=pal.skin,
        stroke=pal.outline,
        width=1.4,
    )
    # towel over the lap, hanging over the knees
    p.path(
        [
            ("M", 206, 149),
            ("L", 150, 148),
            ("Q", 134, 148, 132, 162),
            ("L", 131, 192),
            ("L", 152, 192),
            ("L", 153, 172),
            ("L", 206, 172),
            ("Z",),
        ],
        fill=pal.towel,
        stroke=pal.towel_stripe,
        width=1.2,
    )
    p.line(134, 183, 150, 183, pal.towel_stripe, 2)
    p.line(160, 165, 204, 165, pal.towel_stripe, 2)
    # neck, near arm (upper arm forward to the table, forearm along it), head resting on the arms
    p.limb(150, 106, 120, 108, 15, pal.skin, pal.outline)
    p.limb(150, 112, 116, 124, 14, pal.skin, pal.outline)
    p.limb(116, 126, 68, 127, 12, pal.skin, pal.outline)
    p.circle(106, 105, 15, fill=pal.skin, stroke=pal.outline, width=1.4)
    p.path(
        [
            ("M", 92, 100),
            ("C", 95, 86, 116, 84, 121, 99),
            ("C", 122, 107, 119, 113, 114, 117),
            ("C", 110, 108, 102, 101, 92, 100),
            ("Z",),
        ],
        fill=pal.hair,
    )
    p.circle(121, 89, 6.5, fill=pal.hair)  # bun
    # massager standing behind her, one hand on her upper back
    p.limb(262, 160, 258, 224, 13, pal.trousers)
    p.limb(273, 160, 278, 224, 13, pal.trousers)
    p.limb(258, 227, 246, 228, 7, pal.shoes)
    p.limb(278, 227, 266, 228, 7, pal.shoes)
    p.rect(252, 82, 32, 84, fill=pal.shirt, radius=11)
    p.circle(268, 66, 13, fill=pal.hand, stroke=pal.hand_outline, width=1.2)
    p.path([("M", 255, 64), ("C", 256, 50, 278, 48, 281, 62), ("C", 276, 58, 266, 56, 255, 64), ("Z",)], fill=pal.hair)
    p.limb(258, 92, 234, 114, 11, pal.shirt)  # sleeve
    p.limb(234, 114, 198, 115, 9, pal.hand, pal.hand_outline, 1.0)  # forearm
    p.oval(182, 107, 17, 12, fill=pal.hand, stroke=pal.hand_outline, width=1.0)  # hand on her back
    p.circle_arrow(190, 94, 7, clockwise=True, width=1.8)
    # labels
    p.label(6, 34, _("Head resting on folded arms"), "left", max_w=150)
    p.label(314, 10, _("Massager behind her"), "right", max_w=150)
    p.label(68, 146, _("Table"), "center", max_w=84)
    p.leader(104, 198, 132, 186)
    p.label(68, 188, _("Towel on lap"), "center", max_w=84)
    description = _(
        "Drawing: the mother sits on a chair and leans forward, arms folded on a table and her head "
        "resting on her arms, her back bare, a towel on her lap. The massager stands behind her."
    )
    return wrap(p.stack(), description, p.w, p.h)
