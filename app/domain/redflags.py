"""Red flags: when a daily report should send the mother or the baby to a midwife (bidan), or to a
health facility now. The rules themselves (urgency, first day, source) are data in `flagrules`;
this module applies them to reports.

`evaluate` returns codes only; the UI words each code, using its rule's `urgency`, `group` and
`keep_breastfeeding`. `notices` returns information that is not a red flag (baby blues, have the
baby weighed, a birth date is needed).

Decisions (docs/clinical-content.md states them with their sources):
- Postpartum days count from 0, the birth date (`postpartum.postpartum_day`).
- A rule that waits for a day (`FlagRule.without_birth_date` False) is skipped while the day is
  unknown: what it watches (few wet diapers, black stools, no milk yet, chills, sadness, nipple
  pain, weight) is normal in the first days. The answer is not dropped in silence: `notices` then
  returns BIRTH_DATE_NEEDED, so the UI asks for the birth date. The feeds and yellow rules, whose
  danger is greatest in the first days, still apply without a birth date.
- Fever: a measured temperature decides (>= 38.0 C flags, even with the box unticked; below 38
  does not, even with it ticked); the box ticked without a temperature flags, since many homes
  have no thermometer.
- Mastitis (a red, hard, swollen or very painful breast with fever or a flu-like illness)
  replaces the separate breast, fever and flu-like flags: one card, the most specific advice, at
  the same urgency (TODAY).
- The newborn's danger signs are GO NOW: each one ticked raises its own flag; "any of these?"
  answered yes with none named raises BABY_DANGER. Yellow skin or eyes on day 0 (the first 24
  hours) is a danger sign; from day 1, or with the day unknown, it is TODAY.
- Breast pain alone (the report's `breast_pain`) is not flagged: DOMAIN flags a breast that is
  "very painful" (`breast_very_painful`).
- Old questions keep their answers: sign 7 first asked as "nipple pain is not getting worse"
  ("no" still raises NIPPLE_PAIN_WORSE), and "is the baby very sleepy or yellow?" ("yes" raises
  SLEEPY_OR_YELLOW, a danger sign, since very sleepy is one).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from app.domain.flagrules import (
    BABY_BLUES_LAST_DAY,
    BIRTH_WEIGHT_BY_DAY,
    NOTICE_QUOTES,
    RULES,
    URGENCY_ORDER,
    FlagGroup,
    FlagRule,
    Notice,
    RedFlag,
    Urgency,
)
from app.domain.postpartum import FULL_WET_DIAPERS, postpartum_day_or_none
from app.domain.report import BabySign, DailyReport, Flow, MotherSign, Sign

__all__ = [
    "NOTICE_QUOTES",
    "RULES",
    "URGENCY_ORDER",
    "FlagGroup",
    "FlagRule",
    "Notice",
    "OpenFlag",
    "RedFlag",
    "Urgency",
    "asked",
    "evaluate",
    "most_urgent",
    "notices",
    "recent_flags",
]

FEVER_C = 38.0  # "fever over 38 C"
MIN_FEEDS_24H = 8  # "feeds fewer than 8 times in 24 h"

_MOTHER_FLAGS: dict[MotherSign, RedFlag] = {
    MotherSign.HEAVY_BLEEDING: RedFlag.HEAVY_BLEEDING,
    MotherSign.FITS: RedFlag.FITS,
    MotherSign.HEADACHE_VISION_SWELLING: RedFlag.HEADACHE_VISION_SWELLING,
    MotherSign.BREATHING_CHEST_PAIN: RedFlag.BREATHING_CHEST_PAIN,
    MotherSign.CALF_SWOLLEN: RedFlag.CALF_SWOLLEN,
    MotherSign.THOUGHTS_OF_HARM: RedFlag.THOUGHTS_OF_HARM,
    MotherSign.CHILLS: RedFlag.CHILLS,
    MotherSign.LOCHIA_SMELLS: RedFlag.LOCHIA_SMELLS,
    MotherSign.BELLY_PAIN_GROWING: RedFlag.BELLY_PAIN_GROWING,
    MotherSign.URINE_PAIN: RedFlag.URINE_PAIN,
    MotherSign.WOUND_PROBLEM: RedFlag.WOUND_PROBLEM,
    MotherSign.SAD: RedFlag.SADNESS_LASTING,
    MotherSign.NO_WISH_TO_CARE: RedFlag.NO_WISH_TO_CARE,
}
_BABY_FLAGS: dict[BabySign, RedFlag] = {
    BabySign.NOT_FEEDING: RedFlag.BABY_NOT_FEEDING,
    BabySign.FITS: RedFlag.BABY_FITS,
    BabySign.LIMP_SLEEPY: RedFlag.BABY_LIMP_SLEEPY,
    BabySign.BREATHING: RedFlag.BABY_BREATHING,
    BabySign.HOT_OR_COLD: RedFlag.BABY_HOT_OR_COLD,
    BabySign.YELLOW_DANGER: RedFlag.BABY_YELLOW_DANGER,
    BabySign.CORD: RedFlag.BABY_CORD,
    BabySign.VOMIT_BELLY: RedFlag.BABY_VOMIT_BELLY,
}


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


def _applies(flag: RedFlag, day: int | None) -> bool:
    """Whether the flag's rule applies on postpartum day `day` (None: unknown)."""
    rule = RULES[flag]
    if day is None:
        return rule.without_birth_date
    return day >= rule.first_day


def _day_rule_answers(report: DailyReport) -> bool:
    """True when an answer is given that a rule waiting for a day would judge."""
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


def _raised(report: DailyReport, day: int | None) -> set[RedFlag]:
    """Every flag the answers raise, before the day conditions."""
    flags = {flag for sign, flag in _MOTHER_FLAGS.items() if report.mother_signs.get(sign) is True}

    # Fever, the breasts (the mastitis line) and the nipples.
    fever = _has_fever(report)
    unwell = fever or report.flu_like is True
    breast = report.breast_redness or report.breast_hard_swollen or report.breast_very_painful is True
    if unwell and breast:
        flags.add(RedFlag.MASTITIS)
    else:
        flags |= {flag for flag, on in ((RedFlag.FEVER, fever), (RedFlag.FLU_LIKE, report.flu_like is True)) if on}
        if breast:
            flags.add(RedFlag.BREAST_INFLAMED)
    if report.nipples_cracked:
        flags.add(RedFlag.NIPPLES_CRACKED)
    if _nipple_pain_worse(report):
        flags.add(RedFlag.NIPPLE_PAIN_WORSE)
    if report.nipple_pain is True:
        flags.add(RedFlag.NIPPLE_PAIN_LASTING)
    if report.flow is Flow.NOT_YET:
        flags.add(RedFlag.MILK_NOT_YET)

    # The newborn's danger signs: each one named, or "any of these" without a name.
    named = {flag for sign, flag in _BABY_FLAGS.items() if report.baby_signs.get(sign) is True}
    flags |= named
    if report.baby_danger is True and not named:
        flags.add(RedFlag.BABY_DANGER)
    if report.baby_sleepy_yellow is True:
        flags.add(RedFlag.SLEEPY_OR_YELLOW)
    if report.baby_yellow is True:
        # Yellow in the first 24 hours (day 0) is a danger sign; later it is for today.
        flags.add(RedFlag.BABY_YELLOW_DANGER if day == 0 else RedFlag.BABY_YELLOW)

    # The baby: today.
    if report.feeds_24h is not None and report.feeds_24h < MIN_FEEDS_24H:
        flags.add(RedFlag.FEW_FEEDS)
    if report.wet_diapers is not None and report.wet_diapers < FULL_WET_DIAPERS:
        flags.add(RedFlag.FEW_WET_DIAPERS)
    if report.dark_urine is True:
        flags.add(RedFlag.DARK_URINE)
    if report.black_stools is True:
        flags.add(RedFlag.BLACK_STOOLS)
    if report.signs.get(Sign.WEIGHT_GOING_UP) is False:
        flags.add(RedFlag.WEIGHT_NOT_GOING_UP)
    return flags


def evaluate(report: DailyReport, *, postpartum_day: int | None) -> list[RedFlag]:
    """The red flags in one report, most urgent first (then in RedFlag order).

    `postpartum_day` is the report day's number (days since birth, birth date = day 0,
    `postpartum.postpartum_day_or_none`), or None when the birth date is not known.
    """
    day = postpartum_day
    return _order({flag for flag in _raised(report, day) if _applies(flag, day)})


def most_urgent(flags: Iterable[RedFlag]) -> Urgency | None:
    """The urgency of the most urgent flag, None for none: signs that combine take the most urgent
    of their levels, never a lower one."""
    levels = [URGENCY_ORDER.index(RULES[flag].urgency) for flag in flags]
    return URGENCY_ORDER[min(levels)] if levels else None


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
    """A flag still open: `since` the first day of its unbroken run of reports, `last` the newest
    day it was reported."""

    flag: RedFlag
    since: date
    last: date

    @property
    def rule(self) -> FlagRule:
        return RULES[self.flag]

    @property
    def group(self) -> FlagGroup:
        return RULES[self.flag].group

    @property
    def urgency(self) -> Urgency:
        return RULES[self.flag].urgency


# The question behind each flag a report can leave unanswered; a flag not listed here comes from
# what every saved report answers (flow, the breast and fever boxes, the temperature).
_MOTHER_SIGN_OF: dict[RedFlag, MotherSign] = {flag: sign for sign, flag in _MOTHER_FLAGS.items()}
_QUESTION_OF: dict[RedFlag, str] = {
    RedFlag.FLU_LIKE: "flu_like",
    RedFlag.NIPPLE_PAIN_LASTING: "nipple_pain",
    RedFlag.FEW_FEEDS: "feeds_24h",
    RedFlag.FEW_WET_DIAPERS: "wet_diapers",
    RedFlag.DARK_URINE: "dark_urine",
    RedFlag.BLACK_STOOLS: "black_stools",
    RedFlag.SLEEPY_OR_YELLOW: "baby_sleepy_yellow",
    RedFlag.BABY_YELLOW: "baby_yellow",
    RedFlag.BABY_DANGER: "baby_danger",
    **{flag: "baby_danger" for flag in _BABY_FLAGS.values()},
}


def asked(report: DailyReport, flag: RedFlag) -> bool:
    """Whether the report answered the question behind the flag (so not carrying it means "no")."""
    if flag in _MOTHER_SIGN_OF:
        return report.mother_signs.get(_MOTHER_SIGN_OF[flag]) is not None
    if flag is RedFlag.BABY_YELLOW_DANGER:
        return report.baby_danger is not None or report.baby_yellow is not None
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
