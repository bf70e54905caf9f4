"""The drawing kit shared by every illustration: palettes for light and dark themes, a pen that
collects canvas shapes and overlay labels in design units, and the screen-reader wrapper.

Every drawing is designed on a fixed grid (`DESIGN_WIDTH` units wide) and scaled to the requested
width; the height follows the aspect ratio. Labels are real `ft.Text` controls laid over the canvas
in a `ft.Stack` (each on a small pill of the panel colour, so it stays readable over skin or
background, wraps when a translation is longer, and sizes itself).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import flet as ft
import flet.canvas as cv

DESIGN_WIDTH = 320.0
SPINE_X = 160.0  # the spine's x in every back drawing

PathCmd = tuple[str, *tuple[float, ...]]  # ("M", x, y), ("L", x, y), ("Q", ...), ("C", ...), ("Z",)


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
    contact: str  # the part of the hand that touches the back (fills, over the hand tone)
    contact_edge: str  # its outline
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
    contact="#FFD54F",
    contact_edge="#E65100",
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
    contact="#FFCA28",
    contact_edge="#FF8F00",
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


class Pen:
    """Collects canvas shapes and overlay labels in design units, scaled by `s` on output."""

    def __init__(self, width: float, design_h: float, pal: Palette) -> None:
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
    def path(
        self,
        cmds: list[PathCmd],
        fill: str | None = None,
        stroke: str | None = None,
        width: float = 1.5,
        dash: list[float] | None = None,
    ) -> None:
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

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str | None = None,
        stroke: str | None = None,
        width: float = 1.5,
        radius: float = 0,
    ) -> None:
        s = self.s
        for paint in ([self._fill(fill)] if fill else []) + ([self._stroke(stroke, width)] if stroke else []):
            self.shapes.append(
                cv.Rect(x=x * s, y=y * s, width=w * s, height=h * s, border_radius=radius * s, paint=paint)
            )

    def circle(
        self, x: float, y: float, r: float, fill: str | None = None, stroke: str | None = None, width: float = 1.5
    ) -> None:
        s = self.s
        for paint in ([self._fill(fill)] if fill else []) + ([self._stroke(stroke, width)] if stroke else []):
            self.shapes.append(cv.Circle(x=x * s, y=y * s, radius=r * s, paint=paint))

    def oval(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str | None = None,
        stroke: str | None = None,
        width: float = 1.5,
    ) -> None:
        s = self.s
        for paint in ([self._fill(fill)] if fill else []) + ([self._stroke(stroke, width)] if stroke else []):
            self.shapes.append(cv.Oval(x=x * s, y=y * s, width=w * s, height=h * s, paint=paint))

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        color: str,
        width: float = 1.5,
        dash: list[float] | None = None,
    ) -> None:
        s = self.s
        self.shapes.append(cv.Line(x1=x1 * s, y1=y1 * s, x2=x2 * s, y2=y2 * s, paint=self._stroke(color, width, dash)))

    def leader(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """A thin line from a label to what it names, with a rim so it reads over skin and panel."""
        self.line(x1, y1, x2, y2, self.pal.label_bg, 3.2)
        self.line(x1, y1, x2, y2, self.pal.ink, 1.1)

    def limb(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        thickness: float,
        fill: str,
        outline: str | None = None,
        outline_w: float = 1.4,
    ) -> None:
        """A rounded capsule (arm, leg, finger): an outline stroke under a fill stroke."""
        if outline:
            self.line(x1, y1, x2, y2, outline, thickness + 2 * outline_w)
        self.line(x1, y1, x2, y2, fill, thickness)

    def circle_arrow(
        self,
        cx: float,
        cy: float,
        r: float,
        clockwise: bool,
        color: str | None = None,
        width: float = 2.2,
        halo: bool = True,
    ) -> None:
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
        head: list[PathCmd] = [
            ("M", ex + tx * head_l, ey + ty * head_l),
            ("L", ex + nx * head_w - tx * 0.4 * head_w, ey + ny * head_w - ty * 0.4 * head_w),
            ("L", ex - nx * head_w - tx * 0.4 * head_w, ey - ny * head_w - ty * 0.4 * head_w),
            ("Z",),
        ]
        arc = cv.Path.Arc(
            x=(cx - r) * s, y=(cy - r) * s, width=2 * r * s, height=2 * r * s, start_angle=start, sweep_angle=signed
        )
        if halo:
            self.shapes.append(cv.Path(elements=[arc], paint=self._stroke(self.pal.halo, width + 2.4)))
            self.path(head, stroke=self.pal.halo, width=2.4)
        self.shapes.append(cv.Path(elements=[arc], paint=self._stroke(color, width)))
        self.path(head, fill=color, stroke=color, width=1)

    def up_arrow(self, x: float, y_tail: float, y_head: float, width: float = 2.2, halo: bool = True) -> None:
        """A straight vertical arrow from `y_tail` to `y_head` (its head), on a light rim."""
        color = self.pal.accent
        head_l, head_w = 2.6 * width, 1.9 * width
        direction = 1.0 if y_head > y_tail else -1.0
        base = y_head - direction * head_l
        head: list[PathCmd] = [("M", x, y_head), ("L", x - head_w, base), ("L", x + head_w, base), ("Z",)]
        if halo:
            self.line(x, y_tail, x, base, self.pal.halo, width + 2.4)
            self.path(head, stroke=self.pal.halo, width=2.4)
        self.line(x, y_tail, x, base, color, width)
        self.path(head, fill=color, stroke=color, width=1)

    def label(
        self, x: float, y: float, text: str, anchor: str = "left", max_w: float = 120, bold: bool = False
    ) -> None:
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
                    lab.anchor, ft.TextAlign.CENTER
                ),
            ),
        )
        mw = lab.max_w * s
        left = {"left": lab.x * s, "right": lab.x * s - mw}.get(lab.anchor, lab.x * s - mw / 2)
        left = max(0.0, min(left, self.w - mw))
        align = {"left": ft.CrossAxisAlignment.START, "right": ft.CrossAxisAlignment.END}.get(
            lab.anchor, ft.CrossAxisAlignment.CENTER
        )
        return ft.Container(
            left=left,
            top=lab.y * s,
            width=mw,
            content=ft.Column(controls=[pill], spacing=0, tight=True, horizontal_alignment=align),
        )

    def panel(self) -> None:
        self.shapes.insert(
            0,
            cv.Rect(x=0, y=0, width=self.w, height=self.h, border_radius=16 * self.s, paint=self._fill(self.pal.panel)),
        )

    def stack(
        self, extra: list[ft.Control] | None = None, *, kept: bool = False, on_drawn: Any = None, key: str | None = None
    ) -> ft.Stack:
        """The drawing: its shapes under the labels (and `extra`). `kept`: the page keeps this canvas
        as an image it captured, and is given no shapes; `on_drawn` hears when the page has painted
        it (the canvas's first size); `key` makes a new canvas (without a kept image) when it changes."""
        canvas = cv.Canvas(width=self.w, height=self.h, shapes=[] if kept else self.shapes, on_resize=on_drawn, key=key)
        return ft.Stack(
            width=self.w,
            height=self.h,
            clip_behavior=ft.ClipBehavior.HARD_EDGE,
            controls=[canvas, *[self._label_control(lab) for lab in self.labels], *(extra or [])],
        )


def wrap(
    content: ft.Control, description: str, width: float, height: float, identifier: str | None = None
) -> ft.Semantics:
    return ft.Semantics(
        identifier=identifier,
        label=description,
        image=True,
        container=True,
        exclude_semantics=True,
        content=ft.Container(width=width, height=height, content=content),
    )


def mirror(cmds: list[PathCmd], cx: float = SPINE_X) -> list[PathCmd]:
    """The same path reflected across the vertical line x = cx (the spine)."""
    out: list[PathCmd] = []
    for op, *vals in cmds:
        out.append((op, *[2 * cx - v if i % 2 == 0 else v for i, v in enumerate(vals)]))
    return out
