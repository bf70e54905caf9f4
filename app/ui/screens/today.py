"""Today (the home screen): postpartum day, this morning's and evening's massage, today's report,
open red flags, and the interrupted-session card from the guided massage."""

from __future__ import annotations

import flet as ft

from app.domain.records import SessionStatus
from app.domain.redflags import open_flags
from app.i18n import _, format_date
from app.ui import kit
from app.ui.context import AppContext
from app.ui.screens import home
from app.ui.screens.diary_labels import FLOWS, birth_date, day_bounds, flag_card, pp_day_text, t, today

FLAG_LOOKBACK = 60  # reports read to date an open flag's run


def _status_row(done: bool, label: str, identifier: str) -> ft.Control:
    icon = ft.Icons.CHECK_CIRCLE if done else ft.Icons.RADIO_BUTTON_UNCHECKED
    state = _("done") if done else _("not yet")
    return kit.tagged(ft.Row([
        ft.Icon(icon, color=ft.Colors.PRIMARY if done else ft.Colors.OUTLINE, size=28),
        ft.Text(label, size=16, expand=True),
        ft.Text(state, size=15, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY if done else ft.Colors.ON_SURFACE_VARIANT),
    ], vertical_alignment=ft.CrossAxisAlignment.CENTER), identifier, label=f"{label}: {state}")


def _card(controls: list[ft.Control]) -> ft.Control:
    return ft.Card(content=ft.Container(ft.Column(controls, spacing=10), padding=16))


def build(ctx: AppContext) -> ft.View:
    ctx.controller.suspend()  # nobody is on the rounds screen now: nothing counts until resumed
    day = today(ctx)
    born = birth_date(ctx)
    controls: list[ft.Control] = []

    resume = home._resume_card(ctx)
    if resume is not None:
        controls.append(resume)

    profile = ctx.store.profile.get()
    if born is None:
        controls.append(_card([
            kit.heading(_("Welcome"), 18),
            kit.body(_("Enter the baby's birth date so the app can count the days after birth.")),
            kit.primary_button(_("Enter the birth date"), lambda e: ctx.go("/profile"), "open-profile",
                               icon=ft.Icons.CHILD_CARE),
        ]))
    else:
        greeting = _("Hello, %(name)s") % {"name": profile.mother_name} if profile and profile.mother_name else None
        top = [kit.heading(pp_day_text((day - born).days + 1) if day >= born else format_date(day), 22)]
        if greeting:
            top.insert(0, kit.body(greeting))
        top.append(kit.body(format_date(day, "full"), color=ft.Colors.ON_SURFACE_VARIANT))
        controls.append(kit.tagged(ft.Column(top, spacing=2), "today-day"))

    # Open red flags first: the newest report decides what is open.
    flags = open_flags(ctx.store.diary.list(limit=FLAG_LOOKBACK), birth_date=born)
    controls += [flag_card(flag, since) for flag, since in flags]

    start, end = day_bounds(ctx, day)
    sessions = [s for s in ctx.store.sessions.between(start, end)
                if s.status is not SessionStatus.IN_PROGRESS]
    morning = any(s.started_at.astimezone(start.tzinfo).hour < 12 for s in sessions)
    evening = any(s.started_at.astimezone(start.tzinfo).hour >= 12 for s in sessions)
    controls.append(_card([
        kit.heading(_("Massage today"), 18),
        _status_row(morning, _("This morning"), "massage-morning"),
        _status_row(evening, _("This evening"), "massage-evening"),
        kit.primary_button(_("Start a massage"), lambda e: home._start(ctx), "start-session", icon=ft.Icons.SPA),
    ]))

    report = ctx.store.diary.get(day)
    report_lines: list[ft.Control] = [kit.heading(_("Milk diary"), 18),
                                      _status_row(report is not None, _("Today's report"), "report-status")]
    if report is not None:
        report_lines.append(kit.body(_("%(flow)s · %(n)d of 8 signs") % {"flow": t(FLOWS, report.flow),
                                                                        "n": report.signs_score}))
    report_lines += [
        kit.primary_button(_("Edit today's report") if report else _("Fill in today's report"),
                           lambda e: ctx.go("/report"), "open-report", icon=ft.Icons.EDIT_NOTE),
        kit.secondary_button(_("Diary and trends"), lambda e: ctx.go("/diary"), "open-diary", icon=ft.Icons.SHOW_CHART),
    ]
    controls.append(_card(report_lines))

    controls += [
        kit.secondary_button(_("Massage history"), lambda e: ctx.go("/history"), "open-history", icon=ft.Icons.HISTORY),
        kit.secondary_button(_("Reminders"), lambda e: ctx.go("/reminders"), "open-reminders", icon=ft.Icons.ALARM),
        kit.secondary_button(_("Mother and baby"), lambda e: ctx.go("/profile"), "edit-profile", icon=ft.Icons.PERSON),
    ]
    settings = kit.tagged(ft.IconButton(icon=ft.Icons.SETTINGS, tooltip=_("Settings"), icon_size=28,
                                        on_click=lambda e: ctx.go("/settings")), "open-settings", label=_("Settings"))
    return kit.screen("/", _("Today"), controls, actions=[settings])
