"""The milk-flow diary as a mother uses it, in Chromium at 360x800 with the internet blocked."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta


def rows(server, sql: str) -> list[tuple]:
    with sqlite3.connect(server.db_file) as db:
        return db.execute(sql).fetchall()


def type_into(app, identifier: str, text: str) -> None:
    """Focus the field's own input (Flutter scrolls it into view), then type over its text."""
    app.wait_for(identifier)
    box = app.el(identifier).locator("input, textarea").first
    box.focus()
    app.page.wait_for_timeout(300)
    app.page.keyboard.press("Control+A")
    app.page.keyboard.type(text)


def field_value(app, identifier: str) -> str:
    return app.el(identifier).locator("input, textarea").first.input_value()


def test_profile_then_todays_report_in_indonesian_shows_in_history(open_app, server):
    app = open_app("id")
    app.shot("20-today-empty")
    app.tap("open-profile")
    born = date.today() - timedelta(days=4)  # postpartum day 5
    type_into(app, "field-mother_name", "Siti")
    type_into(app, "field-baby_birth_date", born.isoformat())
    app.shot("21-profile")
    app.tap("profile-save")
    app.wait_for("today-day")
    assert rows(server, "SELECT baby_birth_date FROM profile") == [(born.isoformat(),)]

    app.tap("open-report")
    app.wait_for("report-save")
    app.tap("flow-well")
    for sign in ("breasts_full_then_soft", "feeds_8_to_12", "baby_satisfied"):
        app.tap(f"sign-{sign}-yes")
    app.tap("sign-nipple_pain_not_worse-yes")
    type_into(app, "field-feeds_24h", "10")
    type_into(app, "field-wet_diapers", "6")
    app.wait_for("signs-score")
    app.shot("22-report")
    # the draft is kept while typing
    assert rows(server, "SELECT count(*) FROM drafts") == [(1,)]
    app.tap("report-save")
    app.wait_for("today-day")
    today = date.today().isoformat()
    assert rows(server, "SELECT day, flow, feeds_24h, wet_diapers FROM reports") == [(today, "well", 10, 6)]
    assert rows(server, "SELECT count(*) FROM drafts") == [(0,)]
    app.shot("23-today-reported")

    app.tap("open-diary")
    app.wait_for(f"day-{today}")
    app.wait_for("diary-chart")
    app.shot("24-diary")


def test_an_invalid_number_shows_its_message_and_keeps_the_other_fields(open_app, server):
    app = open_app("en")
    day = (date.today() - timedelta(days=1)).isoformat()
    app.page.goto(server.url + f"report?day={day}")
    app.wait_ready()
    app.wait_for("report-save")
    app.tap("flow-not_well")
    type_into(app, "field-feeds_24h", "abc")
    type_into(app, "field-wet_diapers", "5")
    type_into(app, "field-note", "capek sekali")
    app.tap("report-save")
    app.see("Please enter a number")
    app.shot("25-report-error")
    assert field_value(app, "field-feeds_24h") == "abc"
    assert field_value(app, "field-wet_diapers") == "5"
    assert field_value(app, "field-note") == "capek sekali"
    assert rows(server, f"SELECT count(*) FROM reports WHERE day = '{day}'") == [(0,)]
    # closing the tab keeps the half-filled report as a draft (the form reloads it: test_diary_screens)
    app.page.close()
    (draft,) = rows(server, f"SELECT data FROM drafts WHERE key = 'report:{day}'")
    assert '"wet_diapers": "5"' in draft[0] and '"feeds_24h": "abc"' in draft[0]


def test_a_fever_report_shows_the_red_flag_card_on_today(open_app, server):
    app = open_app("id")
    app.tap("open-report")
    app.wait_for("report-save")
    app.tap("field-fever")
    type_into(app, "field-temperature_c", "38,5")
    app.tap("report-save")
    app.wait_for("flag-fever")
    app.shot("26-today-redflag")


def test_reminders_download_an_ics_with_two_daily_events(open_app, server, tmp_path):
    app = open_app("id")
    app.tap("open-reminders")
    app.wait_for("reminders-export")
    type_into(app, "field-reminder-morning", "06:30")
    app.shot("27-reminders")
    with app.page.expect_download(timeout=15_000) as info:
        app.tap("reminders-export")
    path = tmp_path / "r.ics"
    info.value.save_as(path)
    text = path.read_text("utf-8")
    assert text.count("BEGIN:VEVENT") == 2
    assert text.count("RRULE:FREQ=DAILY") == 2
    assert "T063000" in text and "T190000" in text
