"""Every day reachable and a chart she can read (issue 8), in Chromium at 360x800, internet blocked.

One app server with 18 days of diary seeded straight into its database: reports with a gap of
two days, a forgotten day, a fever on one day, and massages on some days. The diary lists every
day since the birth; a day not filled in opens the form for that day, and once saved it shows
in the list. With SCREENSHOTS=1 the diary and its chart at 7, 30 days and all are written to
docs/screenshots in Indonesian and English.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, time, timedelta

import pytest

from app import i18n
from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import validate_report
from app.i18n import format_date
from app.store.db import open_store
from tests.browser.test_diary_flow import scroll_to, see, start, tap
from tests.testday import CLOCK, TODAY

BORN = TODAY - timedelta(days=18)
GAP = {10, 11}  # days ago without a report (the chart breaks there)
FORGOTTEN = 3  # days ago: no report; the test fills it in from the diary
FEVER = 5  # days ago: a fever, a red flag shown on its own day
MASSAGES = {9, 8, 7, 6, 4, 2, 1}  # days ago with a completed massage
FEW_FEEDS = 1  # days ago: 6 feeds, a red flag Today still shows (the last three days' reports)


def _flow(ago: int) -> str:
    if ago >= 16:
        return "not_yet"
    return "not_well" if ago >= 12 or ago in (7, 5) else "well"


def _signs(ago: int) -> dict[str, bool]:
    names = ["breasts_full_then_soft", "feeds_8_to_12", "baby_satisfied", "let_down_felt", "yellow_stools"]
    n = min(len(names), max(0, (18 - ago) // 3))
    return {name: i < n for i, name in enumerate(names)}


@pytest.fixture(scope="module")
def seeded(server):
    wall = CLOCK.wall()
    with open_store(server.db_file) as store:
        store.profile.save(Profile(mother_name="Siti", baby_birth_date=BORN), at=wall)
        for ago in range(18, 0, -1):
            if ago in GAP or ago == FORGOTTEN:
                continue
            day = TODAY - timedelta(days=ago)
            extra = {"temperature_c": "38.6", "fever": True} if ago == FEVER else {}
            feeds = "6" if ago == FEW_FEEDS else "9"
            report, errors = validate_report(
                {"day": day, "flow": _flow(ago), "signs": _signs(ago), "feeds_24h": feeds, **extra},
                today=TODAY,
                birth_date=BORN,
            )
            assert report is not None, errors
            store.diary.save(report, at=wall)
        for ago in MASSAGES:
            begun = datetime.combine(TODAY - timedelta(days=ago), time(7, 0)).astimezone(UTC)
            sid = store.sessions.create(
                NewSession(started_at=begun, demo=False, round_s=180, rest_s=60, rounds_planned=3, snapshot={})
            )
            store.sessions.finish(
                sid,
                SessionStatus.COMPLETED,
                SessionProgress(at=begun + timedelta(minutes=12), snapshot={}, rounds_done=3, massaged_s=540),
            )
    return server


def _rows(server, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(server.db_file) as db:
        return db.execute(sql, params).fetchall()


def _diary_shots(app) -> None:
    """The diary at 7 and 30 days and all: its chart at the top, then the chart's words and the
    comparison below it."""
    for chosen, number in (("7", 30), ("30", 31), ("all", 32)):
        tap(app, f"range-{chosen}")
        app.wait_for("diary-chart")
        app.page.mouse.move(180, 300)
        app.page.mouse.wheel(0, -3000)  # back to the top
        app.shot(f"{number}-diary-chart-{chosen}")
    scroll_to(app, "diary-compare")
    app.shot("33-diary-compare")


def test_a_forgotten_day_is_filled_in_from_the_diary(open_app, seeded):
    forgotten = (TODAY - timedelta(days=FORGOTTEN)).isoformat()
    fever_day = (TODAY - timedelta(days=FEVER)).isoformat()
    app = start(open_app, "id")
    # Today shows yesterday's flag (no report today), saying on which day it was reported
    scroll_to(app, "flag-few_feeds")
    yesterday = TODAY - timedelta(days=FEW_FEEDS)
    with i18n.using("id"):
        see(app, f"Dicatat {format_date(yesterday)}.")
    app.shot("36-today-recent-flag")
    tap(app, "open-diary")
    app.wait_for("diary-chart")
    _diary_shots(app)
    tap(app, "range-7")
    # the day she forgot is listed, "not filled in", and the fever sits on its own day
    scroll_to(app, f"empty-{forgotten}")
    app.shot("34-diary-days")
    scroll_to(app, f"dayflag-{fever_day}-fever")
    app.shot("35-diary-flag-day")
    tap(app, f"edit-{forgotten}")
    app.wait_for("report-save")
    tap(app, "flow-well")
    tap(app, "report-save")
    app.wait_for("diary-chart")  # back in the diary
    app.el(f"empty-{forgotten}").wait_for(state="detached")
    scroll_to(app, f"delete-{forgotten}")  # now a filled-in day, with edit and delete
    assert _rows(seeded, "SELECT flow FROM reports WHERE day = ?", (forgotten,)) == [("well",)]
    # every day since the birth is reachable: "all" lists a week at a time, the birth day last
    tap(app, "range-all")
    for shown in (7, 14):  # 19 days from the birth: two taps on "Show older days"
        scroll_to(app, "diary-more")
        tap(app, "diary-more")
        app.wait_for(f"day-{(TODAY - timedelta(days=shown)).isoformat()}")
    scroll_to(app, f"day-{BORN.isoformat()}")
    assert app.el("diary-more").count() == 0  # nothing older


def test_the_diary_and_chart_in_english(open_app, seeded):
    app = start(open_app, "en")
    tap(app, "open-diary")
    app.wait_for("diary-chart")
    app.page.get_by_text("Milk flow each day").first.wait_for(state="attached")
    _diary_shots(app)
    tap(app, "range-7")
    scroll_to(app, f"day-{(TODAY - timedelta(days=FORGOTTEN)).isoformat()}")
    app.shot("34-diary-days")
    scroll_to(app, f"dayflag-{(TODAY - timedelta(days=FEVER)).isoformat()}-fever")
    app.shot("35-diary-flag-day")
