"""Benchmark (a script, not a test): read what Today and Diary history show (the diary service) and
save a report with two years of data (730 reports, 1,460 sessions) against an empty database.

    /tmp/venv/bin/python tests/benchmarks/bench_diary.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import validate_report
from app.services.diary import DiaryService
from app.store.db import open_store

RUNS = 5


def fill(store, clock) -> None:
    now = clock.wall()
    day0 = now.astimezone().date()
    store.profile.save(Profile(baby_birth_date=day0 - timedelta(days=729)), at=now)
    for i in range(730):
        day = day0 - timedelta(days=i)
        report, _ = validate_report({"day": day, "flow": "well", "feeds_24h": "9", "signs": {"feeds_8_to_12": True}},
                                    today=day0)
        store.diary.save(report, at=now)
        for hour in (7, 19):
            start = now - timedelta(days=i, hours=now.hour - hour)
            sid = store.sessions.create(NewSession(started_at=start, demo=False, round_s=180, rest_s=30,
                                                   rounds_planned=3, snapshot={}))
            store.sessions.finish(sid, SessionStatus.COMPLETED,
                                  SessionProgress(at=start + timedelta(minutes=15), snapshot={}, rounds_done=3,
                                                  massaged_s=540.0))


def timed(fn) -> float:
    best = float("inf")
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(diary: DiaryService) -> dict[str, float]:
    day = diary.today()
    fields = {**diary.form(day), "flow": "not_well", "feeds_24h": "10"}
    return {
        "Today summary": timed(diary.today_summary),
        "Diary history (all)": timed(lambda: diary.history("all")),
        "Report save": timed(lambda: diary.save_report(day, fields)),
    }


def main() -> None:
    results = {}
    for label, full in (("empty", False), ("2 years", True)):
        with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "bench.sqlite3") as store:
            clock = FakeClock()
            if full:
                fill(store, clock)
            results[label] = measure(DiaryService(store, clock))
    for op in results["empty"]:
        e, f = results["empty"][op], results["2 years"][op]
        print(f"{op:22s} empty {e * 1000:8.1f} ms   2 years {f * 1000:8.1f} ms   ratio {f / e:6.1f}x")


if __name__ == "__main__":
    main()
