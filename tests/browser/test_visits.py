"""A midwife's week in Chromium at 360x800, internet blocked: from her Today to "Visits this
week", a tap on a mother's KF2 opens her visit, a day in the future is refused beside its field
with nothing written, "Mark KF2 visit done" saves it, and the mother's KF2 leaves the week while
her overdue KF1 stays. In English, then in Indonesian (light and dark, for the screenshots). One
app server (one database) for the module; the tests run in file order."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from app.domain.profile import Profile
from app.store.db import open_store
from tests.browser.test_diary_flow import has_value, rows, see, tap, type_into
from tests.testday import CLOCK, TODAY

TYPED = "%d/%m/%Y"


@pytest.fixture(scope="module")
def mothers(server) -> dict[str, str]:
    """Three mothers on the midwife's phone: Ani on day 5 (KF2 due, KF1 overdue), Sari on day 10
    (KF3 due) and Lina of last year (nothing owed)."""
    wall = CLOCK.wall()
    ids = {}
    with open_store(server.db_file) as device:
        device.set_setting("role", "midwife")
        for name, days in (("Ani", 5), ("Sari", 10), ("Lina", 400)):
            blank = device.mothers.first_blank()
            her = device.mother(blank if blank is not None else device.mothers.add(at=wall))
            her.profile.save(Profile(mother_name=name, baby_birth_date=TODAY - timedelta(days=days)), at=wall)
            ids[name] = str(her.mother_id)
    return ids


def begin(open_app, lang: str, scheme: str = "light"):
    """A new tab: a midwife's phone opens on her mothers, whose top leads to her week."""
    app = open_app(lang, color_scheme=scheme, skip_intro=False)
    first = app.page.locator('[flt-semantics-identifier="intro-done"], [flt-semantics-identifier="open-due"]')
    first.first.wait_for(state="attached")
    if app.el("intro-done").count():
        app.tap("intro-done")
    return app


def open_week(app) -> None:
    tap(app, "open-due")
    app.wait_for("due-count")


def test_marking_kf2_done_takes_it_off_the_week(open_app, server, mothers):
    ani = mothers["Ani"]
    app = begin(open_app, "en")
    open_week(app)
    app.wait_for(f"due-{ani}-kf2")
    app.wait_for(f"due-{ani}-kf1")  # KF1's window closed on day 2: overdue
    assert app.el(f"due-{mothers['Lina']}-kf4").count() == 0  # a mother of last year owes nothing
    app.page.mouse.move(5, 795)
    app.shot("70-due")

    tap(app, f"due-{ani}-kf2")
    app.wait_for("kf-mark-done")
    see(app, "Mark KF2 visit done")
    app.shot("71-visit-kf")
    tap(app, "kf-mark-done")
    app.wait_for("visit-done-save")
    has_value(app, "field-done_on", TODAY.strftime(TYPED))  # today unless she changes it

    type_into(app, "field-done_on", (TODAY + timedelta(days=1)).strftime(TYPED))
    type_into(app, "field-visit_note", "Stitches checked")
    app.tap("visit-done-save")
    app.wait_for("visit-done-not-saved")
    see(app, "This date is in the future.")
    has_value(app, "field-visit_note", "Stitches checked")  # what she typed stays
    assert rows(server, "SELECT count(*) FROM visits") == [(0,)]
    app.shot("72-visit-done-refused")

    type_into(app, "field-done_on", TODAY.strftime(TYPED))
    app.tap("visit-done-save")
    app.wait_for("notice").get_by_text("KF2 visit marked done").first.wait_for(state="attached")
    app.wait_for("kf-undo-kf2")
    assert rows(server, "SELECT mother_id, visit, done_on, note, undone_at FROM visits") == [
        (ani, "kf2", TODAY.isoformat(), "Stitches checked", None)
    ]
    app.shot("73-visit-kf-done")

    app.tap("back")
    app.wait_for(f"due-{ani}-kf1")
    app.until(lambda: app.el(f"due-{ani}-kf2").count() == 0, what="Ani's KF2 left the week")
    app.el(f"due-{ani}-kf1").wait_for(state="attached")  # her KF1 is still owed


# The dark one only photographs (the English test below is dark): with SCREENSHOTS=1.
@pytest.mark.parametrize("scheme", ["light", "dark"] if os.environ.get("SCREENSHOTS") == "1" else ["light"])
def test_the_week_and_the_visit_in_indonesian(open_app, server, mothers, scheme):
    sari = mothers["Sari"]
    app = begin(open_app, "id", scheme)
    open_week(app)
    app.wait_for(f"due-{mothers['Ani']}-kf1")
    suffix = "" if scheme == "light" else "-dark"
    app.page.mouse.move(5, 795)
    if scheme == "light":
        app.wait_for(f"due-{sari}-kf3")
        app.shot("74-due")
        tap(app, f"due-{sari}-kf3")
        app.wait_for("kf-mark-done")
        see(app, "Tandai kunjungan KF3 selesai")
        app.shot("75-visit-kf")
        tap(app, "kf-mark-done")
        app.tap("visit-done-save")
        app.wait_for("notice").get_by_text("Kunjungan KF3 ditandai selesai").first.wait_for(state="attached")
        app.wait_for("kf-undo-kf3")
        app.tap("back")
        app.until(lambda: app.el(f"due-{sari}-kf3").count() == 0, what="Sari's KF3 left the week")
        return
    app.until(lambda: app.el(f"due-{sari}-kf3").count() == 0, what="the week as the light test left it")
    app.shot("74-due" + suffix)
    tap(app, f"due-{mothers['Ani']}-kf1")
    app.wait_for("kf-undo-kf2")
    app.shot("75-visit-kf" + suffix)
    tap(app, "kf-mark-done")  # KF1, overdue, is the one offered now
    app.wait_for("visit-done-save")
    see(app, "Simpan: kunjungan KF1 selesai")
    app.shot("76-visit-done" + suffix)


def test_the_week_and_the_visit_in_english_in_the_dark(open_app, mothers):
    app = begin(open_app, "en", "dark")
    open_week(app)
    ani = mothers["Ani"]
    app.wait_for(f"due-{ani}-kf1")
    app.page.mouse.move(5, 795)
    app.shot("70-due-dark")
    tap(app, f"due-{ani}-kf1")
    app.wait_for("kf-undo-kf2")
    app.shot("71-visit-kf-dark")
