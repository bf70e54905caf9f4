"""Session step 6: the rounds. Hands-free: rounds and rests follow each other by themselves, each
change announced by sound; the only taps are pause/resume, skip and "Stop, it hurts".

The timer task only redraws: it sleeps until the displayed second changes (the domain says when),
so the countdown never shows a second twice or skips one, and nothing ticks while paused.
"""

from __future__ import annotations

import asyncio
import logging

import flet as ft

from app.domain.protocol import PhaseKind
from app.domain.session import Status
from app.i18n import _
from app.ui import illustrations, kit
from app.ui.context import AppContext
from app.ui.screens.labels import TECHNIQUE_CUE, t

log = logging.getLogger(__name__)

RING_SIZE = 176
BACK_WIDTH = 240
# Wake a hair after the boundary so the domain is surely past it.
TICK_SLACK_S = 0.005


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class RunScreen:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        c = ctx.controller
        self.countdown = ft.Text("", size=56, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER)
        self.ring = ft.ProgressRing(value=0, width=RING_SIZE, height=RING_SIZE, stroke_width=12,
                                    bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST)
        self.phase_label = ft.Text("", size=22, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER)
        self.cue = ft.Text("", size=17, text_align=ft.TextAlign.CENTER)
        self.back = illustrations.BackIllustration(width=BACK_WIDTH, dark=ctx.dark, show_marker=True)
        self.timer_semantics = kit.tagged(
            ft.Stack([self.ring, ft.Container(self.countdown, alignment=ft.Alignment.CENTER,
                                              width=RING_SIZE, height=RING_SIZE)],
                     width=RING_SIZE, height=RING_SIZE),
            "countdown", label="")
        self.technique = c.wizard.technique

    # -- drawing -------------------------------------------------------------------------------
    def render(self) -> None:
        v = self.ctx.controller.view()
        if v is None:
            return
        resting = v.phase_kind is PhaseKind.REST
        self.countdown.value = clock_text(v.remaining_s)
        self.ring.value = 1.0 - v.progress
        self.ring.color = ft.Colors.TERTIARY if resting else ft.Colors.PRIMARY
        if resting:
            self.phase_label.value = _("Rest: round %(next)d of %(total)d comes next") % {
                "next": v.round_number + 1, "total": v.rounds}
            self.cue.value = _("Hands off. Let her relax.")
        else:
            self.phase_label.value = _("Round %(n)d of %(total)d") % {"n": v.round_number, "total": v.rounds}
            self.cue.value = t(TECHNIQUE_CUE, self.technique) if self.technique else _("Small circles on both sides of the spine")
        if v.status is Status.PAUSED:
            self.cue.value = _("Paused")
        self.timer_semantics.label = f"{self.phase_label.value}. " + _("%(time)s left") % {"time": self.countdown.value}
        if not resting:  # the markers wait where they are while her back rests
            self.back.set_marker(illustrations.marker_fraction(v.elapsed_s))

    def view(self) -> ft.View:
        c = self.ctx.controller
        paused = c.session is not None and c.session.status is Status.PAUSED
        self.render()
        header = [self.phase_label]
        if c.session is not None and c.session.plan.demo:
            header.insert(0, ft.Container(
                ft.Text(_("DEMONSTRATION SPEED"), size=14, weight=ft.FontWeight.BOLD, color=ft.Colors.ON_TERTIARY),
                bgcolor=ft.Colors.TERTIARY, border_radius=8, padding=ft.Padding.symmetric(horizontal=10, vertical=4),
                alignment=ft.Alignment.CENTER))
        middle = ft.Column([ft.Row([self.timer_semantics], alignment=ft.MainAxisAlignment.CENTER), self.cue,
                            ft.Row([self.back.control], alignment=ft.MainAxisAlignment.CENTER)],
                           spacing=8, horizontal_alignment=ft.CrossAxisAlignment.CENTER)
        pause_label = _("Resume") if paused else _("Pause")
        controls = [*header, middle]
        bottom = [
            ft.Row([
                kit.secondary_button(pause_label, lambda e: self.toggle_pause(), "pause-resume",
                                     icon=ft.Icons.PLAY_ARROW if paused else ft.Icons.PAUSE, in_row=True),
                kit.secondary_button(_("Skip"), lambda e: self.skip(), "skip", icon=ft.Icons.SKIP_NEXT, in_row=True),
            ], spacing=8),
            kit.danger_button(_("Stop, it hurts"), lambda e: self.stop_pain(), "stop-hurts", icon=ft.Icons.PAN_TOOL),
        ]
        end_button = kit.tagged(ft.TextButton(content=_("End"), on_click=lambda e: self.end_early(),
                                              height=kit.MIN_TARGET), "end-session")
        return kit.screen("/session/run", _("Massage"), controls, bottom=bottom, actions=[end_button])

    # -- intents -------------------------------------------------------------------------------
    def toggle_pause(self) -> None:
        c = self.ctx.controller
        if c.session is None or c.session.over:
            return
        if c.session.status is Status.PAUSED:
            c.resume()
        else:
            c.pause()
        self.ctx.refresh()  # rebuilds the screen, which restarts the timer if running

    def skip(self) -> None:
        self.ctx.controller.skip()
        self._after_change()

    def stop_pain(self) -> None:
        self.ctx.controller.stop_for_pain()
        self._after_change()

    def end_early(self) -> None:
        self.ctx.controller.end_early()
        self._after_change()

    def _after_change(self) -> None:
        self._announce(self.ctx.controller.tick())
        if self.ctx.controller.active:
            self.ctx.refresh()
        else:
            self._leave()

    def _announce(self, cues) -> None:
        for cue in cues:
            self.ctx.announce(cue)

    def _leave(self) -> None:
        self.ctx.ticker += 1  # stops any timer task of this screen
        self.ctx.keep_screen_on(False)
        self.ctx.go("/session/finish")

    async def run_timer(self, generation: int) -> None:
        ctx = self.ctx
        c = ctx.controller
        self._announce(c.tick())  # e.g. round 1's start cue on the first frame
        while generation == ctx.ticker and c.active:
            delay = c.next_tick_in()
            if delay is None:  # paused: nothing to redraw until resume
                return
            await asyncio.sleep(delay + TICK_SLACK_S)
            if generation != ctx.ticker:
                return
            self._announce(c.tick())
            if not c.active:
                self._leave()
                return
            self.render()
            try:
                ctx.page.update()
            except Exception:  # the page went away (tab closed): the disconnect handler pauses the session
                log.info("timer stopped: page gone")
                return


def build(ctx: AppContext) -> ft.View:
    c = ctx.controller
    if c.session is None:  # a reload or a restart landed here: Home offers to resume
        return _redirect(ctx, "/")
    if c.session.over:
        return _redirect(ctx, "/session/finish")
    screen = RunScreen(ctx)
    ctx.ticker += 1
    if c.session.status is Status.RUNNING:
        ctx.keep_screen_on(True)
        ctx.page.run_task(screen.run_timer, ctx.ticker)
    return screen.view()


def _redirect(ctx: AppContext, route: str) -> ft.View:
    ctx.page.run_task(_go_later, ctx, route)
    return kit.screen("/session/run", _("Massage"), [ft.ProgressRing()])


async def _go_later(ctx: AppContext, route: str) -> None:
    ctx.go(route)


ROUTES = {"/session/run": build}
