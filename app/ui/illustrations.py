"""Illustrations drawn in code (flet.canvas vector shapes), for light and dark themes.

Every drawing is designed on a fixed grid (320 units wide) and scaled to the requested width; the
height follows the aspect ratio. Labels are real `ft.Text` controls laid over the canvas in a
`ft.Stack` (each on a small pill of the panel colour, so it stays readable over skin or background,
wraps when a translation is longer, and sizes itself). Every public function returns a control wrapped
in `ft.Semantics` with a translated description for screen readers.

Public API:
- `position_illustration(width=320, dark=False)`: the mother's position (side view).
- `hands_illustration(technique, width=320, dark=False)`: "fists", "thumbs" or "index_backs".
- `BackIllustration(width=320, dark=False, show_marker=False)`: back view with landmarks and the
  massage zone; `.control`; `.set_marker(fraction)` moves two animated markers along the zone.
- `marker_fraction(elapsed_s, sweep_s=12.0)`: calm ping-pong position 0..1 for `set_marker`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import flet as ft
import flet.canvas as cv

from app.i18n import _

__all__ = [
    "TECHNIQUES",
    "BackIllustration",
    "Palette",
    "hands_illustration",
    "marker_fraction",
    "palette",
    "position_illustration",
]

TECHNIQUES: tuple[str, ...] = ("fists", "thumbs", "index_backs")
DESIGN_WIDTH = 320.0
MARKER_ANIMATION_MS = 1000


@dataclass(frozen=True)
class Palette:
    panel: str  # the card behind the drawing
    ink: str  # lines drawn on the panel (floor, leader lines, furniture outlines)
    skin: str  # the mother
    skin_far: str  # limbs on the far side
    skin_shade: str  # shoulder blades, folds
    outline: str  # outline of skin shapes
    hair: str
    spine: str
    hand: str  # the massager's hands (a different tone from the mother's skin)
    hand_outline: str
    shirt: str
    trousers: str
    shoes: str
    furniture: str
    towel: str
    towel_stripe: str
    accent: str  # massage zone outline and circular arrows (drawn over skin)
    zone_fill: str
    halo: str  # light rim under arrows so they read over hands and skin
    ribs: str  # the dashed ribs 5-6 line (drawn over skin)
    landmark: str  # the C7 dot
    nail: str
    label_fg: str
    label_bg: str
    marker: str
    marker_border: str


LIGHT = Palette(
    panel="#FBF0EA",
    ink="#6B5550",
    skin="#F2C9AE",
    skin_far="#E2B393",
    skin_shade="#E7B595",
    outline="#8A5640",
    hair="#4A2C2A",
    spine="#9A6450",
    hand="#C98C66",
    hand_outline="#5E3522",
    shirt="#5F84AE",
    trousers="#46546B",
    shoes="#4A3B36",
    furniture="#B98660",
    towel="#8EC5E8",
    towel_stripe="#4E95C7",
    accent="#00695C",
    zone_fill=ft.Colors.with_opacity(0.30, "#00897B"),
    halo=ft.Colors.with_opacity(0.85, "#FFFFFF"),
    ribs="#AD1457",
    landmark="#AD1457",
    nail="#E9C2AC",
    label_fg="#2A1D1A",
    label_bg=ft.Colors.with_opacity(0.90, "#FFFFFF"),
    marker="#D81B60",
    marker_border="#FFFFFF",
)

DARK = Palette(
    panel="#2A2225",
    ink="#D9CAC4",
    skin="#E3B698",
    skin_far="#CC9C7E",
    skin_shade="#D3A080",
    outline="#6E412F",
    hair="#7A4E46",
    spine="#8E5A47",
    hand="#B8805C",
    hand_outline="#4A2819",
    shirt="#7E9FC6",
    trousers="#9AA6BA",
    shoes="#8C7A74",
    furniture="#C7976F",
    towel="#8EC5E8",
    towel_stripe="#4E95C7",
    accent="#00695C",
    zone_fill=ft.Colors.with_opacity(0.34, "#00897B"),
    halo=ft.Colors.with_opacity(0.85, "#FFFFFF"),
    ribs="#AD1457",
    landmark="#AD1457",
    nail="#DDB296",
    label_fg="#F7EEEA",
    label_bg=ft.Colors.with_opacity(0.88, "#1B1416"),
    marker="#F0437D",
    marker_border="#FFFFFF",
)


def palette(dark: bool = False) -> Palette:
    return DARK if dark else LIGHT


# ---------------------------------------------------------------- drawing helpers


@dataclass
class _Label:
    x: float
    y: float
    text: str
    anchor: str  # "left": x is the left edge; "right": x is the right edge; "center"
    max_w: float
    bold: bool = False


class _Pen:
    """Collects canvas shapes and overlay labels in design units, scaled by `s` on output."""

    def __init__(self, width: float, design_h: float, pal: Palette):
        self.s = width / DESIGN_WIDTH
        self.w = width
        self.h = design_h * self.s
        self.pal = pal
        self.shapes: list[cv.Shape] = []
        self.labels: list[_Label] = []

    # paints
    def _fill(self, color: str) -> ft.Paint:
        return ft.Paint(color=color, style=ft.PaintingStyle.FILL)

    def _stroke(self, color: str, width: float, dash: list[float] | None = None) -> ft.Paint:
        return ft.Paint(
            color=color,
            style=ft.PaintingStyle.STROKE,
            stroke_width=width * self.s,
            stroke_cap=ft.StrokeCap.ROUND,
            stroke_join=ft.StrokeJoin.ROUND,
            stroke_dash_pattern=[d * self.s for d in dash] if dash else None,
        )

    # shapes
    def path(self, cmds: list[tuple], fill: str | None = None, stroke: str | None = None,
             width: float = 1.5, dash: list[float] | None = None) -> None:
        s = self.s
        elements: list[cv.Path.PathElement] = []
        for c in cmds:
            op, a = c[0], [v * s for v in c[1:]]
            if op == "M":
                elements.append(cv.Path.MoveTo(x=a[0], y=a[1]))
            elif op == "L":
                elements.append(cv.Path.LineTo(x=a[0], y=a[1]))
            elif op == "Q":
                elements.append(cv.Path.QuadraticTo(cp1x=a[0], cp1y=a[1], x=a[2], y=a[3]))
            elif op == "C":
                elements.append(cv.Path.CubicTo(cp1x=a[0], cp1y=a[1], cp2x=a[2], cp2y=a[3], x=a[4], y=a[5]))
            elif op == "Z":
                elements.append(cv.Path.Close())
            else:  # pragma: no cover - programming error
                raise ValueError(op)
        if fill:
            self.shapes.append(cv.Path(elements=elements, paint=self._fill(fill)))
        if stroke:
            self.shapes.append(cv.Path(elements=list(elements), paint=self._stroke(stroke, width, dash)))

    def rect(self, x: float, y: float, w: float, h: float, fill: str | None = None, stroke: str | None = None,
             width: float = 1.5, radius: float = 0) -> None:
        s = self.s
        for paint in ([self._fill(fill)] if fill else []) + ([self._stroke(stroke, width)] if stroke else []):
            self.shapes.append(cv.Rect(x=x * s, y=y * s, width=w * s, height=h * s,
                                       border_radius=radius * s, paint=paint))

    def circle(self, x: float, y: float, r: float, fill: str | None = None, stroke: str | None = None,
               width: float = 1.5) -> None:
        s = self.s
        for paint in ([self._fill(fill)] if fill else []) + ([self._stroke(stroke, width)] if stroke else []):
            self.shapes.append(cv.Circle(x=x * s, y=y * s, radius=r * s, paint=paint))

    def oval(self, x: float, y: float, w: float, h: float, fill: str | None = None, stroke: str | None = None,
             width: float = 1.5) -> None:
        s = self.s
        for paint in ([self._fill(fill)] if fill else []) + ([self._stroke(stroke, width)] if stroke else []):
            self.shapes.append(cv.Oval(x=x * s, y=y * s, width=w * s, height=h * s, paint=paint))

    def line(self, x1: float, y1: float, x2: float, y2: float, color: str, width: float = 1.5,
             dash: list[float] | None = None) -> None:
        s = self.s
        self.shapes.append(cv.Line(x1=x1 * s, y1=y1 * s, x2=x2 * s, y2=y2 * s,
                                   paint=self._stroke(color, width, dash)))

    def leader(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """A thin line from a label to what it names, with a rim so it reads over skin and panel."""
        self.line(x1, y1, x2, y2, self.pal.label_bg, 3.2)
        self.line(x1, y1, x2, y2, self.pal.ink, 1.1)

    def limb(self, x1: float, y1: float, x2: float, y2: float, thickness: float, fill: str,
             outline: str | None = None, outline_w: float = 1.4) -> None:
        """A rounded capsule (arm, leg, finger): an outline stroke under a fill stroke."""
        if outline:
            self.line(x1, y1, x2, y2, outline, thickness + 2 * outline_w)
        self.line(x1, y1, x2, y2, fill, thickness)

    def circle_arrow(self, cx: float, cy: float, r: float, clockwise: bool, color: str | None = None,
                     width: float = 2.2, halo: bool = True) -> None:
        """A small circular arrow (about 300 degrees) with its head at the end of the sweep."""
        color = color or self.pal.accent
        s = self.s
        sweep = math.radians(290)
        start = -math.pi / 2 + (math.radians(25) if clockwise else -math.radians(25))
        signed = sweep if clockwise else -sweep
        end = start + signed
        ex, ey = cx + r * math.cos(end), cy + r * math.sin(end)
        # direction of motion at the end point
        tx, ty = (-math.sin(end), math.cos(end)) if clockwise else (math.sin(end), -math.cos(end))
        nx, ny = -ty, tx
        head_l, head_w = 2.9 * width, 2.0 * width
        head = [("M", ex + tx * head_l, ey + ty * head_l),
                ("L", ex + nx * head_w - tx * 0.4 * head_w, ey + ny * head_w - ty * 0.4 * head_w),
                ("L", ex - nx * head_w - tx * 0.4 * head_w, ey - ny * head_w - ty * 0.4 * head_w), ("Z",)]
        arc = cv.Path.Arc(x=(cx - r) * s, y=(cy - r) * s, width=2 * r * s, height=2 * r * s,
                          start_angle=start, sweep_angle=signed)
        if halo:
            self.shapes.append(cv.Path(elements=[arc], paint=self._stroke(self.pal.halo, width + 2.4)))
            self.path(head, stroke=self.pal.halo, width=2.4)
        self.shapes.append(cv.Path(elements=[arc], paint=self._stroke(color, width)))
        self.path(head, fill=color, stroke=color, width=1)

    def label(self, x: float, y: float, text: str, anchor: str = "left", max_w: float = 120,
              bold: bool = False) -> None:
        self.labels.append(_Label(x=x, y=y, text=text, anchor=anchor, max_w=max_w, bold=bold))

    # output
    def _label_control(self, lab: _Label) -> ft.Control:
        s = self.s
        size = max(10.0, 12.0 * s)
        pill = ft.Container(
            bgcolor=self.pal.label_bg,
            border_radius=6 * s,
            padding=ft.Padding(left=4 * s, right=4 * s, top=1, bottom=1),
            content=ft.Text(
                value=lab.text,
                size=size,
                color=self.pal.label_fg,
                weight=ft.FontWeight.W_600 if lab.bold else ft.FontWeight.W_500,
                text_align={"left": ft.TextAlign.LEFT, "right": ft.TextAlign.RIGHT}.get(
                    lab.anchor, ft.TextAlign.CENTER),
            ),
        )
        mw = lab.max_w * s
        left = {"left": lab.x * s, "right": lab.x * s - mw}.get(lab.anchor, lab.x * s - mw / 2)
        left = max(0.0, min(left, self.w - mw))
        align = {"left": ft.CrossAxisAlignment.START, "right": ft.CrossAxisAlignment.END}.get(
            lab.anchor, ft.CrossAxisAlignment.CENTER)
        return ft.Container(
            left=left,
            top=lab.y * s,
            width=mw,
            content=ft.Column(controls=[pill], spacing=0, tight=True, horizontal_alignment=align),
        )

    def panel(self) -> None:
        self.shapes.insert(0, cv.Rect(x=0, y=0, width=self.w, height=self.h, border_radius=16 * self.s,
                                      paint=self._fill(self.pal.panel)))

    def stack(self, extra: list[ft.Control] | None = None) -> ft.Stack:
        canvas = cv.Canvas(width=self.w, height=self.h, shapes=self.shapes)
        return ft.Stack(
            width=self.w,
            height=self.h,
            clip_behavior=ft.ClipBehavior.HARD_EDGE,
            controls=[canvas, *[self._label_control(lab) for lab in self.labels], *(extra or [])],
        )


def _wrap(content: ft.Control, description: str, width: float, height: float) -> ft.Semantics:
    return ft.Semantics(
        label=description,
        image=True,
        container=True,
        exclude_semantics=True,
        content=ft.Container(width=width, height=height, content=content),
    )


# ---------------------------------------------------------------- position (side view)

POSITION_H = 240.0


def position_illustration(width: float = 320, dark: bool = False) -> ft.Control:
    """The mother seated, leaning forward onto folded arms on a table, back bare, towel on her lap;
    the massager stands behind her. Side view, the mother facing left."""
    pal = palette(dark)
    p = _Pen(width, POSITION_H, pal)
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
    p.path([("M", 216, 170), ("C", 222, 160, 220, 150, 212, 142), ("C", 198, 126, 178, 108, 156, 100),
            ("L", 140, 110), ("C", 134, 118, 134, 130, 143, 137), ("C", 152, 143, 170, 150, 178, 162),
            ("L", 182, 170), ("Z",)], fill=pal.skin, stroke=pal.outline, width=1.4)
    # towel over the lap, hanging over the knees
    p.path([("M", 206, 149), ("L", 150, 148), ("Q", 134, 148, 132, 162), ("L", 131, 192), ("L", 152, 192),
            ("L", 153, 172), ("L", 206, 172), ("Z",)], fill=pal.towel, stroke=pal.towel_stripe, width=1.2)
    p.line(134, 183, 150, 183, pal.towel_stripe, 2)
    p.line(160, 165, 204, 165, pal.towel_stripe, 2)
    # neck, near arm (upper arm forward to the table, forearm along it), head resting on the arms
    p.limb(150, 106, 120, 108, 15, pal.skin, pal.outline)
    p.limb(150, 112, 116, 124, 14, pal.skin, pal.outline)
    p.limb(116, 126, 68, 127, 12, pal.skin, pal.outline)
    p.circle(106, 105, 15, fill=pal.skin, stroke=pal.outline, width=1.4)
    p.path([("M", 92, 100), ("C", 95, 86, 116, 84, 121, 99), ("C", 122, 107, 119, 113, 114, 117),
            ("C", 110, 108, 102, 101, 92, 100), ("Z",)], fill=pal.hair)
    p.circle(121, 89, 6.5, fill=pal.hair)  # bun
    # massager standing behind her, one hand on her upper back
    p.limb(262, 160, 258, 224, 13, pal.trousers)
    p.limb(273, 160, 278, 224, 13, pal.trousers)
    p.limb(258, 227, 246, 228, 7, pal.shoes)
    p.limb(278, 227, 266, 228, 7, pal.shoes)
    p.rect(252, 82, 32, 84, fill=pal.shirt, radius=11)
    p.circle(268, 66, 13, fill=pal.hand, stroke=pal.hand_outline, width=1.2)
    p.path([("M", 255, 64), ("C", 256, 50, 278, 48, 281, 62), ("C", 276, 58, 266, 56, 255, 64), ("Z",)],
           fill=pal.hair)
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
    return _wrap(p.stack(), description, p.w, p.h)


# ---------------------------------------------------------------- hands on the back

HANDS_H = 260.0
_SPINE_X = 160.0


def _mirror(cmds: list[tuple], cx: float = _SPINE_X) -> list[tuple]:
    out = []
    for c in cmds:
        vals = list(c[1:])
        for i in range(0, len(vals), 2):
            vals[i] = 2 * cx - vals[i]
        out.append((c[0], *vals))
    return out


def _hand_fist(p: _Pen, side: int, cy: float) -> tuple[float, float]:
    """A clenched fist, the thumb pointing forward (toward her head), beside the spine.
    `side` is +1 for the hand right of the spine, -1 for the left. Returns where to draw the circles."""
    pal = p.pal

    def X(dx: float) -> float:
        return _SPINE_X + side * dx

    p.limb(X(30), cy + 34, X(46), cy + 140, 32, pal.hand, pal.hand_outline)  # forearm
    for k in range(4):  # knuckles along the top of the fist
        p.circle(X(16 + k * 10), cy - 12, 6.5, fill=pal.hand, stroke=pal.hand_outline, width=1.3)
    p.path([("M", X(7), cy - 12), ("L", X(7), cy + 18), ("Q", X(7), cy + 30, X(19), cy + 30),
            ("L", X(40), cy + 30), ("Q", X(52), cy + 30, X(52), cy + 18), ("L", X(52), cy - 12), ("Z",)],
           fill=pal.hand)
    p.path([("M", X(7), cy - 10), ("L", X(7), cy + 18), ("Q", X(7), cy + 30, X(19), cy + 30),
            ("L", X(40), cy + 30), ("Q", X(52), cy + 30, X(52), cy + 18), ("L", X(52), cy - 10)],
           stroke=pal.hand_outline, width=1.3)
    for k in range(3):  # creases between the curled fingers
        p.line(X(21 + k * 10), cy - 10, X(21 + k * 10), cy + 2, pal.hand_outline, 1.1)
    # the thumb lies along the inner side of the fist and points forward
    p.limb(X(12), cy + 18, X(12), cy - 26, 12, pal.hand, pal.hand_outline, 1.3)
    p.oval(X(12) - 3.5, cy - 32, 7, 9, fill=pal.nail)
    return X(22), cy - 52


def _hand_thumb(p: _Pen, side: int, cy: float) -> tuple[float, float]:
    """An open hand resting on the back, the thumb tip pressing beside the spine."""
    pal = p.pal

    def X(dx: float) -> float:
        return _SPINE_X + side * dx

    p.limb(X(62), cy + 46, X(74), cy + 140, 32, pal.hand, pal.hand_outline)  # forearm
    for k in range(4):  # fingers resting on the back, toward her shoulder
        p.limb(X(45 + k * 11), cy + 4, X(50 + k * 14), cy - 36 + k * 7, 11, pal.hand, pal.hand_outline, 1.2)
    palm = [("M", X(40), cy + 4), ("Q", X(40), cy - 6, X(50), cy - 6), ("L", X(80), cy - 8),
            ("Q", X(90), cy - 8, X(90), cy + 2), ("L", X(88), cy + 38), ("Q", X(86), cy + 50, X(74), cy + 50),
            ("L", X(54), cy + 50), ("Q", X(42), cy + 50, X(40), cy + 38), ("Z",)]
    p.path(palm, fill=pal.hand, stroke=pal.hand_outline, width=1.3)
    p.limb(X(44), cy + 30, X(17), cy + 3, 14, pal.hand, pal.hand_outline, 1.3)  # thumb
    p.oval(X(17) - 4.5, cy - 2, 9, 9, fill=pal.nail)
    return X(15), cy + 2


def _hand_index_back(p: _Pen, side: int, cy: float) -> tuple[float, float]:
    """A loose fist whose bent index finger presses with its back (middle segment) beside the spine."""
    pal = p.pal

    def X(dx: float) -> float:
        return _SPINE_X + side * dx

    p.limb(X(48), cy + 40, X(62), cy + 140, 32, pal.hand, pal.hand_outline)  # forearm
    p.rect(min(X(26), X(70)), cy - 14, 44, 50, fill=pal.hand, stroke=pal.hand_outline, width=1.3, radius=13)
    for k in range(2):  # creases of the other curled fingers
        p.line(X(42 + k * 12), cy - 12, X(42 + k * 12), cy + 2, pal.hand_outline, 1.1)
    # the bent index finger: from the knuckle inward, then its middle segment down along the spine
    bent = ((X(32), cy - 8, X(17), cy - 8), (X(17), cy - 8, X(17), cy + 20))
    for x1, y1, x2, y2 in bent:
        p.line(x1, y1, x2, y2, pal.hand_outline, 15.6)
    for x1, y1, x2, y2 in bent:
        p.line(x1, y1, x2, y2, pal.hand, 13)
    p.line(X(8.5), cy - 4, X(8.5), cy + 20, pal.accent, 3.2)  # the back of the finger presses here
    p.limb(X(30), cy + 30, X(46), cy + 34, 10, pal.hand, pal.hand_outline, 1.2)  # thumb tucked under
    return X(16), cy - 36


_HAND_DRAWERS = {"fists": _hand_fist, "thumbs": _hand_thumb, "index_backs": _hand_index_back}


def _technique_texts(technique: str) -> tuple[str, str]:
    if technique == "fists":
        return (_("Clenched fists, thumbs pointing forward"),
                _("Drawing: both hands clenched into fists, thumbs pointing forward, on both sides of the "
                  "spine, making small circles."))
    if technique == "thumbs":
        return (_("Both thumbs"),
                _("Drawing: both thumbs pressing on both sides of the spine, making small circles."))
    return (_("Backs of both index fingers"),
            _("Drawing: the backs of both bent index fingers on both sides of the spine, making small "
              "circles."))


def hands_illustration(technique: str, width: float = 320, dark: bool = False) -> ft.Control:
    """Both hands on a strip of back, one on each side of the spine, with small circular arrows."""
    if technique not in _HAND_DRAWERS:
        raise ValueError(f"unknown technique {technique!r}; expected one of {TECHNIQUES}")
    pal = palette(dark)
    p = _Pen(width, HANDS_H, pal)
    p.panel()
    top, bottom = 36, HANDS_H - 4
    p.rect(26, top, 268, bottom - top, fill=pal.skin, stroke=pal.outline, width=1.2, radius=22)
    # massage zone bands and the spine
    for x0 in (_SPINE_X - 23, _SPINE_X + 7):
        p.rect(x0, top + 10, 16, bottom - top - 20, fill=pal.zone_fill, radius=8)
    p.line(_SPINE_X, top + 6, _SPINE_X, bottom - 6, pal.spine, 1.6)
    for k in range(11):
        p.oval(_SPINE_X - 4.5, top + 14 + k * 18, 9, 6, fill=pal.spine)
    for side in (-1, 1):
        arrow = _HAND_DRAWERS[technique](p, side, 146)
        p.circle_arrow(*arrow, 10, clockwise=side > 0, width=2.4)
    caption, description = _technique_texts(technique)
    p.label(160, 8, caption, "center", max_w=300, bold=True)
    p.leader(64, top + 16, _SPINE_X - 1, top + 14)
    p.label(32, top + 6, _("Spine"), "left", max_w=112)
    p.leader(arrow[0] + 8, arrow[1] - 8, 236, top + 18)
    p.label(290, top + 6, _("Small circles"), "right", max_w=112)
    return _wrap(p.stack(), description, p.w, p.h)


# ---------------------------------------------------------------- back view with the massage zone

BACK_H = 330.0
_ZONE_TOP = 118.0  # level of the shoulder blades
_ZONE_BOTTOM = 196.0  # ribs 5-6, the bra line
_BAND_IN, _BAND_OUT = 7.0, 23.0  # the bands: 1-2 finger-widths from the spine
MARKER_D = 16.0


def marker_fraction(elapsed_s: float, sweep_s: float = 12.0) -> float:
    """Calm ping-pong position along the zone: 0 (top, shoulder blades) -> 1 (ribs 5-6) in `sweep_s`
    seconds, then back up in the same time; period 2 * sweep_s."""
    if sweep_s <= 0:
        raise ValueError("sweep_s must be positive")
    t = math.fmod(max(0.0, float(elapsed_s)), 2 * sweep_s)
    f = t / sweep_s
    return f if f <= 1.0 else 2.0 - f


class BackIllustration:
    """Back view of the mother's upper back with landmarks and the massage zone.

    `.control` is the Flet control. `set_marker(fraction)` moves the two markers (one per side)
    along the zone; they glide over `MARKER_ANIMATION_MS` (linear), so calling it once a second
    gives continuous motion. It only changes the markers' position; the caller updates the page.
    """

    def __init__(self, width: float = 320, dark: bool = False, show_marker: bool = False):
        self.width = float(width)
        self.dark = dark
        self.pal = palette(dark)
        p = _Pen(self.width, BACK_H, self.pal)
        self._s = p.s
        self.height = p.h
        _draw_back(p)
        s = self._s
        self.zone_top = _ZONE_TOP * s  # the zone on the drawing, in control pixels
        self.zone_bottom = _ZONE_BOTTOM * s
        d = MARKER_D * s
        self.marker_size = d
        # the markers' centres travel inside the zone so the whole dot stays within the bands
        self.track_top = self.zone_top + d / 2
        self.track_bottom = self.zone_bottom - d / 2
        band_mid = (_BAND_IN + _BAND_OUT) / 2
        self.marker_x = ((_SPINE_X - band_mid) * s, (_SPINE_X + band_mid) * s)  # centres
        self.fraction = 0.0
        self.markers = [
            ft.Container(
                left=x - d / 2,
                top=self.track_top - d / 2,
                width=d,
                height=d,
                border_radius=d / 2,
                bgcolor=self.pal.marker,
                border=ft.Border.all(width=2, color=self.pal.marker_border),
                shadow=ft.BoxShadow(blur_radius=4, color=ft.Colors.with_opacity(0.45, "#000000")),
                animate_position=ft.Animation(duration=MARKER_ANIMATION_MS, curve=ft.AnimationCurve.LINEAR),
                visible=show_marker,
            )
            for x in self.marker_x
        ]
        self.stack = p.stack(extra=self.markers)
        self.control = _wrap(
            self.stack,
            _("Drawing of the mother's back: the massage area runs on both sides of the spine, one to two "
              "finger-widths from it, from the shoulder blades down to the level of ribs 5 and 6 (the bra "
              "line). The top landmark is the prominent bone at the base of the neck."),
            self.width,
            self.height,
        )

    @property
    def show_marker(self) -> bool:
        return bool(self.markers[0].visible)

    @show_marker.setter
    def show_marker(self, visible: bool) -> None:
        for m in self.markers:
            m.visible = visible

    def marker_center_y(self) -> float:
        """Vertical centre of the markers, in control pixels."""
        return self.markers[0].top + self.marker_size / 2

    def set_marker(self, fraction: float) -> None:
        """Places both markers at `fraction` (0 = shoulder blades, 1 = ribs 5-6) along the zone."""
        f = min(1.0, max(0.0, float(fraction)))
        self.fraction = f
        top = self.track_top + f * (self.track_bottom - self.track_top) - self.marker_size / 2
        for m in self.markers:
            m.top = top


def _draw_back(p: _Pen) -> None:
    pal = p.pal
    cx = _SPINE_X
    p.panel()
    # torso outline: neck, shoulders, sides down to the waist (arms are forward on the table)
    body = [("M", 146, 70), ("L", 146, 86), ("C", 130, 98, 102, 100, 82, 106), ("C", 64, 112, 54, 126, 54, 146),
            ("L", 58, 196), ("C", 64, 250, 86, 290, 88, BACK_H)]
    outline = body + [("L", 2 * cx - 88, BACK_H), ("C", 2 * cx - 86, 290, 2 * cx - 64, 250, 2 * cx - 58, 196),
                      ("L", 2 * cx - 54, 146), ("C", 2 * cx - 54, 126, 2 * cx - 64, 112, 2 * cx - 82, 106),
                      ("C", 2 * cx - 102, 100, 2 * cx - 130, 98, 2 * cx - 146, 86), ("L", 2 * cx - 146, 70),
                      ("Z",)]
    p.path(outline, fill=pal.skin, stroke=pal.outline, width=1.4)
    # shoulder blades (shaded), with the ridge of the blade
    blade = [("M", cx + 30, 120), ("C", cx + 48, 112, cx + 68, 110, cx + 84, 116), ("L", cx + 80, 132),
             ("C", cx + 72, 158, cx + 60, 184, cx + 46, 206), ("C", cx + 41, 211, cx + 36, 209, cx + 35, 203),
             ("C", cx + 33, 176, cx + 31, 148, cx + 30, 120), ("Z",)]
    for cmds in (blade, _mirror(blade)):
        p.path(cmds, fill=pal.skin_shade, stroke=pal.outline, width=1.1)
    for x1, x2 in ((cx + 32, cx + 82), (cx - 32, cx - 82)):  # the ridge of each blade
        p.line(x1, 136, x2, 121, pal.outline, 1.0)
    # massage zone: two bands beside the spine between the blades' level and ribs 5-6
    for x0 in (cx - _BAND_OUT, cx + _BAND_IN):
        p.rect(x0, _ZONE_TOP, _BAND_OUT - _BAND_IN, _ZONE_BOTTOM - _ZONE_TOP, fill=pal.zone_fill,
               stroke=pal.accent, width=1.0, radius=7)
    # spine with vertebrae, C7 at the base of the neck
    p.line(cx, 90, cx, BACK_H - 2, pal.spine, 1.6)
    for k in range(13):
        p.oval(cx - 4, 104 + k * 17, 8, 5.5, fill=pal.spine)
    # ribs 5-6 / bra line (dashed)
    p.line(60, _ZONE_BOTTOM, 2 * cx - 60, _ZONE_BOTTOM, pal.ribs, 2.2, dash=[7, 5])
    # small circular arrows in the bands
    for y in (138, 176):
        p.circle_arrow(cx - 15, y, 6.5, clockwise=False, width=1.8)
        p.circle_arrow(cx + 15, y, 6.5, clockwise=True, width=1.8)
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
    p.leader(cx + 54, 150, 268, 100)
    p.leader(cx - 54, 150, 52, 100)
    p.label(316, 74, _("Shoulder blade"), "right", max_w=84)
    p.label(4, 74, _("Shoulder blade"), "left", max_w=84)
    p.label(6, _ZONE_BOTTOM + 8, _("Ribs 5-6 (bra line)"), "left", max_w=128)
    p.leader(246, _ZONE_BOTTOM + 12, cx + 22, 186)
    p.label(290, _ZONE_BOTTOM + 8, _("Massage zone"), "right", max_w=104)
    p.label(cx, 282, _("Spine"), "center", max_w=140)


def back_illustration(width: float = 320, dark: bool = False, marker: float | None = None) -> ft.Control:  # TEMP shim
    b = BackIllustration(width=width, dark=dark, show_marker=marker is not None)
    if marker is not None:
        b.set_marker(marker)
    return b.control
