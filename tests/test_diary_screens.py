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
from app.domain.parsing import FieldError
from app.domain.profile import Profile
from app.domain.redflags import RULES, Notice, RedFlag, Urgency
from app.domain.report import OPTIONAL_QUESTIONS, MotherSign, Sign, validate_report
from app.domain.trends import Comparison, Point, Side
from app.domain.visits import Timing, Visit, VisitDue
from app.services.diary import DayEntry, HalfDay
from app.ui.screens import diary_history, profile, reminders, report, today
from app.ui.screens import diary_labels as labels
from app.ui.screens.diary_labels import Calls, error_text, flag_card, notice_card, pp_day_text, wet_diaper_expectation
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
    (None, {"mother_name": "", "baby_birth_date": "", "midwife_phone": "", "facility_phone": ""}),  # first run
    (Profile(baby_birth_date=DAY), {"mother_name": "", "baby_birth_date": "22/11/2026", "midwife_phone": "",
                                    "facility_phone": ""}),  # no name given
    (Profile(mother_name="Siti", baby_birth_date=DAY, midwife_phone="0812-3456-7890"),
     {"mother_name": "Siti", "baby_birth_date": "22/11/2026", "midwife_phone": "0812-3456-7890",
      "facility_phone": ""}),  # the midwife's number, no facility's
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
    assert {"Keep breastfeeding.", "Contact the midwife today."} <= set(texts(card))  # DOMAIN §3 mother, today


@pytest.mark.parametrize("table, codes", [
    (labels.FLAG_TITLES, list(RedFlag)),  # every red flag has a title
    (labels.FLAG_MEANING, list(RedFlag)),  # ... and a plain meaning
    (labels.URGENCY, list(Urgency)),  # every urgency in words
    (labels.NOTICE_TITLES, list(Notice)),  # every notice has a title
    (labels.NOTICE_TEXTS, list(Notice)),  # ... and its text
    (labels.MOTHER_SIGN_LABELS, list(MotherSign)),  # every question of the mother's own check
    (labels.SIGN_LABELS, list(Sign)),  # the 8 signs and the old sign 7 (history)
    (labels.QUESTION_LABELS, list(OPTIONAL_QUESTIONS)),  # the baby's and breasts' yes/no questions
    (labels.VISIT_WINDOWS, list(Visit)),  # KF1-KF4
    (labels.FIELD_ERRORS, list(FieldError)),  # every field error has a message
])
def test_every_code_has_words(table, codes):
    assert [code for code in codes if code not in table] == []


@pytest.mark.parametrize("table", [labels.FLAG_TITLES, labels.FLAG_MEANING, labels.URGENCY, labels.NOTICE_TEXTS,
                                   labels.MOTHER_SIGN_LABELS, labels.QUESTION_LABELS])
def test_every_label_is_translated_into_indonesian(table):
    with i18n.using("id"):
        assert [msg for msg in table.values() if i18n._(msg) == msg] == []


async def _dial(uri: str) -> None:
    return None


def _card_ids(flag: RedFlag, calls: Calls | None = None) -> set[str]:
    return set(identifiers(flag_card(flag, DAY, calls)))


@pytest.mark.parametrize("flag, shown, hidden", [
    (RedFlag.HEAVY_BLEEDING, {"call-midwife", "call-facility"}, set()),  # go now: the midwife and the facility
    (RedFlag.FEVER, {"call-midwife"}, {"call-facility"}),  # today: the midwife
    (RedFlag.FEW_FEEDS, {"call-midwife"}, {"call-facility"}),  # soon: the midwife
])
def test_every_card_has_a_call_button(flag, shown, hidden):
    ids = _card_ids(flag)
    assert shown <= ids and not hidden & ids


def test_a_go_now_card_is_solid_red_and_labelled_urgent():
    urgent, calm = flag_card(RedFlag.FITS, DAY), flag_card(RedFlag.FEVER, DAY)
    assert urgent.label == "Urgent" and calm.label is None
    assert urgent.content.bgcolor == labels.kit.DANGER and calm.content.bgcolor != labels.kit.DANGER
    assert "Go to a health facility now. Someone should take you." in texts(urgent)


@pytest.mark.parametrize("calls, words", [
    (Calls(), {"Add the health facility's phone", "Add the midwife's phone"}),  # no numbers: add them
    (Calls(midwife_tel="tel:+6281234567890", dial=_dial),
     {"Add the health facility's phone", "Call the midwife"}),  # the midwife's number only
])
def test_a_card_without_a_number_asks_for_it(calls, words):
    shown = texts(flag_card(RedFlag.CALF_SWOLLEN, DAY, calls))
    assert {w for w in shown if w.startswith(("Add ", "Call "))} == words


def test_every_urgency_the_rules_use_is_worded():
    assert {rule.urgency for rule in RULES.values()} <= set(labels.URGENCY)


def test_a_notice_card_says_baby_blues_passes():
    card = notice_card(Notice.BABY_BLUES)
    assert "notice-baby_blues" in identifiers(card)
    assert any("passes within about two weeks" in text for text in texts(card))


@pytest.mark.parametrize("n, lang, text", [
    (0, "en", "The day of birth (day 0)"),  # day 0 is named, not "day 0 after birth"
    (0, "id", "Hari lahir bayi (hari ke-0)"),  # reads right in Indonesian
    (3, "id", "Hari ke-3 setelah melahirkan"),  # the midwife's way
])
def test_the_postpartum_day_in_words(n, lang, text):
    with i18n.using(lang):
        assert pp_day_text(n) == text


def test_the_kf_visit_due_names_its_window_and_dates():
    due = VisitDue(Visit.KF2, date(2026, 11, 21), date(2026, 11, 25), Timing.NOW)
    assert labels.visit_lines(due) == ("Postnatal visit KF2 (kunjungan nifas) is due: days 3-7 after birth",
                                       "From 21 Nov 2026 to 25 Nov 2026: a visit by the midwife.")


@pytest.mark.parametrize("fields, score", [
    ({"sign:nipple_pain_worse": "no"}, 1),  # sign 7 asked positively: no pain getting worse counts
    ({"sign:nipple_pain_worse": "yes"}, 0),  # a yes is not a sign of enough milk
    ({"sign:feeds_8_to_12": "yes", "sign:baby_satisfied": ""}, 1),  # blank is not answered
])
def test_the_signs_score_counts_good_answers(fields, score):
    assert report.signs_yes(fields) == score


def test_the_mothers_check_groups_go_now_apart_from_today():
    groups = {key: signs for key, _, signs in report.mother_groups()}
    go_now = {flag.value for flag, rule in RULES.items() if rule.urgency is Urgency.GO_NOW}
    assert groups["go_now"] == [s for s in MotherSign if s.value in go_now]
    assert MotherSign.CHILLS in groups["today"] and MotherSign.SAD in groups["mood"]
    assert sorted(sum(groups.values(), [])) == sorted(MotherSign)  # every question once


@pytest.mark.parametrize("stack, part", [
    (["/", "/report?part=mother"], "mother"),  # from Today's "Check how you feel"
    (["/", "/report"], None),  # the whole form, in its usual order
])
def test_the_report_screen_finds_its_part(stack, part):
    assert report.requested_part(stack) == part


def test_the_reminders_calendar_has_two_daily_events_in_her_language():
    with i18n.using("id"):
        text = reminders.ics_text(time(6, 30), time(19, 15), now=datetime(2026, 11, 22, 6, 0).astimezone(),
                                  start=DAY)
    assert text.count("RRULE:FREQ=DAILY") == 2 and "T063000" in text and "T191500" in text
    assert "SUMMARY:Pijat oksitosin pagi" in text
