"""Several mothers on one phone, as a midwife uses it, in Chromium at 360x800 with the internet
blocked: she says who she is at first run and starts from her mothers, adds two, saves a report
for each, switches between them and sees each one's own report only, archives one and restores
her. One app server (one database) for the module; the tests run in file order.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import DailyReport, Flow
from app.store.db import open_store
from tests.browser.test_diary_flow import rows, scroll_to, see, see_saved, tap, type_into
from tests.testday import CLOCK, TODAY


def add_mother(app, name: str, born: date) -> str:
    """Add a mother through her profile form; back on the list. Returns her id (her UUID)."""
    tap(app, "add-mother")
    app.wait_for("profile-save")
    type_into(app, "field-mother_name", name)
    type_into(app, "field-baby_birth_date", born.isoformat())
    tap(app, "profile-save")
    see_saved(app)
    app.wait_for("add-mother")
    return next(i for i, n in rows(app.server, "SELECT id, nickname FROM mothers") if n == name)


def open_mother(app, mother_id: str, name: str) -> None:
    tap(app, f"open-mother-{mother_id}")
    app.wait_for("showing-mother")
    see(app, {"id": "Yang dilihat: ", "en": "Showing: "}[app.lang] + name)


def report_today(app, flow: str) -> None:
    tap(app, "open-report")
    app.wait_for("report-save")
    tap(app, f"flow-{flow}")
    tap(app, "report-save")
    see_saved(app)
    app.wait_for("today-day")


def seed_a_mother_with_a_warning(server) -> None:
    """A third mother as a midwife's list has them: a fever yesterday, a massage this morning."""
    wall = CLOCK.wall()
    with open_store(server.db_file) as device:
        dewi = device.mother(device.mothers.add(at=wall))
        dewi.profile.save(Profile(mother_name="Dewi", baby_birth_date=TODAY - timedelta(days=9)), at=wall)
        dewi.diary.save(
            DailyReport(
                day=TODAY - timedelta(days=1),
                flow=Flow.NOT_WELL,
                fever=True,
                temperature_c=38.6,
                breast_pain=True,
                breast_redness=True,
            ),
            at=wall,
        )
        started = wall - timedelta(hours=2)
        sid = dewi.sessions.create(
            NewSession(started_at=started, demo=False, round_s=240, rest_s=60, rounds_planned=3, snapshot={})
        )
        dewi.sessions.finish(
            sid,
            SessionStatus.COMPLETED,
            SessionProgress(at=started + timedelta(minutes=15), snapshot={}, rounds_done=3, massaged_s=720),
        )


def test_a_midwife_keeps_two_mothers_apart(open_app, server):
    app = open_app("id", skip_intro=False)
    app.wait_for("intro-done")
    tap(app, "role-midwife")
    scroll_to(app, "role-question")
    app.shot("60-role-intro")
    app.tap("intro-done")
    app.wait_for("add-mother")  # a midwife starts from her mothers
    assert rows(server, "SELECT value FROM settings WHERE key = 'role'") == [("midwife",)]
    ((blank,),) = rows(server, "SELECT id FROM mothers")  # a new phone's first mother, nothing known

    ani = add_mother(app, "Ani", TODAY - timedelta(days=5))
    citra = add_mother(app, "Citra", TODAY - timedelta(days=2))
    assert ani == blank  # the new phone's empty first mother was filled in, not left as an empty row
    assert rows(server, "SELECT count(*) FROM mothers") == [(2,)]

    open_mother(app, ani, "Ani")
    report_today(app, "well")
    tap(app, "open-mothers-today")
    open_mother(app, citra, "Citra")
    scroll_to(app, "report-status")
    assert "belum" in (app.el("report-status").get_attribute("aria-label") or app.el("report-status").inner_text())
    report_today(app, "not_yet")
    assert sorted(rows(server, "SELECT mother_id, flow FROM reports")) == sorted([(ani, "well"), (citra, "not_yet")])
    scroll_to(app, "report-status")
    see(app, "Belum keluar")
    assert app.page.get_by_text("Lancar ·").count() == 0  # Ani's report is not hers

    tap(app, "open-mothers-today")
    open_mother(app, ani, "Ani")
    scroll_to(app, "report-status")
    see(app, "Lancar ·")
    assert app.page.get_by_text("Belum keluar").count() == 0  # nor is Citra's Ani's

    seed_a_mother_with_a_warning(server)
    tap(app, "open-mothers-today")
    see(app, "Dewi")
    app.page.mouse.move(5, 795)  # no hover highlight on a card in the picture
    app.shot("61-mothers")
    tap(app, f"archive-mother-{citra}")
    app.tap("dialog-archive")
    app.wait_for(f"restore-mother-{citra}")
    assert rows(server, "SELECT archived_at IS NOT NULL FROM mothers WHERE id = ?", (citra,)) == [(1,)]
    assert app.el(f"open-mother-{citra}").count() == 0
    scroll_to(app, f"restore-mother-{citra}")
    app.page.mouse.move(5, 795)
    app.el("notice").wait_for(state="detached", timeout=15_000)  # the picture without the notice
    app.shot("63-mothers-archived")
    tap(app, f"restore-mother-{citra}")
    app.wait_for(f"open-mother-{citra}")
    assert rows(server, "SELECT archived_at FROM mothers WHERE id = ?", (citra,)) == [(None,)]

    open_mother(app, ani, "Ani")  # her Today names the mother who needs the midwife
    app.wait_for("mothers-warned").get_by_text("Dewi", exact=False).or_(
        app.page.get_by_label("Dewi", exact=False)
    ).first.wait_for(state="attached")
    app.el("notice").wait_for(state="detached", timeout=15_000)
    app.shot("64-today-midwife")


def test_the_list_and_the_role_in_english(open_app, server):
    app = open_app("en", skip_intro=False)  # the same phone: a midwife's, past its introduction
    app.wait_for("add-mother")
    see(app, "Your mothers")
    see(app, "Dewi")
    app.page.mouse.move(5, 795)
    app.shot("61-mothers")
    app.tap("back")
    app.wait_for("open-settings")
    tap(app, "open-settings")
    scroll_to(app, "role-midwife")
    app.shot("62-role-settings")
    tap(app, "role-family")  # it never locks anyone out: the list stays one tap away
    # the tap's write lands a moment later (the handler runs on the server)
    app.until(lambda: rows(server, "SELECT value FROM settings WHERE key = 'role'") == [("family",)])
    tap(app, "open-mothers")
    app.wait_for("add-mother")
    see(app, "Mothers")


def in_view_unscrolled(app, identifier: str, above: float = 800) -> None:
    """The control is on the first screen (360x800) as it opens, nothing scrolled: fully above
    `above` (the top of the screen's fixed bottom buttons, where there are any)."""
    box = app.wait_for(identifier).bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= above, (identifier, box)


def test_a_midwife_is_asked_first_and_finds_her_visit_without_scrolling(open_app, server):
    """The role question is the first thing on a new phone; a midwife's Today has the visit of
    the mother shown on its first screen (it used to be the last button, four screens down)."""
    with sqlite3.connect(server.db_file) as db:  # a new phone, as far as the introduction goes
        db.execute("DELETE FROM settings WHERE key = 'intro_seen'")
    app = open_app("en", skip_intro=False)
    app.wait_for("intro-done")
    in_view_unscrolled(app, "role-question", above=800 - 88)  # "Let's begin" is fixed at the bottom
    in_view_unscrolled(app, "role-midwife", above=800 - 88)
    tap(app, "role-midwife")
    app.tap("intro-done")
    app.wait_for("add-mother")  # a midwife starts from her mothers
    app.tap("back")
    app.wait_for("start-session")
    in_view_unscrolled(app, "open-visit")
    app.shot("63-midwife-today")
    app.tap("open-visit")
    app.see("Midwife's visit")
