"""A midwife's device after three years: many mothers, seeded through the app's own store, for
any test or benchmark that needs her list at scale (issue 23).

`seed_many(path, mothers=300)` fills the SQLite file at `path` (a new one or an app's data file
before its server starts) and returns the mothers a test looks for by role (`Seeded`). The mix,
as the issue measured on a real-sized device: most mothers long past day 42 (births spread over
three years), 12 in their first 42 days; each has a few daily reports around her own first
weeks and a last massage; about a third of the old ones had a danger sign in nifas (history
now). Names are unique and sort the same way in both languages ("Ani Lestari", ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import DailyReport, Flow
from app.domain.visits import WINDOWS, DoneVisit
from app.store.db import Store, open_store
from tests.testday import CLOCK, TODAY

FIRST = [
    "Ani",
    "Ayu",
    "Bunga",
    "Citra",
    "Dewi",
    "Eka",
    "Fitri",
    "Gita",
    "Hana",
    "Indah",
    "Juwita",
    "Kartika",
    "Lina",
    "Maya",
    "Nia",
    "Oktavia",
    "Putri",
    "Rina",
    "Sari",
    "Tuti",
    "Umi",
    "Vina",
    "Wati",
    "Yanti",
    "Zahra",
    "Ratna",
    "Siti",
    "Nur",
    "Lestari",
    "Mega",
]
LAST = ["Lestari", "Wijaya", "Susanti", "Rahayu", "Pratiwi", "Handayani", "Safitri", "Kusuma", "Anggraini", "Utami"]
IN_NIFAS = 12  # mothers in their first 42 days, as on the device the issue measured


@dataclass
class Seeded:
    """Who is where (UUIDs as text, as the app's semantics identifiers carry them)."""

    names: dict[str, str] = field(default_factory=dict)  # id -> name
    day2_kf1: str = ""  # day 2, KF1 due, a calm report today
    go_now_recent: str = ""  # day 10, a GO NOW sign yesterday
    today_recent: str = ""  # day 20, a TODAY sign (fever) 3 days ago
    today_stale: str = ""  # day 30, a TODAY sign 10 days ago (no longer sorts her up)
    go_now_old: str = ""  # day 300, a GO NOW sign on her day 5 (history)
    kf_overdue: str = ""  # day 9, her KF2 (days 3-7) never marked done: overdue
    last_by_name: str = ""  # the finished mother whose name sorts last: far down, "page 10"


def _name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}" + (
        f" {i // (len(FIRST) * len(LAST)) + 1}" if i >= len(FIRST) * len(LAST) else ""
    )


def _massage(store: Store, at: datetime) -> None:
    sid = store.sessions.create(
        NewSession(started_at=at, demo=False, round_s=180, rest_s=30, rounds_planned=3, snapshot={})
    )
    store.sessions.finish(
        sid,
        SessionStatus.COMPLETED,
        SessionProgress(at=at + timedelta(minutes=12), snapshot={}, rounds_done=3, massaged_s=540.0),
    )


def _report(store: Store, day: date, at: datetime, **signs: object) -> None:
    store.diary.save(DailyReport(day=day, flow=Flow.WELL, feeds_24h=9, **signs), at=at)  # type: ignore[arg-type]


def seed_many(path: Path, mothers: int = 300, *, reports_each: int = 4, today: date | None = None) -> Seeded:
    """`mothers` mothers in the file at `path` (created if missing; its first, blank mother is
    filled in). `reports_each` calm reports per mother in her first weeks, besides the special
    ones. Fast writes while seeding (no fsync), FULL again at the end."""
    day0 = today or TODAY
    wall = CLOCK.wall()
    out = Seeded()
    special = {
        0: "day2_kf1",
        1: "go_now_recent",
        2: "today_recent",
        3: "today_stale",
        4: "kf_overdue",
        IN_NIFAS: "go_now_old",
    }
    special_days = {
        "day2_kf1": 2,
        "go_now_recent": 10,
        "today_recent": 20,
        "today_stale": 30,
        "kf_overdue": 9,
        "go_now_old": 300,
    }
    with open_store(path) as device:
        device.db.execute("PRAGMA synchronous = OFF")
        for i in range(mothers):
            mother_id: UUID = device.mother_id if i == 0 else device.mothers.add(at=wall)
            store = device.mother(mother_id)
            role = special.get(i)
            if role is not None:
                days = special_days[role]
            elif i < IN_NIFAS:
                days = 3 + (i * 7) % 40  # the rest of the 12 in nifas: days 3-42
            else:
                days = 43 + (i * 37) % 1050  # three years of births, past day 42
            born = day0 - timedelta(days=days)
            name = _name(i)
            store.profile.save(Profile(mother_name=name, baby_birth_date=born), at=wall)
            out.names[str(mother_id)] = name
            if role is not None:
                setattr(out, role, str(mother_id))
            last = min(days, 1 + reports_each)  # her own first days, up to today
            for d in range(1, last + 1):
                _report(store, born + timedelta(days=d), wall)
            if role == "go_now_recent":
                _report(store, day0 - timedelta(days=1), wall, baby_danger=True)
            elif role == "today_recent":
                _report(store, day0 - timedelta(days=3), wall, fever=True, temperature_c=38.6)
            elif role == "today_stale":
                _report(store, day0 - timedelta(days=10), wall, fever=True, temperature_c=38.6)
            elif role == "go_now_old" or (role is None and i >= IN_NIFAS and i % 3 == 0):
                _report(store, born + timedelta(days=5), wall, baby_danger=True)  # a sign in her nifas, long ago
            elif role == "day2_kf1":
                _report(store, day0, wall)
            for window in WINDOWS:  # the midwife came: each visit whose window closed, on its last day
                if born + timedelta(days=window.last_day) < day0 and role != "kf_overdue":
                    store.visits.mark(
                        DoneVisit(visit=window.visit, done_on=born + timedelta(days=window.last_day)), at=wall
                    )
            _massage(store, datetime.combine(born + timedelta(days=min(days, 3)), datetime.min.time()).astimezone())
        device.db.execute("PRAGMA synchronous = FULL")
    finished = {mid: n for mid, n in list(out.names.items())[IN_NIFAS:]}
    out.last_by_name = max(finished, key=lambda mid: finished[mid].casefold(), default="")
    return out
