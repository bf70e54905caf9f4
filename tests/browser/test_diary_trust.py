"""What the mother must be able to trust in her diary (issue 26), in Chromium at 360x800:

- a number comes back as she wrote it in her language: 38,5 in Indonesian, 38.5 in English, in
  the form reopened and in the diary (and 38.5 in the database);
- a day whose form holds answers not yet saved is marked in the diary's list, and opening it
  brings them back;
- a link to a day that cannot have a report (still to come, before the birth, not a day) says so
  and offers a way back, never another day's form;
- the delete confirmation and the calm cards in the dark theme, for the screenshots.

One app server with a profile (the baby born 10 days ago); the tests run in file order.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import i18n
from app.domain.profile import Profile
from app.domain.report import validate_report
from app.store.db import open_store
from tests.browser.test_diary_flow import has_value, rows, scroll_to, see, start, tap, type_into
from tests.browser.test_diary_forms import draft_holds
from tests.testday import CLOCK, TODAY

BORN = TODAY - timedelta(days=10)
SAVED = {"id": "Tersimpan", "en": "Saved"}


def words(lang: str, fn, *args) -> str:
    with i18n.using(lang):
        return fn(*args)


@pytest.fixture(scope="module")
def seeded(server):
    with open_store(server.db_file) as store:
        store.profile.save(Profile(mother_name="Siti", baby_birth_date=BORN), at=CLOCK.wall())
        report, errors = validate_report({"day": TODAY - timedelta(days=5), "flow": "well"}, today=TODAY)
        assert report is not None, errors
        store.diary.save(report, at=CLOCK.wall())
    return server


def open_day(app, ago: int) -> str:
    day = (TODAY - timedelta(days=ago)).isoformat()
    tap(app, "open-diary")
    tap(app, f"edit-{day}")
    app.wait_for("report-save")
    return day


def saved(app) -> None:
    tap(app, "report-save")
    app.wait_for("notice", timeout=20_000).get_by_text(SAVED[app.lang]).first.wait_for(state="attached")


@pytest.mark.parametrize(
    ("lang", "ago", "typed", "shown"),
    [("id", 1, "38,5", "38,5 °C"), ("en", 2, "38.5", "38.5 °C")],
)
def test_a_decimal_comes_back_as_she_wrote_it(open_app, seeded, lang, ago, typed, shown):
    app = start(open_app, lang)
    day = open_day(app, ago)
    tap(app, "flow-well")
    type_into(app, "field-temperature_c", typed)
    app.shot("31-report-decimal")
    saved(app)
    assert rows(seeded, "SELECT temperature_c FROM reports WHERE day = ?", (day,)) == [(38.5,)]
    card = app.el(f"day-{day}")  # the diary's card, which Flutter reads as one label
    card.get_by_text(shown, exact=False).or_(card.get_by_label(shown, exact=False)).first.wait_for(state="attached")
    tap(app, f"edit-{day}")  # the form, reopened
    app.wait_for("report-save")
    scroll_to(app, "field-temperature_c")
    has_value(app, "field-temperature_c", typed)


def test_a_day_with_answers_not_saved_is_marked_and_brings_them_back(open_app, seeded):
    app = start(open_app, "id")
    day = open_day(app, 3)
    type_into(app, "field-note", "belum selesai")
    draft_holds(app, note="belum selesai")  # the server has taken it in, as a pause gives it time to
    tap(app, "back")  # not saved: she leaves the form
    mark = app.wait_for(f"unsaved-{day}")
    scroll_to(app, f"unsaved-{day}")
    mark.get_by_text("Belum disimpan", exact=False).first.wait_for(state="attached")
    assert app.el(f"empty-{day}").count() == 0  # not "not filled in": something is typed there
    app.shot("32-diary-draft")
    assert rows(seeded, "SELECT count(*) FROM reports WHERE day = ?", (day,)) == [(0,)]
    tap(app, f"edit-{day}")
    app.wait_for("report-unsaved")  # "Not saved yet" on the form too
    scroll_to(app, "field-note")
    has_value(app, "field-note", "belum selesai")


@pytest.mark.parametrize(
    ("asked", "reason"),
    [
        ("2999-01-01", "belum tiba"),  # still to come
        ((BORN - timedelta(days=1)).isoformat(), "sebelum tanggal lahir"),  # the day before the birth
        ("garbage", "tidak menyebut hari"),  # not a day at all
    ],
    ids=["future", "before-birth", "garbage"],
)
def test_a_link_to_a_day_without_a_form_says_so_and_offers_a_way_back(open_app, seeded, asked, reason):
    start(open_app, "id").page.close()  # the introduction is behind her
    app = open_app("id", f"report?day={asked}", skip_intro=False)
    app.wait_for("report-no-day", timeout=20_000)
    app.el("report-no-day-reason").get_by_text(reason, exact=False).first.wait_for(state="attached")
    assert app.el("report-save").count() == 0  # no form, of this day or any other
    if asked == "garbage":
        app.shot("33-report-no-day")
    tap(app, "report-no-day-today")  # a way on: today's report
    app.wait_for("report-save")
    see(app, words("id", lambda: i18n.format_date(TODAY, "full")))
    tap(app, "back")
    app.wait_for("open-settings")  # Today


def test_a_link_to_a_past_day_opens_that_day(open_app, seeded):
    start(open_app, "en").page.close()
    day = TODAY - timedelta(days=4)
    app = open_app("en", f"report?day={day.isoformat()}", skip_intro=False)
    app.wait_for("report-save", timeout=20_000)
    see(app, "Day 6 after birth")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_screens_she_reads_in_both_themes(open_app, seeded, lang, scheme):
    """Screenshots to look at: Today's calm card (yesterday's fever), the diary with a draft, the
    delete confirmation."""
    app = begin(open_app, lang, scheme)
    app.wait_for("flag-fever")
    scroll_to(app, "flag-fever")
    app.shot(f"34-today-calm-card-{scheme}")
    tap(app, "open-diary")
    day = (TODAY - timedelta(days=3)).isoformat()
    scroll_to(app, f"unsaved-{day}")
    app.shot(f"32-diary-draft-{scheme}")
    kept = (TODAY - timedelta(days=5)).isoformat()
    tap(app, f"delete-{kept}")
    app.wait_for("dialog-delete-report")
    app.shot(f"35-diary-delete-confirm-{scheme}")
    app.tap("dialog-cancel")
    app.el("dialog-delete-report").wait_for(state="detached")
    assert rows(seeded, "SELECT count(*) FROM reports WHERE day = ?", (kept,)) == [(1,)]


def begin(open_app, lang: str, scheme: str):
    """`start`, in a light or dark browser (the app follows the phone's theme)."""
    app = open_app(lang, color_scheme=scheme, skip_intro=False)
    first = app.page.locator('[flt-semantics-identifier="intro-done"], [flt-semantics-identifier="start-session"]')
    first.first.wait_for(state="attached", timeout=20_000)
    if app.el("intro-done").count():
        app.tap("intro-done")
    app.wait_for("start-session")
    return app
