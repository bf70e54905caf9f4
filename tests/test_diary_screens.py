"""The diary screens built from the real store without a browser: draft reload, errors beside
fields with nothing cleared, red-flag cards, history with undo, the .ics text."""

from __future__ import annotations

from datetime import date, timedelta

import flet as ft
import pytest

from app import i18n
from app.domain.profile import Profile
from app.domain.report import validate_report
from app.store.db import open_store
from app.ui.screens import diary_history, reminders, report, today
from app.ui.shell import ROUTES
from tests.screens_harness import identifiers, make_context, texts, walk


@pytest.fixture
def ctx(tmp_path, clock):
    i18n.set_language("en")
    with open_store(tmp_path / "app.sqlite3") as store:
        ctx = make_context(store, clock)
        ctx.show = lambda route: None
        yield ctx
    i18n.set_language("id")


def _today(ctx) -> date:
    return ctx.clock.wall().astimezone().date()


def _profile(ctx, days_old: int = 4) -> None:
    ctx.store.profile.save(Profile(baby_birth_date=_today(ctx) - timedelta(days=days_old)), at=ctx.clock.wall())


def _field(view, identifier: str) -> ft.TextField:
    for node in walk(view):
        if isinstance(node, ft.Semantics) and node.identifier == identifier:
            return node.content
    raise LookupError(identifier)


def _save(view) -> None:
    for node in walk(view):
        if isinstance(node, ft.Semantics) and node.identifier == "report-save":
            node.content.controls[0].on_click(None)
            return


def test_today_asks_for_the_profile_then_shows_the_postpartum_day(ctx):
    view = ROUTES["/"](ctx)
    assert "open-profile" in identifiers(view)
    assert {"start-session", "open-history", "open-settings", "open-report"} <= identifiers(view)
    _profile(ctx)
    view = ROUTES["/"](ctx)
    assert "Day 5 after birth" in texts(view)
    assert "open-profile" not in identifiers(view)


def test_the_report_form_reloads_its_draft(ctx):
    day = _today(ctx)
    ctx.store.drafts.put(report.draft_key(day), {"feeds_24h": " 12", "flow": "well", "note": "hi"},
                         at=ctx.clock.wall())
    ctx.page.route = "/report"
    view = ROUTES["/report"](ctx)
    assert _field(view, "field-feeds_24h").value == " 12"
    assert _field(view, "field-note").value == "hi"


def test_an_invalid_value_shows_its_message_and_keeps_every_field(ctx):
    ctx.page.route = "/report"
    view = ROUTES["/report"](ctx)
    feeds, wet = _field(view, "field-feeds_24h"), _field(view, "field-wet_diapers")
    feeds.value, wet.value = "abc", "5"
    feeds.on_change(type("E", (), {"control": feeds})())
    wet.on_change(type("E", (), {"control": wet})())
    _save(view)
    assert feeds.error == "Please enter a number, e.g. 8." and feeds.value == "abc"
    assert wet.value == "5" and wet.error is None
    assert ctx.store.diary.count() == 0
    assert ctx.store.drafts.get(report.draft_key(_today(ctx)))["wet_diapers"] == "5"


def test_future_days_are_never_offered(ctx):
    ctx.page.route = f"/report?day={(_today(ctx) + timedelta(days=3)).isoformat()}"
    assert report.report_day(ctx) == _today(ctx)
    ctx.page.route = "/report?day=2026-02-30"
    assert report.report_day(ctx) == _today(ctx)


def test_raw_report_round_trips_a_saved_report(ctx):
    raw = {"day": _today(ctx).isoformat(), "flow": "not_well", "signs": {"feeds_8_to_12": True},
           "feeds_24h": "9", "fever": "true", "temperature_c": "38,5", "note": "SELECT 1; --"}
    saved, errors = validate_report(raw, today=_today(ctx))
    assert not errors
    again, errors = validate_report(report.raw_report(report.fields_from_report(saved), saved.day), today=_today(ctx))
    assert again == saved


def test_a_fever_report_puts_a_calm_card_on_today(ctx):
    _profile(ctx)
    saved, _ = validate_report({"day": _today(ctx), "flow": "well", "fever": True, "temperature_c": "38.4"},
                               today=_today(ctx))
    ctx.store.diary.save(saved, at=ctx.clock.wall())
    view = today.build(ctx)
    assert "flag-fever" in identifiers(view)
    assert "Keep breastfeeding." in texts(view)


def test_history_delete_and_undo(ctx):
    saved, _ = validate_report({"day": _today(ctx), "flow": "well"}, today=_today(ctx))
    ctx.store.diary.save(saved, at=ctx.clock.wall())
    ctx.page.route = "/diary"
    view = diary_history.build(ctx)
    key = _today(ctx).isoformat()
    assert {f"day-{key}", f"delete-{key}", "diary-chart"} <= identifiers(view)
    diary_history._delete(ctx, _today(ctx))
    assert ctx.store.diary.count() == 0
    assert "diary-undo" in identifiers(diary_history.build(ctx))
    diary_history._undo(ctx)
    assert ctx.store.diary.get(_today(ctx)) == saved


def test_reminders_ics_has_two_daily_events(ctx):
    text = reminders.ics_text(ctx, reminders.parse_time("6:30"), reminders.parse_time("19.15"))
    assert text.count("RRULE:FREQ=DAILY") == 2 and "T063000" in text and "T191500" in text
    assert reminders.parse_time("25:00") is None and reminders.parse_time("abc") is None


LONG_NOTE = "x" * 10_000
SQL_NOTE = "'); DROP TABLE reports;--"


@pytest.mark.parametrize("field, typed, message", [
    ("feeds_24h", "-1", "This number is too small."),  # negative
    ("feeds_24h", "999999", "This number is too large."),  # huge
    ("wet_diapers", "lima", "Please enter a number, e.g. 8."),  # non-numeric
    ("expressed_ml", "12.5", "Please enter a whole number."),  # decimal where a count is needed
    ("temperature_c", "50", "This number is too large."),  # impossible temperature
    ("note", LONG_NOTE, "This text is too long."),  # 10,000 characters
])
def test_bad_input_through_the_form_shows_its_message_and_leaves_the_database(ctx, field, typed, message):
    day = _today(ctx)
    _profile(ctx)
    ctx.store.diary.save(validate_report({"day": day.isoformat(), "flow": "well"}, today=day)[0], at=ctx.clock.wall())
    before = ctx.store.diary.get(day)
    ctx.store.drafts.put(report.draft_key(day), {"flow": "not_well", "fever": "true", field: typed}, at=ctx.clock.wall())
    ctx.page.route = "/report"
    view = ROUTES["/report"](ctx)
    _save(view)
    box = _field(view, f"field-{field}")
    assert box.error == message
    assert box.value == typed  # what she typed stays
    assert ctx.store.diary.get(day) == before  # the saved report is untouched


@pytest.mark.parametrize("note", [
    "ASI mulai lancar 🍼😊",  # emoji
    SQL_NOTE,  # SQL-looking text is only text
    'She said "better" \\ today',  # quotes and a backslash
])
def test_unusual_but_valid_notes_are_stored_verbatim(ctx, note):
    day = _today(ctx)
    ctx.store.drafts.put(report.draft_key(day), {"flow": "well", "note": note}, at=ctx.clock.wall())
    ctx.page.route = "/report"
    _save(ROUTES["/report"](ctx))
    assert ctx.store.diary.get(day).note == note
