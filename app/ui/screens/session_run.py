"""Session step: the rounds. Hands-free: rounds and rests follow each other by themselves, each
change announced by sound; the taps are pause/resume, skip, end and "Stop, it hurts".

Paused is unmistakable from arm's length: the ring turns grey and full, a large "PAUSED" shows under
the time, the screen tints. Back pauses the massage and stays here; End and Skip ask first with one
large button, so an oily tap never throws a round away.

The buttons never move: running, paused, resting or counting, Pause and Resume share one place, Skip
and "Stop, it hurts" keep theirs, End stays in the app bar. A second tap where Pause was is Resume,
never "Stop, it hurts", which stands apart (BUTTON_GAP) in its own red.

The screen reader hears the phases, "paused"/"resumed" and the minutes left (the session model
announces them); the countdown is labelled for a reader who goes to it, but is not a live region:
it would be read out every second.
"""

from __future__ import annotations

from typing import Any, cast

import flet as ft

from app.domain.prompts import NEXT_ROUND_S
from app.domain.protocol import PhaseKind
from app.i18n import _
from app.ui import illustrations, kit
from app.ui.screens.demonstrate import drawing_width
from app.ui.screens.labels import TECHNIQUE_CUE, t
from app.ui.session_model import CONFIRM_END, CONFIRM_SKIP, SessionModel
from app.ui.session_words import next_round_text, phase_heading, phase_text
from app.ui.state import AppState, use_app

ROUTE = "/session/run"
RING_SIZE = 176
BACK_WIDTH = 220
PAUSED_TINT = ft.Colors.SURFACE_CONTAINER_HIGHEST
# Space around "Stop, it hurts" (and between the buttons of a dialog): a finger aimed at another
# button never lands on it.
BUTTON_GAP = 24


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _timer(model: SessionModel, label: str) -> ft.Control:
    v = model.view
    assert v is not None
    paused = model.paused and model.get_ready is None
    resting = v.phase_kind is PhaseKind.REST
    ring_value: float | None
    if model.preparing:
        big, ring_value, color = "", 1.0, ft.Colors.SECONDARY
    elif model.get_ready is not None:
        big, ring_value, color = str(model.get_ready), 1.0, ft.Colors.SECONDARY
    elif paused:
        big, ring_value, color = clock_text(v.remaining_s), 1.0, ft.Colors.OUTLINE
    else:
        big, ring_value = clock_text(v.remaining_s), 1.0 - v.progress
        color = ft.Colors.TERTIARY if resting else ft.Colors.PRIMARY
    inner: list[ft.Control] = [ft.Text(big, size=56, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER)]
    if model.preparing:
        inner = [
            ft.Text(_("Preparing the sounds"), size=16, weight=ft.FontWeight.W_600, text_align=ft.TextAlign.CENTER)
        ]
    elif paused:
        # The theme's error colour: deep red on the light theme, light red on the dark one (4.5:1 on both).
        inner.append(ft.Text(_("PAUSED"), size=22, weight=ft.FontWeight.BOLD, color=ft.Colors.ERROR))
    elif model.get_ready is not None:
        inner.append(ft.Text(_("Get ready"), size=18, weight=ft.FontWeight.W_600))
    ring = ft.ProgressRing(
        value=ring_value,
        width=RING_SIZE,
        height=RING_SIZE,
        stroke_width=12,
        color=color,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )
    stack = ft.Stack(
        [
            ring,
            ft.Container(
                ft.Column(
                    inner,
                    spacing=0,
                    alignment=ft.MainAxisAlignment.CENTER,
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                alignment=ft.Alignment.CENTER,
                width=RING_SIZE,
                height=RING_SIZE,
            ),
        ],
        width=RING_SIZE,
        height=RING_SIZE,
    )
    return ft.Row(
        [kit.tagged(stack, "countdown", label=label, exclude_semantics=True, container=True)],
        alignment=ft.MainAxisAlignment.CENTER,
    )


def countdown_label(model: SessionModel) -> str:
    """What a screen reader says for the timer: the phase, the time left, and whether it is paused."""
    v = model.view
    assert v is not None
    if model.preparing:
        return _("Preparing the sounds")
    if model.get_ready is not None:
        return _("Get ready: %(n)d") % {"n": model.get_ready}
    text = f"{phase_text(v)}. " + _("%(time)s left") % {"time": clock_text(v.remaining_s)}
    if model.paused:
        text = _("Paused") + ". " + text
    return text


def _cue_text(app: AppState, model: SessionModel) -> str:
    v = model.view
    if model.paused and model.get_ready is None:
        return _("Paused. Tap Resume when you are both ready.")
    if v is not None and v.phase_kind is PhaseKind.REST:
        return next_round_text(v) if next_round_near(model) else _("Hands off. Let her relax.")
    technique = app.scope.massage.wizard.technique
    cue = t(TECHNIQUE_CUE, technique) if technique else _("Small circles on both sides of the spine")
    if model.lighter:
        cue += ". " + _("Press more lightly.")
    return cue


def next_round_near(model: SessionModel) -> bool:
    """In a rest's last NEXT_ROUND_S seconds (a 5-second demonstration rest: all of it)."""
    v = model.view
    return (
        v is not None
        and v.phase_kind is PhaseKind.REST
        and not model.paused
        and model.get_ready is None
        and v.remaining_s <= NEXT_ROUND_S
    )


def _dialogs(model: SessionModel) -> Any:
    if model.pain_choice:
        return kit.dialog(
            _("Stopped: it hurts"),
            _("Massage must never hurt. Continue with lighter pressure, or end the massage now."),
            [
                kit.primary_button(
                    _("Continue more lightly"),
                    lambda e: model.continue_lighter(),
                    "pain-continue",
                    icon=ft.Icons.PLAY_ARROW,
                ),
                kit.danger_button(_("End the massage"), lambda e: model.end_for_pain(), "pain-end", icon=ft.Icons.STOP),
            ],
        )
    if model.confirm is not None:
        end = model.confirm == CONFIRM_END
        return kit.dialog(
            _("End the massage now?") if end else _("Skip to the next step?"),
            _("What was done so far is saved.") if end else _("The rest of this round or rest is skipped."),
            [
                kit.primary_button(
                    _("Yes, end it") if end else _("Yes, skip"),
                    lambda e: model.confirmed(),
                    "confirm-yes",
                    icon=ft.Icons.STOP if end else ft.Icons.SKIP_NEXT,
                ),
                kit.text_button(_("No, go back"), lambda e: model.ask(None), "confirm-no"),
            ],
            on_dismiss=lambda e: model.ask(None),
        )
    return None


def _before_round_one(app: AppState, model: SessionModel) -> ft.View:
    """Before round 1: the sounds being prepared, then the "3, 2, 1" count."""
    if model.preparing:
        # Still, not a spinner: the page is busy loading, and a drawing redrawn 60 times a second would slow it.
        status: ft.Control = ft.Icon(ft.Icons.VOLUME_UP, size=96, color=ft.Colors.SECONDARY)
        title, label = _("Preparing the sounds"), _("Preparing the sounds")
    else:
        status = ft.Text(str(model.get_ready), size=120, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER)
        title, label = _("Get ready"), _("Get ready: %(n)d") % {"n": model.get_ready}
    return kit.screen(
        ROUTE,
        _("Massage"),
        [
            ft.Text(title, size=26, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER),
            ft.Row(
                [kit.tagged(status, "countdown", label=label, exclude_semantics=True, container=True)],
                alignment=ft.MainAxisAlignment.CENTER,
            ),
            ft.Text(_cue_text(app, model), size=17, text_align=ft.TextAlign.CENTER),
        ],
        on_back=lambda e: app.back(),
    )


def _buttons(model: SessionModel) -> list[ft.Control]:
    """The same three buttons, in the same places, in every state of a round."""
    if model.paused and model.get_ready is None:
        pause = kit.primary_button(
            _("Resume"), lambda e: model.resume(), "pause-resume", icon=ft.Icons.PLAY_ARROW, in_row=True
        )
    else:
        pause = kit.secondary_button(
            _("Pause"), lambda e: model.pause(), "pause-resume", icon=ft.Icons.PAUSE, in_row=True
        )
    skip = kit.secondary_button(
        _("Skip"),
        lambda e: model.ask(CONFIRM_SKIP),
        "skip",
        icon=ft.Icons.SKIP_NEXT,
        in_row=True,
        disabled=model.get_ready is not None or model.preparing,
    )
    return [
        ft.Row([pause, skip], spacing=8),
        ft.Container(height=BUTTON_GAP - 8),  # with the column's spacing: BUTTON_GAP above "Stop, it hurts"
        kit.danger_button(_("Stop, it hurts"), lambda e: model.stop_hurts(), "stop-hurts", icon=ft.Icons.PAN_TOOL),
    ]


@ft.component
def RunningBack(width: int, dark: bool, marker: float | None, glide: bool) -> ft.Control:
    """The back drawing of a running massage, kept by the page as one image once it has drawn it.

    Its dots move once a second, and Flet 1.0.5's canvas paints every one of its shapes at every
    frame (its painter always asks to repaint): about 40 ms of Chromium's CPU a second here, most of
    a round's drawing (docs/benchmarks.md). Once the page has painted the shapes, it captures them
    (Canvas.capture) and the canvas is given none: each frame draws that image under the moving
    dots. Another theme or width draws the shapes on a new canvas, then keeps that one."""
    look = (width, dark)
    kept, set_kept = ft.use_state(cast(tuple[int, bool] | None, None))  # the look the page keeps as an image

    async def keep(e: Any) -> None:
        if kept == look:
            return
        try:
            await e.control.capture()
        except Exception:  # a page gone meanwhile, or one that cannot: it goes on drawing the shapes
            return
        set_kept(look)

    drawing = illustrations.back_illustration(width, dark, marker, glide, kept=kept == look, on_drawn=keep)
    # For the tests, which cannot see it happen: a node without words (a screen reader skips it).
    told = (
        [ft.Semantics(identifier="back-drawing-kept", content=ft.Container(width=1, height=1))] if kept == look else []
    )
    return ft.Stack([drawing, *told])


@ft.component
def RunBody(app: AppState, model: SessionModel) -> ft.View:
    """The rounds screen proper; subscribed to the session model, so it redraws once a second."""

    def to_finish() -> None:
        if model.finished and app.route == ROUTE:
            app.replace("/session/finish")

    ft.use_effect(to_finish, [model.finished])
    if model.view is None and (model.get_ready is not None or model.preparing):
        return _before_round_one(app, model)
    if model.view is None and model.problem:  # ended in another window: say so, never freeze
        return kit.screen(
            ROUTE,
            _("Massage"),
            [kit.tagged(kit.note(model.problem, icon=ft.Icons.INFO_OUTLINE), "save-problem")],
            bottom=[kit.primary_button(_("Back to home"), lambda e: app.reset(), "finish-home")],
        )
    if model.view is None or model.finished:
        return kit.screen(ROUTE, _("Massage"), [ft.ProgressRing()])
    v = model.view
    paused = model.paused and model.get_ready is None
    resting = v.phase_kind is PhaseKind.REST
    header: list[ft.Control] = []
    if v.demo:
        header.append(
            ft.Container(
                ft.Text(_("DEMONSTRATION SPEED"), size=14, weight=ft.FontWeight.BOLD, color=ft.Colors.ON_TERTIARY),
                bgcolor=ft.Colors.TERTIARY,
                border_radius=8,
                padding=ft.Padding.symmetric(horizontal=10, vertical=4),
                alignment=ft.Alignment.CENTER,
            )
        )
    heading, under = phase_heading(v)
    header.append(ft.Text(heading, size=22, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER))
    if under is not None:  # a rest: what comes next, on a line of its own
        header.append(ft.Text(under, size=18, weight=ft.FontWeight.W_600, text_align=ft.TextAlign.CENTER))
    marker = None if resting or paused else illustrations.marker_fraction(v.elapsed_s)
    for note, icon, color in (
        (model.problem, ft.Icons.ERROR_OUTLINE, kit.DANGER),
        (model.sound_note, ft.Icons.VOLUME_OFF, None),
    ):
        if note:
            header.append(kit.tagged(kit.note(note, icon=icon, color=color), "save-problem" if color else "sound-note"))
    near = next_round_near(model)
    controls = [
        *header,
        _timer(model, countdown_label(model)),
        kit.tagged(
            ft.Text(
                _cue_text(app, model),
                size=17,
                text_align=ft.TextAlign.CENTER,
                weight=ft.FontWeight.BOLD if paused or near else None,
                color=ft.Colors.PRIMARY if near else None,
            ),
            "next-round" if near else "cue",
        ),
        ft.Row(
            [RunningBack(drawing_width(app, BACK_WIDTH), app.dark, marker, not app.reduce_motion)],
            alignment=ft.MainAxisAlignment.CENTER,
        ),
    ]
    ft.use_dialog(_dialogs(model))
    end_action = kit.text_button(_("End"), lambda e: model.ask(CONFIRM_END), "end-top")
    return kit.screen(
        ROUTE,
        _("Massage"),
        controls,
        bottom=_buttons(model),
        actions=[end_action],
        on_back=lambda e: app.back(),
        bgcolor=PAUSED_TINT if paused else None,
    )


@ft.component
def Run() -> ft.View:
    app = use_app()
    model = app.session

    def back() -> bool:
        """Back during a round pauses and stays; Back while paused leaves (Home offers Resume)."""
        if model.view is not None and not model.finished and not model.paused:
            model.pause()
            return True
        if model.get_ready is not None:
            model.pause()
            return True
        app.reset()  # paused: Home shows the massage with Resume and End
        return True

    ft.use_effect(lambda: app.on_back(ROUTE, back), [])  # registered once, not on every redraw
    return RunBody(app, model)
