"""The midwife's monthly recap in Chromium at 360x800, internet blocked: from her mothers list to
"Monthly recap", which opens on last month (Ani: KF1 on time, KF2 late, a quiz before and after,
a skills check passed, a GO NOW sign); "next month" shows this month so far (Sari's KF2, today)
and stops there; back to last month, "Save CSV" downloads a file read back with csv.DictReader.
In English, then Indonesian light and dark (for the screenshots). One app server for the module."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from app.domain.profile import Profile
from app.domain.quiz import ITEMS, Phase
from app.domain.recap import Month
from app.domain.report import DailyReport, Flow
from app.domain.skills import STEPS, Checked
from app.domain.visits import DoneVisit, Visit
from app.store.db import open_store
from tests.browser.test_diary_flow import scroll_to, see, tap
from tests.testday import CLOCK, TODAY

LAST = Month.of(TODAY).previous()
RIGHT = {item.question.value: item.answer for item in ITEMS}


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12)).astimezone(UTC)


@pytest.fixture(scope="module")
def mothers(server) -> dict[str, str]:
    """Ani, born on the first of last month, and Sari, on day 4 today."""
    wall = CLOCK.wall()
    born = LAST.first
    ids = {}
    with open_store(server.db_file) as device:
        device.set_setting("role", "midwife")
        for name, birth in (("Ani", born), ("Sari", TODAY - timedelta(days=4))):
            blank = device.mothers.first_blank()
            her = device.mother(blank if blank is not None else device.mothers.add(at=wall))
            her.profile.save(Profile(mother_name=name, baby_birth_date=birth), at=wall)
            ids[name] = str(her.mother_id)
        ani = device.mother(device.mothers.first() or device.mother_id)
        ani.visits.mark(DoneVisit(visit=Visit.KF1, done_on=born + timedelta(days=1)), at=wall)  # on time
        ani.visits.mark(DoneVisit(visit=Visit.KF2, done_on=born + timedelta(days=9)), at=wall)  # late
        ani.teaching.add_quiz(phase=Phase.BEFORE, taken_at=_noon(born + timedelta(days=1)), score_pct=60, answers={})
        ani.teaching.add_quiz(phase=Phase.AFTER, taken_at=_noon(born + timedelta(days=1)), score_pct=100, answers=RIGHT)
        ani.teaching.add_skills(
            checked_at=_noon(born + timedelta(days=1)),
            who=Checked.HUSBAND,
            who_name=None,
            steps=dict.fromkeys(STEPS, True),
            score_pct=100,
        )
        ani.diary.save(DailyReport(day=born + timedelta(days=3), flow=Flow.WELL, baby_danger=True), at=wall)
        sari = device.mother(device.mothers.list()[-1].id)
        sari.visits.mark(DoneVisit(visit=Visit.KF2, done_on=TODAY), at=wall)
    return ids


def begin(open_app, lang: str, scheme: str = "light"):
    """A midwife's phone opens on her mothers, whose top leads to the recap."""
    app = open_app(lang, color_scheme=scheme, skip_intro=False)
    first = app.page.locator('[flt-semantics-identifier="intro-done"], [flt-semantics-identifier="open-recap"]')
    first.first.wait_for(state="attached")
    if app.el("intro-done").count():
        app.tap("intro-done")
    app.wait_for("open-recap")
    app.page.mouse.move(5, 795)
    app.shot("79-mothers-with-recap")
    tap(app, "open-recap")
    app.wait_for("recap-month")
    return app


def month_shown(app, text: str) -> None:
    app.until(lambda: text in (app.el("recap-month").inner_text() or ""), what=f"the month {text}")


def test_the_recap_switches_month_and_downloads_the_csv(open_app, server, mothers, tmp_path: Path):
    app = begin(open_app, "en")
    last_name = datetime.combine(LAST.first, time()).strftime("%B %Y")
    month_shown(app, last_name)
    see(app, "Mothers visited: 1")
    see(app, "Families taught: 1")
    see(app, "KF1 (6 hours to 2 days after birth): 1 on time, 0 late")
    see(app, "KF2 (days 3-7 after birth): 0 on time, 1 late")
    see(app, "Before teaching: 1 quiz, average score 60%")
    see(app, "Ani: go to a health facility now")  # on the screen she follows her up by name
    app.page.mouse.move(5, 795)
    app.shot("80-recap")
    scroll_to(app, f"recap-flagged-{mothers['Ani']}")
    app.shot("83-recap-flags")
    for target in ("recap-previous", "recap-next", f"recap-flagged-{mothers['Ani']}"):
        box = app.el(target).bounding_box()
        assert box is not None and box["height"] >= 48 and box["width"] >= 48, (target, box)

    tap(app, "recap-next")
    this_name = datetime.combine(TODAY, time()).strftime("%B %Y")
    month_shown(app, this_name)
    see(app, "(the month is not over yet)")
    see(app, "Mothers visited: 1")
    see(app, "KF2 (days 3-7 after birth): 1 on time, 0 late")
    see(app, "Mothers with a warning sign: 0")
    assert app.el("recap-next").get_attribute("aria-disabled") == "true"  # no month after this one

    tap(app, "recap-previous")
    month_shown(app, last_name)
    with app.page.expect_download(timeout=20_000) as caught:
        app.tap("recap-csv")
    file = caught.value
    assert file.suggested_filename == f"pijat-oksitosin-recap-{LAST.code}.csv"
    path = tmp_path / "recap.csv"
    file.save_as(path)
    table = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    value = {row["item"]: row["value"] for row in table}
    assert {row["month"] for row in table} == {LAST.code}
    assert (value["mothers_visited"], value["kf1:on_time"], value["kf2:late"]) == ("1", "1", "1")
    assert (value["before:average"], value["after:average"], value["skills_signed_off"]) == ("60", "100", "1")
    assert (value["mothers_flagged"], value["go_now"]) == ("1", "1")
    assert "Ani" not in path.read_text("utf-8-sig")  # the file leaves the phone: counts only
    app.wait_for("recap-status")
    see(app, f"Saved as pijat-oksitosin-recap-{LAST.code}.csv.")
    app.shot("81-recap-saved")

    tap(app, f"recap-flagged-{mothers['Ani']}")  # she follows up the mother with the sign
    app.wait_for("kf-mark-done")
    see(app, "Ani · day")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_recap_in_indonesian(open_app, server, mothers, scheme):
    app = begin(open_app, "id", scheme)
    see(app, "Ibu yang dikunjungi: 1")
    see(app, "Rekap bulanan")
    app.page.mouse.move(5, 795)
    suffix = "" if scheme == "light" else "-dark"
    app.shot("80-recap" + suffix)
    tap(app, "recap-next")
    see(app, "(bulan ini belum selesai)")
    app.shot("82-recap-this-month" + suffix)
