"""Session step: the rounds. Hands-free: rounds and rests follow each other by themselves, each
change announced by sound; the taps are pause/resume, skip, end and "Stop, it hurts".

Paused is unmistakable from arm's length: the ring turns grey and full, the countdown gives way to
a large "PAUSED", the screen tints. Back pauses the massage and stays here, showing Resume and End;
End and Skip ask first with one large button, so an oily tap never throws a round away.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from app.domain.protocol import PhaseKind
from app.i18n import _
from app.ui import illustrations, kit
from app.ui.screens.demonstrate import drawing_width
from app.ui.screens.labels import TECHNIQUE_CUE, t
from app.ui.session_model import CONFIRM_END, CONFIRM_SKIP, SessionModel, phase_text
from app.ui.state import AppState, use_app

ROUTE = "/session/run"
RING_SIZE = 176
BACK_WIDTH = 220
PAUSED_TINT = ft.Colors.SURFACE_CONTAINER_HIGHEST


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _timer(model: SessionModel, label: str) -> ft.Control:
    v = model.view
    assert v is not None
    paused = model.paused and model.get_ready is None
    resting = v.phase_kind is PhaseKind.REST
    if model.get_ready is not None:
        big, ring_value, color = str(model.get_ready), 1.0, ft.Colors.SECONDARY
    elif paused:
        big, ring_value, color = clock_text(v.remaining_s), 1.0, ft.Colors.OUTLINE
    else:
        big, ring_value = clock_text(v.remaining_s), 1.0 - v.progress
        color = ft.Colors.TERTIARY if resting else ft.Colors.PRIMARY
    inner: list[ft.Control] = [ft.Text(big, size=56, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER)]
    if paused:
        inner.append(ft.Text(_("PAUSED"), size=22, weight=ft.FontWeight.BOLD, color=kit.DANGER))
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
        [kit.tagged(stack, "countdown", label=label, exclude_semantics=True, container=True, live_region=True)],
        alignment=ft.MainAxisAlignment.CENTER,
    )


def countdown_label(model: SessionModel) -> str:
    """What a screen reader says for the timer: the phase, the time left, and whether it is paused."""
    v = model.view
    assert v is not None
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
        return _("Hands off. Let her relax.")
    technique = app.scope.massage.wizard.technique
    cue = t(TECHNIQUE_CUE, technique) if technique else _("Small circles on both sides of the spine")
    if model.lighter:
        cue += ". " + _("Press more lightly.")
    return cue


def _dialogs(model: SessionModel) -> Any:
    if model.pain_choice:
        return ft.AlertDialog(
            modal=True,
            title=ft.Text(_("Stopped: it hurts")),
            content=ft.Text(_("Massage must never hurt. Continue with lighter pressure, or end the massage now.")),
            actions=[
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
        return ft.AlertDialog(
            modal=True,
            title=ft.Text(_("End the massage now?") if end else _("Skip to the next step?")),
            content=ft.Text(
                _("What was done so far is saved.") if end else _("The rest of this round or rest is skipped.")
            ),
            actions=[
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


@ft.component
def RunBody(app: AppState, model: SessionModel) -> ft.View:
    """The rounds screen proper; subscribed to the session model, so it redraws once a second."""

    def to_finish() -> None:
        if model.finished and app.route == ROUTE:
            app.replace("/session/finish")

    ft.use_effect(to_finish, [model.finished])
    if model.view is None and model.get_ready is not None:  # the count before round 1
        return kit.screen(
            ROUTE,
            _("Massage"),
            [
                ft.Text(_("Get ready"), size=26, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER),
                kit.tagged(
                    ft.Text(str(model.get_ready), size=120, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER),
                    "countdown",
                    label=_("Get ready: %(n)d") % {"n": model.get_ready},
                    exclude_semantics=True,
                    container=True,
                    live_region=True,
                ),
                ft.Text(_cue_text(app, model), size=17, text_align=ft.TextAlign.CENTER),
            ],
            on_back=lambda e: app.back(),
        )
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
    header.append(ft.Text(phase_text(v), size=22, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER))
    marker = None if resting or paused else illustrations.marker_fraction(v.elapsed_s)
    if model.problem:
        header.append(
            kit.tagged(kit.note(model.problem, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER), "save-problem")
        )
    controls = [
        *header,
        _timer(model, countdown_label(model)),
        ft.Text(
            _cue_text(app, model),
            size=17,
            text_align=ft.TextAlign.CENTER,
            weight=ft.FontWeight.BOLD if paused else None,
        ),
        ft.Row(
            [
                illustrations.back_illustration(
                    width=drawing_width(app, BACK_WIDTH), dark=app.dark, marker=marker, glide=not app.reduce_motion
                )
            ],
            alignment=ft.MainAxisAlignment.CENTER,
        ),
    ]
    running = not model.paused and model.get_ready is None
    if paused:
        pause = kit.primary_button(_("Resume"), lambda e: model.resume(), "pause-resume", icon=ft.Icons.PLAY_ARROW)
    else:
        pause = kit.secondary_button(
            _("Pause"), lambda e: model.pause(), "pause-resume", icon=ft.Icons.PAUSE, in_row=True
        )
    bottom = [
        ft.Row(
            [
                pause if not paused else ft.Container(pause, expand=True),
                kit.secondary_button(
                    _("Skip"),
                    lambda e: model.ask(CONFIRM_SKIP),
                    "skip",
                    icon=ft.Icons.SKIP_NEXT,
                    in_row=True,
                    disabled=model.get_ready is not None,
                ),
            ],
            spacing=8,
        ),
        kit.danger_button(_("Stop, it hurts"), lambda e: model.stop_hurts(), "stop-hurts", icon=ft.Icons.PAN_TOOL),
    ]
    if paused:
        bottom.append(
            kit.secondary_button(
                _("End the massage"), lambda e: model.ask(CONFIRM_END), "end-session", icon=ft.Icons.STOP
            )
        )
    ft.use_dialog(_dialogs(model))
    end_action = kit.text_button(_("End"), lambda e: model.ask(CONFIRM_END), "end-top")
    return kit.screen(
        ROUTE,
        _("Massage"),
        controls,
        bottom=bottom,
        actions=[end_action],
        on_back=lambda e: app.back(),
        bgcolor=PAUSED_TINT if paused and not running else None,
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
