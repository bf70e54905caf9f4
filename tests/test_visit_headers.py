"""Every visit screen names the mother and her day under its title: a midwife with many mothers
sees whose visit she is in (issue 23). Each screen is drawn as the app draws it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.store.db import open_store
from app.ui.screens import own_voice, quiz, skills, visit, visit_summary
from tests.render_harness import Mounted, find, make_app, texts

CLOCK_AT = datetime(2026, 11, 22, 6, 0).astimezone()  # FakeClock's start
SCREENS = [visit.Visit, quiz.QuizBefore, quiz.QuizAfter, skills.Skills, visit_summary.Summary, own_voice.OwnVoiceScreen]
WANT = {
    "en": "Siti · day 5 after birth",
    "id": "Siti · hari ke-5 setelah melahirkan",
}


def subtitle(screen: Mounted) -> str:
    return " ".join(texts(find(screen.view.appbar, "screen-subtitle")))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("component", SCREENS, ids=lambda c: c.__name__)
def test_each_visit_screen_names_her_and_her_day(tmp_path, component, lang):
    clock = FakeClock()
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using(lang):
        app = make_app(store, clock, lang)
        today = app.scope.diary.today()
        born = date.fromordinal(today.toordinal() - 5)
        app.scope.diary.save_profile({"mother_name": "Siti", "baby_birth_date": born.strftime("%d/%m/%Y")})
        assert subtitle(Mounted(component, app)) == WANT[lang]


def test_the_header_says_so_when_she_has_no_name_or_birth_date(tmp_path):
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        app = make_app(store, FakeClock())
        assert subtitle(Mounted(visit.Visit, app)) == "Mother 1 · birth date not entered yet"


def test_choosing_another_mother_changes_the_header(tmp_path):
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        app = make_app(store, FakeClock())
        today = app.scope.diary.today()
        store.profile.save(Profile(mother_name="Siti", baby_birth_date=today), at=CLOCK_AT)
        other, _new = app.visitor.mothers.add()
        store.mother(other).profile.save(Profile(mother_name="Dewi", baby_birth_date=today), at=CLOCK_AT)
        assert subtitle(Mounted(visit.Visit, app)) == "Siti · the day of birth"
        app.choose_mother(other)
        assert subtitle(Mounted(visit.Visit, app)) == "Dewi · the day of birth"
