"""The diary screens' pure helpers and builders, without a browser: which day the form is for,
errors without a field of their own, the words of Today's massage rows, the history's summaries,
chart and comparison, the red-flag card and the reminders' calendar text. The screens themselves
(components) are driven in the browser: tests/browser/test_diary_flow.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import flet_charts as fch
import pytest

from app import i18n
from app.domain.profile import Profile
from app.domain.redflags import RedFlag
from app.domain.report import validate_report
from app.domain.trends import Comparison, Point, Side
from app.services.diary import DayEntry, HalfDay
from app.ui.screens import diary_history, profile, reminders, report, today
from app.ui.screens.diary_labels import error_text, flag_card, wet_diaper_expectation
from tests.screens_harness import identifiers, texts, walk

DAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with i18n.using("en"):
        yield


@pytest.mark.parametrize("stack, expected", [
    (["/"], None),  # no form open
    (["/", "/report"], None),  # today's report
    (["/", "/diary", "/report?day=2026-11-20"], "2026-11-20"),  # a past day from the diary
    (["/", "/report?other=1"], None),  # no day in the query
])
def test_the_report_screen_finds_its_day_in_the_stack(stack, expected):
    assert report.requested_day(stack) == expected


def test_a_report_route_carries_its_day():
    assert report.requested_day(["/", report.report_route("2026-11-01")]) == "2026-11-01"


@pytest.mark.parametrize("errors, shown", [
    ({"feeds_24h": "not_a_number"}, []),  # beside its own field
    ({"signs": "invalid_choice", "flow": "required"}, ["invalid_choice"]),  # the signs have no single field
    ({"day": "before_birth"}, ["before_birth"]),  # the day is the title, not a field
])
def test_errors_without_a_field_of_their_own_are_shown_near_save(errors, shown):
    assert report.other_errors(errors) == shown


def test_the_signs_score_counts_yes_only():
    fields = {"sign:feeds_8_to_12": "yes", "sign:baby_satisfied": "no", "sign:let_down_felt": "yes", "flow": "yes"}
    assert report.signs_yes(fields) == 2


@pytest.mark.parametrize("code, message", [
    ("not_a_number", "Please enter a number, e.g. 8."),  # words for a code
    ("future_date", "This date is in the future."),  # the profile's birth date
    (None, None),  # no error, no message
])
def test_error_text(code, message):
    assert error_text(code) == message


def test_error_text_in_indonesian():
    with i18n.using("id"):
        assert error_text("future_date") == "Tanggal ini belum tiba."


def test_the_wet_diaper_help_gives_a_number_only_from_day_6():
    assert wet_diaper_expectation(3) is None  # DOMAIN gives no number for the first days
    assert wet_diaper_expectation(9) == "Expected on day 9: 6 or more"


@pytest.mark.parametrize("state, words, ticked", [
    (HalfDay.DONE, "done", True),  # only a completed massage is ticked
    (HalfDay.STOPPED_PAIN, "stopped: it hurt", False),  # a pain stop says so
    (HalfDay.ENDED_EARLY, "ended early", False),  # ended early says so
    (HalfDay.NOT_YET, "not yet", False),  # nothing yet
])
def test_todays_massage_rows(state, words, ticked):
    assert today.massage_state(state) == (words, ticked)


@pytest.mark.parametrize("saved, fields", [
    (None, {"mother_name": "", "baby_birth_date": ""}),  # first run: an empty form
    (Profile(baby_birth_date=DAY), {"mother_name": "", "baby_birth_date": "2026-11-22"}),  # no name given
    (Profile(mother_name="Siti", baby_birth_date=DAY), {"mother_name": "Siti", "baby_birth_date": "2026-11-22"}),
])
def test_the_profile_form_starts_from_the_saved_profile(saved, fields):
    assert profile.profile_fields(saved) == fields


def _report(**fields: object):
    saved, errors = validate_report({"day": DAY, "flow": "well", **fields}, today=DAY)
    assert saved is not None, errors
    return saved


def test_a_days_summary_in_words():
    saved = _report(signs={"feeds_8_to_12": True, "let_down_felt": True}, feeds_24h="1", wet_diapers="6",
                    expressed_ml="120", temperature_c="37,8")
    assert diary_history.report_summary(saved) == (
        "Flowing well · 2 of 8 signs · 1 feed · 6 wet diapers · 120 ml expressed · 37.8 °C")


@pytest.mark.parametrize("pp_day, title", [
    (5, "Day 5 after birth · 22 Nov 2026"),  # with a birth date
    (None, "Sunday, 22 November 2026"),  # without one: the full date
])
def test_a_day_cards_title(pp_day, title):
    assert diary_history.day_title(DayEntry(DAY, pp_day, None, [])) == title


def test_the_chart_draws_scores_flow_and_massage_days():
    points = [Point(date(2026, 11, 20), 3, 1), Point(date(2026, 11, 21), None, None), Point(DAY, 8, 2)]
    view = diary_history.chart(points, {date(2026, 11, 21)})
    (drawing,) = [n for n in walk(view) if isinstance(n, fch.LineChart)]
    signs, flow, marks = ([(p.x, p.y) for p in line.points] for line in drawing.data_series)
    assert signs == [(0, 3), (2, 8)]
    assert flow == [(0, 4), (2, 8)]  # flow levels 1 and 2 drawn at 4 and 8
    assert marks == [(1, 0)]  # a massage on the day without a report
    assert "diary-chart" in identifiers(view)


def test_the_comparison_in_words_says_it_is_no_proof():
    c = Comparison(first_massage_day=date(2026, 11, 20), before=Side(2, 3.0, 0.5), after=Side(3, 5.5, 1.0))
    shown = " ".join(texts(diary_history.comparison(c)))
    assert "Before the first massage: 2 days recorded, flowing well on 50% of days, on average 3 of 8 signs." in shown
    assert "does not prove that the massage caused it" in shown


def test_no_comparison_until_both_sides_have_reports():
    assert "diary-compare" not in identifiers(diary_history.comparison(None))


def test_a_fever_card_says_keep_breastfeeding_and_when_to_call():
    card = flag_card(RedFlag.FEVER, DAY)
    assert "flag-fever" in identifiers(card)
    assert {"Keep breastfeeding.", "Contact your midwife (bidan) or clinic within 24 hours."} <= set(texts(card))


def test_the_reminders_calendar_has_two_daily_events_in_her_language():
    with i18n.using("id"):
        text = reminders.ics_text(time(6, 30), time(19, 15), now=datetime(2026, 11, 22, 6, 0).astimezone(),
                                  start=DAY)
    assert text.count("RRULE:FREQ=DAILY") == 2 and "T063000" in text and "T191500" in text
    assert "SUMMARY:Pijat oksitosin pagi" in text
