"""Diary history (/diary): a chart of the signs score and flow with massage days marked, the
before/after comparison in plain words, and a list by day (report summary and that day's massages)
with edit and delete. A deleted report can be brought back with Undo for a few seconds (the Undo
button sits in the fixed bottom bar, in reach wherever she scrolled)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import flet as ft
import flet_charts as fch

from app.domain.report import SIGNS, DailyReport
from app.domain.trends import Comparison, Point
from app.i18n import _, format_date, format_decimal, ngettext
from app.services.diary import DayEntry
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens.diary_labels import FLOWS, pp_day_text, t
from app.ui.screens.history import session_card
from app.ui.screens.report import report_route
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app

UNDO_SECONDS = 10  # how long Undo stays offered after a delete
FLOW_SCALE = 4  # flow level 0/1/2 drawn at 0/4/8 on the signs axis


def chart(points: list[Point], massage_days: set[date]) -> ft.Control:
    signs = [fch.LineChartDataPoint(x=i, y=p.signs_score) for i, p in enumerate(points) if p.signs_score is not None]
    flow = [fch.LineChartDataPoint(x=i, y=p.flow_level * FLOW_SCALE) for i, p in enumerate(points)
            if p.flow_level is not None]
    marks = [fch.LineChartDataPoint(x=i, y=0) for i, p in enumerate(points) if p.day in massage_days]
    n = len(points)
    step = max(1, (n - 1) // 3) if n > 1 else 1
    bottom = [fch.ChartAxisLabel(value=i, label=ft.Text(format_date(points[i].day, "d/M"), size=12))
              for i in range(0, n, step)]
    left = [fch.ChartAxisLabel(value=v, label=ft.Text(str(v), size=12)) for v in (0, 2, 4, 6, 8)]
    lines = [
        fch.LineChartData(points=signs, color=ft.Colors.PRIMARY, stroke_width=3, point=True),
        fch.LineChartData(points=flow, color=ft.Colors.ORANGE_700, stroke_width=2, dash_pattern=[6, 4], point=True),
        fch.LineChartData(points=marks, color=ft.Colors.PINK_400, stroke_width=0,
                          point=fch.ChartCirclePoint(radius=5, color=ft.Colors.PINK_400)),
    ]
    drawing = fch.LineChart(
        data_series=lines, min_x=-0.3, max_x=max(n - 1, 1) + 0.3, min_y=0, max_y=8.3, height=220, interactive=False,
        left_axis=fch.ChartAxis(labels=left, label_size=28, title=ft.Text(_("Signs (of 8)"), size=12), title_size=20),
        bottom_axis=fch.ChartAxis(labels=bottom, label_size=24, title=ft.Text(_("Day"), size=12), title_size=20),
        horizontal_grid_lines=fch.ChartGridLines(interval=2, color=ft.Colors.OUTLINE_VARIANT, width=1),
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
    )
    legend = ft.Column([
        _legend(ft.Colors.PRIMARY, _("Signs of enough milk (0-8)")),
        _legend(ft.Colors.ORANGE_700, _("Flow: top = flowing well, middle = not well, bottom = not yet")),
        _legend(ft.Colors.PINK_400, _("Dot at the bottom = a massage that day")),
    ], spacing=4)
    return kit.tagged(ft.Column([ft.Container(drawing, padding=ft.Padding.only(right=12)), legend], spacing=8),
                      "diary-chart")


def _legend(color: str, text: str) -> ft.Control:
    return ft.Row([ft.Container(width=16, height=16, bgcolor=color, border_radius=8),
                   ft.Text(text, size=14, expand=True)], vertical_alignment=ft.CrossAxisAlignment.START)


def side_text(days: int, score: float | None, share_well: float) -> str:
    parts = [ngettext("%(n)d day recorded", "%(n)d days recorded", days) % {"n": days},
             _("flowing well on %(p)s%% of days") % {"p": format_decimal(round(share_well * 100))}]
    if score is not None:
        parts.append(_("on average %(s)s of 8 signs") % {"s": format_decimal(round(score, 1), "0.#")})
    return ", ".join(parts) + "."


def comparison(c: Comparison | None) -> ft.Control:
    if c is None:
        return kit.body(_("When you have reports from before and after the first massage, a comparison appears here."),
                        color=ft.Colors.ON_SURFACE_VARIANT)
    return kit.tagged(ft.Column([
        kit.heading(_("Before and since the first massage"), 18),
        kit.body(_("Before the first massage: %(text)s") % {
            "text": side_text(c.before.days, c.before.mean_signs_score, c.before.share_flow_well)}),
        kit.body(_("Since the first massage on %(date)s: %(text)s") % {
            "date": format_date(c.first_massage_day),
            "text": side_text(c.after.days, c.after.mean_signs_score, c.after.share_flow_well)}),
        # DOMAIN §4: milk "comes in" about 30-40 hours after birth to day 3-4, massage or not.
        kit.note(_("This compares your own record only. It is not a medical test.") + " "
                 + _("In the first days milk usually increases with or without massage, so a change here does "
                     "not prove that the massage caused it.")),
    ], spacing=8), "diary-compare")


def report_summary(r: DailyReport) -> str:
    parts = [t(FLOWS, r.flow), _("%(n)d of %(total)d signs") % {"n": r.signs_score, "total": len(SIGNS)}]
    if r.feeds_24h is not None:
        parts.append(ngettext("%(n)d feed", "%(n)d feeds", r.feeds_24h) % {"n": r.feeds_24h})
    if r.wet_diapers is not None:
        parts.append(ngettext("%(n)d wet diaper", "%(n)d wet diapers", r.wet_diapers) % {"n": r.wet_diapers})
    if r.expressed_ml is not None:
        parts.append(_("%(n)d ml expressed") % {"n": r.expressed_ml})
    if r.temperature_c is not None:
        parts.append(_("%(t)s °C") % {"t": format_decimal(r.temperature_c, "0.0")})
    return " · ".join(parts)


def day_title(entry: DayEntry) -> str:
    if entry.postpartum_day is not None:
        return f"{pp_day_text(entry.postpartum_day)} · {format_date(entry.day)}"
    return format_date(entry.day, "full")


def _day_card(entry: DayEntry, edit: Any, delete: Any) -> ft.Control:
    key = entry.day.isoformat()
    lines: list[ft.Control] = [ft.Text(day_title(entry), size=16, weight=ft.FontWeight.BOLD)]
    if entry.report is not None:
        lines.append(kit.body(report_summary(entry.report), size=15))
        if entry.report.note:
            lines.append(kit.body(entry.report.note, size=14, italic=True, max_lines=3,
                                  overflow=ft.TextOverflow.ELLIPSIS))
        lines.append(ft.Row([
            kit.secondary_button(_("Edit"), lambda e: edit(key), f"edit-{key}", icon=ft.Icons.EDIT, in_row=True),
            kit.secondary_button(_("Delete"), lambda e: delete(entry.day), f"delete-{key}",
                                 icon=ft.Icons.DELETE_OUTLINE, in_row=True),
        ], spacing=8))
    else:
        lines.append(kit.secondary_button(_("Fill in this day's report"), lambda e: edit(key), f"edit-{key}",
                                          icon=ft.Icons.EDIT_NOTE))
    lines += [session_card(s) for s in entry.sessions]
    return kit.tagged(ft.Card(content=ft.Container(ft.Column(lines, spacing=8), padding=14)), f"day-{key}")


def _undo_bar(report: DailyReport, undo: Any) -> list[ft.Control]:
    return [
        kit.tagged(ft.Text(_("The report of %(date)s was deleted.") % {"date": format_date(report.day)}, size=15),
                   "diary-deleted", live_region=True),
        kit.secondary_button(_("Undo"), undo, "diary-undo", icon=ft.Icons.UNDO),
    ]


@ft.component
def DiaryHistory() -> ft.View:
    app = use_app()
    chosen, set_chosen = ft.use_state("7")
    nothing_deleted: DailyReport | None = None
    deleted, set_deleted = ft.use_state(nothing_deleted)
    problem, set_problem = ft.use_state("")
    data = app.diary.history(chosen)

    def delete(day: date) -> None:
        try:
            removed = app.diary.delete_report(day)
        except StoreWriteError as err:
            set_problem(write_problem(err.code))
            return
        set_deleted(removed)
        app.changed()

    def undo(e: Any) -> None:
        try:
            restored = app.diary.undo_delete()
        except StoreWriteError as err:
            set_problem(write_problem(err.code))
            return
        set_deleted(None)
        if restored:
            app.changed(_("Restored"))
        else:  # a new report for that day was saved since: the newer one stays
            set_problem(_("A newer report for that day was saved since; it was kept."))

    async def expire() -> None:
        if deleted is None:
            return
        await asyncio.sleep(UNDO_SECONDS)
        if app.diary.deleted is deleted:
            app.diary.forget_deleted()
        set_deleted(None)

    # The no-op cleanup makes Flet cancel a waiting expiry when the screen closes.
    ft.use_effect(expire, [deleted], cleanup=lambda: None)

    controls: list[ft.Control] = [
        kit.choice_group([("7", _("7 days")), ("30", _("30 days")), ("all", _("All"))], chosen, set_chosen, "range"),
        chart(data.points, data.massage_days),
        comparison(data.comparison),
        kit.heading(_("By day"), 18),
    ]
    if problem:
        controls.insert(0, kit.tagged(kit.note(problem, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER),
                                      "diary-problem"))
    if not data.days:
        controls.append(kit.body(_("No reports yet. Fill in today's report from the Today screen.")))
    controls += [_day_card(entry, lambda key: app.go(report_route(key)), delete) for entry in data.days]
    return kit.screen("/diary", _("Diary and trends"), controls, on_back=lambda e: app.back(),
                      bottom=_undo_bar(deleted, undo) if deleted is not None else None)
