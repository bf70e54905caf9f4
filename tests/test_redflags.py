"""The red-flag rules of DOMAIN §3, one row per line and day limit, and their combinations.

The rules' words and sources are held against docs/clinical-content.md (and the brief) in
tests/test_clinical_content.py; here: what each report raises, on which day, and in what order.
"""

import itertools
import re
from datetime import date, timedelta
from typing import Any

import pytest

from app.domain.flagrules import NOTICE_QUOTES
from app.domain.redflags import (
    RULES,
    URGENCY_ORDER,
    FlagGroup,
    Notice,
    RedFlag,
    Urgency,
    evaluate,
    most_urgent,
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


def baby(*codes):
    return {"baby_danger": True, "baby_signs": {code: True for code in codes}}


# One row per DOMAIN §3 line (and the day limits each line sets): the report's answers, the
# postpartum day (birth date = day 0; None = no birth date), the flags raised. Each rule's first
# day has a row, and the day before it.
DOMAIN_TABLE = [
    ({}, 10, []),  # a good day raises nothing
    ({}, None, []),  # nor without a birth date
    # --- The mother's own danger signs: "GO NOW (someone takes her; 119)"
    (mother("heavy_bleeding"), 0, [F.HEAVY_BLEEDING]),  # "soaks more than one pad an hour, or large clots"
    (mother("heavy_bleeding"), None, [F.HEAVY_BLEEDING]),  # no birth date: still now
    (mother("fits"), 3, [F.FITS]),  # "fits (kejang)"
    (mother("headache_vision_swelling"), 5, [F.HEADACHE_VISION_SWELLING]),  # the signs, named
    (mother("breathing_chest_pain"), 20, [F.BREATHING_CHEST_PAIN]),  # "difficulty breathing or chest pain"
    (mother("calf_swollen"), 12, [F.CALF_SWOLLEN]),  # "one calf painful, red, warm and swollen"
    (mother("thoughts_of_harm"), 2, [F.THOUGHTS_OF_HARM]),  # "thoughts of harming herself or the baby"
    (mother("thoughts_of_harm"), None, [F.THOUGHTS_OF_HARM]),  # no birth date: still now
    # --- "TODAY"
    ({"fever": True}, 10, [F.FEVER]),  # "fever over 38 C": ticked, no thermometer
    ({"fever": True}, 0, [F.FEVER]),  # first day 0: the breast line's fever has no day condition
    ({"fever": True, "temperature_c": 38.0}, 10, [F.FEVER]),  # exactly 38.0
    ({"fever": True, "temperature_c": 37.9}, 10, []),  # felt feverish, measured below 38
    ({"temperature_c": 38.5}, None, [F.FEVER]),  # measured, box unticked, no birth date
    (mother("chills"), 1, [F.CHILLS]),  # first day 1: "chills after the first day (from day 1)"
    (mother("chills"), 0, []),  # the day of birth
    (mother("chills"), None, []),  # day unknown: see the birth-date notice
    (mother("lochia_smells"), 6, [F.LOCHIA_SMELLS]),  # "lochia (darah nifas) that smells bad"
    (mother("belly_pain_growing"), 4, [F.BELLY_PAIN_GROWING]),  # "lower-belly pain that grows"
    (mother("urine_pain"), 2, [F.URINE_PAIN]),  # "pain, burning or trouble passing urine"
    (mother("wound_problem"), 7, [F.WOUND_PROBLEM]),  # "stitch or caesarean wound ... red"
    (mother("wound_problem"), None, [F.WOUND_PROBLEM]),  # no birth date
    # --- Mood: "common (baby blues) and passes within about two weeks; sadness that lasts longer"
    (mother("sad"), 14, []),  # within two weeks: baby blues, a notice, not a flag
    (mother("sad"), 15, [F.SADNESS_LASTING]),  # first day 15: the midwife today
    (mother("sad"), None, []),  # day unknown: the baby-blues notice names when to call
    (mother("no_wish_to_care"), 3, [F.NO_WISH_TO_CARE]),  # "not wanting to care for herself"
    (mother("sad", "thoughts_of_harm"), 3, [F.THOUGHTS_OF_HARM]),  # harm thoughts: now
    # --- Breasts, TODAY: "a breast that is red, hot, hard, swollen or very painful; flu-like illness"
    ({"breast_redness": True}, 10, [F.BREAST_INFLAMED]),  # red breast
    ({"breast_hard_swollen": True}, 10, [F.BREAST_INFLAMED]),  # hard/swollen breast
    ({"breast_very_painful": True}, 10, [F.BREAST_INFLAMED]),  # "very painful"
    ({"breast_very_painful": True}, None, [F.BREAST_INFLAMED]),  # no birth date
    ({"breast_pain": True}, 10, []),  # pain alone: not "very painful"
    ({"flu_like": True}, 10, [F.FLU_LIKE]),  # "flu-like illness"
    ({"flu_like": False}, 10, []),  # answered no
    ({"breast_redness": True, "fever": True}, 10, [F.MASTITIS]),  # "fever with a red breast is TODAY"
    ({"breast_very_painful": True, "flu_like": True}, 1, [F.MASTITIS]),  # very painful + flu
    ({"breast_redness": True, "fever": True, "temperature_c": 37.2}, 10, [F.BREAST_INFLAMED]),
    # --- Nipples, SOON: "nipples cracked or bleeding, nipple pain that grows, or ... lasts past day 5-7"
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
    ({"nipple_pain": True}, 6, [F.NIPPLE_PAIN_LASTING]),  # first day 6: past day 5
    ({"nipple_pain": True}, None, []),  # day unknown: see the birth-date notice
    # --- The newborn's danger signs, GO NOW: one question opens the list
    (baby("not_feeding"), 0, [F.BABY_NOT_FEEDING]),  # "will not feed or too weak to suck"
    (baby("fits"), 3, [F.BABY_FITS]),  # "fits (kejang)"
    (baby("limp_sleepy"), 2, [F.BABY_LIMP_SLEEPY]),  # "limp, very sleepy or hard to wake"
    (baby("breathing"), 1, [F.BABY_BREATHING]),  # "fast or difficult breathing"
    (baby("hot_or_cold"), 9, [F.BABY_HOT_OR_COLD]),  # "hot (over 38 C) or cold (under 35.5 C)"
    (baby("yellow_danger"), 4, [F.BABY_YELLOW_DANGER]),  # "yellow reaching the palms and soles"
    (baby("cord"), 5, [F.BABY_CORD]),  # "the cord stump red, smelly or with pus"
    (baby("vomit_belly"), 20, [F.BABY_VOMIT_BELLY]),  # "vomiting everything, or a swollen belly"
    (baby("fits", "breathing"), 2, [F.BABY_FITS, F.BABY_BREATHING]),  # each sign named
    (baby(), 2, [F.BABY_DANGER]),  # "any of these?" yes, none named: still now
    (baby("cord"), None, [F.BABY_CORD]),  # no birth date: still now
    ({"baby_danger": False}, 2, []),  # answered no
    ({"baby_sleepy_yellow": True}, 8, [F.SLEEPY_OR_YELLOW]),  # the old question: never a calm note
    # --- Yellow skin or eyes: "yellow in the first 24 hours" GO NOW; "after the first day" TODAY
    ({"baby_yellow": True}, 0, [F.BABY_YELLOW_DANGER]),  # day 0: the first 24 hours
    ({"baby_yellow": True}, 1, [F.BABY_YELLOW]),  # first day 1: today
    ({"baby_yellow": True}, None, [F.BABY_YELLOW]),  # no birth date: today
    ({"baby_yellow": False}, 0, []),  # answered no
    # --- The baby, TODAY: "feeds fewer than 8 times in 24 h (from day 1)"
    ({"feeds_24h": 4}, 1, [F.FEW_FEEDS]),  # first day 1: four feeds is too few
    ({"feeds_24h": 7}, 0, []),  # day 0 is not a full 24 hours: asked, not flagged
    ({"feeds_24h": 5}, None, [F.FEW_FEEDS]),  # no birth date: the first days are the riskiest
    ({"feeds_24h": 8}, 1, []),  # eight is enough
    # --- "fewer than 6 wet diapers a day from day 6"
    ({"wet_diapers": 5}, 6, [F.FEW_WET_DIAPERS]),  # first day 6: six expected
    ({"wet_diapers": 6}, 6, []),  # six is enough
    ({"wet_diapers": 1}, 5, []),  # day 5: "fewer in the first days"
    ({"wet_diapers": 2}, None, []),  # day unknown: see the birth-date notice
    # --- "dark strong urine"
    ({"dark_urine": True}, 0, [F.DARK_URINE]),  # first day 0
    ({"dark_urine": True}, None, [F.DARK_URINE]),  # no birth date
    # --- "black stools after day 5 (from day 6)"
    ({"black_stools": True}, 5, []),  # day 5: not after day 5 (meconium is black)
    ({"black_stools": True}, 6, [F.BLACK_STOOLS]),  # first day 6
    ({"black_stools": True}, None, []),  # day unknown: see the birth-date notice
    # --- "not back to birth weight by day 10-14" (§4 sign 8 answered no)
    ({"signs": {"weight_going_up": False}}, 9, []),  # before day 10: a notice to weigh
    ({"signs": {"weight_going_up": False}}, 10, [F.WEIGHT_NOT_GOING_UP]),  # first day 10
    ({"signs": {"weight_going_up": True}}, 20, []),  # going up
    # --- Referral rules [S24]: "milk not started by day 4"
    ({"flow": "not_yet"}, 3, []),  # day 3: milk may still be coming in
    ({"flow": "not_yet"}, 4, [F.MILK_NOT_YET]),  # first day 4: not started by day 4
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
        F.LOCHIA_SMELLS,  # today, in RedFlag order
        F.MASTITIS,
        F.MILK_NOT_YET,
        F.FEW_FEEDS,
        F.FEW_WET_DIAPERS,
        F.NIPPLES_CRACKED,  # soon
    ]


# --- Combinations: the most urgent wins, combining never lowers urgency ---------------------------
# One sign each of the mother's, the breasts' and the baby's, with what it raises alone (day 7).
SINGLE = {
    "bleeding": (mother("heavy_bleeding"), {F.HEAVY_BLEEDING}),
    "harm": (mother("thoughts_of_harm"), {F.THOUGHTS_OF_HARM}),
    "lochia": (mother("lochia_smells"), {F.LOCHIA_SMELLS}),
    "chills": (mother("chills"), {F.CHILLS}),
    "no_care": (mother("no_wish_to_care"), {F.NO_WISH_TO_CARE}),
    "fever": ({"temperature_c": 38.6}, {F.FEVER}),
    "red_breast": ({"breast_redness": True}, {F.BREAST_INFLAMED}),
    "flu": ({"flu_like": True}, {F.FLU_LIKE}),
    "cracked": ({"nipples_cracked": True}, {F.NIPPLES_CRACKED}),
    "nipple_worse": ({"signs": {"nipple_pain_worse": True}}, {F.NIPPLE_PAIN_WORSE}),
    "no_milk": ({"flow": "not_yet"}, {F.MILK_NOT_YET}),
    "few_feeds": ({"feeds_24h": 5}, {F.FEW_FEEDS}),
    "few_diapers": ({"wet_diapers": 2}, {F.FEW_WET_DIAPERS}),
    "dark_urine": ({"dark_urine": True}, {F.DARK_URINE}),
    "yellow": ({"baby_yellow": True}, {F.BABY_YELLOW}),
    "baby_fits": (baby("fits"), {F.BABY_FITS}),
    "baby_cord": (baby("cord"), {F.BABY_CORD}),
}


def _combine(*names):
    fields: dict[str, Any] = {}
    expected: set[object] = set()
    for name in names:
        part, flags = SINGLE[name]
        for key, value in part.items():
            fields[key] = {**fields[key], **value} if isinstance(value, dict) and key in fields else value
        expected |= flags
    # A breast sign with fever or a flu-like illness is one card: mastitis, at the same urgency.
    if F.BREAST_INFLAMED in expected and expected & {F.FEVER, F.FLU_LIKE}:
        expected = (expected - {F.FEVER, F.FLU_LIKE, F.BREAST_INFLAMED}) | {F.MASTITIS}
    return fields, expected


def _rank(urgency):
    return URGENCY_ORDER.index(urgency)


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(SINGLE, 2)))
def test_every_pair_keeps_both_signs_at_the_higher_urgency(a, b):
    fields, expected = _combine(a, b)
    found = evaluate(report(**fields), postpartum_day=7)
    assert set(found) == expected
    alone = [most_urgent(SINGLE[name][1]) for name in (a, b)]
    together = most_urgent(found)
    assert together is not None
    assert _rank(together) == min(_rank(u) for u in alone if u is not None)  # the most urgent wins


@pytest.mark.parametrize(
    ("names", "urgency", "flags"),
    [
        # fever + a red breast + a baby who feeds little: mastitis today AND the baby today
        (("fever", "red_breast", "few_feeds"), Urgency.TODAY, {F.MASTITIS, F.FEW_FEEDS}),
        # the same with a newborn danger sign: now, and nothing of the rest is lost
        (("fever", "red_breast", "baby_fits"), Urgency.GO_NOW, {F.MASTITIS, F.BABY_FITS}),
        # nipples (soon) with a baby who feeds little (today): today
        (
            ("cracked", "few_feeds", "nipple_worse"),
            Urgency.TODAY,
            {F.NIPPLES_CRACKED, F.FEW_FEEDS, F.NIPPLE_PAIN_WORSE},
        ),
        # a calm-looking mother (no milk yet) with bleeding: now
        (("no_milk", "bleeding", "cracked"), Urgency.GO_NOW, {F.MILK_NOT_YET, F.HEAVY_BLEEDING, F.NIPPLES_CRACKED}),
        # flu with a red breast and yellow baby: mastitis today, the baby today
        (("flu", "red_breast", "yellow"), Urgency.TODAY, {F.MASTITIS, F.BABY_YELLOW}),
    ],
)
def test_three_signs_that_matter(names, urgency, flags):
    fields, _ = _combine(*names)
    found = evaluate(report(**fields), postpartum_day=7)
    assert set(found) == flags
    assert most_urgent(found) is urgency
    assert found[0] in flags and RULES[found[0]].urgency is urgency  # the most urgent comes first


def test_most_urgent_of_nothing_is_none():
    assert most_urgent([]) is None


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
        assert rule.urgency in URGENCY_ORDER
        assert rule.group in set(FlagGroup)


def test_three_levels_only():
    assert [u.value for u in URGENCY_ORDER] == ["go_now", "today", "soon"]


def test_mastitis_keeps_breastfeeding_today():
    for flag in (F.MASTITIS, F.BREAST_INFLAMED, F.FLU_LIKE, F.FEVER):
        assert RULES[flag].keep_breastfeeding and RULES[flag].urgency is Urgency.TODAY


def test_go_now_flags():
    go_now = {flag for flag, rule in RULES.items() if rule.urgency is Urgency.GO_NOW}
    assert go_now == {
        F.HEAVY_BLEEDING,
        F.FITS,
        F.HEADACHE_VISION_SWELLING,
        F.BREATHING_CHEST_PAIN,
        F.CALF_SWOLLEN,
        F.THOUGHTS_OF_HARM,
        F.BABY_NOT_FEEDING,
        F.BABY_FITS,
        F.BABY_LIMP_SLEEPY,
        F.BABY_BREATHING,
        F.BABY_HOT_OR_COLD,
        F.BABY_YELLOW_DANGER,
        F.BABY_CORD,
        F.BABY_VOMIT_BELLY,
        F.BABY_DANGER,
        F.SLEEPY_OR_YELLOW,
    }


def test_soon_is_only_the_nipples():
    soon = {flag for flag, rule in RULES.items() if rule.urgency is Urgency.SOON}
    assert soon == {F.NIPPLES_CRACKED, F.NIPPLE_PAIN_WORSE, F.NIPPLE_PAIN_LASTING}


from tests.test_clinical_content import DOMAIN  # noqa: E402


def _plain(text):
    return " ".join(re.sub(r"[\"']", "", text).split())


@pytest.mark.skipif(not DOMAIN.exists(), reason="the domain brief is not beside this clone")
@pytest.mark.parametrize("notice", list(Notice))
def test_notice_quotes_the_brief(notice):
    domain = _plain(DOMAIN.read_text(encoding="utf-8"))
    for fragment in NOTICE_QUOTES[notice].split(" ... "):
        assert _plain(fragment) in domain


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
        (F.FEW_WET_DIAPERS, _day(9)),  # today
        (F.NIPPLES_CRACKED, _day(7)),  # soon
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
    # With the birth date, day 0's count is not flagged (not a full 24 hours): the run starts day 1.
    assert open_flags(reports, birth_date=BIRTH) == [(F.FEW_FEEDS, _day(1))]


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
