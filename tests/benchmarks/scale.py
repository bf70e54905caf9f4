"""Data at scale, server side and in-process: how long the services and screens take with one
mother's two years of data, and on a midwife's device after three years (300 mothers).

The midwife's device: 300 mothers, each with 42 days of reports and two massages a day; her
screens are measured for the last mother, the mothers list and the backup for the whole device.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import validate_report
from app.services.diary import DiaryService
from app.services.mothers import MothersService
from app.services.summary import SummaryService
from app.store.db import Store, open_store

NA = None  # a figure that cannot be taken on this branch
Timings = dict[str, float | None]


def timed(fn: Callable[[], Any], runs: int) -> float:
    """Median seconds of `runs` calls (after one warm-up call)."""
    fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


# -- data -------------------------------------------------------------------------------------------


def fill_mother(store: Store, clock: FakeClock, days: int, sessions_per_day: float = 2.0) -> None:
    """`days` daily reports ending today and `sessions_per_day` finished massages a day before it."""
    now = clock.wall()
    day0 = now.astimezone().date()
    store.profile.save(Profile(baby_birth_date=day0 - timedelta(days=days - 1)), at=now)
    hours = (7, 19) if sessions_per_day >= 2 else (7,)
    for i in range(days):
        day = day0 - timedelta(days=i)
        report, _ = validate_report(
            {"day": day, "flow": "well" if i % 3 else "not_well", "feeds_24h": "9", "signs": {"feeds_8_to_12": True}},
            today=day0,
        )
        assert report is not None
        store.diary.save(report, at=now)
        for hour in hours:
            start = now - timedelta(days=i, hours=now.hour - hour)
            sid = store.sessions.create(
                NewSession(started_at=start, demo=False, round_s=180, rest_s=30, rounds_planned=3, snapshot={})
            )
            store.sessions.finish(
                sid,
                SessionStatus.COMPLETED,
                SessionProgress(at=start + timedelta(minutes=15), snapshot={}, rounds_done=3, massaged_s=540.0),
            )


def fast_writes(store: Store, on: bool) -> None:
    """No fsync while filling (a benchmark's data, not a diary); FULL again before measuring."""
    store.db.execute(f"PRAGMA synchronous = {'OFF' if on else 'FULL'}")


def db_size(path: Path, store: Store) -> int:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


# -- the pieces on this branch ------------------------------------------------------------------------


def screen_render(store: Store, clock: FakeClock, component: Any) -> Callable[[], Any]:
    """Draw a screen component as Flet does for a visitor (tests/render_harness.py). Without a
    page, `ft.use_dialog` (Today's "resume or end?" question, closed) is left out."""
    import flet as ft

    from tests.render_harness import Mounted, make_app

    ft.use_dialog = lambda *args, **kwargs: None  # this benchmark process only
    app = make_app(store, clock)
    return lambda: Mounted(component, app)


def diary_timings(store: Store, clock: FakeClock, runs: int) -> Timings:
    from app.ui.screens import diary_history, today

    diary = DiaryService(store, clock)
    day = diary.today()
    fields = {**diary.form(day), "flow": "not_well", "feeds_24h": "10"}
    return {
        "Today (service)": timed(diary.today_summary, runs),
        "Today (screen)": timed(screen_render(store, clock, today.Today), runs),
        "Diary history 7 days (service)": timed(lambda: diary.history("7"), runs),
        "Diary history 7 days (screen)": timed(screen_render(store, clock, diary_history.DiaryHistory), runs),
        "Diary history 30 days (service)": timed(lambda: diary.history("30"), runs),
        "Diary history all (service)": timed(lambda: diary.history("all"), runs),
        "Save a report": timed(lambda: diary.save_report(day, fields), runs),
    }


# -- the midwife's pieces: the mothers list, the visit summary, the backup --------------------------


def mothers_list_timing(store: Store, clock: FakeClock, runs: int) -> float:
    """What the /mothers screen reads: every mother's row (day, visit, newest report, flags, last
    massage, quiz and skills)."""
    service = MothersService(store, clock)
    today = clock.wall().astimezone().date()
    return timed(lambda: service.summaries(today), runs)


def visit_summary_timing(store: Store, clock: FakeClock, runs: int) -> float:
    """The midwife's visit summary of the mother `store` is scoped to."""
    service = SummaryService(store, clock)
    return timed(lambda: service.summary(), runs)


def backup_export_timing(store: Store, clock: FakeClock, runs: int) -> float:
    """A backup of the whole device (every mother)."""
    return timed(lambda: store.data.export(at=clock.wall()), runs)


def fill_mothers(store: Store, clock: FakeClock, mothers: int, days: int) -> Store:
    """`mothers` mothers (the device's first one among them), each with `days` daily reports and
    two massages a day; returns the store scoped to the last of them (what her screens read)."""
    scoped = store
    for i in range(mothers):
        mother_id = store.mother_id if i == 0 else store.mothers.add(at=clock.wall())
        scoped = store.mother(mother_id)
        fill_mother(scoped, clock, days)
    return scoped


# -- the cases ------------------------------------------------------------------------------------------

CaseResult = dict[str, Any]


def measure_case(store: Store, clock: FakeClock, folder: Path, runs: int, mother: Any = None) -> CaseResult:
    """`mother`: the store scoped to one mother, for her screens (default: `store` itself)."""
    timings: Timings = diary_timings(mother or store, clock, runs)
    timings["Mothers list"] = mothers_list_timing(store, clock, runs)
    timings["Visit summary"] = visit_summary_timing(mother or store, clock, runs)
    timings["Export a backup"] = backup_export_timing(store, clock, runs)
    return {"timings": timings}


def one_mother(days: int, runs: int) -> CaseResult:
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as d:
        path = Path(d) / "pijat-oksitosin.sqlite3"
        with open_store(path) as store:
            clock = FakeClock()
            fast_writes(store, True)
            if days:
                fill_mother(store, clock, days)
            fast_writes(store, False)
            result = measure_case(store, clock, Path(d), runs)
            result["db_bytes"] = db_size(path, store)
            result["reports"] = store.diary.count()
            result["sessions"] = len(store.sessions.list())
            return result


def midwife_device(mothers: int, days: int, runs: int) -> CaseResult | None:
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as d:
        path = Path(d) / "pijat-oksitosin.sqlite3"
        with open_store(path) as store:
            clock = FakeClock()
            fast_writes(store, True)
            mother = fill_mothers(store, clock, mothers, days)
            fast_writes(store, False)
            result = measure_case(store, clock, Path(d), runs, mother)
            result["db_bytes"] = db_size(path, store)
            return result


# "Flat in the amount of data": the 7- and 30-day views with two years behind them against the same
# views with six weeks behind them (both show full 7 and 30 days; the empty diary shows nothing).
REFERENCE_DAYS = 42


def run(runs: int, two_years_days: int, mothers: int, mother_days: int) -> dict[str, Any]:
    return {
        "empty": one_mother(0, runs),
        "reference": one_mother(REFERENCE_DAYS, runs),
        "reference_days": REFERENCE_DAYS,
        "two_years": one_mother(two_years_days, runs),
        "two_years_days": two_years_days,
        "midwife": midwife_device(mothers, mother_days, runs),
        "mothers": mothers,
        "mother_days": mother_days,
    }
