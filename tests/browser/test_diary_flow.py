"""The milk-flow diary as a mother uses it, in Chromium at 360x800 with the internet blocked.

The tests share one app server (one database) and run in file order: the first one enters the
profile and today's report, the later ones build on it. Every wait is on a condition.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date, timedelta

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from app import i18n
from app.domain.report import validate_report
from app.store.db import open_store
from tests.testday import CLOCK, TODAY

SAVED = {"id": "Tersimpan", "en": "Saved"}


def rows(server, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(server.db_file) as db:
        return db.execute(sql, params).fetchall()


# A person's typing speed (a fast thumb: about 12 letters a second). Playwright's default types a
# whole word within one frame, faster than anyone, and the keystrokes then reach the app in one burst.
TYPING_DELAY_MS = 80


def type_into(app, identifier: str, text: str) -> None:
    """Focus the field's own input (Flutter scrolls it into view), then type over its text at a
    person's speed. A redraw can take the focus back while typing starts, so it is tried again until
    the field holds it."""
    app.wait_for(identifier)
    box = app.el(identifier).locator("input, textarea").first
    app.settle()  # a closing dialog gives the focus back where it was when it is gone
    for attempt in range(3):
        box.focus()
        expect(box).to_be_focused()
        app.page.keyboard.press("Control+A")
        app.page.keyboard.type(text, delay=TYPING_DELAY_MS)
        try:
            expect(box).to_have_value(text, timeout=3000)
            return
        except AssertionError:
            if attempt == 2:
                raise


def has_value(app, identifier: str, text: str) -> None:
    """The field holds `text`. Flutter writes a field's text into the page only while it has the
    focus (the others keep stale values), so focus it, then wait for the text."""
    box = app.el(identifier).locator("input, textarea").first
    app.settle()  # a closing dialog gives the focus back where it was when it is gone
    for attempt in range(3):  # a focus given while a dialog closes can be taken back: try again
        box.focus()
        try:
            expect(box).to_be_focused(timeout=5000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    expect(box).to_have_value(text)


APP_BAR = 56  # its height: the body starts below it
VISIBLE = (72, 600)  # below the app bar, above the fixed bottom bar (Save, Undo)
FIXED = {"back", "intro-done", "report-save", "profile-save", "reminders-export", "diary-undo"}  # never scroll


def scroll_to(app, identifier: str):
    """Scroll the screen with the mouse wheel, as Flutter scrolls, until the control is clear of the
    app bar and the fixed bottom bar (Flutter leaves controls far off screen out of the page)."""
    loc = app.el(identifier)
    sel = f'[flt-semantics-identifier="{identifier}"]'
    app.page.mouse.move(180, 300)
    for _ in range(40):
        box = loc.bounding_box() if loc.count() else None
        if box is not None and VISIBLE[0] <= box["y"] and box["y"] + box["height"] <= VISIBLE[1]:
            return loc
        app.page.mouse.wheel(0, -150 if box is not None and box["y"] < VISIBLE[0] else 150)
        try:  # wait until the screen moved (or the control appeared)
            app.page.wait_for_function(
                "([sel, top]) => { const e = document.querySelector(sel);"
                " return e !== null && e.getBoundingClientRect().top !== top; }",
                arg=[sel, None if box is None else box["y"]],
                timeout=1500,
            )
        except PlaywrightTimeout:  # the end of the screen: it is as far as it goes
            if box is not None:
                return loc
    raise AssertionError(f"{identifier} never came into view")


def tap(app, identifier: str) -> None:
    """Tap a control where a finger can reach it (Playwright alone would tap whatever covers it)."""
    if identifier in FIXED:
        # As a person taps Save: once the screen has stopped changing (on a loaded machine a tap
        # while the form still scrolls a field into view, or redraws the last keystroke, was lost).
        app.settle()
        app.tap(identifier)
        return
    with contextlib.suppress(PlaywrightTimeout):  # the new screen is drawn; a control far down may only appear
        app.wait_for(identifier, timeout=3000)  # once scrolled to
    scroll_to(app, identifier).click()


def start(open_app, lang: str):
    """A new tab on Today (past the first-run introduction, which only the first visit sees)."""
    app = open_app(lang)
    first = app.page.locator('[flt-semantics-identifier="intro-done"], [flt-semantics-identifier="start-session"]')
    first.first.wait_for(state="attached", timeout=20_000)
    if app.el("intro-done").count():
        app.tap("intro-done")
    app.wait_for("start-session")
    return app


def see(app, text: str) -> None:
    """Wait until the text is shown, alone or inside a card Flutter reads as one label."""
    app.page.get_by_text(text).or_(app.page.get_by_label(text, exact=False)).first.wait_for(state="attached")


def back_on_today(app, card: str):
    """After Save: wait until Today has replaced the form, then for the card the report raised whole in
    view, Today back at its top: she had scrolled down to the report's button, and the card is above.
    (The card is on both screens: a wait for it alone can pass on the form, its picture taken or its
    119 tapped as the screens swap.)"""
    app.el("report-save").wait_for(state="detached")
    app.wait_for("open-report")
    loc = app.wait_for(card)
    # Flutter clips a node to what is on screen: a card scrolled half under the app bar has its top at
    # the bar's edge, and its first line ("Reported today") closer to it than the title's height.
    first_line = app.el(card.replace("flag-", "flag-when-", 1))

    def at_top() -> bool:
        box, line = loc.bounding_box(), first_line.bounding_box() if first_line.count() else None
        return box is not None and line is not None and box["y"] >= APP_BAR and line["y"] - box["y"] >= 50

    app.until(at_top, what=f"{card} at the top of Today")
    return loc


def see_saved(app) -> None:
    """The confirmation after a save: the notice, in her language."""
    notice = app.wait_for("notice")
    notice.get_by_text(SAVED[app.lang]).first.wait_for(state="attached")  # a newer notice may sit on an older one


def test_profile_then_todays_report_in_indonesian_shows_in_history(open_app, server):
    app = start(open_app, "id")
    app.wait_for("open-profile")
    app.shot("20-today-empty")
    tap(app, "open-profile")
    born = TODAY - timedelta(days=5)  # postpartum day 5 (the birth date is day 0)
    type_into(app, "field-mother_name", "Siti")
    type_into(app, "field-baby_birth_date", born.isoformat())
    app.shot("21-profile")
    tap(app, "profile-save")
    see_saved(app)
    app.wait_for("today-day")
    see(app, "Hari ke-5 setelah melahirkan")
    assert rows(server, "SELECT baby_birth_date FROM mothers") == [(born.isoformat(),)]

    tap(app, "open-report")
    app.wait_for("report-save")
    tap(app, "flow-well")
    for sign in ("breasts_full_then_soft", "feeds_8_to_12", "baby_satisfied"):
        tap(app, f"sign-{sign}-yes")
    tap(app, "sign-nipple_pain_worse-no")  # sign 7 asked positively: no worse pain counts
    see(app, "4 dari 8 tanda")
    type_into(app, "field-feeds_24h", "10")
    type_into(app, "field-wet_diapers", "6")
    app.shot("22-report")
    # the draft is kept while typing
    assert rows(server, "SELECT count(*) FROM drafts") == [(1,)]
    tap(app, "report-save")
    see_saved(app)
    app.wait_for("today-day")
    today = TODAY.isoformat()
    assert rows(server, "SELECT day, flow, feeds_24h, wet_diapers FROM reports") == [(today, "well", 10, 6)]
    assert rows(server, "SELECT count(*) FROM drafts") == [(0,)]
    scroll_to(app, "report-status")
    see(app, "Lancar · 4 dari 8 tanda")
    app.shot("23-today-reported")

    tap(app, "open-diary")
    app.wait_for(f"day-{today}")
    app.wait_for("diary-chart")
    app.shot("24-diary")


def test_an_edit_of_a_past_day_returns_to_the_diary(open_app, server):
    yesterday = TODAY - timedelta(days=1)
    with open_store(server.db_file) as store:  # a report she wrote yesterday
        report, _ = validate_report({"day": yesterday, "flow": "not_well"}, today=TODAY)
        assert report is not None
        store.diary.save(report, at=CLOCK.wall())
    app = start(open_app, "id")
    tap(app, "open-diary")
    tap(app, f"edit-{yesterday.isoformat()}")
    app.wait_for("report-save")
    see(app, "Hari ke-4 setelah melahirkan")
    tap(app, "flow-well")
    tap(app, "report-save")
    see_saved(app)
    app.wait_for("diary-chart")  # back in the diary, not on Today
    assert app.el("start-session").count() == 0
    assert rows(server, "SELECT flow FROM reports WHERE day = ?", (yesterday.isoformat(),)) == [("well",)]


def test_an_invalid_number_keeps_what_was_typed_and_writes_nothing(open_app, server):
    app = start(open_app, "en")
    before = rows(server, "SELECT * FROM reports ORDER BY day")
    tap(app, "open-report")
    app.wait_for("report-save")
    type_into(app, "field-feeds_24h", "abc")
    type_into(app, "field-wet_diapers", "5")
    type_into(app, "field-note", "capek sekali")
    tap(app, "report-save")
    # the message sits with its field (inside the field's own node), and a line near Save says why
    app.el("field-feeds_24h").get_by_text("Please enter a number, e.g. 8.").wait_for(state="attached")
    app.wait_for("report-not-saved")
    scroll_to(app, "field-feeds_24h")
    app.shot("25-report-error")
    has_value(app, "field-feeds_24h", "abc")
    has_value(app, "field-wet_diapers", "5")
    has_value(app, "field-note", "capek sekali")
    assert rows(server, "SELECT * FROM reports ORDER BY day") == before  # nothing saved

    # closing the tab keeps the half-filled report: a new tab shows it again
    app.page.close()
    again = start(open_app, "en")
    tap(again, "open-report")
    again.wait_for("field-feeds_24h")
    has_value(again, "field-feeds_24h", "abc")
    has_value(again, "field-note", "capek sekali")
    type_into(again, "field-feeds_24h", "9")
    tap(again, "report-save")
    see_saved(again)
    assert rows(server, "SELECT feeds_24h, wet_diapers, note FROM reports WHERE day = ?", (TODAY.isoformat(),)) == [
        (9, 5, "capek sekali")
    ]


def test_a_fever_report_shows_the_red_flag_card_on_today(open_app, server):
    app = start(open_app, "id")
    tap(app, "open-report")
    app.wait_for("report-save")
    tap(app, "flow-well")  # asked of every report (before, the form refused this one and its card passed)
    tap(app, "field-fever")
    type_into(app, "field-temperature_c", "38,5")
    tap(app, "report-save")
    back_on_today(app, "flag-fever")
    saved = rows(server, "SELECT flow, fever, temperature_c FROM reports WHERE day = ?", (TODAY.isoformat(),))
    assert saved == [("well", 1, 38.5)]
    see(app, "Tetap menyusui.")
    app.shot("26-today-redflag")


def _unstamped(server, day: str) -> list[tuple]:
    """The day's report without its created/updated stamps (columns added later come after them)."""
    with sqlite3.connect(server.db_file) as db:
        cursor = db.execute("SELECT * FROM reports WHERE day = ?", (day,))
        names = [c[0] for c in cursor.description]
        return [tuple(v for n, v in zip(names, row, strict=True) if not n.endswith("_at")) for row in cursor]


def _date_words(day: date, lang: str, fmt: str = "medium") -> str:
    with i18n.using(lang):
        return i18n.format_date(day, fmt)


def confirm_delete(app, day: str) -> None:
    """Delete asks first, naming the day; she says yes."""
    tap(app, f"delete-{day}")
    app.wait_for("dialog-delete-report")
    app.tap("dialog-delete-yes")
    app.el("dialog-delete-report").wait_for(state="detached")


def test_delete_asks_first_then_undo_through_the_buttons(open_app, server):
    day = TODAY.isoformat()
    _unstamped_before = _unstamped(server, day)
    assert _unstamped_before, "the earlier tests saved today's report"
    app = start(open_app, "id")
    tap(app, "open-diary")
    tap(app, f"delete-{day}")
    dialog = app.wait_for("dialog-delete-report")
    dialog.get_by_text(_date_words(TODAY, "id", "full"), exact=False).wait_for(state="attached")
    dialog.get_by_text("Hari ke-5 setelah melahirkan", exact=False).wait_for(state="attached")
    app.shot("28-diary-delete-confirm")
    app.tap("dialog-cancel")  # she changes her mind: nothing is deleted
    dialog.wait_for(state="detached")
    assert _unstamped(server, day) == _unstamped_before
    assert app.el("diary-undo").count() == 0

    confirm_delete(app, day)
    app.wait_for("diary-undo")
    see(app, "Urungkan")
    app.shot("28-diary-undo")
    assert rows(server, "SELECT count(*) FROM reports WHERE day = ?", (day,)) == [(0,)]
    tap(app, "diary-undo")
    app.wait_for(f"delete-{day}")
    app.el("diary-undo").wait_for(state="detached")
    assert _unstamped(server, day) == _unstamped_before  # but the stamps


def test_undo_stays_for_the_visit_until_another_delete(open_app, server):
    today, yesterday = TODAY, TODAY - timedelta(days=1)
    app = start(open_app, "en")
    tap(app, "open-diary")
    confirm_delete(app, yesterday.isoformat())
    app.wait_for("diary-undo")
    # away from the diary and back: Undo is still offered, naming the day
    tap(app, "back")
    app.wait_for("open-settings")
    tap(app, "open-diary")
    app.el("diary-deleted").get_by_text(_date_words(yesterday, "en"), exact=False).wait_for(state="attached")
    app.wait_for("diary-undo")
    # another delete: Undo now brings back that one; the first stays deleted
    confirm_delete(app, today.isoformat())
    app.el("diary-deleted").get_by_text(_date_words(today, "en"), exact=False).wait_for(state="attached")
    tap(app, "diary-undo")
    app.wait_for(f"delete-{today.isoformat()}")
    app.el("diary-undo").wait_for(state="detached")
    assert rows(server, "SELECT count(*) FROM reports WHERE day = ?", (today.isoformat(),)) == [(1,)]
    assert rows(server, "SELECT count(*) FROM reports WHERE day = ?", (yesterday.isoformat(),)) == [(0,)]
    app.wait_for(f"empty-{yesterday.isoformat()}")  # the day stays listed, now "not filled in"
    assert app.el(f"delete-{yesterday.isoformat()}").count() == 0


def test_reminders_download_an_ics_with_two_daily_events(open_app, server, tmp_path):
    app = start(open_app, "id")
    tap(app, "open-reminders")
    app.wait_for("reminders-export")
    type_into(app, "field-reminder-morning", "06:30")
    app.shot("27-reminders")
    with app.page.expect_download(timeout=15_000) as info:
        tap(app, "reminders-export")
    path = tmp_path / "r.ics"
    info.value.save_as(path)
    text = path.read_text("utf-8")
    assert text.count("BEGIN:VEVENT") == 2
    assert text.count("RRULE:FREQ=DAILY") == 2
    assert "T063000" in text and "T190000" in text
    app.wait_for("reminders-status")
    # Hers, in the reminders table (never a setting key with her id in it)
    assert rows(server, "SELECT at_time FROM reminders WHERE slot = 'morning'") == [("06:30",)]
    assert rows(server, "SELECT count(*) FROM settings WHERE key LIKE 'reminder%'") == [(0,)]


def test_the_diary_screens_in_english(open_app, server):
    """The English screenshots of the diary screens (the Indonesian ones come from the tests above)."""
    app = start(open_app, "en")
    see(app, "Milk diary")
    app.shot("23-today-reported")
    tap(app, "edit-profile")
    see(app, "Baby's birth date")
    app.shot("21-profile")
    tap(app, "back")
    tap(app, "open-report")
    see(app, "How is your milk flowing today?")
    app.shot("22-report")
    tap(app, "back")
    tap(app, "open-diary")
    app.wait_for("diary-chart")
    see(app, "By day")
    app.shot("24-diary")
    tap(app, "back")
    tap(app, "open-reminders")
    see(app, "Morning reminder (HH:MM)")
    app.shot("27-reminders")
