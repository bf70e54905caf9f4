"""Numbers for the diary's charts: a per-day series, its runs, and flow on massage days against other days.

Only numbers and codes: the UI formats and words them. DOMAIN section 4's study figures are
context for the chart, not targets, so nothing here compares the mother with them.

Reports are taken one per day; if two share a day, the later one in the input wins (the store
keeps one per day, so this only guards against a caller passing duplicates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple, Protocol

from app.domain.report import Flow, Sign, count_signs

FLOW_LEVEL: dict[Flow, int] = {Flow.NOT_YET: 0, Flow.NOT_WELL: 1, Flow.WELL: 2}


@dataclass(frozen=True)
class Point:
    """One day of the chart; None where there is no report (or no sign answered)."""

    day: date
    signs_score: int | None
    flow_level: int | None


class DayScore(Protocol):
    """What the chart reads of a day's report (a DailyReport, or the lighter TrendRow)."""

    @property
    def day(self) -> date: ...
    @property
    def flow(self) -> Flow: ...
    @property
    def signs_score(self) -> int: ...
    @property
    def signs_answered(self) -> int: ...


class TrendRow(NamedTuple):
    """A day's report as the chart needs it, read without building the whole report: years of
    a diary on one chart stay fast."""

    day: date
    flow: Flow
    signs_score: int
    signs_answered: int

    @classmethod
    def of(cls, day: date, flow: str, signs: Mapping[str, bool]) -> TrendRow:
        count = count_signs({Sign(code): answer for code, answer in signs.items()})
        return cls(day, Flow(flow), count.score, count.answered)


def _by_day(reports: Iterable[DayScore]) -> dict[date, DayScore]:
    return {report.day: report for report in reports}


def series(reports: Iterable[DayScore], *, start: date, end: date) -> list[Point]:
    """One point per calendar day from start to end, both included, gaps as None."""
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    days = _by_day(reports)
    points = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        report = days.get(day)
        if report is None:
            points.append(Point(day, None, None))
            continue
        score = report.signs_score if report.signs_answered else None
        points.append(Point(day, score, FLOW_LEVEL[report.flow]))
    return points


@dataclass(frozen=True)
class DaysCount:
    """Reported days on one side of the massage comparison, and how many of them flowed well."""

    days: int
    well: int


@dataclass(frozen=True)
class MassageComparison:
    """Flow on the days with a massage against the reported days without one (in the range shown)."""

    massage: DaysCount
    other: DaysCount


def massage_vs_other(reports: Iterable[DayScore], massage_days: Iterable[date]) -> MassageComparison | None:
    """Counts, not shares: "7 of 11 days flowing well" says how few days stand behind it. None
    when either side has no reported day (one side alone is not a comparison)."""
    massaged = set(massage_days)
    sides: dict[bool, list[DayScore]] = {True: [], False: []}
    for report in _by_day(reports).values():
        sides[report.day in massaged].append(report)
    if not sides[True] or not sides[False]:
        return None

    def count(side: list[DayScore]) -> DaysCount:
        return DaysCount(days=len(side), well=sum(1 for r in side if r.flow is Flow.WELL))

    return MassageComparison(massage=count(sides[True]), other=count(sides[False]))


def runs(points: Sequence[Point]) -> list[list[tuple[int, int]]]:
    """The signs scores as (index, score) runs of consecutive days: a day without a score ends a
    run, so a chart draws a gap there instead of a line across it."""
    found: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for index, point in enumerate(points):
        if point.signs_score is None:
            if current:
                found.append(current)
            current = []
            continue
        current.append((index, point.signs_score))
    if current:
        found.append(current)
    return found
