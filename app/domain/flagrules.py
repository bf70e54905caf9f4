"""The red-flag rules as data: for each flag, who it is about, how urgent it is, from which
postpartum day it applies, and the lines of the domain brief it comes from.

The project's own statement of these rules, with their sources, is docs/clinical-content.md; a
test holds this table and that page together, and, where the brief (DOMAIN.md) is beside the
repository, each rule's quotes against it.

Three urgency levels only (DOMAIN §3): GO NOW (someone takes her or the baby to a health facility
now; 119), TODAY (contact the midwife today) and SOON (tell the midwife in the next days or at the
next visit). When signs combine, the most urgent wins; combining never lowers urgency.

Days (DOMAIN §3): the birth date is day 0. "By day N" = on day N or earlier; "after day N" = from
day N+1; "from day N" = day N on. A rule about "24 hours" does not apply on day 0. Where the brief
gives a range ("past day 5-7", "by day 10-14"), the rule starts at the earliest day of the range,
so it never waits when the source says it may already apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Urgency(StrEnum):
    """How soon, most urgent first (see URGENCY_ORDER)."""

    GO_NOW = "go_now"  # someone takes her or the baby to a health facility now; 119
    TODAY = "today"  # contact the midwife today
    SOON = "soon"  # tell the midwife in the next days or at the next visit


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
    # The newborn's danger signs (Buku KIA): go now.
    BABY_NOT_FEEDING = "baby_not_feeding"
    BABY_FITS = "baby_fits"
    BABY_LIMP_SLEEPY = "baby_limp_sleepy"
    BABY_BREATHING = "baby_breathing"
    BABY_HOT_OR_COLD = "baby_hot_or_cold"
    BABY_YELLOW_DANGER = "baby_yellow_danger"
    BABY_CORD = "baby_cord"
    BABY_VOMIT_BELLY = "baby_vomit_belly"
    BABY_DANGER = "baby_danger"  # "any of these?" answered yes, none named
    SLEEPY_OR_YELLOW = "sleepy_or_yellow"  # the question first asked, answered yes
    # The baby: today.
    FEW_FEEDS = "few_feeds"
    FEW_WET_DIAPERS = "few_wet_diapers"
    DARK_URINE = "dark_urine"
    BLACK_STOOLS = "black_stools"
    BABY_YELLOW = "baby_yellow"
    WEIGHT_NOT_GOING_UP = "weight_not_going_up"


class Notice(StrEnum):
    """Information for the mother that is not a red flag."""

    BABY_BLUES = "baby_blues"  # sadness in the first two weeks is common and passes
    WEIGH_BABY = "weigh_baby"  # weight not going up (early, or day unknown): have the baby weighed
    BIRTH_DATE_NEEDED = "birth_date_needed"  # an answer a day rule needs, but no birth date


# The first postpartum day of the rules that wait (DOMAIN §3 and §4, read as the module says).
CHILLS_FROM_DAY = 1  # "chills after the first day (from day 1)"
FEEDS_FROM_DAY = 1  # "feeds fewer than 8 times in 24 h (from day 1)"
YELLOW_FROM_DAY = 1  # "yellow skin or eyes after the first day"; on day 0 it is a danger sign
MILK_BY_DAY = 4  # "milk not started by day 4": a report of day 4 with no milk yet
WET_DIAPERS_FROM_DAY = 6  # "fewer than 6 wet diapers a day from day 6"
BLACK_STOOLS_FROM_DAY = 6  # "black stools after day 5 (from day 6)"
NIPPLE_PAIN_FROM_DAY = 6  # "nipple pain that lasts past day 5-7": past day 5
BIRTH_WEIGHT_BY_DAY = 10  # "not back to birth weight by day 10-14": the range's first day
BABY_BLUES_LAST_DAY = 14  # "passes within about two weeks"


@dataclass(frozen=True)
class FlagRule:
    """What a flag means. `first_day`: the first postpartum day it applies (0: from the birth).
    `without_birth_date`: whether it applies while the day is unknown (a rule that waits for a
    day does not; the mother is then asked for the birth date). `keep_breastfeeding`: DOMAIN says
    to keep breastfeeding (the UI says so); False means DOMAIN is silent, never "stop".
    `level` is the brief's words that set the urgency, `quote` the brief's words for the sign
    (fragments joined by " ... ")."""

    code: RedFlag
    urgency: Urgency
    group: FlagGroup
    level: str
    quote: str
    first_day: int = 0
    without_birth_date: bool = True
    keep_breastfeeding: bool = False


_M, _B, _Y = FlagGroup.MOTHER, FlagGroup.BREAST, FlagGroup.BABY
_NOW, _TODAY, _SOON = Urgency.GO_NOW, Urgency.TODAY, Urgency.SOON
# The brief's words that set each level (each a phrase of DOMAIN §3).
MOTHER_NOW = "GO NOW (someone takes her; 119)"
MOTHER_TODAY = "TODAY: fever over 38 C or chills after the first day (from day 1)"
MOOD = "needs the midwife"
BREAST_TODAY = "TODAY: fever over 38 C; a breast that is red, hot, hard, swollen or very painful"
NIPPLES_SOON = "SOON: nipples cracked or bleeding, nipple pain that grows, or nipple pain that lasts past day 5-7"
BABY_NOW = "baby, GO NOW (newborn danger signs of the Buku KIA, [S26])"
BABY_TODAY = "baby, TODAY:"


def _rules(*rules: FlagRule) -> dict[RedFlag, FlagRule]:
    return {rule.code: rule for rule in rules}


RULES: dict[RedFlag, FlagRule] = _rules(
    # The mother's own danger signs in the nifas period.
    FlagRule(
        RedFlag.HEAVY_BLEEDING, _NOW, _M, MOTHER_NOW, "bleeding that soaks more than one pad an hour, or large clots"
    ),
    FlagRule(RedFlag.FITS, _NOW, _M, MOTHER_NOW, "fits (kejang)"),
    FlagRule(
        RedFlag.HEADACHE_VISION_SWELLING,
        _NOW,
        _M,
        MOTHER_NOW,
        "a severe headache with blurred vision, pain under the ribs (ulu hati) or swelling of the face and hands",
    ),
    FlagRule(RedFlag.BREATHING_CHEST_PAIN, _NOW, _M, MOTHER_NOW, "difficulty breathing or chest pain"),
    FlagRule(RedFlag.CALF_SWOLLEN, _NOW, _M, MOTHER_NOW, "one calf painful, red, warm and swollen"),
    FlagRule(RedFlag.THOUGHTS_OF_HARM, _NOW, _M, MOTHER_NOW, "thoughts of harming herself or the baby"),
    # A fever has no day condition on the breast line (day 0 counts); chills wait for day 1.
    FlagRule(RedFlag.FEVER, _TODAY, _M, BREAST_TODAY, "fever over 38 C", keep_breastfeeding=True),
    FlagRule(
        RedFlag.CHILLS,
        _TODAY,
        _M,
        MOTHER_TODAY,
        "chills after the first day (from day 1)",
        first_day=CHILLS_FROM_DAY,
        without_birth_date=False,
    ),
    FlagRule(RedFlag.LOCHIA_SMELLS, _TODAY, _M, MOTHER_TODAY, "lochia (darah nifas) that smells bad"),
    FlagRule(RedFlag.BELLY_PAIN_GROWING, _TODAY, _M, MOTHER_TODAY, "lower-belly pain that grows"),
    FlagRule(RedFlag.URINE_PAIN, _TODAY, _M, MOTHER_TODAY, "pain, burning or trouble passing urine"),
    FlagRule(
        RedFlag.WOUND_PROBLEM,
        _TODAY,
        _M,
        MOTHER_TODAY,
        "a stitch or caesarean wound that is red, swollen, oozing or very painful",
    ),
    FlagRule(
        RedFlag.SADNESS_LASTING,
        _TODAY,
        _M,
        MOOD,
        "passes within about two weeks; sadness that lasts longer",
        first_day=BABY_BLUES_LAST_DAY + 1,
        without_birth_date=False,
    ),
    FlagRule(RedFlag.NO_WISH_TO_CARE, _TODAY, _M, MOOD, "not wanting to care for herself or the baby"),
    # The breasts: "(mastitis: keep breastfeeding, contact the midwife today ...)".
    FlagRule(
        RedFlag.MASTITIS,
        _TODAY,
        _B,
        BREAST_TODAY,
        "flu-like illness (mastitis: keep breastfeeding, contact the midwife today; fever with a red breast is TODAY",
        keep_breastfeeding=True,
    ),
    FlagRule(
        RedFlag.BREAST_INFLAMED,
        _TODAY,
        _B,
        BREAST_TODAY,
        "a breast that is red, hot, hard, swollen or very painful",
        keep_breastfeeding=True,
    ),
    FlagRule(RedFlag.FLU_LIKE, _TODAY, _B, BREAST_TODAY, "flu-like illness", keep_breastfeeding=True),
    FlagRule(RedFlag.NIPPLES_CRACKED, _SOON, _B, NIPPLES_SOON, "nipples cracked or bleeding"),
    FlagRule(RedFlag.NIPPLE_PAIN_WORSE, _SOON, _B, NIPPLES_SOON, "nipple pain that grows"),
    FlagRule(
        RedFlag.NIPPLE_PAIN_LASTING,
        _SOON,
        _B,
        NIPPLES_SOON,
        "nipple pain that lasts past day 5-7",
        first_day=NIPPLE_PAIN_FROM_DAY,
        without_birth_date=False,
    ),
    # A referral rule of [S24] with no level of its own: the baby's feeding lines are TODAY.
    FlagRule(
        RedFlag.MILK_NOT_YET,
        _TODAY,
        _B,
        BABY_TODAY,
        "milk not started by day 4",
        first_day=MILK_BY_DAY,
        without_birth_date=False,
    ),
    # The newborn's danger signs.
    FlagRule(RedFlag.BABY_NOT_FEEDING, _NOW, _Y, BABY_NOW, "will not feed or too weak to suck"),
    FlagRule(RedFlag.BABY_FITS, _NOW, _Y, BABY_NOW, "too weak to suck; fits (kejang)"),
    FlagRule(RedFlag.BABY_LIMP_SLEEPY, _NOW, _Y, BABY_NOW, "limp, very sleepy or hard to wake"),
    FlagRule(RedFlag.BABY_BREATHING, _NOW, _Y, BABY_NOW, "fast or difficult breathing, the lower chest drawn in"),
    FlagRule(RedFlag.BABY_HOT_OR_COLD, _NOW, _Y, BABY_NOW, "hot (over 38 C) or cold (under 35.5 C) to the touch"),
    FlagRule(
        RedFlag.BABY_YELLOW_DANGER,
        _NOW,
        _Y,
        BABY_NOW,
        "yellow in the first 24 hours, or yellow reaching the palms and soles",
    ),
    FlagRule(RedFlag.BABY_CORD, _NOW, _Y, BABY_NOW, "the cord stump red, smelly or with pus"),
    FlagRule(RedFlag.BABY_VOMIT_BELLY, _NOW, _Y, BABY_NOW, "vomiting everything, or a swollen belly"),
    FlagRule(RedFlag.BABY_DANGER, _NOW, _Y, BABY_NOW, "newborn danger signs of the Buku KIA"),
    FlagRule(RedFlag.SLEEPY_OR_YELLOW, _NOW, _Y, BABY_NOW, "Very sleepy or yellow alone is never a calm note"),
    # The baby: today.
    FlagRule(
        RedFlag.FEW_FEEDS,
        _TODAY,
        _Y,
        BABY_TODAY,
        "feeds fewer than 8 times in 24 h (from day 1) ... it applies from day 1, because day 0 is not a full 24 hours",
        first_day=FEEDS_FROM_DAY,
    ),
    FlagRule(
        RedFlag.FEW_WET_DIAPERS,
        _TODAY,
        _Y,
        BABY_TODAY,
        "fewer than 6 wet diapers a day from day 6",
        first_day=WET_DIAPERS_FROM_DAY,
        without_birth_date=False,
    ),
    FlagRule(RedFlag.DARK_URINE, _TODAY, _Y, BABY_TODAY, "dark strong urine"),
    FlagRule(
        RedFlag.BLACK_STOOLS,
        _TODAY,
        _Y,
        BABY_TODAY,
        "black stools after day 5 (from day 6)",
        first_day=BLACK_STOOLS_FROM_DAY,
        without_birth_date=False,
    ),
    FlagRule(
        RedFlag.BABY_YELLOW,
        _TODAY,
        _Y,
        BABY_TODAY,
        "yellow skin or eyes after the first day",
        first_day=YELLOW_FROM_DAY,
    ),
    FlagRule(
        RedFlag.WEIGHT_NOT_GOING_UP,
        _TODAY,
        _Y,
        BABY_TODAY,
        "not back to birth weight by day 10-14 ... baby's weight is going up (from the midwife's or posyandu's scale)",
        first_day=BIRTH_WEIGHT_BY_DAY,
        without_birth_date=False,
    ),
)

NOTICE_QUOTES: dict[Notice, str] = {
    # Common, "passes within about two weeks"; the UI also says when to call.
    Notice.BABY_BLUES: "sadness, crying, worry or tiredness in the first days after birth is common (baby blues) "
    "and passes within about two weeks",
    # A scale tells.
    Notice.WEIGH_BABY: "baby's weight is going up (from the midwife's or posyandu's scale) ... "
    "not back to birth weight by day 10-14",
    Notice.BIRTH_DATE_NEEDED: "Postpartum day = days since birth (the baby's birth date)",
}
