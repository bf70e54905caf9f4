import ast
from datetime import date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.domain.parsing import FieldError
from app.domain.report import (
    GOOD_ANSWER,
    MOTHER_SIGNS,
    SIGNS,
    DailyReport,
    Flow,
    MotherSign,
    Sign,
    SignCount,
    count_signs,
    validate_report,
)

TODAY = date(2026, 3, 10)
BIRTH = date(2026, 3, 4)

# A report as the form sends it: every field filled, all text as typed.
VALID = {
    "day": "2026-03-10",
    "flow": "well",
    "signs": {"let_down_felt": True, "feeds_8_to_12": False},
    "feeds_24h": "9",
    "wet_diapers": "6",
    "expressed_ml": "120",
    "colostrum_first_seen": "2026-03-05T14:30",
    "breast_pain": False,
    "breast_redness": False,
    "breast_hard_swollen": False,
    "nipples_cracked": False,
    "fever": True,
    "temperature_c": "37.5",
    "mood": "3",
    "note": "ok",
}
FIELDS = set(VALID)

SQL_NOTE = "'); DROP TABLE reports;--"
EMOJI_NOTE = 'Bayi tidur 😴🍼 "nyenyak", ASI 👍 \\ end'


NOW = datetime(2026, 3, 10, 12, 0)


def check(overrides, *, birth_date=BIRTH):
    return validate_report({**VALID, **overrides}, today=TODAY, birth_date=birth_date, now=NOW)


def test_valid_form_parses_every_field():
    report, errors = check({})
    assert errors == {}
    assert report == DailyReport(
        day=date(2026, 3, 10),
        flow=Flow.WELL,
        signs={Sign.FEEDS_8_TO_12: False, Sign.LET_DOWN_FELT: True},
        feeds_24h=9,
        wet_diapers=6,
        expressed_ml=120,
        colostrum_first_seen=datetime(2026, 3, 5, 14, 30),
        fever=True,
        temperature_c=37.5,
        mood=3,
        note="ok",
    )


@pytest.mark.parametrize(
    ("field", "raw", "code"),
    [
        ("feeds_24h", "-1", "too_small"),  # negative count
        ("wet_diapers", "-3", "too_small"),  # negative count
        ("expressed_ml", "-0.5", "too_small"),  # negative and fractional: range wins
        ("feeds_24h", "31", "too_large"),  # just over the 0-30 range
        ("wet_diapers", "1e9", "too_large"),  # exponent notation, huge
        ("expressed_ml", "2001", "too_large"),  # just over 2000 ml
        ("expressed_ml", "999999999999999999999999", "too_large"),  # huge integer
        ("expressed_ml", "1e999", "too_large"),  # overflows to infinity
        ("feeds_24h", "abc", "not_a_number"),  # letters
        ("wet_diapers", "nan", "not_a_number"),  # Python float() would accept it
        ("expressed_ml", "inf", "not_a_number"),  # Python float() would accept it
        ("mood", "1_0", "not_a_number"),  # Python int() would accept it
        ("feeds_24h", "12 13", "not_a_number"),  # two numbers
        ("feeds_24h", True, "not_a_number"),  # a bool is not a count
        ("feeds_24h", "12.5", "not_integer"),  # decimal where a count is needed
        ("wet_diapers", "2,5", "not_integer"),  # decimal comma where a count is needed
        ("mood", "0", "too_small"),  # mood scale starts at 1
        ("mood", "6", "too_large"),  # mood scale ends at 5
        ("temperature_c", "50", "too_large"),  # not a human temperature
        ("temperature_c", "33,9", "too_small"),  # just under the range, comma decimal
        ("temperature_c", "tiga puluh", "not_a_number"),  # words
        ("day", "2026-03-11", "future_date"),  # tomorrow
        ("day", "2026-02-30", "invalid_date"),  # no such day
        ("day", "31/02/2026", "invalid_date"),  # day/month/year, but no such day
        ("day", "2026/03/10", "invalid_date"),  # year first needs dashes (ISO)
        ("day", "٢٠٢٦-٠٣-٠٥", "not_latin_digits"),  # Arabic-Indic digits: not silently read
        ("feeds_24h", "١٢", "not_latin_digits"),  # Python's int() would read 12
        ("expressed_ml", "１２", "not_latin_digits"),  # full-width digits
        ("colostrum_first_seen", "2026-03-10T12:01", "future_time"),  # a minute later than now (12:00)
        ("day", "", "required"),  # left empty
        ("day", None, "required"),  # missing value
        ("day", "2026-03-03", "before_birth"),  # the day before the baby was born
        ("flow", "", "required"),  # no rating chosen
        ("flow", "lancar sekali", "invalid_choice"),  # not one of the three ratings
        ("colostrum_first_seen", "2026-03-11T06:00", "future_date"),  # tomorrow morning
        ("colostrum_first_seen", "2026-03-03T23:00", "before_birth"),  # before the birth
        ("colostrum_first_seen", "kemarin", "invalid_date"),  # words
        ("note", "x" * 10_000, "too_long"),  # 10,000 characters
        ("note", "x" * 2001, "too_long"),  # one over the limit
        ("fever", "mungkin", "invalid_choice"),  # a checkbox is yes or no
        ("signs", {"baby_is_happy": True}, "invalid_choice"),  # not a sign of the checklist
        ("signs", {"let_down_felt": "yes"}, "invalid_choice"),  # answers are booleans
        ("wet_diaper", "3", "unknown_field"),  # a typo must not silently drop data
    ],
)
def test_bad_input_flags_only_its_field(field, raw, code):
    report, errors = check({field: raw})
    assert report is None
    assert errors == {field: code}  # every other field of the form is unaffected


@pytest.mark.parametrize(
    ("field", "raw", "stored"),
    [
        ("note", EMOJI_NOTE, EMOJI_NOTE),  # emoji, quotes and a backslash kept verbatim
        ("note", SQL_NOTE, SQL_NOTE),  # SQL-looking text is just text
        ("note", "  spaces kept \n", "  spaces kept \n"),  # notes are not stripped
        ("note", "x" * 2000, "x" * 2000),  # exactly at the limit
        ("note", None, ""),  # no note
        ("temperature_c", "37,8", 37.8),  # Indonesian decimal comma
        ("temperature_c", " 38.2 ", 38.2),  # spaces around a dot decimal
        ("temperature_c", "", None),  # optional, left empty
        ("feeds_24h", " 12 ", 12),  # spaces around a count
        ("feeds_24h", "0", 0),  # zero is a real answer
        ("feeds_24h", "12.0", 12),  # a whole number written with a decimal
        ("feeds_24h", "", None),  # optional, left empty
        ("wet_diapers", "   ", None),  # only spaces = empty
        ("expressed_ml", "1.500", 1500),  # Indonesian thousands dot
        ("expressed_ml", "2000", 2000),  # the upper bound itself
        ("mood", 5, 5),  # a Python int from the store
        ("fever", 1, True),  # SQLite hands back 0/1
        ("colostrum_first_seen", "", None),  # not seen yet
        ("colostrum_first_seen", "2026-03-04T01:00", datetime(2026, 3, 4, 1, 0)),  # birth day
        ("day", date(2026, 3, 4), date(2026, 3, 4)),  # the birth day itself
        ("flow", " NOT_YET ", Flow.NOT_YET),  # case and spaces from a dropdown value
        ("signs", None, {}),  # no sign answered
        ("signs", {"let_down_felt": None}, {}),  # None = not answered, not "no"
    ],
)
def test_accepted_input_is_stored_as(field, raw, stored):
    report, errors = check({field: raw})
    assert errors == {}
    assert getattr(report, field) == stored


def test_every_bad_field_is_reported_at_once():
    bad = {
        "day": "2026-02-30",
        "flow": "",
        "feeds_24h": "-1",
        "wet_diapers": "abc",
        "expressed_ml": "12.x",
        "temperature_c": "50",
        "mood": "9",
        "note": "x" * 10_000,
    }
    _, errors = check(bad)
    assert errors == {
        "day": "invalid_date",
        "flow": "required",
        "feeds_24h": "too_small",
        "wet_diapers": "not_a_number",
        "expressed_ml": "not_a_number",
        "temperature_c": "too_large",
        "mood": "too_large",
        "note": "too_long",
    }


def test_empty_form_needs_day_and_flow_only():
    report, errors = validate_report({}, today=TODAY)
    assert report is None
    assert errors == {"day": "required", "flow": "required"}


def test_error_codes_are_plain_strings():
    _, errors = check({"mood": "0"})
    assert errors["mood"] == "too_small" and errors["mood"] is FieldError.TOO_SMALL


def test_without_birth_date_an_early_day_is_accepted():
    report, errors = check({"day": "2026-03-01", "colostrum_first_seen": None}, birth_date=None)
    assert errors == {}
    assert report.day == date(2026, 3, 1)


def test_checklist_has_eight_signs_in_domain_order():
    assert len(SIGNS) == 8
    assert SIGNS[0] is Sign.BREASTS_FULL_THEN_SOFT
    assert SIGNS[-1] is Sign.WEIGHT_GOING_UP


@pytest.mark.parametrize(
    ("signs", "score", "answered"),
    [
        ({}, 0, 0),  # nothing answered
        ({"let_down_felt": False}, 0, 1),  # answered no
        ({sign.value: GOOD_ANSWER[sign] for sign in SIGNS}, 8, 8),  # all good: "8 of 8"
        ({sign.value: True for sign in SIGNS}, 7, 8),  # all yes: pain getting worse is not a sign
        ({"let_down_felt": True, "yellow_stools": False, "baby_satisfied": True}, 2, 3),  # mixed
        ({"nipple_pain_worse": False}, 1, 1),  # sign 7, asked positively: no counts
        ({"nipple_pain_worse": True}, 0, 1),  # pain getting worse: not a sign
        ({"nipple_pain_not_worse": True}, 1, 1),  # the old question: yes counted then, still
        ({"nipple_pain_not_worse": False}, 0, 1),  # the old question answered no
        (
            {"nipple_pain_not_worse": True, "nipple_pain_worse": True},
            0,
            1,
        ),  # both: the new answer stands, counted once
    ],
)
def test_signs_score_counts_yes(signs, score, answered):
    report, _ = check({"signs": signs})
    assert (report.signs_score, report.signs_answered) == (score, answered)


def test_signs_kept_in_checklist_order():
    report, _ = check({"signs": {"weight_going_up": True, "breasts_full_then_soft": False}})
    assert list(report.signs) == [Sign.BREASTS_FULL_THEN_SOFT, Sign.WEIGHT_GOING_UP]


def test_report_is_frozen():
    report, _ = check({})
    with pytest.raises(ValidationError):
        report.mood = 1


def test_model_read_back_without_context_skips_calendar_checks():
    # A row written long ago, read by the store: no `today`, so no future/birth check.
    report = DailyReport.model_validate({"day": "2030-01-01", "flow": "well", "fever": 0})
    assert report.day == date(2030, 1, 1) and report.fever is False


@pytest.mark.parametrize(
    "module",
    ["parsing", "report", "profile", "redflags", "postpartum", "visits", "daypart", "ics", "trends"],
)
def test_domain_module_is_pure(module):
    source = Path(__file__).parents[1] / "app" / "domain" / f"{module}.py"
    imported = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"flet", "sqlite_utils", "sqlite3"}


def test_report_round_trips_through_json():
    # What the store writes and reads back: sign keys become strings, dates ISO text.
    report, _ = check({"note": EMOJI_NOTE + SQL_NOTE, "temperature_c": "38,4"})
    assert DailyReport.model_validate_json(report.model_dump_json()) == report
    assert DailyReport.model_validate(report.model_dump(mode="json")) == report


def test_checklist_asks_sign_7_positively_and_keeps_the_old_code_out():
    assert SIGNS[6] is Sign.NIPPLE_PAIN_WORSE
    assert Sign.NIPPLE_PAIN_NOT_WORSE not in SIGNS
    assert GOOD_ANSWER[Sign.NIPPLE_PAIN_WORSE] is False


def test_a_stored_old_sign_7_loads_unchanged():
    # A row saved before sign 7 was asked positively, read back by the store.
    stored = {"day": "2026-03-01", "flow": "well", "signs": {"nipple_pain_not_worse": False}}
    report = DailyReport.model_validate(stored)
    assert report.signs == {Sign.NIPPLE_PAIN_NOT_WORSE: False}


def test_old_sign_7_sits_in_its_question_place():
    report, _ = check(
        {"signs": {"weight_going_up": True, "nipple_pain_not_worse": True, "breasts_full_then_soft": True}}
    )
    assert list(report.signs) == [
        Sign.BREASTS_FULL_THEN_SOFT,
        Sign.NIPPLE_PAIN_NOT_WORSE,
        Sign.WEIGHT_GOING_UP,
    ]


@pytest.mark.parametrize(
    ("answers", "count"),
    [
        ({}, SignCount(0, 0, 8)),  # an empty form
        ({Sign.LET_DOWN_FELT: None}, SignCount(0, 0, 8)),  # None: not answered
        ({Sign.LET_DOWN_FELT: True, Sign.FEEDS_8_TO_12: False}, SignCount(1, 2, 8)),  # mixed
        ({"nipple_pain_worse": False}, SignCount(1, 1, 8)),  # codes as text, from a form
    ],
)
def test_count_signs_for_a_form(answers, count):
    assert count_signs(answers) == count


def test_report_sign_count_is_count_signs():
    report, _ = check({"signs": {"let_down_felt": True, "nipple_pain_worse": True}})
    assert report.sign_count == count_signs(report.signs) == SignCount(1, 2, 8)


QUESTIONS = ["baby_sleepy_yellow", "dark_urine", "black_stools", "breast_very_painful", "flu_like", "nipple_pain"]


@pytest.mark.parametrize("field", QUESTIONS)
@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        (None, None),  # not answered
        ("", None),  # an empty form field: not answered, never "no"
        (True, True),  # yes
        (False, False),  # no
        ("yes", True),  # the form's text
        ("no", False),  # the form's text
        (1, True),  # SQLite's integer
        (0, False),  # SQLite's integer
    ],
)
def test_optional_questions_keep_unanswered_apart_from_no(field, raw, stored):
    report, errors = check({field: raw})
    assert errors == {}
    assert getattr(report, field) is stored


@pytest.mark.parametrize("field", QUESTIONS)
@pytest.mark.parametrize("raw", ["maybe", 2, 1.5, [True]])
def test_optional_questions_reject_other_answers(field, raw):
    assert check({field: raw}) == (None, {field: "invalid_choice"})


def test_mother_signs_are_answered_questions_in_order():
    report, errors = check({"mother_signs": {"sad": True, "heavy_bleeding": False, "fits": None}})
    assert errors == {}
    assert report.mother_signs == {MotherSign.HEAVY_BLEEDING: False, MotherSign.SAD: True}


@pytest.mark.parametrize(
    "raw",
    [
        {"bleeding": True},  # not a code
        {"sad": "yes"},  # answers are booleans, as for the signs
        ["sad"],  # not a mapping
    ],
)
def test_mother_signs_reject_bad_input(raw):
    assert check({"mother_signs": raw}) == (None, {"mother_signs": "invalid_choice"})


def test_mother_signs_cover_both_urgency_lines_and_mood():
    assert len(MOTHER_SIGNS) == 13
    assert {MotherSign.THOUGHTS_OF_HARM, MotherSign.SAD, MotherSign.NO_WISH_TO_CARE} <= set(MOTHER_SIGNS)


def test_new_fields_round_trip_through_json():
    report, _ = check(
        {
            "dark_urine": True,
            "nipple_pain": False,
            "mother_signs": {"chills": True},
            "signs": {"nipple_pain_worse": False},
        }
    )
    assert DailyReport.model_validate(report.model_dump(mode="json")) == report


def test_a_refused_value_never_appears_in_the_error_text():
    """Health data stays out of logs: pydantic's error text must not carry the input (issue 6)."""
    secret = "catatan rahasia ibu 12345"
    with pytest.raises(ValidationError) as caught:
        DailyReport.model_validate({"day": "2026-11-20", "flow": secret})
    assert secret not in str(caught.value)
    assert secret not in repr(caught.value)
