"""Red flags: when a daily report should send the mother to a midwife (bidan) or clinic.

Every rule traces to DOMAIN.md section 3 ("Red flags that send the mother to a midwife or
clinic") or section 4, quoted in a comment and in `FlagRule.source`. `evaluate` returns codes
only; the UI turns each code into advice using its rule's `urgency` and `keep_breastfeeding`.

Decisions:
- "First days" are postpartum days 1-5 (`postpartum.first_days`, from section 4's "from day 5-6;
  fewer in the first days"). The 8-feeds rule applies from day 6; during the first days the
  wet-diaper rule, scaled to the day, watches the baby's intake instead.
- Rules that need the postpartum day are skipped when it is unknown (no profile yet), rather
  than applying a day-6 target to what may be a two-day-old baby.
- Breast pain alone is not flagged: section 3 flags a breast that is "very painful", a degree
  the report's pain box does not record; redness, hardness or swelling are flagged.
- Fever: a measured temperature decides (>= 38.0 C flags, even with the box unticked; below
  38 does not, even with it ticked); the box ticked without a temperature flags, since many
  homes have no thermometer.
- Mastitis (a red/hard breast with fever) replaces the separate breast and fever flags: one
  card, the one with the most specific advice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.diary import DailyReport, Flow, Sign
from app.domain.postpartum import expected_wet_diapers, first_days, postpartum_day

FEVER_C = 38.0
MIN_FEEDS_24H = 8
# Section 4: milk "comes in" ... "to day 3-4"; nothing at all after day 4 is past that window.
LAST_DAY_MILK_MAY_BE_NOT_YET = 4


class RedFlag(StrEnum):
    FEVER = "fever"
    BREAST_INFLAMED = "breast_inflamed"
    MASTITIS = "mastitis"
    NIPPLES_CRACKED = "nipples_cracked"
    NIPPLE_PAIN_WORSE = "nipple_pain_worse"
    FEW_WET_DIAPERS = "few_wet_diapers"
    FEW_FEEDS = "few_feeds"
    MILK_NOT_YET = "milk_not_yet"


class Urgency(StrEnum):
    WITHIN_24H = "within_24h"
    SOON = "soon"


@dataclass(frozen=True)
class FlagRule:
    """What the UI needs to phrase a flag. `keep_breastfeeding` is True where DOMAIN says to keep
    breastfeeding (the UI then says so); False means DOMAIN is silent, never "stop"."""

    code: RedFlag
    source: str
    keep_breastfeeding: bool
    urgency: Urgency


_MASTITIS_LINE = (
    'DOMAIN §3: "fever over 38 C; a breast that is red, hot, hard, swollen or very painful; '
    'flu-like illness (mastitis: keep breastfeeding, get help within 24 h)"'
)
_NIPPLE_LINE = (
    'DOMAIN §3: "nipples cracked or bleeding, or nipple pain that grows or lasts past day 5-7"'
)
# Section 3 gives no timing for the baby's line; a newborn short of milk cannot wait days, so
# these take the stricter of the two urgency codes.
_BABY_LINE = (
    'DOMAIN §3: "baby: fewer than 6 wet diapers a day after day 5-6 ... feeds fewer than 8 times '
    'in 24 h"'
)

RULES: dict[RedFlag, FlagRule] = {
    # DOMAIN §3: "fever over 38 C ... (mastitis: keep breastfeeding, get help within 24 h)"
    RedFlag.FEVER: FlagRule(RedFlag.FEVER, _MASTITIS_LINE, True, Urgency.WITHIN_24H),
    # DOMAIN §3: "a breast that is red, hot, hard, swollen or very painful"
    RedFlag.BREAST_INFLAMED: FlagRule(
        RedFlag.BREAST_INFLAMED, _MASTITIS_LINE, True, Urgency.WITHIN_24H
    ),
    # DOMAIN §3: the same line, both together: "(mastitis: keep breastfeeding, get help
    # within 24 h)"
    RedFlag.MASTITIS: FlagRule(RedFlag.MASTITIS, _MASTITIS_LINE, True, Urgency.WITHIN_24H),
    # DOMAIN §3: "nipples cracked or bleeding"
    RedFlag.NIPPLES_CRACKED: FlagRule(RedFlag.NIPPLES_CRACKED, _NIPPLE_LINE, False, Urgency.SOON),
    # DOMAIN §3: "nipple pain that grows"; §4 sign 7 "nipple pain is not getting worse" = no
    RedFlag.NIPPLE_PAIN_WORSE: FlagRule(
        RedFlag.NIPPLE_PAIN_WORSE,
        _NIPPLE_LINE + '; §4 sign 7: "nipple pain is not getting worse" answered no',
        False,
        Urgency.SOON,
    ),
    # DOMAIN §3: "fewer than 6 wet diapers a day after day 5-6"; §4 sign 4: "fewer in the first
    # days", scaled by postpartum.expected_wet_diapers
    RedFlag.FEW_WET_DIAPERS: FlagRule(
        RedFlag.FEW_WET_DIAPERS,
        _BABY_LINE + '; §4 sign 4: "6 or more ... (from day 5-6; fewer in the first days)"',
        False,
        Urgency.WITHIN_24H,
    ),
    # DOMAIN §3: "feeds fewer than 8 times in 24 h"
    RedFlag.FEW_FEEDS: FlagRule(RedFlag.FEW_FEEDS, _BABY_LINE, False, Urgency.WITHIN_24H),
    # DOMAIN §4: 'milk "comes in" about 30-40 hours after birth to day 3-4 (seed 004)'
    RedFlag.MILK_NOT_YET: FlagRule(
        RedFlag.MILK_NOT_YET,
        'DOMAIN §4: "milk \'comes in\' about 30-40 hours after birth to day 3-4 (seed 004)"',
        False,
        Urgency.WITHIN_24H,
    ),
}


def _has_fever(report: DailyReport) -> bool:
    # "fever over 38 C": a measured temperature decides; a ticked box without a thermometer
    # reading still counts, since many homes have no thermometer.
    if report.temperature_c is not None:
        return report.temperature_c >= FEVER_C
    return report.fever


def evaluate(report: DailyReport, *, postpartum_day: int | None) -> list[RedFlag]:
    """The red flags in one report, in RedFlag order. `postpartum_day` is the report day's
    number (birth date = day 1), or None when the birth date is not known."""
    flags: set[RedFlag] = set()

    fever = _has_fever(report)
    breast = report.breast_redness or report.breast_hard_swollen
    if fever and breast:
        flags.add(RedFlag.MASTITIS)
    elif fever:
        flags.add(RedFlag.FEVER)
    elif breast:
        flags.add(RedFlag.BREAST_INFLAMED)

    if report.nipples_cracked:
        flags.add(RedFlag.NIPPLES_CRACKED)
    if report.signs.get(Sign.NIPPLE_PAIN_NOT_WORSE) is False:  # None = not answered
        flags.add(RedFlag.NIPPLE_PAIN_WORSE)

    if postpartum_day is not None:
        if report.wet_diapers is not None and report.wet_diapers < expected_wet_diapers(
            postpartum_day
        ):
            flags.add(RedFlag.FEW_WET_DIAPERS)
        if (
            report.feeds_24h is not None
            and report.feeds_24h < MIN_FEEDS_24H
            and not first_days(postpartum_day)
        ):
            flags.add(RedFlag.FEW_FEEDS)
        if report.flow is Flow.NOT_YET and postpartum_day > LAST_DAY_MILK_MAY_BE_NOT_YET:
            flags.add(RedFlag.MILK_NOT_YET)

    return [flag for flag in RedFlag if flag in flags]


def _day_number(birth_date: date | None, day: date) -> int | None:
    if birth_date is None or day < birth_date:
        return None
    return postpartum_day(birth_date, day)


def open_flags(
    reports_newest_first: Iterable[DailyReport], *, birth_date: date | None
) -> list[tuple[RedFlag, date]]:
    """The flags still open, each with the first day of its unbroken run of reports.

    Only the newest report decides what is open: a flag closes as soon as a later report no longer
    has it. The date says since when it has been reported, counting back through consecutive
    reports that carried it. Reports are re-sorted by day, so the order passed in is a hint only.
    """
    reports = sorted(reports_newest_first, key=lambda report: report.day, reverse=True)
    if not reports:
        return []
    per_report = [
        (report.day, evaluate(report, postpartum_day=_day_number(birth_date, report.day)))
        for report in reports
    ]
    opened: list[tuple[RedFlag, date]] = []
    for flag in per_report[0][1]:
        since = per_report[0][0]
        for day, flags in per_report[1:]:
            if flag not in flags:
                break
            since = day
        opened.append((flag, since))
    return opened
