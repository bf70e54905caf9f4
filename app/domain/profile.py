"""Who the diary is for, and whom to call: the baby's birth date sets every postpartum day;
the midwife's (bidan) and the nearest health facility's phone numbers feed the "Call" buttons.

Phone numbers are kept as the family typed them (trimmed, spaces collapsed), because that is how
they recognise them; `tel_uri` makes the dialable form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from app.domain.parsing import FieldError, fail, field_errors, foreign_digits, parse_date

MOTHER_NAME_MAX_CHARS = 60
MAX_BABY_AGE_DAYS = 366  # "not more than about a year ago"; a leap year still fits
# E.164 allows at most 15 digits; the shortest Indonesian numbers (a landline without its area
# code, e.g. 021 + 7 digits is 10) have 8 or more.
PHONE_DIGITS = (8, 15)
# Digits with spaces, dashes and parentheses as people group them ("0812-3456-7890",
# "(021) 555 1234"), an optional leading +; nothing else.
_PHONE = re.compile(r"\+?[0-9\s()-]+")
INDONESIA_CODE = "62"


def parse_phone(value: Any) -> str | None:
    """An optional phone number: None when empty, else the text trimmed with inner runs of
    spaces made single. Raises INVALID_PHONE for other characters or a wrong digit count."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(FieldError.INVALID_PHONE)
    text = " ".join(value.split())
    if not text:
        return None
    if foreign_digits(text):
        raise fail(FieldError.NOT_LATIN_DIGITS)
    if not _PHONE.fullmatch(text):
        raise fail(FieldError.INVALID_PHONE)
    low, high = PHONE_DIGITS
    if not low <= sum("0" <= ch <= "9" for ch in text) <= high:
        raise fail(FieldError.INVALID_PHONE)
    return text


def tel_uri(phone: str) -> str:
    """The `tel:` URI (RFC 3966) for a number `parse_phone` accepted: a phone opens its dialer.

    A national number ("0812-3456-7890") becomes global by Indonesia's rule: the leading 0 is
    replaced by +62 ("tel:+6281234567890"); "+62 812 ..." keeps its country code. Any other
    number is passed as its digits.
    """
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.lstrip().startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("0"):
        return f"tel:+{INDONESIA_CODE}{digits[1:]}"
    return f"tel:{digits}"


class Profile(BaseModel):
    """The family profile: one per app."""

    # hide_input_in_errors: a refused value (a name, a note) never reaches a log or the screen.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    mother_name: str | None = None
    baby_birth_date: date
    midwife_phone: str | None = None
    facility_phone: str | None = None
    mother_phone: str | None = None  # her own, for the midwife to call her
    family_phone: str | None = None  # her husband's or another family member's

    @field_validator("mother_name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise fail(FieldError.INVALID_CHOICE)
        name = value.strip()
        if len(name) > MOTHER_NAME_MAX_CHARS:
            raise fail(FieldError.TOO_LONG)
        return name or None

    @field_validator("baby_birth_date", mode="before")
    @classmethod
    def _birth(cls, value: Any, info: ValidationInfo) -> date:
        born = parse_date(value)
        if born is None:
            raise fail(FieldError.REQUIRED)
        today = (info.context or {}).get("today")
        if today is not None:
            if born > today:
                raise fail(FieldError.FUTURE_DATE)
            if (today - born).days > MAX_BABY_AGE_DAYS:
                raise fail(FieldError.TOO_OLD)
        return born

    @field_validator("midwife_phone", "facility_phone", "mother_phone", "family_phone", mode="before")
    @classmethod
    def _phone(cls, value: Any) -> str | None:
        return parse_phone(value)

    @property
    def midwife_tel(self) -> str | None:
        return None if self.midwife_phone is None else tel_uri(self.midwife_phone)

    @property
    def facility_tel(self) -> str | None:
        return None if self.facility_phone is None else tel_uri(self.facility_phone)

    @property
    def mother_tel(self) -> str | None:
        return None if self.mother_phone is None else tel_uri(self.mother_phone)

    @property
    def family_tel(self) -> str | None:
        return None if self.family_phone is None else tel_uri(self.family_phone)


def validate_profile(raw: Mapping[str, Any], *, today: date) -> tuple[Profile | None, dict[str, str]]:
    """(profile, {}) when every field is fine, else (None, {field: FieldError code})."""
    try:
        profile = Profile.model_validate(dict(raw), context={"today": today})
    except ValidationError as error:
        return None, field_errors(error)
    return profile, {}
