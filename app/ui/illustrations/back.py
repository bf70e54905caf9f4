"""The mother's upper back from behind: the landmarks, the massage zone, and two moving markers.

`back_illustration(width, dark, marker)` is a pure builder: the same arguments give the same tree.
A screen that rebuilds every second with `marker=marker_fraction(elapsed_s)` gets two dots (one per
side of the spine) that glide from one place to the next: they keep their position in the tree and
their keys, and `animate_position` (linear, `MARKER_ANIMATION_MS`) animates the change of `top`.

Direction (DOMAIN 1 and 2): each stroke starts at the bra line (ribs 5-6, the bottom of the zone) and
moves UP to the upper edge of the shoulder blades (its top); then the hands lift, go back to the bra
line and go up again. The dots do the same: they glide up, disappear for the return (lifted hands are
not massaging) and reappear at the bra line. The drawing names both ends: "Start" and "Stop".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import flet as ft

from app.i18n import _
from app.ui.illustrations.pen import (
    DESIGN_WIDTH,
    SPINE_X,
    PathCmd,
    Pen,
    mirror,
    palette,
    wrap,
)

BACK_H = 330.0
ZONE_TOP = 118.0  # the upper edge of the shoulder blades: where each stroke stops, in design units
ZONE_BOTTOM = 196.0  # ribs 5-6, the bra line: where each stroke starts
BAND_IN, BAND_OUT = 7.0, 23.0  # the bands: 1-2 finger-widths from the spine
MARKER_D = 16.0
MARKER_ANIMATION_MS = 1000
MARKER_KEYS = ("back-marker-left", "back-marker-right")
STROKE_S = 12.0  # one stroke, from the bra line up to the upper edge of the shoulder blades
RETURN_S = 2.0  # the hands lifted and brought back to the bra line (the dots hidden)
UP_ARROW_Y = (166.0, 148.0)  # the arrow in each band, from its tail to its head: up


@dataclass(frozen=True)
class BackGeometry:
    """Where things lie on a back drawing of a given width, in control pixels."""

    width: float
    height: float
    zone_top: float  # the massage zone's top: the upper edge of the shoulder blades (where it stops)
    zone_bottom: float  # its bottom: the ribs 5-6 line, the bra line (where it starts)
    marker_size: float
    marker_x: tuple[float, float]  # the markers' centres, left and right of the spine

    @property
    def track_top(self) -> float:
        """The markers' centre at fraction 1 (the stroke's end): the whole dot stays inside the zone."""
        return self.zone_top + self.marker_size / 2

    @property
    def track_bottom(self) -> float:
        """The markers' centre at fraction 0 (the stroke's start, at the bra line)."""
        return self.zone_bottom - self.marker_size / 2

    def marker_centre_y(self, fraction: float) -> float:
        """The markers' vertical centre at `fraction` of the stroke (0 = the bra line, where it starts;
        1 = the upper edge of the shoulder blades, where it stops), clamped."""
        f = min(1.0, max(0.0, float(fraction)))
        return self.track_bottom - f * (self.track_bottom - self.track_top)


def back_geometry(width: float = 320) -> BackGeometry:
    s = float(width) / DESIGN_WIDTH
    band_mid = (BAND_IN + BAND_OUT) / 2
    return BackGeometry(
        width=float(width),
        height=BACK_H * s,
        zone_top=ZONE_TOP * s,
        zone_bottom=ZONE_BOTTOM * s,
        marker_size=MARKER_D * s,
        marker_x=((SPINE_X - band_mid) * s, (SPINE_X + band_mid) * s),
    )


def marker_fraction(elapsed_s: float, stroke_s: float = STROKE_S, return_s: float = RETURN_S) -> float | None:
    """Where the hands are `elapsed_s` seconds into a round: a fraction of the stroke, from 0 (the bra
    line, where it starts) up to 1 (the upper edge of the shoulder blades) in `stroke_s` seconds;
    then None for `return_s` seconds (the hands lifted and brought back to the bra line: no dots);
    then again from 0. Period `stroke_s + return_s`."""
    if stroke_s <= 0 or return_s < 0:
        raise ValueError("stroke_s must be positive and return_s not negative")
    t = math.fmod(max(0.0, float(elapsed_s)), stroke_s + return_s)
    return t / stroke_s if t <= stroke_s else None


def back_illustration(
    width: float = 320,
    dark: bool = False,
    marker: float | None = None,
    glide: bool = True,
    *,
    kept: bool = False,
    on_drawn: Any = None,
) -> ft.Control:
    """Back view with the landmarks and the massage zone. `marker` is a fraction of the stroke from
    `marker_fraction` (clamped to 0..1, 0 at the bra line, 1 at the upper edge of the shoulder blades)
    placing a dot on each side of the spine; None hides them, at the bra line (where they come back).
    `glide`: the dots glide to each new place (False, for a device that asks for less motion:
    they step there; it also spares the phone a redraw of every frame). `kept` and `on_drawn`: the
    drawing kept by the page as one image (app/ui/screens/session_run.py RunningBack)."""
    pal = palette(dark)
    geo = back_geometry(width)
    p = Pen(geo.width, BACK_H, pal)
    _draw_back(p)
    d = geo.marker_size
    top = geo.marker_centre_y(marker if marker is not None else 0.0) - d / 2
    markers: list[ft.Control] = [
        ft.Container(
            key=key,
            left=x - d / 2,
            top=top,
            width=d,
            height=d,
            border_radius=d / 2,
            bgcolor=pal.marker,
            border=ft.Border.all(width=2, color=pal.marker_border),
            # A crisp dark edge, not a blurred shadow: they move at every frame of a gliding round.
            shadow=ft.BoxShadow(spread_radius=1.5, blur_radius=0, color=ft.Colors.with_opacity(0.45, "#000000")),
            animate_position=ft.Animation(duration=MARKER_ANIMATION_MS, curve=ft.AnimationCurve.LINEAR)
            if glide and marker is not None
            else None,
            visible=marker is not None,
        )
        for key, x in zip(MARKER_KEYS, geo.marker_x, strict=True)
    ]
    description = _(
        "Drawing of the mother's back: the massage area runs on both sides of the spine, one to two "
        "finger-widths from it. It starts at the bra line (level with ribs 5 and 6) and goes up to "
        "the upper edge of the shoulder blades, where it stops. The prominent bone at the base of the "
        "neck shows where the spine runs."
    )
    canvas_key = f"back-{geo.width}-{'dark' if dark else 'light'}"  # another look: a new canvas, drawn anew
    drawing = p.stack(extra=markers, kept=kept, on_drawn=on_drawn, key=canvas_key)
    return wrap(drawing, description, p.w, p.h, identifier="back-drawing")


def _draw_back(p: Pen) -> None:
    pal = p.pal
    cx = SPINE_X
    p.panel()
    # torso outline: neck, shoulders, sides down to the waist (arms are forward on the table)
    body: list[PathCmd] = [
        ("M", 146, 70),
        ("L", 146, 86),
        ("C", 130, 98, 102, 100, 82, 106),
        ("C", 64, 112, 54, 126, 54, 146),
        ("L", 58, 196),
        ("C", 64, 250, 86, 290, 88, BACK_H),
    ]
    outline: list[PathCmd] = body + [
        ("L", 2 * cx - 88, BACK_H),
        ("C", 2 * cx - 86, 290, 2 * cx - 64, 250, 2 * cx - 58, 196),
        ("L", 2 * cx - 54, 146),
        ("C", 2 * cx - 54, 126, 2 * cx - 64, 112, 2 * cx - 82, 106),
        ("C", 2 * cx - 102, 100, 2 * cx - 130, 98, 2 * cx - 146, 86),
        ("L", 2 * cx - 146, 70),
        ("Z",),
    ]
    p.path(outline, fill=pal.skin, stroke=pal.outline, width=1.4)
    # shoulder blades (shaded), with the ridge of the blade
    blade: list[PathCmd] = [
        ("M", cx + 30, 120),
        ("C", cx + 48, 112, cx + 68, 110, cx + 84, 116),
        ("L", cx + 80, 132),
        ("C", cx + 72, 158, cx + 60, 184, cx + 46, 206),
        ("C", cx + 41, 211, cx + 36, 209, cx + 35, 203),
        ("C", cx + 33, 176, cx + 31, 148, cx + 30, 120),
        ("Z",),
    ]
    for cmds in (blade, mirror(blade)):
        p.path(cmds, fill=pal.skin_shade, stroke=pal.outline, width=1.1)
    for x1, x2 in ((cx + 32, cx + 82), (cx - 32, cx - 82)):  # the ridge of each blade
        p.line(x1, 136, x2, 121, pal.outline, 1.0)
    # massage zone: two bands beside the spine between the blades' level and ribs 5-6
    for x0 in (cx - BAND_OUT, cx + BAND_IN):
        p.rect(
            x0,
            ZONE_TOP,
            BAND_OUT - BAND_IN,
            ZONE_BOTTOM - ZONE_TOP,
            fill=pal.zone_fill,
            stroke=pal.accent,
            width=1.0,
            radius=7,
        )
    # spine with vertebrae, C7 at the base of the neck
    p.line(cx, 90, cx, BACK_H - 2, pal.spine, 1.6)
    for k in range(13):
        p.oval(cx - 4, 104 + k * 17, 8, 5.5, fill=pal.spine)
    # ribs 5-6 / bra line (dashed)
    p.line(60, ZONE_BOTTOM, 2 * cx - 60, ZONE_BOTTOM, pal.ribs, 2.2, dash=[7, 5])
    # small circular arrows in the bands, and between them an arrow pointing UP: the way the hands go
    for y in (138, 176):
        p.circle_arrow(cx - 15, y, 6.5, clockwise=False, width=1.8)
        p.circle_arrow(cx + 15, y, 6.5, clockwise=True, width=1.8)
    for x in (cx - 15, cx + 15):
        p.up_arrow(x, UP_ARROW_Y[0], UP_ARROW_Y[1], width=1.8)
    # head from behind: hair with a bun, ears
    p.oval(128, 42, 8, 14, fill=pal.skin, stroke=pal.outline, width=1.1)
    p.oval(184, 42, 8, 14, fill=pal.skin, stroke=pal.outline, width=1.1)
    p.oval(132, 14, 56, 64, fill=pal.hair)
    p.circle(cx, 13, 11, fill=pal.hair)
    # C7: the prominent bone at the base of the neck
    p.circle(cx, 90, 5.5, fill=pal.landmark, stroke="#FFFFFF", width=1.4)
    # labels with leader lines
    p.leader(166, 88, 206, 60)
    p.label(204, 30, _("Prominent neck bone (C7)"), "left", max_w=112)
    p.leader(cx - 54, 150, 52, 100)
    p.label(4, 74, _("Shoulder blade"), "left", max_w=84)
    # the two ends of every stroke, named plainly: where it starts (bottom) and where it stops (top)
    p.leader(cx + BAND_OUT, ZONE_TOP, 262, 104)
    p.label(316, 68, _("Stop: upper edge of the shoulder blades"), "right", max_w=104, bold=True)
    p.label(6, ZONE_BOTTOM + 8, _("Start: bra line (ribs 5-6)"), "left", max_w=150, bold=True)
    p.leader(246, ZONE_BOTTOM + 12, cx + 22, 186)
    p.label(290, ZONE_BOTTOM + 8, _("Massage zone"), "right", max_w=104)
    p.label(cx, 282, _("Spine"), "center", max_w=140)


class BackIllustration:
    """Deprecated: for screens not yet rewritten; use `back_illustration(width, dark, marker)`.
    Builds once; there is no `set_marker` (rebuild with a new `marker` instead)."""

    def __init__(self, width: float = 320, dark: bool = False, show_marker: bool = False) -> None:
        self.control = back_illustration(width, dark, 0.0 if show_marker else None)
