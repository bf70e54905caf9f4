"""The mother's daily self-report (DOMAIN section 4), with the baby's, the breasts' and her own
danger signs of section 3, validated field by field (parsers and error codes: `parsing`).

Checks that depend on the calendar (no future day, not before the birth) need `today` and the
baby's birth date; they come through the validation context, never from the system clock. A
model built without that context (e.g. read back from the database) skips them: a report that
was valid the day it was written stays loadable.

Yes/no questions are optional booleans: None means not answered, which is never read as "no".
The checklist of signs and the mother's own danger signs are dicts of the answered questions
only ({code: bool}), in checklist order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from app.domain.parsing import (
    FieldError,
    blank,
    fail,
    field_errors,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_float,
    parse_int,
    parse_optional_bool,
    parse_rounded,
)


class Flow(StrEnum):
    """How the milk flowed today (DOMAIN section 4, seed 001)."""

    WELL = "well"  # lancar
    NOT_WELL = "not_well"  # kurang lancar
    NOT_YET = "not_yet"  # tidak keluar / belum keluar


class Sign(StrEnum):
    """Signs of enough milk, each yes/no, in the order of DOMAIN section 4 ([S19])."""

    BREASTS_FULL_THEN_SOFT = "breasts_full_then_soft"  # 1. full before a feed, softer after; drips
    FEEDS_8_TO_12 = "feeds_8_to_12"  # 2. baby feeds 8-12 times in 24 hours
    BABY_SATISFIED = "baby_satisfied"  # 3. satisfied, sleeps 2-3 hours after a feed
    WET_DIAPERS_6 = "wet_diapers_6"  # 4. 6+ wet diapers a day, pale urine (from day 5-6)
    YELLOW_STOOLS = "yellow_stools"  # 5. yellow, seedy stools from day 4-5
    LET_DOWN_FELT = "let_down_felt"  # 6. mother feels the let-down
    # 7. DOMAIN: "nipple pain is not getting worse". Asked positively ("Is nipple pain getting
    # worse?"), so a mother without pain answers no; a yes is a red flag, a no counts as a sign.
    NIPPLE_PAIN_WORSE = "nipple_pain_worse"
    WEIGHT_GOING_UP = "weight_going_up"  # 8. baby's weight is going up (midwife's/posyandu scale)
    # Sign 7 as the app first asked it (a double negative). Never offered again; reports saved
    # with it keep their answer under this code, read with its own meaning.
    NIPPLE_PAIN_NOT_WORSE = "nipple_pain_not_worse"


# The checklist the app asks: "n of len(SIGNS)" (8).
SIGNS: tuple[Sign, ...] = (
    Sign.BREASTS_FULL_THEN_SOFT,
    Sign.FEEDS_8_TO_12,
    Sign.BABY_SATISFIED,
    Sign.WET_DIAPERS_6,
    Sign.YELLOW_STOOLS,
    Sign.LET_DOWN_FELT,
    Sign.NIPPLE_PAIN_WORSE,
    Sign.WEIGHT_GOING_UP,
)
# Old codes and the checklist question each one stood for.
LEGACY_SIGNS: dict[Sign, Sign] = {Sign.NIPPLE_PAIN_NOT_WORSE: Sign.NIPPLE_PAIN_WORSE}
# The answer that counts as a sign of enough milk: yes, except for the question asked the other
# way round.
GOOD_ANSWER: dict[Sign, bool] = {
    **{sign: True for sign in SIGNS},
    Sign.NIPPLE_PAIN_WORSE: False,
    Sign.NIPPLE_PAIN_NOT_WORSE: True,
}


@dataclass(frozen=True)
class SignCount:
    """ "n of 8 signs": `score` answers that are a sign of enough milk, of `answered`, of `total`."""

    score: int
    answered: int
    total: int = len(SIGNS)


def count_signs(answers: Mapping[Sign, bool | None]) -> SignCount:
    """The one count of the checklist, for a saved report and for a form being filled in.

    None is not answered. A legacy code counts in its question's place, unless that question was
    also answered (then the new answer stands), so `answered` never exceeds 8.
    """
    given = {Sign(sign): answer for sign, answer in answers.items() if answer is not None}
    score = answered = 0
    for sign in SIGNS:
        answer, asked = given.get(sign), sign
        if answer is None:
            for old, new in LEGACY_SIGNS.items():
                if new is sign and given.get(old) is not None:
                    answer, asked = given[old], old
        if answer is not None:
            answered += 1
            score += answer is GOOD_ANSWER[asked]
    return SignCount(score=score, answered=answered)


class MotherSign(StrEnum):
    """The mother's own danger signs in the postpartum (nifas) period, DOMAIN section 3, as
    yes/no questions. The urgency of each lives with its red-flag rule (`redflags.RULES`); fever
    is the report's `fever`/`temperature_c`, not repeated here."""

    # "go to a health facility now (someone takes her)"
    HEAVY_BLEEDING = "heavy_bleeding"  # soaks more than one pad an hour, or large clots
    FITS = "fits"  # kejang
    HEADACHE_VISION_SWELLING = "headache_vision_swelling"  # severe headache, blurred vision,
    # pain under the ribs (ulu hati) or swelling of face and hands
    BREATHING_CHEST_PAIN = "breathing_chest_pain"  # difficulty breathing or chest pain
    CALF_SWOLLEN = "calf_swollen"  # one calf painful, red, warm and swollen
    THOUGHTS_OF_HARM = "thoughts_of_harm"  # thoughts of harming herself or the baby
    # "contact the midwife today"
    CHILLS = "chills"  # chills (after the first day)
    LOCHIA_SMELLS = "lochia_smells"  # darah nifas smells bad
    BELLY_PAIN_GROWING = "belly_pain_growing"  # lower-belly pain that grows
    URINE_PAIN = "urine_pain"  # pain, burning or trouble passing urine
    WOUND_PROBLEM = "wound_problem"  # stitch or caesarean wound red, swollen, oozing, very painful
    # Mood: sadness is common in the first two weeks (baby blues), a red flag after them.
    SAD = "sad"  # sadness, crying, worry or tiredness
    NO_WISH_TO_CARE = "no_wish_to_care"  # not wanting to care for herself or the baby


MOTHER_SIGNS: tuple[MotherSign, ...] = tuple(MotherSign)


class BabySign(StrEnum):
    """The newborn's danger signs of the Buku KIA (DOMAIN section 3, [S26]): each one means GO NOW,
    someone takes the baby to a health facility. Asked behind one question ("does the baby have
    any of these?", `DailyReport.baby_danger`), so a mother reads the list without nine questions
    every day; the ones she ticks are `DailyReport.baby_signs`."""

    NOT_FEEDING = "not_feeding"  # will not feed, or too weak to suck
    FITS = "fits"  # kejang
    LIMP_SLEEPY = "limp_sleepy"  # limp, very sleepy or hard to wake
    BREATHING = "breathing"  # fast or difficult breathing, the lower chest drawn in
    HOT_OR_COLD = "hot_or_cold"  # hot (over 38 C) or cold (under 35.5 C) to the touch
    YELLOW_DANGER = "yellow_danger"  # yellow in the first 24 hours, or reaching palms and soles
    CORD = "cord"  # the cord stump red, smelly or with pus
    VOMIT_BELLY = "vomit_belly"  # vomiting everything, or a swollen belly


BABY_SIGNS: tuple[BabySign, ...] = tuple(BabySign)

# Ranges from DOMAIN section 4 ("Numbers (optional)"); temperature and mood from the brief.
FEEDS_RANGE = (0, 30)
WET_DIAPERS_RANGE = (0, 30)
EXPRESSED_ML_RANGE = (0, 2000)
MOOD_RANGE = (1, 5)
TEMPERATURE_RANGE = (34.0, 43.0)
_INT_RANGES = {
    "feeds_24h": FEEDS_RANGE,
    "wet_diapers": WET_DIAPERS_RANGE,
    "mood": MOOD_RANGE,
}
# Every bounded number of the form, for the messages that state the allowed range.
FIELD_RANGES: dict[str, tuple[float, float]] = {
    **_INT_RANGES,
    "expressed_ml": EXPRESSED_ML_RANGE,
    "temperature_c": TEMPERATURE_RANGE,
}
NOTE_MAX_CHARS = 2000

# Yes/no questions of DOMAIN section 3 on the baby and the breasts (None = not answered).
OPTIONAL_QUESTIONS: tuple[str, ...] = (
    "baby_danger",  # "any of these?": the newborn's danger signs (GO NOW), `baby_signs` names them
    "baby_yellow",  # "yellow skin or eyes after the first day" (TODAY); on day 0 it is a danger sign
    # The question first asked ("very sleepy or yellow", one calm note). Never asked again: a report
    # saved with it keeps its answer, and a yes is read as a danger sign (very sleepy is one).
    "baby_sleepy_yellow",
    "dark_urine",  # "dark strong urine"
    "black_stools",  # "black stools after day 5"
    "breast_very_painful",  # "a breast that is ... very painful"
    "flu_like",  # "flu-like illness"
    "nipple_pain",  # any nipple pain today: "nipple pain that ... lasts past day 5-7"
)

# Questions the form no longer asks; a report saved with them keeps their answers.
LEGACY_QUESTIONS: tuple[str, ...] = ("baby_sleepy_yellow",)

Code = TypeVar("Code", Sign, MotherSign, BabySign)


def _answers(value: Any, codes: type[Code], order: tuple[Code, ...]) -> dict[Code, bool]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise fail(FieldError.INVALID_CHOICE)
    answers: dict[Code, bool] = {}
    for key, answer in value.items():
        try:
            code = codes(key)
        except ValueError:
            raise fail(FieldError.INVALID_CHOICE) from None
        if answer is None:
            continue  # not answered: not counted as a no
        if not isinstance(answer, bool):
            raise fail(FieldError.INVALID_CHOICE)
        answers[code] = answer
    # Keep the checklist order whatever order the UI sent.
    return {code: answers[code] for code in order if code in answers}


def _check_calendar(day: date, info: ValidationInfo) -> None:
    context = info.context or {}
    today, birth_date = context.get("today"), context.get("birth_date")
    if today is not None and day > today:
        raise fail(FieldError.FUTURE_DATE)
    if birth_date is not None and day < birth_date:
        raise fail(FieldError.BEFORE_BIRTH)


class DailyReport(BaseModel):
    """One day's self-report. `signs` and `mother_signs` hold only the answered questions."""

    # hide_input_in_errors: a refused value (a name, a note) never reaches a log or the screen.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    day: date
    flow: Flow
    signs: dict[Sign, bool] = {}
    feeds_24h: int | None = None
    wet_diapers: int | None = None
    expressed_ml: int | None = None
    colostrum_first_seen: datetime | None = None
    breast_pain: bool = False
    breast_redness: bool = False
    breast_hard_swollen: bool = False
    nipples_cracked: bool = False
    fever: bool = False
    # Only asked when fever is ticked; kept even if the box is later unticked, because a
    # measured 38.5 is a fever whatever the box says (see redflags).
    temperature_c: float | None = None
    mood: int | None = None
    note: str = ""
    # DOMAIN section 3, asked as yes/no; None = not answered.
    baby_sleepy_yellow: bool | None = None
    dark_urine: bool | None = None
    black_stools: bool | None = None
    breast_very_painful: bool | None = None
    flu_like: bool | None = None
    nipple_pain: bool | None = None
    mother_signs: dict[MotherSign, bool] = {}
    baby_danger: bool | None = None
    baby_signs: dict[BabySign, bool] = {}
    baby_yellow: bool | None = None

    @property
    def sign_count(self) -> SignCount:
        return count_signs(self.signs)

    @property
    def signs_score(self) -> int:
        """How many answers are a sign of enough milk (see count_signs)."""
        return self.sign_count.score

    @property
    def signs_answered(self) -> int:
        return self.sign_count.answered

    @field_validator("day", mode="before")
    @classmethod
    def _day(cls, value: Any, info: ValidationInfo) -> date:
        day = parse_date(value)
        if day is None:
            raise fail(FieldError.REQUIRED)
        _check_calendar(day, info)
        return day

    @field_validator("flow", mode="before")
    @classmethod
    def _flow(cls, value: Any) -> Flow:
        if blank(value):
            raise fail(FieldError.REQUIRED)
        try:
            return Flow(value.strip().lower() if isinstance(value, str) else value)
        except ValueError:
            raise fail(FieldError.INVALID_CHOICE) from None

    @field_validator("signs", mode="before")
    @classmethod
    def _signs(cls, value: Any) -> dict[Sign, bool]:
        # The legacy code is kept beside the checklist's, in the place of its question.
        order = tuple(
            code for sign in SIGNS for code in (sign, *(old for old, new in LEGACY_SIGNS.items() if new is sign))
        )
        return _answers(value, Sign, order)

    @field_validator("mother_signs", mode="before")
    @classmethod
    def _mother_signs(cls, value: Any) -> dict[MotherSign, bool]:
        return _answers(value, MotherSign, MOTHER_SIGNS)

    @field_validator("baby_signs", mode="before")
    @classmethod
    def _baby_signs(cls, value: Any) -> dict[BabySign, bool]:
        return _answers(value, BabySign, BABY_SIGNS)

    @field_validator("feeds_24h", "wet_diapers", "mood", mode="before")
    @classmethod
    def _count(cls, value: Any, info: ValidationInfo) -> int | None:
        return parse_int(value, _INT_RANGES[info.field_name or ""])

    @field_validator("expressed_ml", mode="before")
    @classmethod
    def _millilitres(cls, value: Any) -> int | None:
        # A measuring cup reads "12.5 ml": kept as whole ml, rounded half up (12.5 -> 13).
        return parse_rounded(value, EXPRESSED_ML_RANGE)

    @field_validator("temperature_c", mode="before")
    @classmethod
    def _temperature(cls, value: Any) -> float | None:
        return parse_float(value, TEMPERATURE_RANGE)

    @field_validator("colostrum_first_seen", mode="before")
    @classmethod
    def _colostrum(cls, value: Any, info: ValidationInfo) -> datetime | None:
        seen = parse_datetime(value)
        if seen is not None:
            _check_calendar(seen.date(), info)
            now = (info.context or {}).get("now")
            if now is not None and seen > now:
                raise fail(FieldError.FUTURE_TIME)
        return seen

    @field_validator(
        "breast_pain",
        "breast_redness",
        "breast_hard_swollen",
        "nipples_cracked",
        "fever",
        mode="before",
    )
    @classmethod
    def _flag(cls, value: Any) -> bool:
        return parse_bool(value)

    @field_validator(*OPTIONAL_QUESTIONS, mode="before")
    @classmethod
    def _question(cls, value: Any) -> bool | None:
        return parse_optional_bool(value)

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: Any) -> str:
        # Verbatim: no stripping, no escaping. The store binds parameters, the UI shows text.
        # Only spaces is no note (a value of only spaces is empty, in every field).
        if blank(value):
            return ""
        if not isinstance(value, str):
            raise fail(FieldError.INVALID_CHOICE)
        if len(value) > NOTE_MAX_CHARS:
            raise fail(FieldError.TOO_LONG)
        return value


def validate_report(
    raw: Mapping[str, Any],
    *,
    today: date,
    birth_date: date | None = None,
    now: datetime | None = None,
) -> tuple[DailyReport | None, dict[str, str]]:
    """(report, {}) when every field is fine, else (None, {field: FieldError code}) for all of them.

    `today` rejects future days; `birth_date`, when known, rejects a day or a colostrum time before
    the birth; `now` (naive, the mother's local time), when given, rejects a colostrum time later
    than now.
    """
    try:
        report = DailyReport.model_validate(dict(raw), context={"today": today, "birth_date": birth_date, "now": now})
    except ValidationError as error:
        return None, field_errors(error)
    return report, {}
