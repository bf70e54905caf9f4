"""What each form field accepts and refuses, with the message she reads, through the path the forms use:
`DiaryService.save_report` / `save_profile` on a real SQLite file, then the words the screen shows
(`error_text(code, field)`, English). Also: a birth date moved after reports, a draft reopened and
discarded, and where each error sits on the report form."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, timedelta

import pytest

from app import ASSETS_DIR, i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.domain.report import LEGACY_QUESTIONS, DailyReport, validate_report
from app.services.diary import REPORTS_BEFORE_BIRTH, DiaryService
from app.services.report_form import draft_key, form_errors
from app.store.db import Store
from app.ui import theme
from app.ui.screens import form_parts, report
from app.ui.screens.diary_labels import error_text

DAY = date(2026, 11, 22)  # the clock's day (06:00 UTC)
BORN = DAY - timedelta(days=2)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with i18n.using("en"):
        yield


@pytest.fixture
def diary(fresh_db: Store, clock: FakeClock) -> DiaryService:
    service = DiaryService(fresh_db, clock, tz=UTC)
    service.store.profile.save(Profile(baby_birth_date=BORN), at=clock.wall())
    return service


NOT_A_NUMBER = "Please enter a number, e.g. 8."
OTHER_DIGITS = "Please type the number with the digits 0-9."


@pytest.mark.parametrize(
    "field, typed, saved, message",
    [
        # feeds in 24 h: a count, 0-30 (DOMAIN §4)
        ("feeds_24h", "10", 10, None),  # a plain count
        ("feeds_24h", " 10 ", 10, None),  # spaces around it
        ("feeds_24h", "   ", None, None),  # only spaces: an empty field
        ("feeds_24h", "0", 0, None),  # the lower bound
        ("feeds_24h", "30", 30, None),  # the upper bound
        ("feeds_24h", "31", None, "This number is too large. Allowed: 0-30."),  # one over
        ("feeds_24h", "-1", None, "This number is too small. Allowed: 0-30."),  # negative
        ("feeds_24h", "8,5", None, "Please enter a whole number."),  # a fraction of a feed
        ("feeds_24h", "delapan", None, NOT_A_NUMBER),  # a word
        ("feeds_24h", "١٢", None, OTHER_DIGITS),  # Arabic-Indic digits: int() would read 12
        ("feeds_24h", "१२", None, OTHER_DIGITS),  # Devanagari digits
        ("feeds_24h", "１２", None, OTHER_DIGITS),  # full-width digits (a Japanese/Chinese keyboard)
        # wet diapers: a count, 0-30
        ("wet_diapers", "6", 6, None),
        ("wet_diapers", "1e9", None, "This number is too large. Allowed: 0-30."),  # exponent notation
        ("wet_diapers", "nan", None, "Please enter a number, e.g. 6."),  # Python's float() would take it
        # expressed milk: whole ml, 0-2000; a decimal is rounded half up
        ("expressed_ml", "12.5", 13, None),  # a dot: rounded half up
        ("expressed_ml", "12,5", 13, None),  # the Indonesian decimal comma
        ("expressed_ml", "12,4", 12, None),  # rounded down below .5
        ("expressed_ml", "0,5", 1, None),  # half a ml is one
        ("expressed_ml", "1.500", 1500, None),  # Indonesian thousands dot: 1500, not 1.5
        ("expressed_ml", "1,500", 1500, None),  # English thousands comma: 1500 as well
        ("expressed_ml", "2000", 2000, None),  # the upper bound
        (
            "expressed_ml",
            "2000,4",
            None,
            "This number is too large. Allowed: 0-2,000\u00a0ml.",
        ),  # over, before rounding
        ("expressed_ml", "2001", None, "This number is too large. Allowed: 0-2,000\u00a0ml."),
        ("expressed_ml", "-5", None, "This number is too small. Allowed: 0-2,000\u00a0ml."),
        ("expressed_ml", "١٢٣", None, OTHER_DIGITS),  # never silently 123
        ("expressed_ml", "12 ml", None, "Please enter a number, e.g. 50."),  # a unit typed along
        ("expressed_ml", " ", None, None),  # only a space: an empty field, not a value
        # temperature: 34-43 °C, decimals kept
        ("temperature_c", "37,8", 37.8, None),  # decimal comma
        ("temperature_c", "38.5", 38.5, None),  # decimal dot
        ("temperature_c", "45", None, "This number is too large. Allowed: 34-43\u00a0°C."),
        ("temperature_c", "33,9", None, "This number is too small. Allowed: 34-43\u00a0°C."),
        ("temperature_c", "tiga puluh", None, "Please enter a number, e.g. 36.8."),  # the example in range
        # the time colostrum was first seen, on the report's day
        ("colostrum_time", "05:30", "05:30", None),  # before now (06:00)
        ("colostrum_time", "5.30", "05:30", None),  # a dot as people write it
        ("colostrum_time", "23:00", None, "This time is later than now."),  # later today
        ("colostrum_time", "25:99", None, "Please enter a time as HH:MM, e.g. 07:30."),  # no such time
        # the note: verbatim, up to 2000 characters
        ("note", "Bayi tidur 😴 🍼", "Bayi tidur 😴 🍼", None),  # emoji kept as typed
        ("note", "x" * 2000, "x" * 2000, None),  # at the limit
        ("note", "x" * 2001, None, "This text is too long: at most 2,000 characters."),  # one over
        ("note", "   ", "", None),  # only spaces: no note
        # mood 1-5 (chips; a stale draft could hold anything)
        ("mood", "3", 3, None),
        ("mood", "9", None, "This number is too large. Allowed: 1-5."),
        ("mood", "lima", None, "Please enter a number, e.g. 3."),  # never "e.g. 8" on a 1-5 scale
        # flow: one of the three ratings, required
        ("flow", "", None, "Please fill this in."),
    ],
)
def test_each_report_field_accepts_or_refuses_with_its_message(diary, field, typed, saved, message):
    fields = {**diary.form(DAY), "flow": "well", field: typed}
    result = diary.save_report(DAY, fields)
    if message is None:
        assert result.ok, result.errors
        assert diary.store.diary.get(DAY) == result.report
        value = (
            result.report.colostrum_first_seen.strftime("%H:%M")
            if field == "colostrum_time" and result.report.colostrum_first_seen
            else getattr(result.report, field, None)
        )
        assert value == saved
    else:
        assert not result.ok and list(result.errors) == [field]
        assert diary.store.diary.get(DAY) is None  # nothing written
        assert error_text(result.errors[field], field) == message


@pytest.mark.parametrize(
    "field, typed, saved, message",
    [
        ("baby_birth_date", "20/11/2026", date(2026, 11, 20), None),  # day/month/year, as written in Indonesia
        ("baby_birth_date", "20-11-2026", date(2026, 11, 20), None),  # with dashes
        ("baby_birth_date", "5/11/2026", date(2026, 11, 5), None),  # no leading zero
        ("baby_birth_date", "2026-11-20", date(2026, 11, 20), None),  # ISO still works
        ("baby_birth_date", "31/11/2026", None, "Please enter a date as DD/MM/YYYY, e.g. 20/11/2026."),  # no such day
        ("baby_birth_date", "23/11/2026", None, "This date is in the future."),  # tomorrow
        ("baby_birth_date", "01/01/2025", None, "This date is more than a year ago."),
        ("baby_birth_date", "٢٠/١١/٢٠٢٦", None, OTHER_DIGITS),  # Arabic-Indic digits
        ("baby_birth_date", "  ", None, "Please fill this in."),  # only spaces
        ("mother_name", "Siti 🌸", "Siti 🌸", None),  # emoji kept
        ("mother_name", "  Siti  ", "Siti", None),  # spaces around trimmed
        ("mother_name", "S" * 60, "S" * 60, None),  # at the limit
        ("mother_name", "S" * 61, None, "This text is too long: at most 60 characters."),  # refused, never cut
        ("midwife_phone", "0812-3456-7890", "0812-3456-7890", None),
        ("midwife_phone", "+62 812 3456 7890", "+62 812 3456 7890", None),
        ("midwife_phone", "٠٨١٢٣٤٥٦٧٨٩٠", None, OTHER_DIGITS),  # never read as 0812...
        ("midwife_phone", "0812", None, "Please enter a phone number, e.g. 0812-3456-7890."),  # too short
        ("mother_phone", "0813 1111 2222", "0813 1111 2222", None),  # her own
        ("mother_phone", "0813-abc", None, "Please enter a phone number, e.g. 0812-3456-7890."),
        ("family_phone", "+62 812 3333 4444", "+62 812 3333 4444", None),  # her husband's or family's
        ("family_phone", "12", None, "Please enter a phone number, e.g. 0812-3456-7890."),  # too short
    ],
)
def test_each_profile_field_accepts_or_refuses_with_its_message(diary, field, typed, saved, message):
    fields = {
        "mother_name": "",
        "baby_birth_date": "20/11/2026",
        "midwife_phone": "",
        "facility_phone": "",
        field: typed,
    }
    profile, errors = diary.save_profile(fields)
    if message is None:
        assert errors == {} and profile is not None
        assert getattr(diary.store.profile.get(), field) == saved
    else:
        assert profile is None and list(errors) == [field]
        assert diary.store.profile.get() == Profile(baby_birth_date=BORN)  # unchanged
        assert error_text(errors[field], field) == message


def _report(day: date) -> DailyReport:
    report, errors = validate_report({"day": day, "flow": "well"}, today=DAY)
    assert report is not None, errors
    return report


def test_moving_the_birth_date_after_reports_asks_first(diary):
    for day in (BORN, BORN + timedelta(days=1), DAY):
        diary.store.diary.save(_report(day), at=diary.clock.wall())
    diary.keep_draft(BORN, {"note": "draft"})
    later = {"baby_birth_date": DAY.isoformat()}
    assert diary.reports_before(DAY) == [BORN, BORN + timedelta(days=1)]
    profile, errors = diary.save_profile(later)
    assert (profile, errors) == (None, {"baby_birth_date": REPORTS_BEFORE_BIRTH})
    assert diary.birth_date() == BORN and len(diary.store.diary.list()) == 3  # nothing written
    profile, errors = diary.save_profile(later, delete_reports_before_birth=True)
    assert errors == {} and diary.birth_date() == DAY
    assert [r.day for r in diary.store.diary.list()] == [DAY]  # no report left before the birth
    assert diary.store.drafts.get(draft_key(BORN)) is None


def test_an_earlier_birth_date_keeps_every_report(diary):
    diary.store.diary.save(_report(BORN), at=diary.clock.wall())
    profile, errors = diary.save_profile({"baby_birth_date": (BORN - timedelta(days=1)).isoformat()})
    assert errors == {} and [r.day for r in diary.store.diary.list()] == [BORN]


def test_a_draft_is_unsaved_until_saved_or_discarded(diary):
    assert not diary.has_draft(DAY)
    diary.keep_draft(DAY, {**diary.form(DAY), "feeds_24h": "9"})
    assert diary.has_draft(DAY)
    assert diary.discard_draft(DAY)["feeds_24h"] == ""  # as saved: nothing yet
    assert not diary.has_draft(DAY)
    diary.save_report(DAY, {**diary.form(DAY), "flow": "well", "feeds_24h": "9"})
    diary.keep_draft(DAY, diary.form(DAY))  # the same text as saved: nothing unsaved
    assert not diary.has_draft(DAY)


def test_every_report_field_has_a_place_on_the_form():
    """An error can only be shown if its field has a place: every field of the report is placed."""
    fields = form_errors({name: "required" for name in DailyReport.model_fields})
    assert set(fields) - set(LEGACY_QUESTIONS) <= report._PLACED  # an old question is never asked


@pytest.mark.parametrize(
    "order, errors, first",
    [
        (["flow", "feeds_24h", "mood"], {"mood": "too_large", "feeds_24h": "too_large"}, "feeds_24h"),  # form order
        (["flow"], {"other": "invalid_choice"}, "other"),  # not in the order: still scrolled to
        (["flow"], {}, None),  # nothing to show
    ],
)
def test_the_first_error_follows_the_form_order(order, errors, first):
    assert form_parts.first_error(order, errors) == first


@pytest.mark.parametrize(
    "n, words",
    [
        (1, "Not saved: 1 field needs attention."),
        (2, "Not saved: 2 fields need attention."),
    ],
)
def test_the_summary_counts_the_fields(n, words):
    assert form_parts.attention_text({f"f{i}": "required" for i in range(n)}) == words
    with i18n.using("id"):
        assert (
            form_parts.attention_text({f"f{i}": "required" for i in range(n)})
            == f"Belum tersimpan: {n} isian perlu diperiksa."
        )


def test_the_bundled_emoji_font_is_within_its_budget_and_licensed():
    font = ASSETS_DIR / "fonts" / "NotoEmoji-Regular.ttf"
    assert font.stat().st_size < 2_500_000  # the budget: 2.5 MB
    assert font.read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert "SIL Open Font License" in (ASSETS_DIR / "fonts" / "OFL.txt").read_text()
    assert theme.FONTS[theme.EMOJI_FONT] == "fonts/NotoEmoji-Regular.ttf"
    light, dark = theme.themes()
    assert light.text_theme is not None and light.text_theme.body_large is not None
    assert theme.EMOJI_FONT in (light.text_theme.body_large.font_family_fallback or [])
