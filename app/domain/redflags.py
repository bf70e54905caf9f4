"""Red flags: when a daily report should send the mother to a midwife (bidan), a clinic, or a
health facility now.

Every rule traces to DOMAIN.md section 3 ("Red flags that send the mother to a midwife or
clinic" and "The mother's own danger signs") or section 4, quoted in a comment and in
`FlagRule.source` (a test checks each quote is in DOMAIN.md). `evaluate` returns codes only; the
UI words each code, using its rule's `urgency`, `group` and `keep_breastfeeding`. `notices`
returns information that is not a red flag (baby blues, have the baby weighed).

Decisions:
- Postpartum days count from 0, the birth date (`postpartum.postpartum_day`). Where DOMAIN
  gives a range ("after day 5-6", "past day 5-7", "by day 10-14"), the rule starts at the
  earliest day of the range, so it never waits when the source says it may already apply.
- Rules without a day condition in DOMAIN run on every day and without a birth date: above all
  "feeds fewer than 8 times in 24 h" ("The feeds rule has no day condition in the sources").
- Rules with a day condition are skipped while the day is unknown (no birth date yet): what they
  watch (few wet diapers, black stools, no milk yet, chills, sadness, nipple pain, weight) is
  normal in the first days. The answer is not dropped in silence: `notices` then returns
  BIRTH_DATE_NEEDED, so the UI can ask for the birth date.
- Urgency is the one DOMAIN gives for the line: "go to a health facility now", "contact the
  midwife today", "get help within 24 h" (mastitis). DOMAIN gives no timing for the baby's and
  the nipples' lines, so those are SOON: contact the midwife or clinic.
- Fever: a measured temperature decides (>= 38.0 C flags, even with the box unticked; below
  38 does not, even with it ticked); the box ticked without a temperature flags, since many
  homes have no thermometer.
- Mastitis (a red, hard, swollen or very painful breast with fever or a flu-like illness)
  replaces the separate breast, fever and flu-like flags: one card, the most specific advice.
- Breast pain alone (the report's `breast_pain`) is not flagged: section 3 flags a breast that
  is "very painful" (`breast_very_painful`).
- Sign 7 was first asked as "nipple pain is not getting worse"; a report saved then keeps that
  answer under its old code, and "no" to it still raises NIPPLE_PAIN_WORSE as it did then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from app.domain.postpartum import (
    FULL_WET_DIAPERS,
    LAST_FIRST_DAY,
    postpartum_day_or_none,
)
from app.domain.report import DailyReport, Flow, MotherSign, Sign

FEVER_C = 38.0  # "fever over 38 C"
MIN_FEEDS_24H = 8  # "feeds fewer than 8 times in 24 h"
WET_DIAPERS_FROM_DAY = LAST_FIRST_DAY + 1  # "fewer than 6 wet diapers a day after day 5-6"
MILK_BY_DAY = 4  # "milk not started by day 4"
BLACK_STOOLS_FROM_DAY = 6  # "black stools after day 5"
NIPPLE_PAIN_FROM_DAY = 6  # "nipple pain that ... lasts past day 5-7"
BIRTH_WEIGHT_BY_DAY = 10  # "not back to birth weight by day 10-14"
CHILLS_FROM_DAY = 1  # "chills after the first day": day 0 is the first day
BABY_BLUES_LAST_DAY = 14  # "passes within about two weeks"


class Urgency(StrEnum):
    """How soon, most urgent first (see URGENCY_ORDER)."""

    GO_NOW = "go_now"  # go to a health facility now; someone takes her
    TODAY = "today"  # contact the midwife today
    WITHIN_24H = "within_24h"  # get help within 24 hours (mastitis)
    SOON = "soon"  # contact the midwife or clinic (DOMAIN gives no timing)


URGENCY_ORDER: tuple[Urgency, ...] = tuple(Urgency)


class FlagGroup(StrEnum):
    """Whose sign it is, for grouping the cards."""

    MOTHER = "mother"
    BREAST = "breast"
    BABY = "baby"


class RedFlag(StrEnum):
    # The mother's own danger signs: go now.
    HEAVY_BLEEDING = "heavy_bleeding"
    FITS = "fits"
    HEADACHE_VISION_SWELLING = "headache_vision_swelling"
    BREATHING_CHEST_PAIN = "breathing_chest_pain"
    CALF_SWOLLEN = "calf_swollen"
    THOUGHTS_OF_HARM = "thoughts_of_harm"
    # The mother's own danger signs: today.
    FEVER = "fever"
    CHILLS = "chills"
    LOCHIA_SMELLS = "lochia_smells"
    BELLY_PAIN_GROWING = "belly_pain_growing"
    URINE_PAIN = "urine_pain"
    WOUND_PROBLEM = "wound_problem"
    SADNESS_LASTING = "sadness_lasting"
    NO_WISH_TO_CARE = "no_wish_to_care"
    # Breasts and nipples.
    MASTITIS = "mastitis"
    BREAST_INFLAMED = "breast_inflamed"
    FLU_LIKE = "flu_like"
    NIPPLES_CRACKED = "nipples_cracked"
    NIPPLE_PAIN_WORSE = "nipple_pain_worse"
    NIPPLE_PAIN_LASTING = "nipple_pain_lasting"
    MILK_NOT_YET = "milk_not_yet"
    # The baby.
    FEW_FEEDS = "few_feeds"
    FEW_WET_DIAPERS = "few_wet_diapers"
    DARK_URINE = "dark_urine"
    BLACK_STOOLS = "black_stools"
    SLEEPY_OR_YELLOW = "sleepy_or_yellow"
    WEIGHT_NOT_GOING_UP = "weight_not_going_up"


class Notice(StrEnum):
    """Information for the mother that is not a red flag."""

    BABY_BLUES = "baby_blues"  # sadness in the first two weeks is common and passes
    WEIGH_BABY = "weigh_baby"  # weight not going up (early, or day unknown): have the baby weighed
    BIRTH_DATE_NEEDED = "birth_date_needed"  # an answer a day rule needs, but no birth date


@dataclass(frozen=True)
class FlagRule:
    """What the UI needs to phrase a flag. `keep_breastfeeding` is True where DOMAIN says to keep
    breastfeeding (the UI then says so); False means DOMAIN is silent, never "stop"."""

    code: RedFlag
    source: str
    keep_breastfeeding: bool
    urgency: Urgency
    group: FlagGroup


_GO_NOW = "go to a health facility now (someone takes her)"
_TODAY = "contact the midwife today"
_MASTITIS = (
    "fever over 38 C; a breast that is red, hot, hard, swollen or very painful; flu-like illness "
    "(mastitis: keep breastfeeding, get help within 24 h)"
)
_NIPPLES = "nipples cracked or bleeding, or nipple pain that grows or lasts past day 5-7"
_BABY = "baby:"
_FEEDS_ANY_DAY = "The feeds rule has no day condition in the sources"


def _rule(code: RedFlag, source: str, urgency: Urgency, group: FlagGroup, *, keep: bool = False) -> FlagRule:
    return FlagRule(code, source, keep, urgency, group)


_M, _B, _Y = FlagGroup.MOTHER, FlagGroup.BREAST, FlagGroup.BABY
RULES: dict[RedFlag, FlagRule] = {
    rule.code: rule
    for rule in (
        # DOMAIN §3 mother, go now: "bleeding that soaks more than one pad an hour, or large clots"
        _rule(
            RedFlag.HEAVY_BLEEDING,
            f'DOMAIN §3: "{_GO_NOW}: bleeding that soaks more than one pad an hour, or large clots"',
            Urgency.GO_NOW,
            _M,
        ),
        # DOMAIN §3 mother, go now: "fits (kejang)"
        _rule(RedFlag.FITS, f'DOMAIN §3: "{_GO_NOW}: ... fits (kejang)"', Urgency.GO_NOW, _M),
        # DOMAIN §3 mother, go now: post-partum pre-eclampsia
        _rule(
            RedFlag.HEADACHE_VISION_SWELLING,
            f'DOMAIN §3: "{_GO_NOW}: ... a severe headache '
            "with blurred vision, pain under the ribs (ulu hati) or swelling of the face and "
            'hands (post-partum pre-eclampsia)"',
            Urgency.GO_NOW,
            _M,
        ),
        # DOMAIN §3 mother, go now: "difficulty breathing or chest pain"
        _rule(
            RedFlag.BREATHING_CHEST_PAIN,
            f'DOMAIN §3: "{_GO_NOW}: ... difficulty breathing or chest pain"',
            Urgency.GO_NOW,
            _M,
        ),
        # DOMAIN §3 mother, go now: "one calf painful, red, warm and swollen"
        _rule(
            RedFlag.CALF_SWOLLEN,
            f'DOMAIN §3: "{_GO_NOW}: ... one calf painful, red, warm and swollen"',
            Urgency.GO_NOW,
            _M,
        ),
        # DOMAIN §3 mother, go now: "thoughts of harming herself or the baby"
        _rule(
            RedFlag.THOUGHTS_OF_HARM,
            f'DOMAIN §3: "{_GO_NOW}: ... thoughts of harming herself or the baby"',
            Urgency.GO_NOW,
            _M,
        ),
        # DOMAIN §3 mother, today: "fever over 38 C or chills after the first day"; and the
        # mastitis line "fever over 38 C ... keep breastfeeding"
        _rule(
            RedFlag.FEVER,
            f'DOMAIN §3: "{_TODAY}: fever over 38 C or chills after the first day"; "{_MASTITIS}"',
            Urgency.TODAY,
            _M,
            keep=True,
        ),
        # DOMAIN §3 mother, today: "... or chills after the first day"
        _rule(
            RedFlag.CHILLS, f'DOMAIN §3: "{_TODAY}: fever over 38 C or chills after the first day"', Urgency.TODAY, _M
        ),
        # DOMAIN §3 mother, today: "lochia (darah nifas) that smells bad"
        _rule(
            RedFlag.LOCHIA_SMELLS, f'DOMAIN §3: "{_TODAY}: ... lochia (darah nifas) that smells bad"', Urgency.TODAY, _M
        ),
        # DOMAIN §3 mother, today: "lower-belly pain that grows"
        _rule(RedFlag.BELLY_PAIN_GROWING, f'DOMAIN §3: "{_TODAY}: ... lower-belly pain that grows"', Urgency.TODAY, _M),
        # DOMAIN §3 mother, today: "pain, burning or trouble passing urine"
        _rule(
            RedFlag.URINE_PAIN, f'DOMAIN §3: "{_TODAY}: ... pain, burning or trouble passing urine"', Urgency.TODAY, _M
        ),
        # DOMAIN §3 mother, today: "a stitch or caesarean wound that is red, swollen, oozing or
        # very painful"
        _rule(
            RedFlag.WOUND_PROBLEM,
            f'DOMAIN §3: "{_TODAY}: ... a stitch or caesarean wound that is red, swollen, oozing or very painful"',
            Urgency.TODAY,
            _M,
        ),
        # DOMAIN §3 mood: "passes within about two weeks; sadness that lasts longer ... needs the
        # midwife" (today: the brief's reading, beside the "contact the midwife today" line)
        _rule(
            RedFlag.SADNESS_LASTING,
            'DOMAIN §3: "passes within about two weeks; sadness that '
            'lasts longer, or not wanting to care for herself or the baby, needs the midwife"',
            Urgency.TODAY,
            _M,
        ),
        # DOMAIN §3 mood: "not wanting to care for herself or the baby, needs the midwife"
        _rule(
            RedFlag.NO_WISH_TO_CARE,
            'DOMAIN §3: "sadness that lasts longer, or not wanting to care for herself or the baby, needs the midwife"',
            Urgency.TODAY,
            _M,
        ),
        # DOMAIN §3: a red/hard/swollen/very painful breast with fever or flu-like illness:
        # "(mastitis: keep breastfeeding, get help within 24 h)"
        _rule(RedFlag.MASTITIS, f'DOMAIN §3: "{_MASTITIS}"', Urgency.WITHIN_24H, _B, keep=True),
        # DOMAIN §3: "a breast that is red, hot, hard, swollen or very painful"
        _rule(RedFlag.BREAST_INFLAMED, f'DOMAIN §3: "{_MASTITIS}"', Urgency.WITHIN_24H, _B, keep=True),
        # DOMAIN §3: "flu-like illness (mastitis: keep breastfeeding, get help within 24 h)"
        _rule(RedFlag.FLU_LIKE, f'DOMAIN §3: "{_MASTITIS}"', Urgency.WITHIN_24H, _B, keep=True),
        # DOMAIN §3: "nipples cracked or bleeding"
        _rule(RedFlag.NIPPLES_CRACKED, f'DOMAIN §3: "{_NIPPLES}"', Urgency.SOON, _B),
        # DOMAIN §3: "nipple pain that grows"; §4 sign 7, asked "is nipple pain getting worse?"
        _rule(
            RedFlag.NIPPLE_PAIN_WORSE,
            f'DOMAIN §3: "{_NIPPLES}"; §4 sign 7: "nipple pain is not getting worse"',
            Urgency.SOON,
            _B,
        ),
        # DOMAIN §3: "nipple pain that ... lasts past day 5-7": from day 6
        _rule(RedFlag.NIPPLE_PAIN_LASTING, f'DOMAIN §3: "{_NIPPLES}"', Urgency.SOON, _B),
        # DOMAIN §3 referral rules [S24]: "milk not started by day 4"; §4: milk "comes in"
        # "to day 3-4"
        _rule(
            RedFlag.MILK_NOT_YET,
            'DOMAIN §3: "milk not started by day 4"; §4: "30-40 hours after birth to day 3-4"',
            Urgency.SOON,
            _B,
        ),
        # DOMAIN §3: "feeds fewer than 8 times in 24 h", from the first day
        _rule(
            RedFlag.FEW_FEEDS,
            f'DOMAIN §3: "{_BABY} ... feeds fewer than 8 times in 24 h"; "{_FEEDS_ANY_DAY}"',
            Urgency.SOON,
            _Y,
        ),
        # DOMAIN §3: "fewer than 6 wet diapers a day after day 5-6"; referral rules [S24]: "wet
        # diapers under 6 a day on average"
        _rule(
            RedFlag.FEW_WET_DIAPERS,
            f'DOMAIN §3: "{_BABY} fewer than 6 wet diapers a day '
            'after day 5-6"; "wet diapers under 6 a day on average"',
            Urgency.SOON,
            _Y,
        ),
        # DOMAIN §3: "dark strong urine"
        _rule(RedFlag.DARK_URINE, f'DOMAIN §3: "{_BABY} ... dark strong urine"', Urgency.SOON, _Y),
        # DOMAIN §3: "black stools after day 5"
        _rule(RedFlag.BLACK_STOOLS, f'DOMAIN §3: "{_BABY} ... black stools after day 5"', Urgency.SOON, _Y),
        # DOMAIN §3: "very sleepy or yellow (jaundiced)"
        _rule(
            RedFlag.SLEEPY_OR_YELLOW, f'DOMAIN §3: "{_BABY} ... very sleepy or yellow (jaundiced)"', Urgency.SOON, _Y
        ),
        # DOMAIN §3: "not back to birth weight by day 10-14"; §4 sign 8 "baby's weight is going
        # up" answered no from day 10: have the baby weighed
        _rule(
            RedFlag.WEIGHT_NOT_GOING_UP,
            f'DOMAIN §3: "{_BABY} ... not back to birth weight by '
            "day 10-14\"; §4 sign 8: \"baby's weight is going up (from the midwife's or "
            "posyandu's scale)\"",
            Urgency.SOON,
            _Y,
        ),
    )
}

NOTICE_SOURCES: dict[Notice, str] = {
    # DOMAIN §3 mood: common, "passes within about two weeks"; the UI also says when to call.
    Notice.BABY_BLUES: 'DOMAIN §3: "sadness, crying, worry or tiredness in the first days after '
    'birth is common (baby blues) and passes within about two weeks"',
    # DOMAIN §4 sign 8 and §3 "not back to birth weight by day 10-14": a scale tells.
    Notice.WEIGH_BABY: "DOMAIN §4: \"baby's weight is going up (from the midwife's or posyandu's "
    'scale)"; §3: "not back to birth weight by day 10-14"',
    # DOMAIN §4: "Postpartum day = days since birth (the baby's birth date)"
    Notice.BIRTH_DATE_NEEDED: 'DOMAIN §4: "Postpartum day = days since birth (the baby\'s birth date)"',
}

_MOTHER_FLAGS: dict[MotherSign, RedFlag] = {
    MotherSign.HEAVY_BLEEDING: RedFlag.HEAVY_BLEEDING,
    MotherSign.FITS: RedFlag.FITS,
    MotherSign.HEADACHE_VISION_SWELLING: RedFlag.HEADACHE_VISION_SWELLING,
    MotherSign.BREATHING_CHEST_PAIN: RedFlag.BREATHING_CHEST_PAIN,
    MotherSign.CALF_SWOLLEN: RedFlag.CALF_SWOLLEN,
    MotherSign.THOUGHTS_OF_HARM: RedFlag.THOUGHTS_OF_HARM,
    MotherSign.LOCHIA_SMELLS: RedFlag.LOCHIA_SMELLS,
    MotherSign.BELLY_PAIN_GROWING: RedFlag.BELLY_PAIN_GROWING,
    MotherSign.URINE_PAIN: RedFlag.URINE_PAIN,
    MotherSign.WOUND_PROBLEM: RedFlag.WOUND_PROBLEM,
    MotherSign.NO_WISH_TO_CARE: RedFlag.NO_WISH_TO_CARE,
}  # CHILLS and SAD depend on the day: see evaluate


def _has_fever(report: DailyReport) -> bool:
    # "fever over 38 C": a measured temperature decides; a ticked box without a thermometer
    # reading still counts, since many homes have no thermometer.
    if report.temperature_c is not None:
        return report.temperature_c >= FEVER_C
    return report.fever


def _nipple_pain_worse(report: DailyReport) -> bool:
    answer = report.signs.get(Sign.NIPPLE_PAIN_WORSE)
    if answer is not None:
        return answer
    return report.signs.get(Sign.NIPPLE_PAIN_NOT_WORSE) is False  # the old question, answered no


def _from(day: int | None, first: int) -> bool:
    return day is not None and day >= first


def _day_rule_answers(report: DailyReport) -> bool:
    """True when an answer is given that a day-dependent rule would judge."""
    return (
        (report.wet_diapers is not None and report.wet_diapers < FULL_WET_DIAPERS)
        or report.black_stools is True
        or report.flow is Flow.NOT_YET
        or report.nipple_pain is True
        or report.mother_signs.get(MotherSign.CHILLS) is True
        or report.mother_signs.get(MotherSign.SAD) is True
        or report.signs.get(Sign.WEIGHT_GOING_UP) is False
    )


def _order(flags: set[RedFlag]) -> list[RedFlag]:
    declared = list(RedFlag)
    return sorted(flags, key=lambda f: (URGENCY_ORDER.index(RULES[f].urgency), declared.index(f)))


def evaluate(report: DailyReport, *, postpartum_day: int | None) -> list[RedFlag]:
    """The red flags in one report, most urgent first (then in RedFlag order).

    `postpartum_day` is the report day's number (days since birth, birth date = day 0,
    `postpartum.postpartum_day_or_none`), or None when the birth date is not known.
    """
    day = postpartum_day
    flags: set[RedFlag] = set()

    # The mother's own danger signs.
    mother = report.mother_signs
    flags |= {flag for sign, flag in _MOTHER_FLAGS.items() if mother.get(sign) is True}
    if mother.get(MotherSign.CHILLS) is True and _from(day, CHILLS_FROM_DAY):
        flags.add(RedFlag.CHILLS)
    if mother.get(MotherSign.SAD) is True and _from(day, BABY_BLUES_LAST_DAY + 1):
        flags.add(RedFlag.SADNESS_LASTING)

    # Fever, the breasts (mastitis line) and the nipples.
    fever = _has_fever(report)
    unwell = fever or report.flu_like is True
    breast = report.breast_redness or report.breast_hard_swollen or report.breast_very_painful is True
    if unwell and breast:
        flags.add(RedFlag.MASTITIS)
    else:
        if fever:
            flags.add(RedFlag.FEVER)
        if report.flu_like is True:
            flags.add(RedFlag.FLU_LIKE)
        if breast:
            flags.add(RedFlag.BREAST_INFLAMED)
    if report.nipples_cracked:
        flags.add(RedFlag.NIPPLES_CRACKED)
    if _nipple_pain_worse(report):
        flags.add(RedFlag.NIPPLE_PAIN_WORSE)
    if report.nipple_pain is True and _from(day, NIPPLE_PAIN_FROM_DAY):
        flags.add(RedFlag.NIPPLE_PAIN_LASTING)
    if report.flow is Flow.NOT_YET and _from(day, MILK_BY_DAY):
        flags.add(RedFlag.MILK_NOT_YET)

    # The baby.
    if report.feeds_24h is not None and report.feeds_24h < MIN_FEEDS_24H:
        flags.add(RedFlag.FEW_FEEDS)  # every day, birth date or not
    if report.wet_diapers is not None and report.wet_diapers < FULL_WET_DIAPERS and _from(day, WET_DIAPERS_FROM_DAY):
        flags.add(RedFlag.FEW_WET_DIAPERS)
    if report.dark_urine is True:
        flags.add(RedFlag.DARK_URINE)
    if report.black_stools is True and _from(day, BLACK_STOOLS_FROM_DAY):
        flags.add(RedFlag.BLACK_STOOLS)
    if report.baby_sleepy_yellow is True:
        flags.add(RedFlag.SLEEPY_OR_YELLOW)
    if report.signs.get(Sign.WEIGHT_GOING_UP) is False and _from(day, BIRTH_WEIGHT_BY_DAY):
        flags.add(RedFlag.WEIGHT_NOT_GOING_UP)

    return _order(flags)


def notices(report: DailyReport, *, postpartum_day: int | None) -> list[Notice]:
    """Information that is not a red flag, in Notice order."""
    day = postpartum_day
    found: set[Notice] = set()
    if report.mother_signs.get(MotherSign.SAD) is True and (day is None or day <= BABY_BLUES_LAST_DAY):
        found.add(Notice.BABY_BLUES)
    if report.signs.get(Sign.WEIGHT_GOING_UP) is False and (day is None or day < BIRTH_WEIGHT_BY_DAY):
        found.add(Notice.WEIGH_BABY)
    if day is None and _day_rule_answers(report):
        found.add(Notice.BIRTH_DATE_NEEDED)
    return [notice for notice in Notice if notice in found]


RECENT_DAYS = 3  # Today shows the flags of the reports of today and the two days before


class OpenFlag(NamedTuple):
    """A flag Today shows: `since` the first day of its unbroken run of reports, `last` the newest
    day it was reported."""

    flag: RedFlag
    since: date
    last: date


# The question behind each flag a report can leave unanswered; a flag not listed here comes from
# what every saved report answers (flow, the breast and fever boxes, the temperature).
_MOTHER_SIGN_OF: dict[RedFlag, MotherSign] = {
    **{flag: sign for sign, flag in _MOTHER_FLAGS.items()},
    RedFlag.CHILLS: MotherSign.CHILLS,
    RedFlag.SADNESS_LASTING: MotherSign.SAD,
}
_QUESTION_OF: dict[RedFlag, str] = {
    RedFlag.FLU_LIKE: "flu_like",
    RedFlag.NIPPLE_PAIN_LASTING: "nipple_pain",
    RedFlag.FEW_FEEDS: "feeds_24h",
    RedFlag.FEW_WET_DIAPERS: "wet_diapers",
    RedFlag.DARK_URINE: "dark_urine",
    RedFlag.BLACK_STOOLS: "black_stools",
    RedFlag.SLEEPY_OR_YELLOW: "baby_sleepy_yellow",
}


def asked(report: DailyReport, flag: RedFlag) -> bool:
    """Whether the report answered the question behind the flag (so not carrying it means "no")."""
    if flag in _MOTHER_SIGN_OF:
        return report.mother_signs.get(_MOTHER_SIGN_OF[flag]) is not None
    if flag in _QUESTION_OF:
        return getattr(report, _QUESTION_OF[flag]) is not None
    if flag is RedFlag.NIPPLE_PAIN_WORSE:
        return Sign.NIPPLE_PAIN_WORSE in report.signs or Sign.NIPPLE_PAIN_NOT_WORSE in report.signs
    if flag is RedFlag.WEIGHT_NOT_GOING_UP:
        return Sign.WEIGHT_GOING_UP in report.signs
    return True


def recent_flags(
    reports: Iterable[DailyReport], *, birth_date: date | None, today: date, days: int = RECENT_DAYS
) -> list[OpenFlag]:
    """The flags still open from the reports of the last `days` days (today included), each once,
    most urgent first.

    A flag counts from any of those reports, not only the newest: a mother who filled in
    yesterday's mother's check and today only the flow still sees yesterday's danger sign. It
    closes when a later report answered its question without it (a "no" to that sign, a normal
    temperature). `since` counts back through consecutive earlier reports that carried it, also
    before the window.
    """
    ordered = sorted({r.day: r for r in reports}.values(), key=lambda r: r.day)
    evaluated = [(r, set(evaluate(r, postpartum_day=postpartum_day_or_none(birth_date, r.day)))) for r in ordered]
    first_day = today.toordinal() - days + 1
    found: dict[RedFlag, OpenFlag] = {}
    for index, (report, flags) in enumerate(evaluated):
        if report.day.toordinal() < first_day or report.day > today:
            continue
        for flag in flags:
            later = evaluated[index + 1 :]
            if any(asked(r, flag) and flag not in fl for r, fl in later if r.day <= today):
                continue  # answered since without it: closed
            since = report.day
            for earlier, earlier_flags in reversed(evaluated[:index]):
                if flag not in earlier_flags:
                    break
                since = earlier.day
            known = found.get(flag)
            found[flag] = OpenFlag(flag, min(since, known.since) if known else since, report.day)
    return [found[flag] for flag in _order(set(found))]
