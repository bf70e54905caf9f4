import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.redflags import (
    NOTICE_SOURCES,
    RULES,
    URGENCY_ORDER,
    FlagGroup,
    Notice,
    RedFlag,
    Urgency,
    evaluate,
    notices,
    recent_flags,
)
from app.domain.report import DailyReport

BIRTH = date(2026, 3, 1)
F = RedFlag
N = Notice


def report(day=date(2026, 3, 10), **fields):
    return DailyReport(day=day, flow=fields.pop("flow", "well"), **fields)


def mother(*codes):
    return {"mother_signs": {code: True for code in codes}}


# One row per DOMAIN §3 line (and the day limits each line sets): the report's answers, the
# postpartum day (birth date = day 0; None = no birth date), the flags raised.
DOMAIN_TABLE = [
    ({}, 10, []),  # a good day raises nothing
    ({}, None, []),  # nor without a birth date
    # --- The mother's own danger signs: "go to a health facility now (someone takes her)"
    (mother("heavy_bleeding"), 0, [F.HEAVY_BLEEDING]),  # "soaks more than one pad an hour, or large clots"
    (mother("heavy_bleeding"), None, [F.HEAVY_BLEEDING]),  # no birth date: still now
    (mother("fits"), 3, [F.FITS]),  # "fits (kejang)"
    (mother("headache_vision_swelling"), 5, [F.HEADACHE_VISION_SWELLING]),  # pre-eclampsia
    (mother("breathing_chest_pain"), 20, [F.BREATHING_CHEST_PAIN]),  # "difficulty breathing or chest pain"
    (mother("calf_swollen"), 12, [F.CALF_SWOLLEN]),  # "one calf painful, red, warm and swollen"
    (mother("thoughts_of_harm"), 2, [F.THOUGHTS_OF_HARM]),  # "thoughts of harming herself or the baby"
    (mother("thoughts_of_harm"), None, [F.THOUGHTS_OF_HARM]),  # no birth date: still now
    # --- "contact the midwife today"
    ({"fever": True}, 10, [F.FEVER]),  # "fever over 38 C": ticked, no thermometer
    ({"fever": True}, 0, [F.FEVER]),  # day 0: the mastitis line has no day condition
    ({"fever": True, "temperature_c": 38.0}, 10, [F.FEVER]),  # exactly 38.0
    ({"fever": True, "temperature_c": 37.9}, 10, []),  # felt feverish, measured below 38
    ({"temperature_c": 38.5}, None, [F.FEVER]),  # measured, box unticked, no birth date
    (mother("chills"), 1, [F.CHILLS]),  # "chills after the first day": day 1
    (mother("chills"), 0, []),  # the day of birth is the first day
    (mother("chills"), None, []),  # day unknown: see the birth-date notice
    (mother("lochia_smells"), 6, [F.LOCHIA_SMELLS]),  # "lochia (darah nifas) that smells bad"
    (mother("belly_pain_growing"), 4, [F.BELLY_PAIN_GROWING]),  # "lower-belly pain that grows"
    (mother("urine_pain"), 2, [F.URINE_PAIN]),  # "pain, burning or trouble passing urine"
    (mother("wound_problem"), 7, [F.WOUND_PROBLEM]),  # "stitch or caesarean wound ... red"
    (mother("wound_problem"), None, [F.WOUND_PROBLEM]),  # no birth date
    # --- Mood: "common (baby blues) and passes within about two weeks; sadness that lasts longer"
    (mother("sad"), 14, []),  # within two weeks: baby blues, a notice, not a flag
    (mother("sad"), 15, [F.SADNESS_LASTING]),  # longer than two weeks: the midwife today
    (mother("sad"), None, []),  # day unknown: the baby-blues notice names when to call
    (mother("no_wish_to_care"), 3, [F.NO_WISH_TO_CARE]),  # "not wanting to care for herself"
    (mother("sad", "thoughts_of_harm"), 3, [F.THOUGHTS_OF_HARM]),  # harm thoughts: now
    # --- Breasts: "a breast that is red, hot, hard, swollen or very painful; flu-like illness"
    ({"breast_redness": True}, 10, [F.BREAST_INFLAMED]),  # red breast
    ({"breast_hard_swollen": True}, 10, [F.BREAST_INFLAMED]),  # hard/swollen breast
    ({"breast_very_painful": True}, 10, [F.BREAST_INFLAMED]),  # "very painful"
    ({"breast_very_painful": True}, None, [F.BREAST_INFLAMED]),  # no birth date
    ({"breast_pain": True}, 10, []),  # pain alone: not "very painful"
    ({"flu_like": True}, 10, [F.FLU_LIKE]),  # "flu-like illness"
    ({"flu_like": False}, 10, []),  # answered no
    ({"breast_redness": True, "fever": True}, 10, [F.MASTITIS]),  # "(mastitis: ...)"
    ({"breast_very_painful": True, "flu_like": True}, 1, [F.MASTITIS]),  # very painful + flu
    ({"breast_redness": True, "fever": True, "temperature_c": 37.2}, 10, [F.BREAST_INFLAMED]),
    # --- Nipples: "nipples cracked or bleeding, or nipple pain that grows or lasts past day 5-7"
    ({"nipples_cracked": True}, 1, [F.NIPPLES_CRACKED]),  # cracked or bleeding, day 1
    ({"nipples_cracked": True}, None, [F.NIPPLES_CRACKED]),  # no birth date
    ({"signs": {"nipple_pain_worse": True}}, 2, [F.NIPPLE_PAIN_WORSE]),  # "pain that grows": yes
    ({"signs": {"nipple_pain_worse": False}}, 2, []),  # no pain or not worse: no flag
    ({"signs": {"nipple_pain_not_worse": False}}, 2, [F.NIPPLE_PAIN_WORSE]),  # old question, no
    ({"signs": {"nipple_pain_not_worse": True}}, 2, []),  # old question, yes
    (
        {"signs": {"nipple_pain_not_worse": False, "nipple_pain_worse": False}},
        2,
        [],
    ),  # both answered: the new question decides
    ({"nipple_pain": True}, 5, []),  # day 5: within "day 5-7"
    ({"nipple_pain": True}, 6, [F.NIPPLE_PAIN_LASTING]),  # past day 5
    ({"nipple_pain": True}, None, []),  # day unknown: see the birth-date notice
    # --- Baby: "feeds fewer than 8 times in 24 h" - "no day condition in the sources"
    ({"feeds_24h": 4}, 1, [F.FEW_FEEDS]),  # day 1: four feeds is too few
    ({"feeds_24h": 7}, 0, [F.FEW_FEEDS]),  # the day of birth
    ({"feeds_24h": 5}, None, [F.FEW_FEEDS]),  # no birth date
    ({"feeds_24h": 8}, 1, []),  # eight is enough
    # --- "fewer than 6 wet diapers a day after day 5-6"
    ({"wet_diapers": 5}, 6, [F.FEW_WET_DIAPERS]),  # day 6: six expected
    ({"wet_diapers": 6}, 6, []),  # six is enough
    ({"wet_diapers": 1}, 5, []),  # day 5: "fewer in the first days"
    ({"wet_diapers": 0}, 1, []),  # day 1: no number in DOMAIN
    ({"wet_diapers": 2}, None, []),  # day unknown: see the birth-date notice
    # --- "dark strong urine"
    ({"dark_urine": True}, 1, [F.DARK_URINE]),  # day 1
    ({"dark_urine": True}, None, [F.DARK_URINE]),  # no birth date
    # --- "black stools after day 5"
    ({"black_stools": True}, 5, []),  # day 5: not after day 5 (meconium is black)
    ({"black_stools": True}, 6, [F.BLACK_STOOLS]),  # day 6
    ({"black_stools": True}, None, []),  # day unknown: see the birth-date notice
    # --- "very sleepy or yellow (jaundiced)"
    ({"baby_sleepy_yellow": True}, 1, [F.SLEEPY_OR_YELLOW]),  # day 1
    ({"baby_sleepy_yellow": True}, None, [F.SLEEPY_OR_YELLOW]),  # no birth date
    ({"baby_sleepy_yellow": False}, 1, []),  # answered no
    # --- "not back to birth weight by day 10-14" (§4 sign 8 answered no)
    ({"signs": {"weight_going_up": False}}, 9, []),  # before day 10: a notice to weigh
    ({"signs": {"weight_going_up": False}}, 10, [F.WEIGHT_NOT_GOING_UP]),  # day 10
    ({"signs": {"weight_going_up": True}}, 20, []),  # going up
    # --- Referral rules [S24]: "milk not started by day 4"
    ({"flow": "not_yet"}, 3, []),  # day 3: milk may still be coming in
    ({"flow": "not_yet"}, 4, [F.MILK_NOT_YET]),  # day 4
    ({"flow": "not_well"}, 9, []),  # flowing, if not well: not a red flag
    ({"flow": "not_yet"}, None, []),  # day unknown: see the birth-date notice
]


@pytest.mark.parametrize(("fields", "day", "flags"), DOMAIN_TABLE)
def test_evaluate_domain_table(fields, day, flags):
    assert evaluate(report(**fields), postpartum_day=day) == flags


def test_flags_come_most_urgent_first():
    fields = {
        "fever": True,
        "breast_redness": True,
        "nipples_cracked": True,
        "wet_diapers": 3,
        "feeds_24h": 6,
        "flow": "not_yet",
        **mother("lochia_smells", "fits"),
    }
    assert evaluate(report(**fields), postpartum_day=7) == [
        F.FITS,  # go now
        F.LOCHIA_SMELLS,  # today
        F.MASTITIS,  # within 24 h
        F.NIPPLES_CRACKED,
        F.MILK_NOT_YET,
        F.FEW_FEEDS,
        F.FEW_WET_DIAPERS,  # soon, in order
    ]


@pytest.mark.parametrize(
    ("fields", "day", "found"),
    [
        ({}, 3, []),  # nothing to say
        (mother("sad"), 0, [N.BABY_BLUES]),  # day of birth: common
        (mother("sad"), 14, [N.BABY_BLUES]),  # "within about two weeks"
        (mother("sad"), 15, []),  # longer: a red flag instead
        (mother("sad"), None, [N.BABY_BLUES, N.BIRTH_DATE_NEEDED]),  # day unknown
        ({"signs": {"weight_going_up": False}}, 9, [N.WEIGH_BABY]),  # have the baby weighed
        ({"signs": {"weight_going_up": False}}, 10, []),  # day 10: a red flag instead
        ({"signs": {"weight_going_up": False}}, None, [N.WEIGH_BABY, N.BIRTH_DATE_NEEDED]),
        ({"black_stools": True}, None, [N.BIRTH_DATE_NEEDED]),  # a day rule without a day
        ({"wet_diapers": 2}, None, [N.BIRTH_DATE_NEEDED]),  # a day rule without a day
        ({"wet_diapers": 6}, None, []),  # nothing a day rule would flag
        ({"flow": "not_yet"}, None, [N.BIRTH_DATE_NEEDED]),  # milk not yet, day unknown
        (mother("chills"), None, [N.BIRTH_DATE_NEEDED]),  # chills, day unknown
        ({"nipple_pain": True}, None, [N.BIRTH_DATE_NEEDED]),  # nipple pain, day unknown
        ({"feeds_24h": 3}, None, []),  # the feeds rule needs no day: flagged, no notice
        ({"black_stools": True}, 2, []),  # day known: nothing to ask
    ],
)
def test_notices(fields, day, found):
    assert notices(report(**fields), postpartum_day=day) == found


def test_every_flag_has_a_rule():
    assert set(RULES) == set(RedFlag)
    for code, rule in RULES.items():
        assert rule.code is code
        assert rule.source.startswith("DOMAIN §")
        assert rule.urgency in URGENCY_ORDER
        assert rule.group in set(FlagGroup)


# The phrase of DOMAIN's line that sets each urgency; every rule's source must quote it.
URGENCY_PHRASES = {
    Urgency.GO_NOW: "go to a health facility now (someone takes her)",
    Urgency.TODAY: ("contact the midwife today", "needs the midwife"),
    Urgency.WITHIN_24H: "get help within 24 h",
    Urgency.SOON: ("nipples cracked or bleeding", "baby:", "milk not started by day 4"),
}


@pytest.mark.parametrize("flag", list(RedFlag))
def test_rule_urgency_comes_from_its_domain_line(flag):
    rule = RULES[flag]
    phrases = URGENCY_PHRASES[rule.urgency]
    phrases = (phrases,) if isinstance(phrases, str) else phrases
    assert any(phrase in rule.source for phrase in phrases)


def test_mastitis_advice_keeps_breastfeeding_within_24h():
    rule = RULES[RedFlag.MASTITIS]
    assert rule.keep_breastfeeding and rule.urgency is Urgency.WITHIN_24H


def test_mother_go_now_flags():
    go_now = {flag for flag, rule in RULES.items() if rule.urgency is Urgency.GO_NOW}
    assert go_now == {
        F.HEAVY_BLEEDING,
        F.FITS,
        F.HEADACHE_VISION_SWELLING,
        F.BREATHING_CHEST_PAIN,
        F.CALF_SWOLLEN,
        F.THOUGHTS_OF_HARM,
    }


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


def _assert_quotes_domain(source):
    domain = _plain(_domain_text())
    quotes = re.findall(r'"(.+?)"(?=[;\s]|$)', source)
    assert quotes
    for quote in quotes:
        for fragment in quote.split(" ... "):
            assert _plain(fragment) in domain


@pytest.mark.parametrize("flag", list(RedFlag))
def test_rule_source_quotes_domain(flag):
    _assert_quotes_domain(RULES[flag].source)


@pytest.mark.parametrize("notice", list(Notice))
def test_notice_source_quotes_domain(notice):
    _assert_quotes_domain(NOTICE_SOURCES[notice])


def test_quote_check_notices_a_misquote():
    with pytest.raises(AssertionError):
        _assert_quotes_domain('DOMAIN §3: "fever over 37 C"')


def _day(n):
    return BIRTH + timedelta(days=n)


def open_flags(reports, *, birth_date):
    """Today's open flags (recent_flags) as (flag, since), on the day of the newest report."""
    today = max((r.day for r in reports), default=BIRTH)
    return [(f.flag, f.since) for f in recent_flags(reports, birth_date=birth_date, today=today)]


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
    reports = [report(_day(7), wet_diapers=2), report(_day(6), wet_diapers=1)]
    assert open_flags(reports, birth_date=BIRTH) == [(F.FEW_WET_DIAPERS, _day(6))]
    assert open_flags(reports, birth_date=None) == []


def test_open_flags_keeps_few_feeds_without_a_birth_date():
    reports = [report(_day(1), feeds_24h=4), report(_day(0), feeds_24h=3)]
    assert open_flags(reports, birth_date=None) == [(F.FEW_FEEDS, _day(0))]


def test_open_flags_puts_go_now_first():
    reports = [report(_day(3), feeds_24h=4, **mother("heavy_bleeding"))]
    assert [flag for flag, _ in open_flags(reports, birth_date=BIRTH)] == [
        F.HEAVY_BLEEDING,
        F.FEW_FEEDS,
    ]


def test_open_flags_empty():
    assert open_flags([], birth_date=BIRTH) == []


# -- the open flags Today shows: the last three days' reports --------------------------------------

TODAY = date(2026, 3, 10)


def _on(offset, **fields):
    return report(day=TODAY - timedelta(days=offset), **fields)


@pytest.mark.parametrize(
    "reports, shown",
    [
        ([_on(1, **mother("fits"))], [(RedFlag.FITS, 1, 1)]),  # yesterday's, no report today
        ([_on(2, **mother("fits")), _on(0)], [(RedFlag.FITS, 2, 2)]),  # today's did not ask: still open
        ([_on(2, **mother("fits")), _on(0, mother_signs={"fits": False})], []),  # answered no: closed
        ([_on(3, **mother("fits"))], []),  # older than three days
        ([_on(2, fever=True), _on(1, fever=True), _on(0)], []),  # today's report has no fever: closed
        ([_on(4, fever=True), _on(2, fever=True), _on(1, fever=True)], [(RedFlag.FEVER, 4, 1)]),  # since its first day
        ([_on(1, feeds_24h=5), _on(0)], [(RedFlag.FEW_FEEDS, 1, 1)]),  # today's left the feeds blank
        ([_on(1, feeds_24h=5), _on(0, feeds_24h=9)], []),  # today's counted enough feeds
    ],
)
def test_recent_flags(reports, shown):
    found = recent_flags(reports, birth_date=TODAY - timedelta(days=10), today=TODAY)
    assert [(f.flag, (TODAY - f.since).days, (TODAY - f.last).days) for f in found] == shown


def test_recent_flags_come_most_urgent_first():
    found = recent_flags([_on(2, **mother("fits")), _on(1, fever=True, feeds_24h=3)], birth_date=None, today=TODAY)
    assert [f.flag for f in found] == [RedFlag.FITS, RedFlag.FEVER, RedFlag.FEW_FEEDS]
