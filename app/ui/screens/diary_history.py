"""Diary history (/diary, /diary?range=7|30|all): a chart of the signs score and flow with massage
days marked, the before/after comparison in plain words, and a list by day (report summary and
that day's massages) with edit and delete-with-undo."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import flet as ft
import flet_charts as fch

from app.domain.report import SIGNS, DailyReport
from app.domain.records import SessionRecord, SessionStatus
from app.domain.trends import Comparison, before_after, series
from app.i18n import _, format_date, format_decimal, ngettext
from app.ui import kit
from typing import Any as AppContext
from app.ui.screens.diary_labels import FLOWS, birth_date, day_bounds, pp_day_text, t, today
from app.ui.screens.history import session_card

RANGES = ("7", "30", "all")
LIST_LIMIT = 60  # days listed under the chart; the chart itself covers the whole range
FLOW_SCALE = 4  # flow level 0/1/2 drawn at 0/4/8 on the signs axis


def _range(ctx: AppContext) -> str:
    values = parse_qs(urlparse(ctx.page.route or "/diary").query).get("range")
    return values[0] if values and values[0] in RANGES else "7"


def _done(s: SessionRecord) -> bool:
    return s.status is not SessionStatus.IN_PROGRESS


def _chart(points, massage_days: set[date]) -> ft.Control:
    signs = [fch.LineChartDataPoint(x=i, y=p.signs_score) for i, p in enumerate(points) if p.signs_score is not None]
    flow = [fch.LineChartDataPoint(x=i, y=p.flow_level * FLOW_SCALE) for i, p in enumerate(points)
            if p.flow_level is not None]
    marks = [fch.LineChartDataPoint(x=i, y=0) for i, p in enumerate(points) if p.day in massage_days]
    n = len(points)
    step = max(1, (n - 1) // 3) if n > 1 else 1
    bottom = [fch.ChartAxisLabel(value=i, label=ft.Text(format_date(points[i].day, "d/M"), size=12))
              for i in range(0, n, step)]
    left = [fch.ChartAxisLabel(value=v, label=ft.Text(str(v), size=12)) for v in (0, 2, 4, 6, 8)]
    series_ = [
        fch.LineChartData(points=signs, color=ft.Colors.PRIMARY, stroke_width=3, point=True),
        fch.LineChartData(points=flow, color=ft.Colors.ORANGE_700, stroke_width=2, dash_pattern=[6, 4], point=True),
        fch.LineChartData(points=marks, color=ft.Colors.PINK_400, stroke_width=0,
                          point=fch.ChartCirclePoint(radius=5, color=ft.Colors.PINK_400)),
    ]
    chart = fch.LineChart(
        data_series=series_, min_x=-0.3, max_x=max(n - 1, 1) + 0.3, min_y=0, max_y=8.3, height=220, interactive=False,
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
    return kit.tagged(ft.Column([ft.Container(chart, padding=ft.Padding.only(right=12)), legend], spacing=8),
                      "diary-chart")


def _legend(color, text: str) -> ft.Control:
    return ft.Row([ft.Container(width=16, height=16, bgcolor=color, border_radius=8),
                   ft.Text(text, size=14, expand=True)], vertical_alignment=ft.CrossAxisAlignment.START)


def _side_text(days: int, score: float | None, share_well: float) -> str:
    parts = [ngettext("%(n)d day recorded", "%(n)d days recorded", days) % {"n": days},
             _("flowing well on %(p)s%% of days") % {"p": format_decimal(round(share_well * 100))}]
    if score is not None:
        parts.append(_("on average %(s)s of 8 signs") % {"s": format_decimal(round(score, 1), "0.#")})
    return ", ".join(parts) + "."


def _comparison(c: Comparison | None) -> ft.Control:
    if c is None:
        return kit.body(_("When you have reports from before and after the first massage, a comparison appears here."),
                        color=ft.Colors.ON_SURFACE_VARIANT)
    return kit.tagged(ft.Column([
        kit.heading(_("Before and since the first massage"), 18),
        kit.body(_("Before the first massage: %(text)s") % {"text": _side_text(c.before.days, c.before.mean_signs_score,
                                                                                 c.before.share_flow_well)}),
        kit.body(_("Since the first massage on %(date)s: %(text)s") % {
            "date": format_date(c.first_massage_day),
            "text": _side_text(c.after.days, c.after.mean_signs_score, c.after.share_flow_well)}),
        kit.note(_("This compares your own record only. It is not a medical test.")),
    ], spacing=8), "diary-compare")


def _report_summary(r: DailyReport) -> str:
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


def _day_card(ctx: AppContext, day: date, report: DailyReport | None, sessions: list[SessionRecord],
              born: date | None) -> ft.Control:
    title = format_date(day, "full")
    if born is not None and day >= born:
        title = f"{pp_day_text((day - born).days + 1)} · {format_date(day)}"
    lines: list[ft.Control] = [ft.Text(title, size=16, weight=ft.FontWeight.BOLD)]
    key = day.isoformat()
    if report is not None:
        lines.append(kit.body(_report_summary(report), size=15))
        if report.note:
            lines.append(kit.body(report.note, size=14, italic=True, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS))
        lines.append(ft.Row([
            kit.secondary_button(_("Edit"), lambda e: ctx.go(f"/report?day={key}"), f"edit-{key}",
                                 icon=ft.Icons.EDIT, in_row=True),
            kit.secondary_button(_("Delete"), lambda e: _delete(ctx, day), f"delete-{key}",
                                 icon=ft.Icons.DELETE_OUTLINE, in_row=True),
        ], spacing=8))
    else:
        lines.append(kit.secondary_button(_("Fill in this day's report"), lambda e: ctx.go(f"/report?day={key}"),
                                          f"edit-{key}", icon=ft.Icons.EDIT_NOTE))
    lines += [session_card(s) for s in sessions]
    return kit.tagged(ft.Card(content=ft.Container(ft.Column(lines, spacing=8), padding=14)), f"day-{key}")


def _delete(ctx: AppContext, day: date) -> None:
    ctx.diary_undo = ctx.store.diary.delete(day)  # type: ignore[attr-defined]
    ctx.refresh()


def _undo(ctx: AppContext) -> None:
    report = getattr(ctx, "diary_undo", None)
    ctx.diary_undo = None  # type: ignore[attr-defined]
    if report is not None:
        try:
            ctx.store.diary.restore(report, at=ctx.clock.wall())
        except ValueError:  # a new report for that day was saved meanwhile: keep the newer one
            pass
    ctx.refresh()


def build(ctx: AppContext) -> ft.View:
    chosen = _range(ctx)
    end = today(ctx)
    born = birth_date(ctx)
    all_reports = ctx.store.diary.list()
    all_sessions = [s for s in ctx.store.sessions.list(include_demo=False) if _done(s)]
    tz = day_bounds(ctx, end)[0].tzinfo
    sessions_by_day: dict[date, list[SessionRecord]] = defaultdict(list)
    for s in all_sessions:
        sessions_by_day[s.started_at.astimezone(tz).date()].append(s)
    if chosen == "all":
        firsts = [r.day for r in all_reports[-1:]] + [min(sessions_by_day, default=end)]
        start = min([end, *firsts])
    else:
        start = end - timedelta(days=int(chosen) - 1)
    reports = [r for r in all_reports if start <= r.day <= end]
    by_day = {r.day: r for r in reports}

    controls: list[ft.Control] = []
    undo = getattr(ctx, "diary_undo", None)
    if undo is not None:
        controls.append(kit.note(_("The report of %(date)s was deleted.") % {"date": format_date(undo.day)},
                                 icon=ft.Icons.DELETE_OUTLINE))
        controls.append(kit.secondary_button(_("Undo"), lambda e: _undo(ctx), "diary-undo", icon=ft.Icons.UNDO))
    labels = [("7", _("7 days")), ("30", _("30 days")), ("all", _("All"))]
    controls += [
        kit.choice_group(labels, chosen, lambda v: ctx.go(f"/diary?range={v}"), "range"),
        _chart(series(reports, start=start, end=end), {d for d in sessions_by_day if start <= d <= end}),
        _comparison(before_after(all_reports, sessions_by_day.keys())),
        kit.heading(_("By day"), 18),
    ]
    days = sorted({*by_day, *(d for d in sessions_by_day if start <= d <= end)}, reverse=True)[:LIST_LIMIT]
    if not days:
        controls.append(kit.body(_("No reports yet. Fill in today's report from the Today screen.")))
    controls += [_day_card(ctx, d, by_day.get(d), sessions_by_day.get(d, []), born) for d in days]
    return kit.screen("/diary", _("Diary and trends"), controls, on_back=lambda e: ctx.go("/"))


@ft.component
def DiaryHistory() -> ft.View:  # STUB
    from app.ui.state import use_app as _ua
    app = _ua()
    return kit.screen("/diary_history", "DiaryHistory", [kit.primary_button("Next", lambda e: app.go("/session/run"), "next")], on_back=lambda e: app.back())
