"""Value parsers shared by the report and the profile forms, and their per-field error codes.

Raw values arrive as the UI's text fields hold them ("12", " 12 ", "", "abc", "37,8"), or as
Python values when the store reads a row back. Each model field is parsed by one `mode="before"`
validator that calls a parser here; a parser raises a `PydanticCustomError` whose type is a
`FieldError` code, so pydantic collects every field's error in one pass and `field_errors` turns
them into `{field: code}` for the UI to translate next to each field. No sentences here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
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
    INVALID_PHONE = "invalid_phone"  # not a phone number: other characters, or too few/many digits
    # Digits of another script ("١٢٣", "१२३", full-width "１２３"): Python's int() and `\d` would
    # read them, but the mother may not have meant a number at all, so she is asked to retype.
    NOT_LATIN_DIGITS = "not_latin_digits"
    FUTURE_TIME = "future_time"  # a time of day later than now (colostrum seen "at 23:00" at 09:00)


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}
# ASCII digits only (re.ASCII): `\d` alone also matches "١٢٣"; those are refused before (see
# NOT_LATIN_DIGITS).
_DIGITS = re.compile(r"[+-]?\d+", re.ASCII)
# Indonesian writes thousands with dots ("1.500" ml), English with commas ("1,500"); a fraction
# never has exactly 3 digits after the separator in these fields, so a grouped form is read as
# thousands, not as 1.5.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:(?:\.\d{3})+|(?:,\d{3})+)", re.ASCII)
# Plain decimal or exponent notation, with a dot or an Indonesian decimal comma. Not Python's
# float(): that also takes "nan", "inf" and "1_0".
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)
# A day as Indonesians write it: day/month/year ("20/11/2026", "5-1-2026", "20.11.2026").
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)


def fail(code: FieldError) -> PydanticCustomError:
    """The error a validator raises for `code` (message = code: no words in the domain)."""
    return PydanticCustomError(code.value, code.value)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def foreign_digits(text: str) -> bool:
    """True when the text holds a decimal digit of a script other than ASCII 0-9."""
    return any(unicodedata.category(ch) == "Nd" and not ("0" <= ch <= "9") for ch in text)


def _number(value: Any) -> int | float | None:
    """A typed number, or None for an empty field. Booleans are not numbers here."""
    if blank(value):
        return None
    if isinstance(value, bool):
        raise fail(FieldError.NOT_A_NUMBER)
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            raise fail(FieldError.NOT_A_NUMBER)
        return value
    if not isinstance(value, str):
        raise fail(FieldError.NOT_A_NUMBER)
    text = value.strip()
    if foreign_digits(text):
        raise fail(FieldError.NOT_LATIN_DIGITS)
    if _DIGITS.fullmatch(text):
        return int(text)
    if _GROUPED.fullmatch(text):
        return int(text.replace(".", "").replace(",", ""))
    if _DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))  # "1e999" becomes inf, caught by the range check
    raise fail(FieldError.NOT_A_NUMBER)


def _in_range(number: float, bounds: tuple[float, float]) -> None:
    low, high = bounds
    if number < low:
        raise fail(FieldError.TOO_SMALL)
    if number > high:
        raise fail(FieldError.TOO_LARGE)


def parse_int(value: Any, bounds: tuple[int, int]) -> int | None:
    """An optional whole number within bounds; the range is checked before wholeness, so
    "1e9" is too_large and "12.5" is not_integer."""
    number = _number(value)
    if number is None:
        return None
    _in_range(number, bounds)
    if isinstance(number, float):
        if not number.is_integer():
            raise fail(FieldError.NOT_INTEGER)
        number = int(number)
    return number


def parse_rounded(value: Any, bounds: tuple[int, int]) -> int | None:
    """An optional amount within bounds, rounded half up to a whole number ("12.5" and "12,5" ml
    are 13, "12.4" is 12). The range is checked on the number as typed, so "2000.4" is too large."""
    number = _number(value)
    if number is None:
        return None
    _in_range(number, bounds)
    return int(math.floor(number + 0.5)) if isinstance(number, float) else number


def parse_float(value: Any, bounds: tuple[float, float]) -> float | None:
    number = _number(value)
    if number is None:
        return None
    _in_range(number, bounds)
    return float(number)


def _bool_text(value: Any) -> bool | None:
    """True/False for a yes/no value, None when it is not one (the callers decide what then)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)  # SQLite hands back 0/1
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE - {""}:
            return False
    return None


def parse_bool(value: Any) -> bool:
    """A checkbox: missing or empty means unticked."""
    if blank(value):
        return False
    answer = _bool_text(value)
    if answer is None:
        raise fail(FieldError.INVALID_CHOICE)
    return answer


def parse_optional_bool(value: Any) -> bool | None:
    """A yes/no question: None (or an empty field) means not answered, never "no"."""
    if blank(value):
        return None
    answer = _bool_text(value)
    if answer is None:
        raise fail(FieldError.INVALID_CHOICE)
    return answer


def parse_date(value: Any) -> date | None:
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if foreign_digits(text):
            raise fail(FieldError.NOT_LATIN_DIGITS)
        dmy = _DMY.fullmatch(text)
        try:
            if dmy:
                return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
            return date.fromisoformat(text)
        except ValueError:
            raise fail(FieldError.INVALID_DATE) from None
    raise fail(FieldError.INVALID_DATE)


def parse_datetime(value: Any) -> datetime | None:
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str):
        if foreign_digits(value):
            raise fail(FieldError.NOT_LATIN_DIGITS)
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise fail(FieldError.INVALID_DATE) from None
    raise fail(FieldError.INVALID_DATE)


_PYDANTIC_TYPES = {"missing": FieldError.REQUIRED, "extra_forbidden": FieldError.UNKNOWN_FIELD}
_OWN_CODES = {code.value for code in FieldError}


def field_errors(error: ValidationError) -> dict[str, str]:
    """{field: FieldError code} for every field pydantic rejected, first error per field."""
    errors: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "__root__"
        kind = item["type"]
        code = FieldError(kind) if kind in _OWN_CODES else _PYDANTIC_TYPES.get(kind)
        errors.setdefault(field, code or FieldError.INVALID_CHOICE)
    return errors
