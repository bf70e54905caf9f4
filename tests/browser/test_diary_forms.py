"""The report and profile forms show their errors, in Chromium at 360x800 with the internet blocked.

One app server for the module; the tests run in file order and build on each other: the profile (typed
day/month/year, then the calendar), a refused report (scrolled to its first error, counted beside Save,
each message by its field and marked invalid for a screen reader), the saved confirmation, a reopened
draft marked "not saved yet" and discarded, a past day's form asking about that day, and a birth date
moved after a report (asked first).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from app import i18n
from app.domain.report import validate_report
from app.store.db import open_store
from tests.browser.test_diary_flow import (
    APP_BAR,
    VISIBLE,
    has_value,
    rows,
    scroll_to,
    see,
    see_saved,
    start,
    tap,
    type_into,
)
from tests.testday import CLOCK, TODAY

BORN = TODAY - timedelta(days=5)


def format_date(day: date, fmt: str) -> str:
    with i18n.using("id"):
        return i18n.format_date(day, fmt)


def typed(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def draft_holds(app, **fields: str) -> None:
    """Wait until the server has taken in what was typed (the form keeps it as a draft at every
    change), as a person's pause before Save gives it time to; on a loaded machine the page can show
    a keystroke a moment before the server has processed it."""

    def taken_in() -> bool:
        drafts = [json.loads(data) for (data,) in rows(app.server, "SELECT data FROM drafts")]
        return any(all(d.get(k) == v for k, v in fields.items()) for d in drafts)

    app.until(taken_in, what=f"a draft holding {fields}")


def in_view(app, identifier: str) -> bool:
    """The control is whole on screen below the app bar and above the fixed bottom bar (Save and
    the summary), without any scrolling by the test."""
    box = app.el(identifier).bounding_box() if app.el(identifier).count() else None
    return box is not None and box["y"] >= APP_BAR and box["y"] + box["height"] <= VISIBLE[1]


def test_the_profile_takes_a_typed_or_picked_date(open_app, server):
    app = start(open_app, "id")
    tap(app, "open-profile")
    type_into(app, "field-baby_birth_date", "31/02/2026")
    tap(app, "profile-save")
    app.el("profile-not-saved").get_by_text("1 isian perlu diperiksa", exact=False).wait_for(state="attached")
    app.el("field-baby_birth_date").get_by_text("HH/BB/TTTT", exact=False).wait_for(state="attached")
    # the calendar (Material's, in Indonesian): it opens on today; a tapped day and OKE fill the field
    earlier = app.page.get_by_role("button", name="Bulan sebelumnya")  # in the calendar's header
    tap(app, "pick-birth-date")
    try:
        earlier.wait_for(timeout=10_000)
    except PlaywrightTimeout:  # on a saturated machine the tap arrived as a long press (its tooltip showed)
        tap(app, "pick-birth-date")  # as she would: once more
    if BORN.month != TODAY.month:
        earlier.click()
    # Its full name ("29, Minggu, 29 November 2026"): the next month's 29th may be there too.
    long_day = format_date(BORN, "long")
    day = app.page.get_by_role("button", name=re.compile(rf"^{BORN.day}, .*{re.escape(long_day)}$"))
    day.wait_for()
    app.settle()  # the dialog's opening animation is over: a tap during it is lost
    day.click()
    app.shot("21-profile-calendar")
    app.page.get_by_role("button", name="OKE", exact=True).click()
    # the picked day, in words under the field ("18 November 2026"): what the field now holds
    see(app, format_date(BORN, "long"))
    app.shot("21-profile")
    tap(app, "profile-save")
    see_saved(app)
    assert rows(server, "SELECT baby_birth_date FROM mothers") == [(BORN.isoformat(),)]


def test_a_refused_report_scrolls_to_its_first_error_and_says_why(open_app, server):
    app = start(open_app, "id")
    tap(app, "open-report")
    tap(app, "flow-well")
    type_into(app, "field-feeds_24h", "31")
    type_into(app, "field-wet_diapers", "١٢")  # Arabic-Indic digits: refused, never read as 12
    type_into(app, "field-expressed_ml", "12,5")
    type_into(app, "field-note", "Bayi tidur nyenyak")
    app.page.keyboard.press("End")
    app.page.keyboard.insert_text(" 🙂")  # as a phone's emoji keyboard puts it in: one input event
    app.until(lambda: "🙂" in str(rows(server, "SELECT data FROM drafts")), what="the emoji in the draft")
    scroll_to(app, "field-note")
    assert not in_view(app, "field-feeds_24h")
    tap(app, "report-save")
    summary = app.el("report-not-saved")
    summary.get_by_text("2 isian perlu diperiksa", exact=False).wait_for(state="attached")
    app.until(lambda: in_view(app, "field-feeds_24h"), what="the form scrolling to the first field in error")
    app.el("field-feeds_24h").get_by_text("Yang boleh: 0-30", exact=False).wait_for(state="attached")
    app.el("field-wet_diapers").get_by_text("angka 0-9", exact=False).wait_for(state="attached")
    # a screen reader reads the message with the field: Flutter puts it in the input's description
    # (it leaves aria-invalid "false": Flet 1.0.5 has no way to set a field's validation state)
    expect(app.el("field-feeds_24h").locator("input")).to_have_attribute(
        "aria-description", "Angka ini terlalu besar. Yang boleh: 0-30."
    )
    app.shot("25-report-error")
    assert rows(server, "SELECT count(*) FROM reports") == [(0,)]

    # the emoji she typed is drawn from the bundled font: the web client never asks the internet for one
    scroll_to(app, "field-note")
    app.shot("31-report-emoji")  # settled: the emoji font has come and is drawn
    assert not [url for url in open_app.requests if "emoji" in url.lower() and "127.0.0.1" not in url]
    type_into(app, "field-feeds_24h", "9")
    type_into(app, "field-wet_diapers", "6")
    draft_holds(app, feeds_24h="9", wet_diapers="6")
    tap(app, "report-save")
    see_saved(app)
    app.wait_for("today-day")
    assert rows(server, "SELECT feeds_24h, wet_diapers, expressed_ml, note FROM reports") == [
        (9, 6, 13, "Bayi tidur nyenyak 🙂")
    ]  # 12,5 ml rounded half up


def test_a_reopened_draft_is_marked_and_can_be_discarded(open_app, server):
    app = start(open_app, "id")
    tap(app, "open-report")
    type_into(app, "field-feeds_24h", "11")
    tap(app, "back")
    tap(app, "open-report")
    app.wait_for("report-unsaved")
    see(app, "Belum disimpan")
    app.shot("29-report-unsaved")
    has_value(app, "field-feeds_24h", "11")
    tap(app, "report-unsaved-discard")
    app.el("report-unsaved").wait_for(state="detached")
    has_value(app, "field-feeds_24h", "9")  # as saved
    assert rows(server, "SELECT count(*) FROM drafts") == [(0,)]


def test_a_past_day_asks_about_that_day_and_a_moved_birth_date_asks_first(open_app, server):
    yesterday = TODAY - timedelta(days=1)
    with open_store(server.db_file) as store:
        report, _ = validate_report({"day": yesterday, "flow": "not_well"}, today=TODAY)
        assert report is not None
        store.diary.save(report, at=CLOCK.wall())
    app = start(open_app, "en")
    tap(app, "open-diary")
    tap(app, f"edit-{yesterday.isoformat()}")
    see(app, "How was your milk flowing on")
    see(app, "Wet diapers that day")
    tap(app, "back")
    app.wait_for(f"edit-{yesterday.isoformat()}")  # the diary again: a second tap on the leaving form's Back is lost
    tap(app, "back")
    app.wait_for("open-settings")  # Today
    tap(app, "edit-profile")
    type_into(app, "field-baby_birth_date", typed(TODAY))
    tap(app, "profile-save")
    app.wait_for("dialog-reports-before-birth")
    see(app, "Move it and delete 1 report")  # yesterday's; today's report stays
    app.shot("30-profile-move-birth")
    tap(app, "dialog-keep-date")
    has_value(app, "field-baby_birth_date", typed(BORN))  # kept: the form shows the saved date again
    assert rows(server, "SELECT baby_birth_date FROM mothers") == [(BORN.isoformat(),)]

    type_into(app, "field-baby_birth_date", typed(TODAY))
    tap(app, "profile-save")
    tap(app, "dialog-move-date")
    see_saved(app)
    assert rows(server, "SELECT baby_birth_date FROM mothers") == [(TODAY.isoformat(),)]
    assert rows(server, "SELECT day FROM reports ORDER BY day") == [(TODAY.isoformat(),)]


def test_the_form_with_errors_in_english(open_app, server):
    app = start(open_app, "en")
    tap(app, "open-report")
    type_into(app, "field-expressed_ml", "2500")
    type_into(app, "field-temperature_c", "45")
    draft_holds(app, expressed_ml="2500", temperature_c="45")
    scroll_to(app, "field-note")
    tap(app, "report-save")
    app.el("report-not-saved").get_by_text("2 fields need attention", exact=False).wait_for(state="attached")
    app.until(lambda: in_view(app, "field-expressed_ml"), what="the form scrolling to the first field in error")
    app.el("field-expressed_ml").get_by_text("Allowed: 0-2,000\u00a0ml", exact=False).wait_for(state="attached")
    app.shot("25-report-error")
    scroll_to(app, "field-temperature_c")
    app.el("field-temperature_c").get_by_text("Allowed: 34-43\u00a0°C", exact=False).wait_for(state="attached")
