import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.diary import DailyReport
from app.domain.postpartum import expected_wet_diapers, first_days, postpartum_day
from app.domain.redflags import RULES, RedFlag, Urgency, evaluate, open_flags

BIRTH = date(2026, 3, 1)
F = RedFlag


def report(day=date(2026, 3, 10), **fields):
    return DailyReport(day=day, flow=fields.pop("flow", "well"), **fields)


@pytest.mark.parametrize(
    ("birth", "on", "day"),
    [
        (date(2026, 3, 1), date(2026, 3, 1), 1),  # the birth date is day 1
        (date(2026, 3, 1), date(2026, 3, 2), 2),  # the next calendar day
        (date(2026, 2, 27), date(2026, 3, 4), 6),  # across a month end
        (date(2024, 2, 28), date(2024, 3, 1), 3),  # across a leap day
    ],
)
def test_postpartum_day(birth, on, day):
    assert postpartum_day(birth, on) == day


def test_postpartum_day_before_birth_is_an_error():
    with pytest.raises(ValueError):
        postpartum_day(date(2026, 3, 2), date(2026, 3, 1))


@pytest.mark.parametrize(
    ("day", "wet", "first"),
    [
        (1, 1, True),  # day 1: one wet diaper
        (2, 2, True),  # day 2: two
        (5, 5, True),  # last of the first days
        (6, 6, False),  # from day 6: six or more
        (40, 6, False),  # stays at six
    ],
)
def test_expected_wet_diapers_and_first_days(day, wet, first):
    assert expected_wet_diapers(day) == wet
    assert first_days(day) is first


@pytest.mark.parametrize("day", [0, -1])
def test_day_numbers_start_at_one(day):
    with pytest.raises(ValueError):
        expected_wet_diapers(day)
    with pytest.raises(ValueError):
        first_days(day)


@pytest.mark.parametrize(
    ("fields", "day", "flags"),
    [
        ({}, 10, []),  # a good day
        ({"fever": True}, 10, [F.FEVER]),  # fever ticked, no thermometer: still a fever
        ({"fever": True, "temperature_c": 38.0}, 10, [F.FEVER]),  # exactly 38.0
        ({"fever": True, "temperature_c": 39.4}, 10, [F.FEVER]),  # high fever
        ({"fever": True, "temperature_c": 37.9}, 10, []),  # felt feverish, measured below 38
        ({"temperature_c": 38.5}, 10, [F.FEVER]),  # measured 38.5, box unticked: still fever
        ({"breast_redness": True}, 10, [F.BREAST_INFLAMED]),  # red breast
        ({"breast_hard_swollen": True}, 10, [F.BREAST_INFLAMED]),  # hard/swollen breast
        ({"breast_pain": True}, 10, []),  # pain alone: not "very painful"
        ({"breast_redness": True, "fever": True}, 10, [F.MASTITIS]),  # red + fever
        (
            {"breast_hard_swollen": True, "fever": True, "temperature_c": 38.6},
            10,
            [F.MASTITIS],
        ),  # hard + measured fever
        (
            {"breast_redness": True, "fever": True, "temperature_c": 37.2},
            10,
            [F.BREAST_INFLAMED],
        ),  # red, fever box but normal temperature
        ({"nipples_cracked": True}, 10, [F.NIPPLES_CRACKED]),  # cracked or bleeding
        ({"signs": {"nipple_pain_not_worse": False}}, 10, [F.NIPPLE_PAIN_WORSE]),  # pain grows
        ({"signs": {"nipple_pain_not_worse": True}}, 10, []),  # pain not worse
        ({"wet_diapers": 0}, 1, [F.FEW_WET_DIAPERS]),  # day 1 expects one
        ({"wet_diapers": 1}, 1, []),  # day 1, one is enough
        ({"wet_diapers": 2}, 3, [F.FEW_WET_DIAPERS]),  # day 3 expects three
        ({"wet_diapers": 5}, 5, []),  # day 5 expects five
        ({"wet_diapers": 5}, 6, [F.FEW_WET_DIAPERS]),  # day 6 expects six
        ({"wet_diapers": 6}, 30, []),  # six is enough later
        ({"wet_diapers": 2}, None, []),  # no birth date: no day-based rule
        ({"feeds_24h": 7}, 6, [F.FEW_FEEDS]),  # after the first days, fewer than 8
        ({"feeds_24h": 8}, 6, []),  # eight is enough
        ({"feeds_24h": 5}, 5, []),  # still in the first days
        ({"feeds_24h": 5}, None, []),  # day unknown
        ({"flow": "not_yet"}, 4, []),  # day 4: milk may still be coming in
        ({"flow": "not_yet"}, 5, [F.MILK_NOT_YET]),  # after day 4
        ({"flow": "not_well"}, 9, []),  # flowing, if not well: not a red flag
        ({"flow": "not_yet"}, None, []),  # day unknown
        (
            {"fever": True, "breast_redness": True, "nipples_cracked": True, "wet_diapers": 3,
             "feeds_24h": 6, "flow": "not_yet"},
            7,
            [F.MASTITIS, F.NIPPLES_CRACKED, F.FEW_WET_DIAPERS, F.FEW_FEEDS, F.MILK_NOT_YET],
        ),  # everything at once, in RedFlag order
    ],
)
def test_evaluate(fields, day, flags):
    assert evaluate(report(**fields), postpartum_day=day) == flags


def test_every_flag_has_a_rule():
    assert set(RULES) == set(RedFlag)
    for code, rule in RULES.items():
        assert rule.code is code
        assert rule.source.startswith("DOMAIN §")
        assert rule.urgency in (Urgency.WITHIN_24H, Urgency.SOON)


def test_mastitis_advice_keeps_breastfeeding_within_24h():
    rule = RULES[RedFlag.MASTITIS]
    assert rule.keep_breastfeeding and rule.urgency == "within_24h"


def _domain_text():
    root = Path(__file__).resolve().parents[1]
    # The brief lives beside the repository while the project is built; a copy may move in.
    candidates = [
        root / "DOMAIN.md",
        root / "docs" / "DOMAIN.md",
        root.parent / "shared" / "DOMAIN.md",
    ]
    for candidate in candidates:
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    pytest.skip("DOMAIN.md not found")


def _plain(text):
    return " ".join(re.sub(r"[\"']", "", text).split())


@pytest.mark.parametrize("flag", list(RedFlag))
def test_rule_source_quotes_domain(flag):
    domain = _plain(_domain_text())
    quotes = re.findall(r'"(.+?)"(?=[;\s]|$)', RULES[flag].source)
    assert quotes
    for quote in quotes:
        for fragment in quote.split(" ... "):
            assert _plain(fragment) in domain


def _day(n):
    return BIRTH + timedelta(days=n - 1)


def test_open_flags_only_newest_report_counts():
    reports = [
        report(_day(9)),  # newest: all clear
        report(_day(8), fever=True),
    ]
    assert open_flags(reports, birth_date=BIRTH) == []


def test_open_flag_dates_from_first_day_of_its_run():
    reports = [
        report(_day(9), nipples_cracked=True, wet_diapers=3),
        report(_day(8), nipples_cracked=True),
        report(_day(7), nipples_cracked=True, fever=True),
        report(_day(6)),  # the run starts after this clear day
        report(_day(5), nipples_cracked=True),
    ]
    assert open_flags(reports, birth_date=BIRTH) == [
        (F.NIPPLES_CRACKED, _day(7)),
        (F.FEW_WET_DIAPERS, _day(9)),
    ]


def test_open_flags_sorts_by_day():
    oldest_first = [report(_day(8), fever=True), report(_day(9))]
    assert open_flags(oldest_first, birth_date=BIRTH) == []


def test_open_flags_uses_the_birth_date_for_day_rules():
    reports = [report(_day(3), wet_diapers=2), report(_day(2), wet_diapers=1)]
    assert open_flags(reports, birth_date=BIRTH) == [(F.FEW_WET_DIAPERS, _day(2))]
    assert open_flags(reports, birth_date=None) == []


def test_open_flags_empty():
    assert open_flags([], birth_date=BIRTH) == []
