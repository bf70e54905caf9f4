"""Numbers come back as she wrote them in her language, a value of only spaces is empty, and the
diary knows which days hold answers not saved (issue 26). Through the diary service on a real
SQLite file, then the words the screens and the files show, in Indonesian and English."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.csvexport import reports_csv
from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import FIELD_RANGES
from app.services.diary import DiaryService, draft_key
from app.services.form_text import number_text, report_drafts, same_text, unsaved
from app.services.summary import SummaryService
from app.store.db import Store
from app.ui import summary_csv
from app.ui import summary_export as export
from app.ui.screens import history
from app.ui.screens.diary_history import report_summary
from app.ui.screens.diary_labels import EXAMPLES, error_text

DAY = date(2026, 11, 22)  # the clock's day


@pytest.fixture
def diary(fresh_db: Store, clock: FakeClock) -> DiaryService:
    service = DiaryService(fresh_db, clock, tz=UTC)
    service.store.profile.save(Profile(baby_birth_date=DAY - timedelta(days=5)), at=clock.wall())
    return service


@pytest.mark.parametrize(
    ("lang", "typed", "form", "card"),
    [
        ("id", "38,5", "38,5", "38,5 °C"),  # the Indonesian decimal comma
        ("en", "38.5", "38.5", "38.5 °C"),
        ("id", "38.5", "38,5", "38,5 °C"),  # a dot typed in Indonesian comes back in her language's form
        ("en", "37", "37", "37.0 °C"),  # a whole number stays whole in the form
    ],
)
def test_a_decimal_comes_back_in_her_language(diary, lang, typed, form, card):
    with i18n.using(lang):
        result = diary.save_report(
            DAY, {**diary.form(DAY, i18n.decimal_mark()), "flow": "well", "temperature_c": typed}
        )
        assert result.ok, result.errors
        assert diary.store.diary.get(DAY).temperature_c == float(typed.replace(",", "."))  # one value stored
        assert diary.form(DAY, i18n.decimal_mark())["temperature_c"] == form  # the form, reopened
        assert card in report_summary(result.report)  # the diary's card (and Today's summary)
        assert not diary.has_draft(DAY)  # reopened, nothing is "not saved yet"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_csv_keeps_its_own_machine_format_in_every_language(diary, lang):
    diary.save_report(DAY, {**diary.form(DAY), "flow": "well", "temperature_c": "38,5", "expressed_ml": "1.500"})
    with i18n.using(lang):
        data = reports_csv(diary.store.diary.list(), birth_date=diary.birth_date())
    [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert (row["temperature_c"], row["expressed_ml"]) == ("38.5", "1500")  # a point, no grouping


@pytest.mark.parametrize(
    ("value", "decimal", "text"),
    [
        (None, ",", ""),
        (12, ",", "12"),
        (38.5, ",", "38,5"),
        (38.5, ".", "38.5"),
        (37.0, ",", "37"),
        (36.75, ",", "36,75"),
    ],
)
def test_number_text(value, decimal, text):
    assert number_text(value, decimal) == text


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("", "   ", True),  # only spaces is empty
        (" 12 ", "12", True),
        ("38,5", "38.5", True),  # one number, written two ways
        ("12", "13", False),
        ("", "0", False),
        ("pagi", "pagi ", True),  # what the form would save the same way
        ("abc", "abd", False),
    ],
)
def test_same_text(a, b, same):
    assert same_text(a, b) is same


def test_a_draft_of_only_spaces_or_the_same_number_is_not_unsaved(diary):
    diary.save_report(DAY, {**diary.form(DAY), "flow": "well", "temperature_c": "38,5"})
    diary.keep_draft(DAY, {**diary.form(DAY, ","), "expressed_ml": "  ", "note": " "})
    assert not diary.has_draft(DAY)
    diary.keep_draft(DAY, {**diary.form(DAY, ","), "feeds_24h": "9"})
    assert diary.has_draft(DAY)
    assert unsaved({"feeds_24h": "9"}, {"feeds_24h": ""}) and not unsaved(None, {})


def test_the_diary_marks_the_days_with_answers_not_saved(diary):
    before = DAY - timedelta(days=2)
    diary.save_report(before, {**diary.form(before), "flow": "well"})
    diary.keep_draft(before, {**diary.form(before), "feeds_24h": "9"})  # an edit of a saved day, not saved
    diary.keep_draft(DAY - timedelta(days=1), {**diary.form(DAY), "note": "belum selesai"})  # begun, not saved
    diary.keep_draft(DAY, diary.form(DAY))  # opened, nothing typed
    diary.store.drafts.put("profile", {"mother_name": "x"}, at=diary.clock.wall())  # another form's draft
    marked = {entry.day for entry in diary.history("7").days if entry.unsaved}
    assert marked == {before, DAY - timedelta(days=1)}
    assert set(report_drafts(diary.store)) == {before, DAY - timedelta(days=1), DAY}
    diary.save_report(before, diary.form(before))  # saved: no longer marked
    assert {entry.day for entry in diary.history("7").days if entry.unsaved} == {DAY - timedelta(days=1)}
    assert diary.store.drafts.get(draft_key(before)) is None


@pytest.mark.parametrize("name", sorted(FIELD_RANGES))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_not_a_number_message_gives_an_example_the_field_allows(name, lang):
    low, high = FIELD_RANGES[name]
    assert low <= EXAMPLES[name] <= high
    with i18n.using(lang):
        message = error_text("not_a_number", name)
        example = i18n.format_decimal(EXAMPLES[name])
    assert message is not None and message.rstrip(".").endswith(example)


def test_a_date_message_gives_today_as_its_example():
    with i18n.using("id"):
        assert error_text("invalid_date", "baby_birth_date", DAY) == (
            "Mohon tulis tanggal sebagai HH/BB/TTTT, misalnya 22/11/2026."
        )


@pytest.mark.parametrize(
    ("lang", "average", "minutes"), [("id", "3,5", "9,5 menit dipijat"), ("en", "3.5", "9.5 min massaged")]
)
def test_the_summary_shows_decimals_in_her_language_and_its_csv_in_its_own(diary, lang, average, minutes):
    for hour, comfort in ((7, 4), (18, 3)):
        start = datetime(2026, 11, 21, hour, tzinfo=UTC)
        sid = diary.store.sessions.create(
            NewSession(started_at=start, demo=False, round_s=180, rest_s=60, rounds_planned=3, snapshot={})
        )
        progress = SessionProgress(at=start + timedelta(minutes=11), snapshot={}, rounds_done=3, massaged_s=570)
        diary.store.sessions.finish(sid, SessionStatus.COMPLETED, progress)
        diary.store.sessions.rate(sid, comfort, None)
    summary = SummaryService(diary.store, diary.clock, tz=UTC).summary()
    with i18n.using(lang):
        assert export.comfort_text(summary).endswith(average)  # the screen and the PDF
        assert minutes in history.session_summary(summary.sessions[0])  # 9.5 minutes, as she reads it
        rows = list(csv.DictReader(io.StringIO(summary_csv.csv_bytes(summary).decode("utf-8-sig"))))
    assert {r["value"] for r in rows if r["item"] == "minutes"} == {"9.5"}  # the file's own format
