"""The report and profile forms drawn without a browser (tests/render_harness.py): a refused Save counts
the fields beside Save and puts every message under its own field (the mood's too); a reopened draft is
marked with Discard; a past day's form asks about that day; the birth date is shown in words."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.store.db import open_store
from app.ui.screens import profile, report
from app.ui.state import AppState
from tests.render_harness import Mounted, find, make_app, walk

DAY = date(2026, 11, 22)  # FakeClock's day


@pytest.fixture
def app(tmp_path) -> Iterator[AppState]:
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        state = make_app(store, FakeClock())
        state.scope.store.profile.save(Profile(baby_birth_date=date(2026, 11, 18)), at=state.visitor.clock.wall())
        yield state


def save(screen: Mounted, identifier: str) -> None:
    """Tap Save (an async handler) and redraw."""
    button = next(n for n in walk(find(screen.view, identifier)) if getattr(n, "on_click", None))
    result = button.on_click(None)
    if asyncio.iscoroutine(result):
        asyncio.run(result)
    screen.draw()


def field_error(screen: Mounted, identifier: str) -> str | None:
    return next(n.error for n in walk(find(screen.view, identifier)) if hasattr(n, "error"))


def test_a_refused_report_counts_its_fields_and_shows_each_message_by_its_field(app):
    fields = {**app.scope.diary.form(DAY), "flow": "well", "feeds_24h": "31", "mood": "9"}  # a stale draft's mood
    app.scope.diary.keep_draft(DAY, fields)
    app.go("/report")
    screen = Mounted(report.Report, app)
    assert "form-summary" not in screen.identifiers() and "report-not-saved" not in screen.identifiers()
    save(screen, "report-save")
    assert "Not saved: 2 fields need attention." in screen.texts()
    assert field_error(screen, "field-feeds_24h") == "This number is too large. Allowed: 0-30."
    mood = find(screen.view, "error-mood")
    assert mood.label == "This number is too large. Allowed: 1-5." and mood.live_region
    assert app.scope.store.diary.get(DAY) is None


def test_a_reopened_draft_is_marked_and_discard_brings_back_the_saved_report(app):
    app.scope.diary.save_report(DAY, {**app.scope.diary.form(DAY), "flow": "well", "feeds_24h": "9"})
    app.scope.diary.keep_draft(DAY, {**app.scope.diary.form(DAY), "feeds_24h": "12"})
    app.go("/report")
    screen = Mounted(report.Report, app)
    assert "report-unsaved" in screen.identifiers()
    assert "Not saved yet" in screen.texts()
    screen.tap("report-unsaved-discard")
    assert "report-unsaved" not in screen.identifiers()
    assert next(n.value for n in walk(find(screen.view, "field-feeds_24h")) if hasattr(n, "error")) == "9"
    assert app.scope.store.drafts.get(f"report:{DAY.isoformat()}") is None


def test_a_fresh_form_is_not_marked_unsaved(app):
    app.go("/report")
    assert "report-unsaved" not in Mounted(report.Report, app).identifiers()


@pytest.mark.parametrize(
    "lang, question, diapers",
    [
        ("en", "How was your milk flowing on 20 November 2026?", "Wet diapers that day"),
        ("id", "Bagaimana ASI Ibu pada 20 November 2026?", "Popok basah hari itu"),
    ],
)
def test_a_past_days_form_asks_about_that_day(app, lang, question, diapers):
    app.go(report.report_route("2026-11-20"))
    with i18n.using(lang):
        screen = Mounted(report.Report, app)
        assert question in screen.texts()
        assert any(text == diapers for text in screen.texts())


def test_todays_form_asks_about_today(app):
    app.go("/report")
    assert "How is your milk flowing today?" in Mounted(report.Report, app).texts()


def test_the_profile_shows_the_birth_date_typed_the_indonesian_way_and_in_words(app):
    with i18n.using("id"):
        screen = Mounted(profile.Profile, app)
        box = next(n for n in walk(find(screen.view, "field-baby_birth_date")) if hasattr(n, "error"))
        assert box.value == "18/11/2026" and box.helper == "18 November 2026"
        assert "pick-birth-date" in screen.identifiers()


def test_a_refused_profile_counts_its_fields(app):
    screen = Mounted(profile.Profile, app)
    field: Any = find(screen.view, "field-midwife_phone")
    field.content.on_change(type("E", (), {"control": type("C", (), {"value": "0812"})()})())
    save(screen, "profile-save")
    assert "Not saved: 1 field needs attention." in screen.texts()
    assert field_error(screen, "field-midwife_phone") == "Please enter a phone number, e.g. 0812-3456-7890."


def _type(screen: Mounted, identifier: str, text: str) -> None:
    field: Any = find(screen.view, identifier)
    field.content.on_change(type("E", (), {"control": type("C", (), {"value": text})()})())
    screen.draw()


def test_her_and_her_familys_phones_are_saved_and_a_bad_one_is_named_by_its_field(app):
    with i18n.using("id"):
        screen = Mounted(profile.Profile, app)
        _type(screen, "field-mother_phone", "0813 1111 2222")
        _type(screen, "field-family_phone", "0812-suami")
        save(screen, "profile-save")
        assert field_error(screen, "field-family_phone") == "Tulis nomor HP atau telepon, misalnya 0812-3456-7890."
        assert field_error(screen, "field-mother_phone") is None
        box = next(n for n in walk(find(screen.view, "field-family_phone")) if hasattr(n, "error"))
        assert box.value == "0812-suami"  # what she typed stays
        assert app.scope.store.profile.get() == Profile(baby_birth_date=date(2026, 11, 18))  # nothing written
        _type(screen, "field-family_phone", "+62 812 3333 4444")
        save(screen, "profile-save")
    saved = app.scope.store.profile.get()
    assert saved is not None
    assert (saved.mother_tel, saved.family_tel) == ("tel:+6281311112222", "tel:+6281233334444")
