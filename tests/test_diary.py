import ast
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.diary import (
    SIGNS,
    DailyReport,
    FieldError,
    Flow,
    Sign,
    validate_profile,
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


def check(overrides, *, birth_date=BIRTH):
    return validate_report({**VALID, **overrides}, today=TODAY, birth_date=birth_date)


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
        ("day", "10/03/2026", "invalid_date"),  # not ISO: the date picker sends ISO
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
        "expressed_ml": "12.5",
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
        "expressed_ml": "not_integer",
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
        ({sign.value: True for sign in SIGNS}, 8, 8),  # all yes: "8 of 8"
        ({"let_down_felt": True, "yellow_stools": False, "baby_satisfied": True}, 2, 3),  # mixed
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
    with pytest.raises(Exception):
        report.mood = 1


def test_model_read_back_without_context_skips_calendar_checks():
    # A row written long ago, read by the store: no `today`, so no future/birth check.
    report = DailyReport.model_validate({"day": "2030-01-01", "flow": "well", "fever": 0})
    assert report.day == date(2030, 1, 1) and report.fever is False


@pytest.mark.parametrize(
    ("raw", "errors"),
    [
        ({"baby_birth_date": "2026-03-11"}, {"baby_birth_date": "future_date"}),  # tomorrow
        ({"baby_birth_date": "2025-03-08"}, {"baby_birth_date": "too_old"}),  # 367 days ago
        ({"baby_birth_date": "2026-02-30"}, {"baby_birth_date": "invalid_date"}),  # no such day
        ({"baby_birth_date": ""}, {"baby_birth_date": "required"}),  # left empty
        ({}, {"baby_birth_date": "required"}),  # missing
        (
            {"baby_birth_date": "2026-03-01", "mother_name": "A" * 61},
            {"mother_name": "too_long"},
        ),  # name over 60 characters
        (
            {"baby_birth_date": "", "mother_name": "A" * 61},
            {"baby_birth_date": "required", "mother_name": "too_long"},
        ),  # both fields wrong, both reported
    ],
)
def test_profile_errors(raw, errors):
    profile, found = validate_profile(raw, today=TODAY)
    assert profile is None
    assert found == errors


@pytest.mark.parametrize(
    ("raw", "name", "born"),
    [
        ({"baby_birth_date": "2026-03-10"}, None, date(2026, 3, 10)),  # born today, no name
        ({"baby_birth_date": "2025-03-09", "mother_name": "  Siti  "}, "Siti", date(2025, 3, 9)),
        ({"baby_birth_date": "2026-01-02", "mother_name": "   "}, None, date(2026, 1, 2)),  # blank
        ({"baby_birth_date": "2026-01-02", "mother_name": "A" * 60}, "A" * 60, date(2026, 1, 2)),
    ],
)
def test_profile_accepted(raw, name, born):
    profile, errors = validate_profile(raw, today=TODAY)
    assert errors == {}
    assert (profile.mother_name, profile.baby_birth_date) == (name, born)


@pytest.mark.parametrize("module", ["diary", "redflags", "postpartum", "ics", "trends"])
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
