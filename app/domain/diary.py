"""The mother's daily self-report (DOMAIN section 4) and the family profile, with validation.

Raw values arrive as the UI's text fields hold them ("12", " 12 ", "", "abc", "37,8"), or as
Python values when the store reads a row back. Each field is parsed by one `mode="before"`
validator that raises a `PydanticCustomError` whose type is a `FieldError` code, so pydantic
collects every field's error in one pass and `validate_report`/`validate_profile` turn them into
`{field: code}` for the UI to translate next to each field. No sentences here.

Checks that depend on the calendar (no future day, not before the birth) need `today` and the
baby's birth date; they come through the validation context, never from the system clock. A
model built without that context (e.g. read back from the database) skips them: a report that
was valid the day it was written stays loadable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError


class FieldError(StrEnum):
    """Per-field error codes; the UI owns the words."""

    REQUIRED = "required"
    NOT_A_NUMBER = "not_a_number"
    NOT_INTEGER = "not_integer"
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"
    TOO_LONG = "too_long"
    INVALID_DATE = "invalid_date"
    FUTURE_DATE = "future_date"
    BEFORE_BIRTH = "before_birth"  # a report day or colostrum time before the baby was born
    TOO_OLD = "too_old"  # a birth date more than a year ago: the app is for the first months
    INVALID_CHOICE = "invalid_choice"  # not one of the offered options (flow, sign, yes/no)
    UNKNOWN_FIELD = "unknown_field"  # a key the model does not have: a typo must not drop data


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
    NIPPLE_PAIN_NOT_WORSE = "nipple_pain_not_worse"  # 7. nipple pain is not getting worse
    WEIGHT_GOING_UP = "weight_going_up"  # 8. baby's weight is going up (midwife's/posyandu scale)


SIGNS: tuple[Sign, ...] = tuple(Sign)  # the app shows "n of len(SIGNS)" (8)

# Ranges from DOMAIN section 4 ("Numbers (optional)"); temperature and mood from the brief.
FEEDS_RANGE = (0, 30)
WET_DIAPERS_RANGE = (0, 30)
EXPRESSED_ML_RANGE = (0, 2000)
MOOD_RANGE = (1, 5)
TEMPERATURE_RANGE = (34.0, 43.0)
_INT_RANGES = {
    "feeds_24h": FEEDS_RANGE,
    "wet_diapers": WET_DIAPERS_RANGE,
    "expressed_ml": EXPRESSED_ML_RANGE,
    "mood": MOOD_RANGE,
}
NOTE_MAX_CHARS = 2000
MOTHER_NAME_MAX_CHARS = 60
MAX_BABY_AGE_DAYS = 366  # "not more than about a year ago"; a leap year still fits

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}
_DIGITS = re.compile(r"[+-]?\d+")
# Indonesian writes thousands with dots ("1.500" ml); a fraction never has exactly 3 digits
# after a dot in these fields, so the grouped form is read as thousands, not as 1.5.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
# Plain decimal or exponent notation, with a dot or an Indonesian decimal comma. Not Python's
# float(): that also takes "nan", "inf" and "1_0".
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def _fail(code: FieldError) -> PydanticCustomError:
    return PydanticCustomError(code.value, code.value)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any) -> int | float | None:
    """A typed number, or None for an empty field. Booleans are not numbers here."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise _fail(FieldError.NOT_A_NUMBER)
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            raise _fail(FieldError.NOT_A_NUMBER)
        return value
    if not isinstance(value, str):
        raise _fail(FieldError.NOT_A_NUMBER)
    text = value.strip()
    if _DIGITS.fullmatch(text):
        return int(text)
    if _GROUPED.fullmatch(text):
        return int(text.replace(".", ""))
    if _DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))  # "1e999" becomes inf, caught by the range check
    raise _fail(FieldError.NOT_A_NUMBER)


def _in_range(number: int | float, bounds: tuple[float, float]) -> None:
    low, high = bounds
    if number < low:
        raise _fail(FieldError.TOO_SMALL)
    if number > high:
        raise _fail(FieldError.TOO_LARGE)


def parse_int(value: Any, bounds: tuple[int, int]) -> int | None:
    """An optional whole number within bounds; the range is checked before wholeness, so
    "1e9" is too_large and "12.5" is not_integer."""
    number = _number(value)
    if number is None:
        return None
    _in_range(number, bounds)
    if isinstance(number, float):
        if not number.is_integer():
            raise _fail(FieldError.NOT_INTEGER)
        number = int(number)
    return number


def parse_float(value: Any, bounds: tuple[float, float]) -> float | None:
    number = _number(value)
    if number is None:
        return None
    _in_range(number, bounds)
    return float(number)


def parse_bool(value: Any) -> bool:
    """A checkbox: missing means unticked. SQLite hands back 0/1."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise _fail(FieldError.INVALID_CHOICE)


def parse_date(value: Any) -> date | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise _fail(FieldError.INVALID_DATE) from None
    raise _fail(FieldError.INVALID_DATE)


def parse_datetime(value: Any) -> datetime | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise _fail(FieldError.INVALID_DATE) from None
    raise _fail(FieldError.INVALID_DATE)


def _check_calendar(day: date, info: ValidationInfo) -> None:
    context = info.context or {}
    today, birth_date = context.get("today"), context.get("birth_date")
    if today is not None and day > today:
        raise _fail(FieldError.FUTURE_DATE)
    if birth_date is not None and day < birth_date:
        raise _fail(FieldError.BEFORE_BIRTH)


class DailyReport(BaseModel):
    """One day's self-report. `signs` holds only the answered questions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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

    @property
    def signs_score(self) -> int:
        """How many signs were answered yes."""
        return sum(1 for answer in self.signs.values() if answer)

    @property
    def signs_answered(self) -> int:
        return len(self.signs)

    @field_validator("day", mode="before")
    @classmethod
    def _day(cls, value: Any, info: ValidationInfo) -> date:
        day = parse_date(value)
        if day is None:
            raise _fail(FieldError.REQUIRED)
        _check_calendar(day, info)
        return day

    @field_validator("flow", mode="before")
    @classmethod
    def _flow(cls, value: Any) -> Flow:
        if _blank(value):
            raise _fail(FieldError.REQUIRED)
        try:
            return Flow(value.strip().lower() if isinstance(value, str) else value)
        except ValueError:
            raise _fail(FieldError.INVALID_CHOICE) from None

    @field_validator("signs", mode="before")
    @classmethod
    def _signs(cls, value: Any) -> dict[Sign, bool]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise _fail(FieldError.INVALID_CHOICE)
        answers: dict[Sign, bool] = {}
        for key, answer in value.items():
            try:
                sign = Sign(key)
            except ValueError:
                raise _fail(FieldError.INVALID_CHOICE) from None
            if answer is None:
                continue  # not answered: not counted as a no
            if not isinstance(answer, bool):
                raise _fail(FieldError.INVALID_CHOICE)
            answers[sign] = answer
        # Keep the checklist order whatever order the UI sent.
        return {sign: answers[sign] for sign in SIGNS if sign in answers}

    @field_validator("feeds_24h", "wet_diapers", "expressed_ml", "mood", mode="before")
    @classmethod
    def _count(cls, value: Any, info: ValidationInfo) -> int | None:
        return parse_int(value, _INT_RANGES[info.field_name])

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
        return seen

    @field_validator(
        "breast_pain", "breast_redness", "breast_hard_swollen", "nipples_cracked", "fever",
        mode="before",
    )
    @classmethod
    def _flag(cls, value: Any) -> bool:
        return parse_bool(value)

    @field_validator("note", mode="before")
    @classmethod
    def _note(cls, value: Any) -> str:
        # Verbatim: no stripping, no escaping. The store binds parameters, the UI shows text.
        if value is None:
            return ""
        if not isinstance(value, str):
            raise _fail(FieldError.INVALID_CHOICE)
        if len(value) > NOTE_MAX_CHARS:
            raise _fail(FieldError.TOO_LONG)
        return value


class Profile(BaseModel):
    """Who the diary is for: the baby's birth date sets every postpartum day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    mother_name: str | None = None
    baby_birth_date: date

    @field_validator("mother_name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise _fail(FieldError.INVALID_CHOICE)
        name = value.strip()
        if len(name) > MOTHER_NAME_MAX_CHARS:
            raise _fail(FieldError.TOO_LONG)
        return name or None

    @field_validator("baby_birth_date", mode="before")
    @classmethod
    def _birth(cls, value: Any, info: ValidationInfo) -> date:
        born = parse_date(value)
        if born is None:
            raise _fail(FieldError.REQUIRED)
        today = (info.context or {}).get("today")
        if today is not None:
            if born > today:
                raise _fail(FieldError.FUTURE_DATE)
            if (today - born).days > MAX_BABY_AGE_DAYS:
                raise _fail(FieldError.TOO_OLD)
        return born


_PYDANTIC_TYPES = {"missing": FieldError.REQUIRED, "extra_forbidden": FieldError.UNKNOWN_FIELD}
_OWN_CODES = {code.value for code in FieldError}


def _field_errors(error: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "__root__"
        kind = item["type"]
        code = FieldError(kind) if kind in _OWN_CODES else _PYDANTIC_TYPES.get(kind)
        errors.setdefault(field, code or FieldError.INVALID_CHOICE)
    return errors


def validate_report(
    raw: Mapping[str, Any], *, today: date, birth_date: date | None = None
) -> tuple[DailyReport | None, dict[str, str]]:
    """(report, {}) when every field is fine, else (None, {field: FieldError code}) for all of them.

    `today` rejects future days; `birth_date`, when known, rejects a day or a colostrum time before
    the birth.
    """
    try:
        report = DailyReport.model_validate(
            dict(raw), context={"today": today, "birth_date": birth_date}
        )
    except ValidationError as error:
        return None, _field_errors(error)
    return report, {}


def validate_profile(
    raw: Mapping[str, Any], *, today: date
) -> tuple[Profile | None, dict[str, str]]:
    """Like validate_report, for the profile form."""
    try:
        profile = Profile.model_validate(dict(raw), context={"today": today})
    except ValidationError as error:
        return None, _field_errors(error)
    return profile, {}
