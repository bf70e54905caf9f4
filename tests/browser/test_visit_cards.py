"""A midwife's visit screens in Chromium at 360x800 with the internet blocked (issue 23): each names
the mother and her day under its title; her phone and her family's are call links on the visit and
on her card in the mothers list, and a tap really asks the phone to dial; the summary shows her last
temperature, her notes and each massage's rounds and minutes. Screenshots in Indonesian and English,
light and dark. One app server (one database) for the module; every wait is on a condition.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.profile import Profile
from app.domain.prompts import Clip
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import DailyReport, Flow
from app.services.own_voice import OwnVoice, folder_for
from app.store.db import open_store
from tests.browser.conftest import LOOKS
from tests.browser.test_diary_flow import rows, scroll_to, tap, type_into
from tests.browser.test_go_now import RECORD_OPENED
from tests.test_own_voice import tone
from tests.testday import CLOCK, TODAY

BORN = TODAY - timedelta(days=5)
HEADER = {"id": "Siti · hari ke-5 setelah melahirkan", "en": "Siti · day 5 after birth"}


@pytest.fixture(scope="module", autouse=True)
def siti(server) -> None:
    wall = CLOCK.wall()
    with open_store(server.db_file) as store:
        store.profile.save(
            Profile(
                mother_name="Siti",
                baby_birth_date=BORN,
                mother_phone="0813 1111 2222",
                family_phone="0812-3333-4444",
            ),
            at=wall,
        )
        store.diary.save(
            DailyReport(day=TODAY - timedelta(days=1), flow=Flow.WELL, temperature_c=37.2, note="Bayi rewel malam"),
            at=wall,
        )
        started = wall - timedelta(hours=3)
        sid = store.sessions.create(
            NewSession(started_at=started, demo=False, round_s=240, rest_s=60, rounds_planned=3, snapshot={})
        )
        store.sessions.finish(
            sid,
            SessionStatus.COMPLETED,
            SessionProgress(at=started + timedelta(minutes=15), snapshot={}, rounds_done=3, massaged_s=720),
        )
    OwnVoice(folder_for(server.db_file)).save(Clip.ROUND_1, tone(4.5))  # about twice the app's


def _header(app) -> None:
    app.wait_for("screen-subtitle").get_by_text(HEADER[app.lang]).or_(
        app.page.get_by_label(HEADER[app.lang], exact=False)
    ).first.wait_for(state="attached")


def _to_visit(open_app, lang: str, scheme: str = "light"):
    app = open_app(lang, color_scheme=scheme)
    app.wait_for("open-settings")
    tap(app, "open-visit")
    app.wait_for("open-quiz-before")
    return app


def test_the_visit_names_her_and_calls_her_family(open_app):
    app = _to_visit(open_app, "en")
    _header(app)
    app.page.evaluate(RECORD_OPENED)
    app.settle()
    tap(app, "call-family")
    app.until(lambda: app.page.evaluate("() => window.__opened"), what="the dialer asked for")
    assert app.page.evaluate("() => window.__opened") == ["tel:+6281233334444"]


@pytest.mark.parametrize(("lang", "scheme"), LOOKS)
def test_the_visit_screens_in_both_languages_and_themes(open_app, server, lang, scheme):
    app = _to_visit(open_app, lang, scheme)
    app.lang = f"{lang}-{scheme}"
    app.wait_for("call-mother")
    app.shot("60-visit")
    for button, ready, name in (
        ("open-summary", "summary-mother", "61-summary"),
        ("open-own-voice-visit", "own-voice-save-set", "62-own-voice"),
        ("open-skills", "skills-save", "63-skills"),
        ("open-quiz-before", "quiz-next", "64-quiz"),
    ):
        tap(app, button)
        app.wait_for(ready)
        app.wait_for("screen-subtitle")
        app.shot(name)
        if name == "61-summary":
            tap(app, "summary-notes")
            app.shot("61-summary-notes")
        if name == "62-own-voice":
            scroll_to(app, "length-warning-round_1")
            app.shot("62-own-voice-warning")
            scroll_to(app, "own-voice-take-set")
            app.shot("62-own-voice-set")
        app.tap("back")
        app.wait_for("open-quiz-before")
    app.tap("back")
    tap(app, "open-settings")
    tap(app, "open-mothers")
    app.page.locator('[flt-semantics-identifier^="call-mother-"]').first.wait_for(state="attached")
    app.shot("65-mothers")
    app.page.locator('[flt-semantics-identifier^="edit-mother-"]').first.click()
    app.wait_for("profile-save")
    type_into(app, "field-family_phone", "0812-suami")
    app.tap("profile-save")
    app.wait_for("profile-not-saved")  # refused: the error sits under the field, what she typed stays
    scroll_to(app, "field-family_phone")
    app.shot("66-profile-phone-error")
    assert rows(server, "SELECT family_phone FROM mothers") == [("0812-3333-4444",)]
