"""The code-drawn illustrations build without a page, label what they should, show which part of the
hand touches the back, fit their width, and place the markers where the fraction says."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import flet as ft
import flet.canvas as cv
import pytest

from app import i18n
from app.ui import illustrations as il


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with i18n.using("en"):
        yield


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
    out: list[str] = []

    def walk(c: object) -> None:
        if isinstance(c, ft.Text):
            out.append(str(c.value))
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
        pts: list[tuple[float, float]] = []
        for e in shape.elements:
            if isinstance(e, cv.Path.Arc):
                pts += [(e.x, e.y), (e.x + e.width, e.y + e.height)]
            elif hasattr(e, "x"):  # MoveTo, LineTo, QuadraticTo, CubicTo: their end point
                pts.append((getattr(e, "x"), getattr(e, "y")))  # noqa: B009
        return pts
    return []


def _centre(shape: cv.Shape) -> tuple[float, float]:
    pts = _points(shape)
    return (sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts))


def _colour(shape: cv.Shape) -> object:
    paint = getattr(shape, "paint", None)
    assert isinstance(paint, ft.Paint)
    return paint.color


def _size(stack: ft.Stack) -> tuple[float, float]:
    assert stack.width is not None and stack.height is not None
    return float(stack.width), float(stack.height)


def _describe(shapes: list[cv.Shape]) -> list[tuple[object, ...]]:
    """What a canvas draws, as comparable values: kind, rounded points, colour."""
    return [(type(s).__name__, tuple((round(x, 1), round(y, 1)) for x, y in _points(s)), _colour(s)) for s in shapes]


def _assert_inside(stack: ft.Stack, *, bottom_open: bool = False) -> None:
    """Every shape within the drawing (`bottom_open`: forearms may run off the bottom edge, where the
    stack clips them) and every label pill within its width."""
    width, height = _size(stack)
    for shape in _canvas(stack).shapes:
        for x, y in _points(shape):
            assert -0.5 <= x <= width + 0.5, (shape, x)
            assert y >= -0.5 and (bottom_open or y <= height + 0.5), (shape, y)
    for label in stack.controls[1:]:
        if isinstance(label, ft.Container) and label.key is None:  # the markers have keys
            assert label.left is not None and label.width is not None
            assert label.left >= 0 and label.left + label.width <= width + 1e-6, label.left


def _contact_shapes(stack: ft.Stack, dark: bool) -> list[cv.Shape]:
    colour = il.palette(dark).contact
    return [s for s in _canvas(stack).shapes if _colour(s) == colour]


def _markers(stack: ft.Stack) -> list[ft.Container]:
    found = [c for c in stack.controls if isinstance(c, ft.Container) and c.key is not None]
    assert [m.key for m in found] == list(il.MARKER_KEYS)
    return found


# ---------------------------------------------------------------- position


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [320, 280])
def test_position_illustration_fits_and_is_labelled(width: float, dark: bool) -> None:
    control = il.position_illustration(width=width, dark=dark)
    stack = _stack(control)
    assert stack.width == pytest.approx(width)
    assert stack.height == pytest.approx(width * il.POSITION_H / il.DESIGN_WIDTH)
    assert len(_canvas(stack).shapes) > 20
    _assert_inside(stack)
    labels = _texts(control)
    for text in ("Table", "Towel on lap", "Head resting on folded arms", "Massager behind her"):
        assert text in labels


# ---------------------------------------------------------------- hands


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [320, 280])
@pytest.mark.parametrize("technique", il.TECHNIQUES)
def test_hands_illustration_fits_and_is_labelled(technique: str, width: float, dark: bool) -> None:
    control = il.hands_illustration(technique, width=width, dark=dark)
    stack = _stack(control)
    assert stack.width == pytest.approx(width)
    assert stack.height == pytest.approx(width * il.HANDS_H / il.DESIGN_WIDTH)
    assert stack.clip_behavior == ft.ClipBehavior.HARD_EDGE  # forearms run off the bottom edge, clipped
    _assert_inside(stack, bottom_open=True)
    labels = _texts(control)
    for text in ("Spine", "Small circles", "Touches the back"):
        assert text in labels


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("technique", il.TECHNIQUES)
def test_each_hand_shows_its_contact_area_beside_the_spine(technique: str, dark: bool) -> None:
    stack = _stack(il.hands_illustration(technique, width=320, dark=dark))
    contact = _contact_shapes(stack, dark)
    spine_x = _size(stack)[0] / 2
    left = [s for s in contact if _centre(s)[0] < spine_x]
    right = [s for s in contact if _centre(s)[0] > spine_x]
    assert left and right  # one per hand, both sides at once
    assert len(left) == len(right)
    for shape in contact:  # on the massage bands: within about two finger-widths of the spine
        assert abs(_centre(shape)[0] - spine_x) < 40


@pytest.mark.parametrize("technique", il.TECHNIQUES)
def test_each_hand_has_small_circle_arrows_turning_outward(technique: str) -> None:
    stack = _stack(il.hands_illustration(technique))
    spine_x = _size(stack)[0] / 2
    arcs = [
        e
        for s in _canvas(stack).shapes
        if isinstance(s, cv.Path)
        for e in s.elements
        if isinstance(e, cv.Path.Arc) and _colour(s) == il.LIGHT.accent
    ]
    assert len(arcs) == 2
    for arc in arcs:  # clockwise on the right, counter-clockwise on the left: the top moves outward
        right = arc.x + arc.width / 2 > spine_x
        assert (arc.sweep_angle > 0) == right


def test_each_technique_draws_a_different_hand() -> None:
    drawn = {t: _stack(il.hands_illustration(t)) for t in il.TECHNIQUES}
    contact_kinds = {t: Counter(type(s).__name__ for s in _contact_shapes(st, False)) for t, st in drawn.items()}
    assert contact_kinds["fists"]["Rect"] == 8  # four finger flats per fist
    assert contact_kinds["thumbs"] == Counter({"Line": 2})  # each thumb pad: one capsule
    assert contact_kinds["index_backs"]["Circle"] == 2  # the middle knuckle of each index finger
    shapes = {t: _describe(_canvas(st).shapes) for t, st in drawn.items()}
    for a, b in (("fists", "thumbs"), ("fists", "index_backs"), ("thumbs", "index_backs")):
        assert contact_kinds[a] != contact_kinds[b]
        assert shapes[a] != shapes[b]


def test_hands_captions_differ_and_unknown_technique_fails() -> None:
    captions = {t: _texts(il.hands_illustration(t))[0] for t in il.TECHNIQUES}
    assert captions["fists"] == "Clenched fists"  # no thumb direction (DOMAIN §2)
    assert len(set(captions.values())) == 3
    descriptions = {t: il.hands_illustration(t).label for t in il.TECHNIQUES}  # type: ignore[attr-defined]
    assert len(set(descriptions.values())) == 3
    with pytest.raises(ValueError):
        il.hands_illustration("elbows")


def test_palettes_give_the_contact_area_its_own_colour() -> None:
    for pal in (il.LIGHT, il.DARK):
        assert pal.contact not in (pal.hand, pal.skin, pal.zone_fill, pal.accent)


# ---------------------------------------------------------------- back


def _ribs_y(stack: ft.Stack) -> float:
    """The height of the dashed ribs 5-6 line: the bra line, where every stroke starts."""
    dashed = [s for s in _canvas(stack).shapes if isinstance(s, cv.Line) and s.paint.stroke_dash_pattern]
    assert len(dashed) == 1
    return float(dashed[0].y1)


def _label(stack: ft.Stack, text: str) -> ft.Container:
    found = [c for c in stack.controls[1:] if isinstance(c, ft.Container) and c.key is None and text in _texts(c)]
    assert len(found) == 1, text
    return found[0]


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("width", [320, 240])
def test_back_illustration_fits_and_shows_the_landmarks(width: float, dark: bool) -> None:
    control = il.back_illustration(width=width, dark=dark)
    stack = _stack(control)
    geo = il.back_geometry(width)
    assert stack.width == pytest.approx(width)
    assert stack.height == pytest.approx(geo.height) == pytest.approx(width * il.BACK_H / il.DESIGN_WIDTH)
    _assert_inside(stack)
    labels = _texts(control)
    for text in (
        "Prominent neck bone (C7)",
        "Shoulder blade",
        "Start: bra line (ribs 5-6)",
        "Stop: upper edge of the shoulder blades",
        "Massage zone",
        "Spine",
    ):
        assert text in labels
    # the ribs 5-6 line is dashed and lies at the bottom of the zone
    assert _ribs_y(stack) == pytest.approx(geo.zone_bottom)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_back_names_where_the_stroke_starts_and_where_it_stops(lang: str) -> None:
    """DOMAIN 2: the bra line is the START, at the bottom; the upper edge of the shoulder blades the
    END, at the top. Each label sits at its own end, and the description says it in words."""
    with i18n.using(lang):
        control = il.back_illustration(width=320)
        stack = _stack(control)
        start = _label(stack, i18n._("Start: bra line (ribs 5-6)"))
        stop = _label(stack, i18n._("Stop: upper edge of the shoulder blades"))
    geo = il.back_geometry(320)
    assert start.top is not None and stop.top is not None
    assert geo.zone_bottom <= start.top <= geo.zone_bottom + 20  # just under the bra line
    assert stop.top < geo.zone_top  # above the zone's top, at the shoulder blades' upper edge
    assert isinstance(control, ft.Semantics)
    if lang == "en":
        described = str(control.label)
        assert "starts at the bra line" in described and "goes up to the upper edge of the shoulder blades" in described
        assert " down " not in described


def test_the_arrows_in_the_zone_point_up() -> None:
    """Between the circle arrows, each band has a straight arrow whose head is above its tail."""
    stack = _stack(il.back_illustration(width=320))
    tail, head = il.back.UP_ARROW_Y
    assert head < tail  # design units grow downward: the head is higher up on the back
    geo = il.back_geometry(320)
    heads = [
        s
        for s in _canvas(stack).shapes
        if isinstance(s, cv.Path)
        and s.elements
        and isinstance(s.elements[0], cv.Path.MoveTo)
        and s.elements[0].y == pytest.approx(head)
    ]
    assert len(heads) >= 2  # one per band (each drawn on its rim too)
    for s in heads:
        tip: Any = s.elements[0]  # a MoveTo
        others = [e for e in s.elements[1:] if hasattr(e, "y")]
        assert all(getattr(e, "y") > tip.y for e in others)  # noqa: B009  # the tip is the highest point
        assert geo.zone_top < tip.y < geo.zone_bottom


def test_back_without_a_marker_hides_the_markers_at_the_bra_line() -> None:
    stack = _stack(il.back_illustration())
    markers = _markers(stack)
    assert [m.visible for m in markers] == [False, False]
    d = il.back_geometry(320).marker_size
    assert all(m.top + d == pytest.approx(_ribs_y(stack)) for m in markers)  # type: ignore[operator]


@pytest.mark.parametrize(
    "fraction, expected",
    [
        (0.0, 0.0),  # the bra line: the bottom of the zone, where the stroke starts
        (0.25, 0.25),
        (0.5, 0.5),  # half-way up
        (1.0, 1.0),  # the upper edge of the shoulder blades, where it stops
        (-3.0, 0.0),  # below range: clamped to the bra line
        (7.0, 1.0),  # above range: clamped to the shoulder blades
    ],
)
def test_markers_sit_at_the_fraction_between_the_landmarks(fraction: float, expected: float) -> None:
    width = 300
    geo = il.back_geometry(width)
    stack = _stack(il.back_illustration(width=width, marker=fraction))
    markers = _markers(stack)
    assert all(m.visible for m in markers)
    ribs_y = _ribs_y(stack)
    d = geo.marker_size
    for m, centre_x in zip(markers, geo.marker_x, strict=True):
        assert m.width == m.height == pytest.approx(d)
        centre_y = m.top + d / 2  # type: ignore[operator]
        assert centre_y == pytest.approx(ribs_y - d / 2 - expected * (ribs_y - geo.zone_top - d))
        assert geo.zone_top <= m.top and m.top + d <= ribs_y + 1e-9  # type: ignore[operator]
        assert m.left + d / 2 == pytest.approx(centre_x)  # type: ignore[operator]
    left, right = markers
    assert left.left + d < width / 2 < right.left  # type: ignore[operator]  # one each side of the spine


def test_markers_move_up_with_the_fraction_and_nothing_else_changes() -> None:
    builds = [_stack(il.back_illustration(width=320, marker=i / 10)) for i in range(11)]
    tops = [_markers(st)[0].top for st in builds]
    assert all(b < a for a, b in zip(tops, tops[1:]))  # type: ignore[operator]  # smaller top: higher up
    drawn = [_describe(_canvas(st).shapes) for st in builds]
    assert all(d == drawn[0] for d in drawn)  # a rebuild only moves the markers
    assert il.back_illustration(marker=0.3) is not il.back_illustration(marker=0.3)  # a new tree each call


def test_a_round_draws_the_hands_from_the_bra_line_up_then_back() -> None:
    """What the rounds screen draws second by second (`marker_fraction(elapsed)`): the dots first
    appear at the bra line, move up every second to the upper edge of the shoulder blades, are hidden
    while the hands return, and appear at the bra line again. Never a visible step down."""
    width = 320
    geo = il.back_geometry(width)
    d = geo.marker_size
    frames = []
    for second in range(int(3 * (il.STROKE_S + il.RETURN_S)) + 1):
        stack = _stack(il.back_illustration(width=width, marker=il.marker_fraction(second)))
        left = _markers(stack)[0]
        frames.append((second, bool(left.visible), float(left.top) + d / 2))  # type: ignore[arg-type]
        ribs_y = _ribs_y(stack)
    first = frames[0]
    assert first[1] and first[2] == pytest.approx(ribs_y - d / 2)  # the first point: at the bra line
    visible = [(s, y) for s, shown, y in frames if shown]
    hidden = [s for s, shown, _y in frames if not shown]
    assert hidden  # the return is drawn as lifted hands
    for (s1, y1), (s2, y2) in zip(visible, visible[1:]):
        if s2 == s1 + 1:
            assert y2 < y1, (s1, s2)  # from one second to the next, only up
        else:
            assert y2 == pytest.approx(ribs_y - d / 2)  # after the return: back at the bra line
    top = min(y for _s, y in visible)
    assert top == pytest.approx(geo.zone_top + d / 2)  # it reaches the upper edge of the shoulder blades


def test_marker_fraction_strokes_up_then_returns() -> None:
    stroke, back = il.STROKE_S, il.RETURN_S
    assert il.marker_fraction(0) == 0.0
    assert il.marker_fraction(stroke / 2) == pytest.approx(0.5)
    assert il.marker_fraction(stroke) == pytest.approx(1.0)
    assert il.marker_fraction(stroke + back / 2) is None  # the hands are lifted and come back
    assert il.marker_fraction(stroke + back) == pytest.approx(0.0)
    up = [il.marker_fraction(t / 10) for t in range(0, int(stroke * 10) + 1)]
    assert all(b > a for a, b in zip(up, up[1:]))  # type: ignore[operator]
    values = [il.marker_fraction(t / 10) for t in range(0, 600)]
    assert all(v is None or 0.0 <= v <= 1.0 for v in values)
    for t in (0.3, 5.0, 11.9, 20.1):
        assert il.marker_fraction(t + stroke + back) == pytest.approx(il.marker_fraction(t))
    assert il.marker_fraction(stroke + back / 2 + stroke + back) is None
    assert il.marker_fraction(3, stroke_s=6) == pytest.approx(0.5)
    assert il.marker_fraction(-5) == 0.0
    with pytest.raises(ValueError):
        il.marker_fraction(1, stroke_s=0)


def test_markers_glide() -> None:
    for m in _markers(_stack(il.back_illustration(marker=0.5))):
        anim = m.animate_position
        assert isinstance(anim, ft.Animation)
        assert anim.duration == il.MARKER_ANIMATION_MS == 1000
        assert anim.curve == ft.AnimationCurve.LINEAR


def test_markers_step_without_gliding_when_the_device_asks_for_less_motion() -> None:
    gliding, stepping = (_markers(_stack(il.back_illustration(marker=0.5, glide=g))) for g in (True, False))
    assert [m.top for m in stepping] == [m.top for m in gliding]  # the same places
    assert all(m.animate_position is None for m in stepping)


def test_the_moving_markers_blur_nothing() -> None:
    """The markers move at every frame while a round glides: a blurred shadow is a blur per frame
    (in Chromium's software rendering about 5% of a round's CPU, docs/benchmarks.md). Their dark
    edge is a crisp ring instead, outside the white border."""
    for m in _markers(_stack(il.back_illustration(marker=0.5))):
        shadows: list[object] = list(m.shadow) if isinstance(m.shadow, list) else [m.shadow]
        assert shadows
        for shadow in shadows:
            assert isinstance(shadow, ft.BoxShadow) and not shadow.blur_radius
            assert (shadow.spread_radius or 0) > 0  # the edge is still there
