from datetime import date

import pytest

from app.domain.profile import Profile, parse_phone, tel_uri, validate_profile

TODAY = date(2026, 3, 10)


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
    assert errors == {} and profile is not None
    assert (profile.mother_name, profile.baby_birth_date) == (name, born)


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("0812-3456-7890", "0812-3456-7890"),  # a mobile number as people write it
        ("+62 812 3456 7890", "+62 812 3456 7890"),  # with the country code
        ("  0812  3456 7890 ", "0812 3456 7890"),  # spaces trimmed and made single
        ("(021) 555-1234", "(021) 555-1234"),  # a landline with its area code
        ("08123456", "08123456"),  # 8 digits: the shortest accepted
        ("+62 812 3456 789012", "+62 812 3456 789012"),  # 15 digits: the longest accepted
        ("", None),  # optional: empty
        ("   ", None),  # optional: blank
        (None, None),  # optional: missing
    ],
)
def test_phone_accepted(raw, kept):
    assert parse_phone(raw) == kept


@pytest.mark.parametrize(
    "raw",
    [
        "0812345",  # 7 digits: too few
        "+62 812 3456 7890123",  # 16 digits: too many
        "0812-3456-789O",  # a letter O for a zero
        "0812.3456.7890",  # dots
        "62+812345678",  # a plus in the middle
        "bidan Ani",  # a name, not a number
        "---- ----",  # no digits
        812345678,  # not text
    ],
)
def test_phone_rejected(raw):
    profile, errors = validate_profile({"baby_birth_date": "2026-03-01", "midwife_phone": raw}, today=TODAY)
    assert (profile, errors) == (None, {"midwife_phone": "invalid_phone"})


def test_both_phones_checked_at_once():
    _, errors = validate_profile(
        {"baby_birth_date": "2026-03-01", "midwife_phone": "abc", "facility_phone": "1"},
        today=TODAY,
    )
    assert errors == {"midwife_phone": "invalid_phone", "facility_phone": "invalid_phone"}


@pytest.mark.parametrize(
    ("phone", "uri"),
    [
        ("0812-3456-7890", "tel:+6281234567890"),  # national: 0 becomes +62
        ("+62 812 3456 7890", "tel:+6281234567890"),  # international stays
        ("(021) 555-1234", "tel:+62215551234"),  # landline with area code
        ("+65 6123 4567", "tel:+6561234567"),  # another country's number
        ("812 3456 7890", "tel:81234567890"),  # no prefix: digits as typed
    ],
)
def test_tel_uri(phone, uri):
    assert tel_uri(phone) == uri


def test_profile_gives_tel_uris_and_none_without_a_phone():
    profile = Profile(baby_birth_date=date(2026, 3, 1), midwife_phone="0812-3456-7890")
    assert profile.midwife_tel == "tel:+6281234567890"
    assert profile.facility_tel is None
