"""The screen a frightened family sees, on a device where nothing was ever set up (no birth date, no
phone numbers), in Chromium at 360x800 with the internet blocked: a newborn danger sign ticked on the
report form shows at once what to do now and a call to 119, which really asks the phone to dial 119;
after Save, Today shows the same. Then the safety check knows today's fever.

One app server (one database) for the module; the tests run in file order and every wait is on a
condition.
"""

from __future__ import annotations

from datetime import timedelta

from app.domain.profile import Profile
from app.domain.report import DailyReport, Flow
from app.store.db import open_store
from tests.browser.test_diary_flow import back_on_today, rows, see, start, tap
from tests.browser.test_session_flow import answer_safety
from tests.testday import CLOCK, TODAY

# What the page asks the browser to open: url_launcher opens `tel:` links with window.open.
RECORD_OPENED = """() => {
    window.__opened = [];
    window.open = function (url) { window.__opened.push(String(url)); return null; };
}"""
WORDS = {
    "en": {
        "do_now": "Take the baby to the nearest health facility now. Bring the Buku KIA.",
        "call": "Call 119 (emergency, free)",
        "title": "The baby breathes fast or with difficulty",
        "stop": "Not today without the midwife's OK",
        "temperature": "Her temperature today: 38.6 °C",
    },
    "id": {
        "do_now": "Segera bawa bayi ke fasilitas kesehatan terdekat sekarang. Bawa Buku KIA.",
        "call": "Telepon 119 (gawat darurat, gratis)",
        "title": "Bayi bernapas cepat atau sesak",
        "stop": "Jangan hari ini tanpa izin bidan",
        "temperature": "Suhu badan ibu hari ini: 38,6 °C",
    },
}


def _dialled(app) -> list[str]:
    return app.page.evaluate("() => window.__opened")


def _call_119(app, card_id: str) -> None:
    """Tap 119 on the card and wait until the page asked the phone to dial it."""
    app.page.evaluate(RECORD_OPENED)
    card = app.el(card_id)
    button = card.locator('[flt-semantics-identifier="call-119"]').first
    button.wait_for(state="attached")
    app.settle()  # the screen has stopped moving: a tap during its transition is lost on a busy machine
    button.click()
    app.page.wait_for_function("() => window.__opened.length > 0")
    assert _dialled(app) == ["tel:119"]


def test_the_newborn_signs_are_one_question_that_opens_the_list(open_app):
    for lang in ("id", "en"):
        app = start(open_app, lang)
        tap(app, "open-report")
        tap(app, "baby-danger-question")
        app.wait_for("baby-danger-list")
        assert app.page.locator('[flt-semantics-identifier^="field-baby:"]').count() == 0  # closed until "yes"
        app.shot("37-report-newborn-signs")


def _report_a_danger_sign(app, lang: str) -> None:
    words = WORDS[lang]
    tap(app, "open-report")
    app.wait_for("report-save")
    if app.el("report-unsaved-discard").count():  # the other language's answers, kept as a draft
        tap(app, "report-unsaved-discard")
        app.el("report-unsaved").wait_for(state="detached")
    tap(app, "field-baby_danger-yes")
    tap(app, "field-baby:breathing")
    card = app.wait_for("flag-baby_breathing")  # at once, before Save
    assert card.locator('[flt-semantics-identifier="call-119"]').count() == 1
    see(app, words["do_now"])
    see(app, words["call"])
    assert card.locator('[flt-semantics-identifier="call-midwife"]').count() == 0  # nothing saved to call
    app.shot("37-report-newborn-go-now")


def test_a_newborn_danger_sign_with_nothing_saved_calls_119_from_the_form(open_app, server):
    for lang in ("en", "id"):
        app = start(open_app, lang)
        # A device where nothing was ever set up: no birth date, no numbers, no report.
        assert rows(server, "SELECT baby_birth_date, midwife_phone, facility_phone FROM mothers") == [(None,) * 3]
        assert rows(server, "SELECT count(*) FROM reports") == [(0,)]
        _report_a_danger_sign(app, lang)
        _call_119(app, "flag-baby_breathing")


def test_after_save_today_says_what_to_do_now_and_offers_119(open_app, server):
    app = start(open_app, "id")
    _report_a_danger_sign(app, "id")
    tap(app, "flow-well")
    tap(app, "report-save")
    card = back_on_today(app, "flag-baby_breathing")
    assert "Darurat" in (card.get_attribute("aria-label") or "")
    see(app, WORDS["id"]["title"])
    see(app, WORDS["id"]["do_now"])
    assert card.locator('[flt-semantics-identifier="add-phones"]').count() == 1  # for next time, quietly
    app.shot("38-today-newborn-go-now")
    _call_119(app, "flag-baby_breathing")
    saved = rows(server, "SELECT baby_danger, baby_signs FROM reports")
    assert saved == [(1, '{"breathing": true}')]
    english = start(open_app, "en")
    english.wait_for("flag-baby_breathing")
    see(english, WORDS["en"]["do_now"])
    english.shot("38-today-newborn-go-now")


def test_the_safety_check_knows_todays_fever(open_app, server):
    with open_store(server.db_file) as store:
        now = CLOCK.wall()
        store.profile.save(Profile(baby_birth_date=TODAY - timedelta(days=5)), at=now)
        store.diary.save(DailyReport(day=TODAY, flow=Flow.WELL, fever=True, temperature_c=38.6), at=now)
    for lang in ("en", "id"):
        app = start(open_app, lang)
        app.tap("start-session")
        app.tap("to-safety")
        app.wait_for("safety-today-stop")
        see(app, WORDS[lang]["stop"])
        see(app, WORDS[lang]["temperature"])
        assert app.el("safety-fever_ill-no").count() == 0  # no questions: the massage does not start
        app.wait_for("call-midwife")
        app.shot("39-safety-today-fever")
    # With the midwife's OK, the questions follow as every time.
    tap(app, "safety-today-ok")
    app.wait_for("safety-fever_ill-no")
    answer_safety(app)
    app.tap("safety-next")
    app.wait_for("to-position")
