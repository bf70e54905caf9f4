"""The diary's chart, drawn so a tired mother can read it without help (issue 8):

- the signs of enough milk (n of 8) on their own axis, one line per run of reported days: a day
  without a report leaves a gap, never a line bridged across it;
- the milk flow in its own row under the dates: a bar per day whose height says it (tall =
  flowing well, middle = not well, short = not yet) as well as its colour, with a legend in words;
- the massage days in a labelled row of their own, so a marker is never read as a data point;
- over a month, a day is a pixel or less at 360 px: a run of days alike is one cell as wide as
  its days (the same picture, a fraction of the controls: two years drawn in one go);
- the same in words (shown, and read by screen readers).

The rows below the chart line up with the chart's days: the chart spans -0.5 .. n-0.5 on x, so
each day is one equal cell, and the rows leave the same space on the left as the signs axis.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import groupby
from typing import TypeVar

import flet as ft
import flet_charts as fch

from app.domain.report import SIGNS, Flow
from app.domain.trends import FLOW_LEVEL, Point, runs
from app.i18n import _, format_date, format_number, ngettext
from app.ui import kit

LEFT_LABELS, LEFT_TITLE = 28, 20  # the signs axis: its numbers and its title
RIGHT = 12  # room for the last date label
FLOW_ROW = 30  # the flow row's height: the tallest bar
BAR = {2: 30, 1: 18, 0: 6}  # bar height by flow level (well, not well, not yet)
FLOW_COLOR = {2: ft.Colors.PRIMARY, 1: ft.Colors.AMBER_800, 0: ft.Colors.OUTLINE}
MASSAGE_COLOR = ft.Colors.PINK_400
FLOW_LEVEL_WELL = max(FLOW_LEVEL.values())
MAX_DATE_LABELS = 5  # "20 Nov" fits about five times across a 360 px phone
DAY_CELLS = 31  # up to a month, a cell (and a hairline between bars) for each day
DOTS = 62  # up to two months, a dot on the line for each day's score

T = TypeVar("T")


def spans(values: Iterable[T]) -> list[tuple[T, int]]:
    """Consecutive equal values as (value, how many)."""
    return [(value, sum(1 for _ in run)) for value, run in groupby(values)]


def corners(run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A run's points without those inside a flat stretch: the straight line drawn through what
    is left is the same line (the chart is not curved), with far fewer points to send."""
    return [
        point for k, point in enumerate(run) if k in (0, len(run) - 1) or not run[k - 1][1] == point[1] == run[k + 1][1]
    ]


def label_days(n: int) -> list[int]:
    """Which days get a date under the axis: the first (the birth, or the range's start) and the
    last (today) always, evenly stepped ones between, never more than MAX_DATE_LABELS and none
    closer to today than three quarters of a step (two dates would touch at 360 px)."""
    if n <= 1:
        return [0] if n == 1 else []
    step = -(-(n - 1) // (MAX_DATE_LABELS - 1))  # ceil
    inner = [i for i in range(0, n - 1, step) if (n - 1 - i) * 4 >= step * 3]
    return [*inner, n - 1]


def short_date(day: date) -> str:
    return format_date(day, "d MMM")  # "20 Nov", "20 Nov" in Indonesian too (babel)


def chart_text(points: list[Point], massage_days: set[date]) -> str:
    """The chart in words, for screen readers and for anyone who prefers reading."""
    if not points:
        return ""
    first, last = points[0].day, points[-1].day

    def dated(day: date) -> str:  # "6 Dec 2024 to 5 Dec 2026", not "6 Dec to 5 Dec"
        return short_date(day) if first.year == last.year else format_date(day, "d MMM y")

    reported = [p for p in points if p.flow_level is not None]
    levels = [p.flow_level for p in reported]
    parts = [
        _("From %(start)s to %(end)s:") % {"start": dated(points[0].day), "end": dated(points[-1].day)},
        ngettext("a report on %(n)d of %(days)d day.", "a report on %(n)d of %(days)d days.", len(points))
        % {"n": len(reported), "days": len(points)},
    ]
    if reported:
        parts.append(
            _("Flowing well on %(well)d, not well on %(not_well)d, not coming out yet on %(not_yet)d.")
            % {"well": levels.count(2), "not_well": levels.count(1), "not_yet": levels.count(0)}
        )
    scores = [p.signs_score for p in points if p.signs_score is not None]
    if scores:
        parts.append(
            _("Signs of enough milk: from %(low)d to %(high)d of %(total)d.")
            % {"low": min(scores), "high": max(scores), "total": len(SIGNS)}
        )
    massaged = sum(1 for p in points if p.day in massage_days)
    parts.append(ngettext("A massage on %(n)d day.", "A massage on %(n)d days.", massaged) % {"n": massaged})
    return " ".join(parts)


def _signs_chart(points: list[Point]) -> fch.LineChart:
    n = len(points)
    dots = n <= DOTS
    lines = [
        fch.LineChartData(
            points=[fch.LineChartDataPoint(x=i, y=score) for i, score in (run if dots else corners(run))],
            color=ft.Colors.PRIMARY,
            stroke_width=3,
            point=dots,
        )
        for run in runs(points)
    ]
    bottom = [
        fch.ChartAxisLabel(value=i, label=ft.Text(short_date(points[i].day), size=12, no_wrap=True))
        for i in label_days(n)
    ]
    left = [fch.ChartAxisLabel(value=v, label=ft.Text(format_number(v), size=12)) for v in (0, 2, 4, 6, 8)]
    return fch.LineChart(
        data_series=lines,
        min_x=-0.5,
        max_x=max(n, 1) - 0.5,
        min_y=0,
        max_y=8.3,
        height=200,
        interactive=False,
        left_axis=fch.ChartAxis(
            labels=left, label_size=LEFT_LABELS, title=ft.Text(_("Signs (of 8)"), size=12), title_size=LEFT_TITLE
        ),
        # label_spacing=1: the chart asks for a label at every day, and gets one only at the chosen days.
        bottom_axis=fch.ChartAxis(labels=bottom, label_size=24, label_spacing=1, show_min=False, show_max=False),
        horizontal_grid_lines=fch.ChartGridLines(interval=2, color=ft.Colors.OUTLINE_VARIANT, width=1),
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
    )


def _row(cells: list[ft.Container], height: int) -> ft.Control:
    """A row of cells (a day or a run of days each), under the chart's plot area."""
    return ft.Row(
        [
            ft.Container(width=LEFT_LABELS + LEFT_TITLE + 1),
            ft.Container(
                ft.Row(list[ft.Control](cells), spacing=0),
                expand=True,
                height=height,
                border=ft.Border.only(bottom=ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)),
            ),
        ],
        spacing=0,
    )


def _bar(level: int | None, gap: bool, days: int = 1) -> ft.Container:
    if level is None:
        return ft.Container(expand=days)
    bar = ft.Container(
        height=BAR[level], bgcolor=FLOW_COLOR[level], border_radius=ft.BorderRadius.only(top_left=2, top_right=2)
    )
    return ft.Container(
        bar, expand=days, alignment=ft.Alignment.BOTTOM_CENTER, padding=ft.Padding.symmetric(horizontal=1 if gap else 0)
    )


def _dot(marked: bool, days: int = 1) -> ft.Container:
    """A dot on a massage day; on a run of them, one band as wide as the run."""
    if not marked:
        return ft.Container(expand=days)
    return ft.Container(
        ft.Container(width=10 if days == 1 else None, height=10, bgcolor=MASSAGE_COLOR, border_radius=5),
        expand=days,
        alignment=ft.Alignment.CENTER,
    )


def _caption(text: str) -> ft.Control:
    return ft.Text(text, size=13, weight=ft.FontWeight.W_600, color=ft.Colors.ON_SURFACE_VARIANT)


def _legend_bar(level: int, text: str) -> ft.Control:
    sample = ft.Container(
        ft.Container(width=14, height=BAR[level] * 0.6, bgcolor=FLOW_COLOR[level]),
        width=18,
        height=FLOW_ROW * 0.6,
        alignment=ft.Alignment.BOTTOM_CENTER,
    )
    return ft.Row([sample, ft.Text(text, size=14, expand=True)], vertical_alignment=ft.CrossAxisAlignment.END)


def day_cells(points: list[Point], massage_days: set[date]) -> tuple[list[ft.Container], list[ft.Container]]:
    """The flow row's cells and the massage row's: one per day up to a month (with a hairline
    between bars), then one per run of days alike, each as wide (`expand`) as its days."""
    if len(points) <= DAY_CELLS:
        return [_bar(p.flow_level, True) for p in points], [_dot(p.day in massage_days) for p in points]
    flow = [_bar(level, False, days) for level, days in spans(p.flow_level for p in points)]
    return flow, [_dot(marked, days) for marked, days in spans(p.day in massage_days for p in points)]


def chart(points: list[Point], massage_days: set[date]) -> ft.Control:
    flow_cells, massage_cells = day_cells(points, massage_days)
    words = chart_text(points, massage_days)
    legend = ft.Column(
        [
            _legend_bar(FLOW_LEVEL_WELL, _("Tall bar: flowing well")),
            _legend_bar(FLOW_LEVEL[Flow.NOT_WELL], _("Middle bar: not flowing well")),
            _legend_bar(FLOW_LEVEL[Flow.NOT_YET], _("Short bar: not coming out yet")),
            ft.Text(_("No bar: no report that day. A break in the line: no signs answered that day."), size=14),
        ],
        spacing=4,
    )
    block = ft.Column(
        [
            _caption(_("Signs of enough milk (line, 0-8)")),
            _signs_chart(points),
            _caption(_("Milk flow each day")),
            _row(flow_cells, FLOW_ROW),
            _caption(_("Massage done (a dot on that day)")),
            _row(massage_cells, 16),
            legend,
            ft.Text(words, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=6,
    )
    return kit.tagged(ft.Container(block, padding=ft.Padding.only(right=RIGHT)), "diary-chart")
