"""The bad-input catalogue (issues 3, 8 and 26): what a mother may type into every field of the
diary, and what the app does with it, as a table. Each case is one of three outcomes:

- REFUSED: the message she reads next to the field (in Indonesian, her language), and the
  database unchanged (every table read back from the real SQLite file);
- VERBATIM: kept exactly as typed (her note, her name's emoji);
- NORMALISED: accepted and written the one way the app keeps it (spaces trimmed, a decimal comma
  read, a grouped thousand, a time's dot; a value of only spaces is an empty field).

Through the services the forms call (`save_report`, `save_profile`, `ReminderService.save`, and
`report_day` for a day in a link), with the words the screens show (`error_text`, `time_error`,
`report_day.reason`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.services.diary import DiaryService
from app.services.reminders import ReminderService
from app.store.db import Store
from app.ui.screens import report_day
from app.ui.screens.diary_labels import error_text
from app.ui.screens.reminders import time_error

DAY = date(2026, 11, 22)  # the clock's day, 06:00
BORN = DAY - timedelta(days=3)
REFUSED, VERBATIM, NORMALISED = "refused", "kept verbatim", "accepted and normalised"

NUMBER = "Mohon isi dengan angka, misalnya %s."
OTHER_DIGITS = "Mohon tulis dengan angka 0-9."
TOO_LARGE = "Angka ini terlalu besar. Yang boleh: %s."
TOO_SMALL = "Angka ini terlalu kecil. Yang boleh: %s."
ML, CELSIUS = "0-2.000\u00a0ml", "34-43\u00a0°C"

CATALOGUE = [
    # -- the daily report: numbers ---------------------------------------------------------------
    pytest.param("report", "feeds_24h", "-1", REFUSED, TOO_SMALL % "0-30", id="feeds-negative"),
    pytest.param("report", "feeds_24h", "999999999999", REFUSED, TOO_LARGE % "0-30", id="feeds-huge"),
    pytest.param("report", "feeds_24h", "delapan", REFUSED, NUMBER % "8", id="feeds-a-word"),
    pytest.param("report", "feeds_24h", "8,5", REFUSED, "Mohon isi dengan angka bulat.", id="feeds-a-fraction"),
    pytest.param("report", "feeds_24h", "１２", REFUSED, OTHER_DIGITS, id="feeds-full-width-digits"),
    pytest.param("report", "feeds_24h", " 12 ", NORMALISED, 12, id="feeds-spaces-around"),
    pytest.param("report", "wet_diapers", "1e9", REFUSED, TOO_LARGE % "0-30", id="wet-exponent"),
    pytest.param("report", "wet_diapers", "nan", REFUSED, NUMBER % "6", id="wet-nan"),
    pytest.param("report", "wet_diapers", "   ", NORMALISED, None, id="wet-only-spaces"),
    pytest.param("report", "feeds_24h", "\u00a0", NORMALISED, None, id="feeds-a-no-break-space"),  # a phone keyboard's
    pytest.param("report", "mood", " ", NORMALISED, None, id="mood-only-a-space"),  # a stale draft
    pytest.param("report", "expressed_ml", " ", NORMALISED, None, id="expressed-one-space"),
    pytest.param("report", "expressed_ml", "12 ml", REFUSED, NUMBER % "50", id="expressed-with-unit"),
    pytest.param("report", "expressed_ml", "12,5", NORMALISED, 13, id="expressed-decimal-comma"),
    pytest.param("report", "expressed_ml", "1.500", NORMALISED, 1500, id="expressed-thousands-dot"),
    pytest.param("report", "expressed_ml", "2001", REFUSED, TOO_LARGE % ML, id="expressed-over"),
    pytest.param("report", "expressed_ml", "١٢٣", REFUSED, OTHER_DIGITS, id="expressed-arabic-digits"),
    pytest.param("report", "temperature_c", "45", REFUSED, TOO_LARGE % CELSIUS, id="temperature-too-high"),
    pytest.param("report", "temperature_c", "tiga puluh", REFUSED, NUMBER % "36,8", id="temperature-words"),
    pytest.param("report", "temperature_c", "inf", REFUSED, NUMBER % "36,8", id="temperature-inf"),
    pytest.param("report", "temperature_c", "38,5", NORMALISED, 38.5, id="temperature-decimal-comma"),
    pytest.param("report", "mood", "lima", REFUSED, NUMBER % "3", id="mood-a-word"),  # never "misalnya 8"
    pytest.param("report", "mood", "9", REFUSED, TOO_LARGE % "1-5", id="mood-over"),
    # -- the daily report: times and text --------------------------------------------------------
    pytest.param(
        "report", "colostrum_time", "25:99", REFUSED, "Mohon tulis jam sebagai JJ:MM, misalnya 07:30.", id="time-none"
    ),
    pytest.param("report", "colostrum_time", "23:00", REFUSED, "Jam ini belum tiba.", id="time-later-than-now"),
    pytest.param("report", "colostrum_time", "5.30", NORMALISED, "05:30", id="time-with-a-dot"),
    pytest.param(
        "report",
        "note",
        "x" * 10_000,
        REFUSED,
        "Tulisan ini terlalu panjang: paling banyak 2.000 huruf.",
        id="note-10k",
    ),
    pytest.param("report", "note", "Bayi tidur 😴 🍼", VERBATIM, "Bayi tidur 😴 🍼", id="note-emoji"),
    pytest.param(
        "report", "note", "'); DROP TABLE reports; --", VERBATIM, "'); DROP TABLE reports; --", id="note-sql-looking"
    ),
    pytest.param("report", "note", '=HYPERLINK("x")', VERBATIM, '=HYPERLINK("x")', id="note-formula-looking"),
    pytest.param("report", "note", "  capek  ", VERBATIM, "  capek  ", id="note-spaces-kept"),
    pytest.param("report", "note", "   ", NORMALISED, "", id="note-only-spaces"),
    pytest.param("report", "flow", "", REFUSED, "Mohon diisi.", id="flow-not-chosen"),
    # -- the profile -----------------------------------------------------------------------------
    pytest.param(
        "profile",
        "baby_birth_date",
        "31/02/2026",
        REFUSED,
        "Mohon tulis tanggal sebagai HH/BB/TTTT, misalnya 22/11/2026.",
        id="birth-impossible-date",
    ),
    pytest.param("profile", "baby_birth_date", "23/11/2026", REFUSED, "Tanggal ini belum tiba.", id="birth-future"),
    pytest.param("profile", "baby_birth_date", "  ", REFUSED, "Mohon diisi.", id="birth-only-spaces"),
    pytest.param(
        "profile",
        "mother_name",
        "S" * 61,
        REFUSED,
        "Tulisan ini terlalu panjang: paling banyak 60 huruf.",
        id="name-too-long",
    ),
    pytest.param("profile", "mother_name", "  Siti 🌸  ", NORMALISED, "Siti 🌸", id="name-spaces-trimmed"),
    pytest.param("profile", "mother_name", "   ", NORMALISED, None, id="name-only-spaces"),  # no name, not "   "
    pytest.param(
        "profile",
        "midwife_phone",
        "0812",
        REFUSED,
        "Tulis nomor HP atau telepon, misalnya 0812-3456-7890.",
        id="phone-too-short",
    ),
    pytest.param("profile", "midwife_phone", "   ", NORMALISED, None, id="phone-only-spaces"),
    # -- the reminders ---------------------------------------------------------------------------
    pytest.param(
        "reminders",
        "morning",
        "25:00",
        REFUSED,
        "Mohon tulis jam sebagai JJ:MM, misalnya 07:00.",
        id="reminder-no-such-time",
    ),
    pytest.param("reminders", "morning", "6.30", NORMALISED, "06:30", id="reminder-with-a-dot"),
    pytest.param(
        "reminders",
        "morning",
        "   ",
        REFUSED,
        "Mohon tulis jam sebagai JJ:MM, misalnya 07:00.",
        id="reminder-only-spaces",
    ),
    # -- a day in a link -------------------------------------------------------------------------
    pytest.param("link", "day", "2999-01-01", REFUSED, "belum tiba", id="link-future-day"),
    pytest.param(
        "link", "day", (BORN - timedelta(days=1)).isoformat(), REFUSED, "sebelum tanggal lahir", id="link-before-birth"
    ),
    pytest.param("link", "day", "garbage", REFUSED, "tidak menyebut hari", id="link-garbage"),
]


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    with i18n.using("id"):
        yield


@pytest.fixture
def diary(fresh_db: Store, clock: FakeClock) -> DiaryService:
    service = DiaryService(fresh_db, clock, tz=UTC)
    service.store.profile.save(Profile(baby_birth_date=BORN), at=clock.wall())
    return service


def everything(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the real file, as a second connection reads it."""
    with sqlite3.connect(db_path) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: db.execute(f'SELECT * FROM "{name}"').fetchall() for name in tables}


def _report(diary: DiaryService, field: str, typed: str) -> tuple[Any, str | None]:
    result = diary.save_report(DAY, {**diary.form(DAY, i18n.decimal_mark()), "flow": "well", field: typed})
    if not result.ok:
        assert list(result.errors) == [field], result.errors  # next to its own field, no other
        return None, error_text(result.errors[field], field)
    saved = diary.store.diary.get(DAY)
    assert saved is not None
    if field == "colostrum_time":
        return (saved.colostrum_first_seen.strftime("%H:%M") if saved.colostrum_first_seen else None), None
    return getattr(saved, field), None


def _profile(diary: DiaryService, field: str, typed: str) -> tuple[Any, str | None]:
    fields = {
        "mother_name": "",
        "baby_birth_date": BORN.strftime("%d/%m/%Y"),
        "midwife_phone": "",
        "facility_phone": "",
    }
    profile, errors = diary.save_profile({**fields, field: typed})
    if profile is None:
        assert list(errors) == [field], errors
        return None, error_text(errors[field], field, diary.today())
    return getattr(diary.store.profile.get(), field), None


def _reminders(diary: DiaryService, field: str, typed: str) -> tuple[Any, str | None]:
    reminders = ReminderService(diary.store, diary.clock)  # her reminder times, as the scope makes them
    chosen, errors = reminders.save({**reminders.texts(), field: typed})
    if chosen is None:
        assert list(errors) == [field], errors
        return None, time_error()
    return reminders.texts()[field], None


def _link(diary: DiaryService, field: str, typed: str) -> tuple[Any, str | None]:
    opened = diary.report_day(typed)
    if opened.day is None:
        return None, report_day.reason(opened, diary.birth_date())
    return opened.day, None


FORMS = {"report": _report, "profile": _profile, "reminders": _reminders, "link": _link}


def test_the_catalogue_covers_every_outcome_and_the_issue_s_cases():
    outcomes = [p.values[3] for p in CATALOGUE]
    assert len(CATALOGUE) >= 37 and {REFUSED, VERBATIM, NORMALISED} <= set(outcomes)
    ids = {p.id for p in CATALOGUE}
    assert {"expressed-one-space", "mood-a-word", "note-10k", "note-sql-looking", "link-future-day"} <= ids


@pytest.mark.parametrize(("form", "field", "typed", "outcome", "expected"), CATALOGUE)
def test_a_bad_input(diary, db_path, form, field, typed, outcome, expected):
    before = everything(db_path)
    value, message = FORMS[form](diary, field, typed)
    if outcome == REFUSED:
        assert value is None and message is not None
        if form == "link":
            assert expected in message  # the reason the screen gives, with the day
        else:
            assert message == expected
        assert everything(db_path) == before  # nothing written
    else:
        assert message is None, message
        assert value == expected
        if outcome == VERBATIM:
            assert value == typed
