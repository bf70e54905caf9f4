"""The three hand techniques on the mother's back (seed 000 via DOMAIN section 2): clenched fists
(a heavier mother), both thumbs, or the backs of both index fingers (a slim or normal mother). No
thumb direction is asked for the fists (DOMAIN §2).

Each drawing shows both hands at once, one on each side of the spine, seen from behind her (up is
toward her head). The part that touches the back is filled with the palette's contact colour, and a
small circular arrow beside each hand turns from the spine outward. The silhouettes differ on
purpose: an upright fist with the thumb sticking up, an open hand with spread fingers, and a curled
hand with one hooked finger.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.i18n import _
from app.ui.illustrations.pen import SPINE_X, PathCmd, Pen, palette, wrap

TECHNIQUES: tuple[str, ...] = ("fists", "thumbs", "index_backs")
HANDS_H = 270.0
_TOP, _CONTACT_Y = 36.0, 162.0  # the strip of back starts at _TOP; the hands touch it around _CONTACT_Y

# A drawer draws one hand (`side` +1 right of the spine, -1 left) touching the back at height `cy`
# and returns the centre of its contact area.
_Drawer = Callable[[Pen, int, float], tuple[float, float]]


def _xs(side: int) -> Callable[[float], float]:
    """Maps a distance from the spine (design units, outward positive) to an x on `side`."""
    return lambda dx: SPINE_X + side * dx


def _box(
    p: Pen,
    x_in: float,
    x_out: float,
    y: float,
    h: float,
    fill: str,
    stroke: str,
    side: int,
    radius: float,
    width: float = 1.3,
) -> None:
    """A rounded rectangle spanning x_in..x_out from the spine (either order on the page)."""
    x = _xs(side)
    left = min(x(x_in), x(x_out))
    p.rect(left, y, abs(x_out - x_in), h, fill=fill, stroke=stroke, width=width, radius=radius)


def _hand_fist(p: Pen, side: int, cy: float) -> tuple[float, float]:
    """An upright clenched fist: the flats of the four folded fingers (between the knuckles and the
    middle joints) press on the back; the thumb lies on top and points forward, toward her head."""
    pal = p.pal
    x = _xs(side)
    p.limb(x(40), cy + 22, x(64), cy + 160, 30, pal.hand, pal.hand_outline)  # forearm
    _box(p, 20, 56, cy - 26, 58, pal.hand, pal.hand_outline, side, radius=15)  # back of the hand
    for k in range(4):  # the big knuckles along the fist's edge
        p.circle(x(27), cy - 16 + k * 12, 4.5, fill=pal.hand, stroke=pal.hand_outline, width=1.0)
    # the four finger flats, index on top, little finger at the bottom: the contact area
    for k in range(4):
        _box(p, 4, 28, cy - 22 + k * 12, 12, pal.contact, pal.contact_edge, side, radius=5.5, width=1.4)
    # the thumb: from the top of the fist, straight up
    p.limb(x(27), cy - 18, x(22), cy - 46, 16, pal.hand, pal.hand_outline, 1.3)
    p.oval(x(22) - 5, cy - 54, 10, 11, fill=pal.nail, stroke=pal.hand_outline, width=0.8)
    return x(16), cy + 2


def _hand_thumb(p: Pen, side: int, cy: float) -> tuple[float, float]:
    """An open hand resting flat on the back, fingers spread toward her shoulder; the pad of the
    thumb presses beside the spine."""
    pal = p.pal
    x = _xs(side)
    p.limb(x(66), cy + 46, x(80), cy + 160, 32, pal.hand, pal.hand_outline)  # forearm
    for k in range(4):  # fingers resting on the back, spread toward her shoulder
        p.limb(x(48 + k * 11), cy + 4, x(52 + k * 15), cy - 40 + k * 8, 11, pal.hand, pal.hand_outline, 1.2)
    palm: list[PathCmd] = [
        ("M", x(42), cy + 4),
        ("Q", x(42), cy - 6, x(52), cy - 6),
        ("L", x(84), cy - 8),
        ("Q", x(94), cy - 8, x(94), cy + 2),
        ("L", x(92), cy + 38),
        ("Q", x(90), cy + 52, x(78), cy + 52),
        ("L", x(56), cy + 52),
        ("Q", x(44), cy + 52, x(42), cy + 38),
        ("Z",),
    ]
    p.path(palm, fill=pal.hand, stroke=pal.hand_outline, width=1.3)
    p.limb(x(50), cy + 30, x(22), cy + 6, 15, pal.hand, pal.hand_outline, 1.3)  # thumb, toward the spine
    p.limb(x(22), cy + 6, x(14), cy - 1, 15, pal.contact, pal.contact_edge, 1.4)  # its pad presses here
    return x(16), cy


def _hand_index_back(p: Pen, side: int, cy: float) -> tuple[float, float]:
    """A loose fist beside the band: the index finger is bent and the back of its middle segment
    (from the middle knuckle down) presses along the spine; the other fingers are curled in."""
    pal = p.pal
    x = _xs(side)
    p.limb(x(58), cy + 34, x(78), cy + 160, 30, pal.hand, pal.hand_outline)  # forearm
    _box(p, 34, 80, cy - 20, 58, pal.hand, pal.hand_outline, side, radius=16)  # the curled hand
    for k in range(3):  # the curled middle, ring and little fingers: knuckles and folds
        p.circle(x(46 + k * 12), cy - 18, 5.5, fill=pal.hand, stroke=pal.hand_outline, width=1.1)
        p.line(x(46 + k * 12), cy - 10, x(46 + k * 12), cy + 6, pal.hand_outline, 1.1)
    p.limb(x(40), cy + 30, x(56), cy + 28, 10, pal.hand, pal.hand_outline, 1.2)  # thumb tucked under
    # the index finger: from its knuckle in toward the spine, then bent down at the middle knuckle
    p.limb(x(38), cy - 16, x(17), cy - 18, 14, pal.hand, pal.hand_outline, 1.3)
    p.limb(x(15), cy - 16, x(14), cy + 16, 14, pal.contact, pal.contact_edge, 1.4)  # middle segment: touches
    p.circle(x(15), cy - 16, 8.5, fill=pal.contact, stroke=pal.contact_edge, width=1.4)  # its middle knuckle
    p.limb(x(15), cy + 18, x(28), cy + 18, 11, pal.hand, pal.hand_outline, 1.2)  # tip curled back under
    return x(14), cy


_HAND_DRAWERS: dict[str, _Drawer] = {"fists": _hand_fist, "thumbs": _hand_thumb, "index_backs": _hand_index_back}


def _technique_texts(technique: str) -> tuple[str, str]:
    if technique == "fists":
        return (
            _("Clenched fists"),
            _("Drawing: both hands clenched into fists, on both sides of the spine, making small circles."),
        )
    if technique == "thumbs":
        return (_("Both thumbs"), _("Drawing: both thumbs pressing on both sides of the spine, making small circles."))
    return (
        _("Backs of both index fingers"),
        _("Drawing: the backs of both bent index fingers on both sides of the spine, making small circles."),
    )


def hands_illustration(technique: str, width: float = 320, dark: bool = False) -> ft.Control:
    """Both hands on a strip of back, one on each side of the spine, the touching part highlighted,
    with a small circular arrow (inside-out) by each."""
    if technique not in _HAND_DRAWERS:
        raise ValueError(f"unknown technique {technique!r}; expected one of {TECHNIQUES}")
    pal = palette(dark)
    p = Pen(width, HANDS_H, pal)
    p.panel()
    top, bottom = _TOP, HANDS_H - 4
    p.rect(26, top, 268, bottom - top, fill=pal.skin, stroke=pal.outline, width=1.2, radius=22)
    # massage zone bands and the spine
    for x0 in (SPINE_X - 23, SPINE_X + 7):
        p.rect(x0, top + 10, 16, bottom - top - 20, fill=pal.zone_fill, radius=8)
    p.line(SPINE_X, top + 6, SPINE_X, bottom - 6, pal.spine, 1.6)
    for k in range(12):
        p.oval(SPINE_X - 4.5, top + 14 + k * 18, 9, 6, fill=pal.spine)
    contacts = [_HAND_DRAWERS[technique](p, side, _CONTACT_Y) for side in (-1, 1)]
    for side, (cx, _cy) in zip((-1, 1), contacts, strict=True):
        # inside-out: the top of each circle moves away from the spine
        p.circle_arrow(cx + side * 2, top + 52, 10, clockwise=side > 0, width=2.4)
    caption, description = _technique_texts(technique)
    p.label(160, 8, caption, "center", max_w=300, bold=True)
    p.leader(64, top + 16, SPINE_X - 1, top + 14)
    p.label(32, top + 6, _("Spine"), "left", max_w=112)
    p.leader(contacts[1][0] + 12, top + 46, 236, top + 18)
    p.label(290, top + 6, _("Small circles"), "right", max_w=112)
    (rx, ry) = contacts[1]
    p.leader(rx + 4, ry + 4, 244, HANDS_H - 34)
    p.label(290, HANDS_H - 40, _("Touches the back"), "right", max_w=140)
    return wrap(p.stack(), description, p.w, p.h)
