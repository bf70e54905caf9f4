"""The code-drawn illustrations build without a page, label what they should and move the markers."""

from __future__ import annotations

import flet as ft
import flet.canvas as cv
import pytest

from app import i18n
from app.ui import illustrations as il


@pytest.fixture(autouse=True)
def english():
    before = i18n.get_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def _stack(control: ft.Control) -> ft.Stack:
    assert isinstance(control, ft.Semantics)
    assert control.label  # a description for screen readers
    inner = control.content
    assert isinstance(inner, ft.Container)
    assert isinstance(inner.content, ft.Stack)
    return inner.content


def _canvas(stack: ft.Stack) -> cv.Canvas:
    canvas = stack.controls[0]
    assert isinstance(canvas, cv.Canvas)
    return canvas


def _texts(control: ft.Control) -> list[str]:
    out = []

    def walk(c):
        if isinstance(c, ft.Text):
            out.append(c.value)
        for attr in ("content", "controls"):
            child = getattr(c, attr, None)
            if isinstance(child, list):
                for x in child:
                    walk(x)
            elif isinstance(child, ft.Control):
                walk(child)

    walk(control)
    return out


def _points(shape: cv.Shape) -> list[tuple[float, float]]:
    if isinstance(shape, cv.Line):
        return [(shape.x1, shape.y1), (shape.x2, shape.y2)]
    if isinstance(shape, cv.Circle):
        return [(shape.x - shape.radius, shape.y - shape.radius), (shape.x + shape.radius, shape.y + shape.radius)]
    if isinstance(shape, (cv.Rect, cv.Oval)):
        return [(shape.x, shape.y), (shape.x + shape.width, shape.y + shape.height)]
    if isinstance(shape, cv.Path):
        pts = []
        for e in shape.elements:
            if isinstance(e, cv.Path.Arc):
                pts += [(e.x, e.y), (e.x + e.width, e.y + e.height)]
            elif hasattr(e, "x"):
                pts.append((e.x, e.y))
        return pts
    return []


def _assert_inside(stack: ft.Stack) -> None:
    for shape in _canvas(stack).shapes:
        for x, y in _points(shape):
            assert -0.5 <= x <= stack.width + 0.5 and -0.5 <= y <= stack.height + 0.5, (shape, x, y)


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [320, 280])
def test_position_illustration(width: float, dark: bool) -> None:
    control = il.position_illustration(width=width, dark=dark)
    stack = _stack(control)
    assert stack.width == pytest.approx(width)
    assert stack.height == pytest.approx(width * il.POSITION_H / il.DESIGN_WIDTH)
    assert len(_canvas(stack).shapes) > 20
    _assert_inside(stack)
    labels = _texts(control)
    for text in ("Table", "Towel on lap", "Head resting on folded arms", "Massager behind her"):
        assert text in labels


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("technique", il.TECHNIQUES)
def test_hands_illustration(technique: str, dark: bool) -> None:
    control = il.hands_illustration(technique, width=320, dark=dark)
    stack = _stack(control)
    assert stack.height == pytest.approx(320 * il.HANDS_H / il.DESIGN_WIDTH)
    assert stack.clip_behavior == ft.ClipBehavior.HARD_EDGE  # forearms run off the bottom edge, clipped
    labels = _texts(control)
    assert "Spine" in labels and "Small circles" in labels
    # two circular arrows (arcs) are drawn
    arcs = [s for s in _canvas(stack).shapes if isinstance(s, cv.Path) and isinstance(s.elements[0], cv.Path.Arc)]
    assert len(arcs) >= 2


def test_hands_captions_differ_and_unknown_technique_fails() -> None:
    captions = {t: _texts(il.hands_illustration(t))[0] for t in il.TECHNIQUES}
    assert captions["fists"] == "Clenched fists, thumbs pointing forward"
    assert len(set(captions.values())) == 3
    with pytest.raises(ValueError):
        il.hands_illustration("elbows")


@pytest.mark.parametrize("dark", [False, True])
def test_back_illustration_builds_with_landmarks(dark: bool) -> None:
    back = il.BackIllustration(width=320, dark=dark)
    stack = _stack(back.control)
    assert stack.height == pytest.approx(320 * il.BACK_H / il.DESIGN_WIDTH)
    _assert_inside(stack)
    labels = _texts(back.control)
    for text in ("Prominent neck bone (C7)", "Shoulder blade", "Ribs 5-6 (bra line)", "Massage zone", "Spine"):
        assert text in labels
    assert labels.count("Shoulder blade") == 2
    # the ribs 5-6 line is dashed and lies at the bottom of the zone
    dashed = [s for s in _canvas(stack).shapes if isinstance(s, cv.Line) and s.paint.stroke_dash_pattern]
    assert len(dashed) == 1 and dashed[0].y1 == pytest.approx(back.zone_bottom)
    # markers hidden unless asked for
    assert not back.show_marker
    assert il.BackIllustration(show_marker=True).show_marker


def test_markers_move_down_the_zone_and_stay_inside() -> None:
    back = il.BackIllustration(width=300, show_marker=True)
    canvas = _canvas(back.stack)
    shapes_before = list(canvas.shapes)
    lefts = [m.left for m in back.markers]
    centres = []
    for i in range(11):
        back.set_marker(i / 10)
        tops = {m.top for m in back.markers}
        assert len(tops) == 1  # both sides at the same height
        top = tops.pop()
        assert back.zone_top - 1e-9 <= top
        assert top + back.marker_size <= back.zone_bottom + 1e-9
        centres.append(back.marker_center_y())
    assert all(b > a for a, b in zip(centres, centres[1:]))
    assert centres[0] == pytest.approx(back.zone_top + back.marker_size / 2)
    assert centres[-1] == pytest.approx(back.zone_bottom - back.marker_size / 2)
    # only the position changed: same canvas and shapes, markers stay in their bands
    assert back.stack.controls[0] is canvas and canvas.shapes == shapes_before
    assert [m.left for m in back.markers] == lefts
    assert lefts[0] + back.marker_size / 2 < back.width / 2 < lefts[1] + back.marker_size / 2
    # out of range is clamped
    back.set_marker(-3)
    assert back.marker_center_y() == pytest.approx(centres[0])
    back.set_marker(7)
    assert back.marker_center_y() == pytest.approx(centres[-1])


def test_markers_glide() -> None:
    back = il.BackIllustration()
    for m in back.markers:
        anim = m.animate_position
        assert isinstance(anim, ft.Animation)
        assert anim.duration == il.MARKER_ANIMATION_MS == 1000
        assert anim.curve == ft.AnimationCurve.LINEAR


def test_marker_fraction_ping_pongs() -> None:
    sweep = 12.0
    assert il.marker_fraction(0) == 0.0
    assert il.marker_fraction(sweep / 2) == pytest.approx(0.5)
    assert il.marker_fraction(sweep) == pytest.approx(1.0)
    assert il.marker_fraction(1.5 * sweep) == pytest.approx(0.5)
    assert il.marker_fraction(2 * sweep) == pytest.approx(0.0)
    values = [il.marker_fraction(t / 10) for t in range(0, 600)]
    assert all(0.0 <= v <= 1.0 for v in values)
    down = [il.marker_fraction(t / 10) for t in range(0, 121)]
    up = [il.marker_fraction(t / 10) for t in range(120, 241)]
    assert all(b > a for a, b in zip(down, down[1:]))
    assert all(b < a for a, b in zip(up, up[1:]))
    for t in (0.3, 5.0, 13.7, 23.9):
        assert il.marker_fraction(t + 2 * sweep) == pytest.approx(il.marker_fraction(t))
    assert il.marker_fraction(3, sweep_s=6) == pytest.approx(0.5)
    assert il.marker_fraction(-5) == 0.0
    with pytest.raises(ValueError):
        il.marker_fraction(1, sweep_s=0)
