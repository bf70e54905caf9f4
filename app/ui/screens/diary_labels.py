"""Words for the diary's codes (flow, signs, field errors, red flags) and small shared helpers.

The domain returns codes; this module turns them into translated text. Every clinical sentence
traces to DOMAIN.md sections 3-4 (cited beside it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast

import flet as ft

from app.domain.postpartum import expected_wet_diapers
from app.domain.profile import MOTHER_NAME_MAX_CHARS
from app.domain.report import FIELD_RANGES, NOTE_MAX_CHARS, BabySign, Flow, MotherSign, Sign
from app.domain.visits import NOTE_MAX_CHARS as VISIT_NOTE_MAX_CHARS
from app.domain.visits import Timing, Visit, VisitDue
from app.i18n import N_, _, format_date, format_decimal, format_number

FLOWS = {
    Flow.WELL: N_("Flowing well"),
    Flow.NOT_WELL: N_("Not flowing well"),
    Flow.NOT_YET: N_("Not coming out yet"),
}
# DOMAIN §4, signs of enough milk 1-8.
SIGN_LABELS = {
    Sign.BREASTS_FULL_THEN_SOFT: N_("Breasts feel full before a feed and softer after; milk drips or sprays by itself"),
    Sign.FEEDS_8_TO_12: N_("Baby feeds 8-12 times in 24 hours"),
    Sign.BABY_SATISFIED: N_("Baby is satisfied and sleeps 2-3 hours after a feed"),
    Sign.WET_DIAPERS_6: N_("Baby wets 6 or more diapers a day, pale urine (from day 5-6; fewer in the first days)"),
    Sign.YELLOW_STOOLS: N_("Baby passes yellow, seedy stools (from day 4-5)"),
    Sign.LET_DOWN_FELT: N_("You feel the let-down: tingling, milk from the other breast, deep sucking with swallowing"),
    # Sign 7, asked positively: a yes is a red flag (DOMAIN §3 "nipple pain that grows").
    Sign.NIPPLE_PAIN_WORSE: N_("Is nipple pain getting worse?"),
    Sign.WEIGHT_GOING_UP: N_("Baby's weight is going up (midwife's or posyandu scale)"),
    # Sign 7 as first asked; shown only for reports saved then (the diary's history).
    Sign.NIPPLE_PAIN_NOT_WORSE: N_("Nipple pain is not getting worse"),
}
FIELD_ERRORS = {
    "required": N_("Please fill this in."),
    "not_a_number": N_("Please enter a number, e.g. 8."),
    "not_integer": N_("Please enter a whole number."),
    "too_small": N_("This number is too small."),
    "too_large": N_("This number is too large."),
    "too_long": N_("This text is too long."),
    "invalid_date": N_("Please enter a date as DD/MM/YYYY, e.g. 20/11/2026."),
    "future_date": N_("This date is in the future."),
    "before_birth": N_("This is before the baby's birth date."),
    "too_old": N_("This date is more than a year ago."),
    "invalid_choice": N_("Please choose one of the options."),
    "invalid_phone": N_("Please enter a phone number, e.g. 0812-3456-7890."),
    "unknown_field": N_("Please choose one of the options."),
    "not_latin_digits": N_("Please type the number with the digits 0-9."),
    "future_time": N_("This time is later than now."),
    "reports_before_birth": N_("The diary has reports from before this date."),
    "visits_before_birth": N_(
        "A postnatal visit is marked done before this date. Change or undo it first (Midwife's visit)."
    ),
}
# The same codes for one field, with the limit the field allows (`error_text(code, field)`).
_RANGE_ERRORS = {
    "too_small": N_("This number is too small. Allowed: %(range)s."),
    "too_large": N_("This number is too large. Allowed: %(range)s."),
}
# "Not a number", with an example the field allows (never "e.g. 8" for a mood of 1-5).
_NOT_A_NUMBER = N_("Please enter a number, e.g. %(example)s.")
EXAMPLES: dict[str, float] = {
    "feeds_24h": 8,
    "wet_diapers": 6,
    "expressed_ml": 50,
    "temperature_c": 36.8,
    "mood": 3,
}
_BAD_DATE = N_("Please enter a date as DD/MM/YYYY, e.g. %(example)s.")
_TYPED_DATE = "%d/%m/%Y"  # as the profile asks for a date (form_parts.DATE_TYPED)
_TOO_LONG = N_("This text is too long: at most %(max)s characters.")
_BAD_TIME = N_("Please enter a time as HH:MM, e.g. 07:30.")
_UNITS = {"expressed_ml": "ml", "temperature_c": "°C"}
TEXT_LIMITS = {"note": NOTE_MAX_CHARS, "mother_name": MOTHER_NAME_MAX_CHARS, "visit_note": VISIT_NOTE_MAX_CHARS}
# The report's yes/no questions on the baby and the breasts (report.OPTIONAL_QUESTIONS), DOMAIN §3.
QUESTION_LABELS = {
    # §3 baby, GO NOW: the Buku KIA's newborn danger signs, behind one question (BABY_SIGN_LABELS)
    "baby_danger": N_("Does the baby have any of these danger signs?"),
    "baby_yellow": N_("Do the baby's skin or the whites of the eyes look yellow?"),  # "yellow skin or eyes"
    # The question first asked; shown only for reports saved then (the diary's history).
    "baby_sleepy_yellow": N_("Is the baby very sleepy, or does the baby look yellow?"),
    "dark_urine": N_("Is the baby's urine dark and strong?"),  # "dark strong urine"
    "black_stools": N_("Are the baby's stools still black (after day 5)?"),  # "black stools after day 5"
    "breast_very_painful": N_("Is a breast very painful?"),  # "a breast that is ... very painful"
    "flu_like": N_("Do you feel ill, as with flu?"),  # "flu-like illness"
    "nipple_pain": N_("Any nipple pain today?"),  # "nipple pain that ... lasts past day 5-7"
}
# The newborn's danger signs, DOMAIN §3 baby, GO NOW ([S26], the Buku KIA), as a family reads them.
BABY_SIGN_LABELS = {
    BabySign.NOT_FEEDING: N_("Will not feed, or is too weak to suck"),
    BabySign.FITS: N_("Fits (seizures)"),  # "fits (kejang)"
    BabySign.LIMP_SLEEPY: N_("Limp, very sleepy or hard to wake"),
    BabySign.BREATHING: N_("Breathes fast or with difficulty; the lower chest is drawn in"),
    BabySign.HOT_OR_COLD: N_("Feels hot (over 38 °C) or cold (under 35.5 °C)"),
    BabySign.YELLOW_DANGER: N_("Yellow on the day of birth, or yellow down to the palms and soles"),
    BabySign.CORD: N_("The cord stump is red, smells bad or has pus"),
    BabySign.VOMIT_BELLY: N_("Vomits everything, or the belly is swollen"),
}
# The mother's own danger signs, DOMAIN §3, as she answers them.
MOTHER_SIGN_LABELS = {
    # go to a health facility now
    MotherSign.HEAVY_BLEEDING: N_("Bleeding that soaks more than one pad in an hour, or large clots"),
    MotherSign.FITS: N_("Fits (seizures)"),  # "fits (kejang)"
    # "a severe headache with blurred vision, pain under the ribs (ulu hati) or swelling of the face and hands"
    MotherSign.HEADACHE_VISION_SWELLING: N_(
        "A severe headache with blurred vision, pain under the ribs, or a swollen face and hands"
    ),
    MotherSign.BREATHING_CHEST_PAIN: N_("Difficulty breathing, or chest pain"),
    MotherSign.CALF_SWOLLEN: N_("One calf is painful, red, warm and swollen"),
    MotherSign.THOUGHTS_OF_HARM: N_("Thoughts of harming yourself or the baby"),
    # contact the midwife today
    MotherSign.CHILLS: N_("Chills (shivering)"),  # "chills after the first day"
    MotherSign.LOCHIA_SMELLS: N_("The bleeding after birth (lochia) smells bad"),  # "lochia (darah nifas)"
    MotherSign.BELLY_PAIN_GROWING: N_("Pain low in the belly that is getting worse"),  # "lower-belly pain that grows"
    MotherSign.URINE_PAIN: N_("Pain, burning or trouble when passing urine"),
    MotherSign.WOUND_PROBLEM: N_("Stitches or a caesarean wound that is red, swollen, oozing or very painful"),
    # mood: "sadness, crying, worry or tiredness"; "not wanting to care for herself or the baby"
    MotherSign.SAD: N_("Feeling sad, crying, worried or very tired"),
    MotherSign.NO_WISH_TO_CARE: N_("Not wanting to care for yourself or the baby"),
}
# Postnatal visits, DOMAIN §3: "KF1 6 hours to 2 days after birth; KF2 days 3-7; KF3 days 8-28; KF4 days 29-42"
VISIT_WINDOWS = {
    Visit.KF1: N_("6 hours to 2 days after birth"),
    Visit.KF2: N_("days 3-7 after birth"),
    Visit.KF3: N_("days 8-28 after birth"),
    Visit.KF4: N_("days 29-42 after birth"),
}
T = TypeVar("T")


def t(table: dict[Any, str], code: Any) -> str:
    msg = table.get(code)
    return _(msg) if msg else str(code)


def range_text(name: str) -> str | None:
    """The values a number field allows, in words ("0-2.000 ml", "34-43 °C"), or None."""
    bounds = FIELD_RANGES.get(name)
    if bounds is None:
        return None
    low, high = (format_decimal(b) for b in bounds)
    unit = _UNITS.get(name)
    return f"{low}-{high}\u00a0{unit}" if unit else f"{low}-{high}"  # the unit never alone on a line


def error_text(code: str | None, name: str | None = None, today: date | None = None) -> str | None:
    """The message for a field's error code; with the field's name, it states the field's limit
    and gives an example the field allows (with `today`, a date's example is today)."""
    if code is None:
        return None
    limits = range_text(name) if name else None
    if code in _RANGE_ERRORS and limits:
        return _(_RANGE_ERRORS[code]) % {"range": limits}
    if code == "not_a_number" and name in EXAMPLES:
        return _(_NOT_A_NUMBER) % {"example": format_decimal(EXAMPLES[name])}
    if code == "invalid_date" and today is not None and name != "colostrum_time":
        return _(_BAD_DATE) % {"example": today.strftime(_TYPED_DATE)}
    if code == "too_long" and name in TEXT_LIMITS:
        return _(_TOO_LONG) % {"max": format_number(TEXT_LIMITS[name])}
    if code == "invalid_date" and name == "colostrum_time":
        return _(_BAD_TIME)
    return t(FIELD_ERRORS, code)


@ft.observable
@dataclass
class FormState:
    """A form's typed text, its errors by field and one message for the whole form.

    One object for the screen's life: event handlers always read what was typed last, even when
    two events arrive before the next redraw (a closure over a `use_state` value would not).
    """

    fields: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    message: str = ""  # e.g. a failed write, in words
    good_news: bool = False  # the message says something worked
    # How often the app put a text into a field on purpose (`put`, `replace`); a text box shows
    # the app's text only when this changes, else the text the page sent last (`app.ui.text_box`).
    revisions: dict[str, int] = field(default_factory=dict)

    def edit(self, name: str, value: str) -> dict[str, str]:
        """Keep what was typed; the field's error goes once she corrects it."""
        self.fields = {**self.fields, name: value}
        if name in self.errors:
            self.errors = {k: v for k, v in self.errors.items() if k != name}
        return self.fields

    def put(self, name: str, value: str) -> dict[str, str]:
        """A text the app puts into a field (e.g. a date picked in a calendar): the page is sent it."""
        # The text first, then the revision: each assignment may redraw the screen (another
        # thread), and a redraw that saw the new revision with the old text would send the page
        # the old text, after which the new one would never be sent (same revision).
        fields = self.edit(name, value)
        self.revisions = {**self.revisions, name: self.revision(name) + 1}
        return fields

    def replace(self, fields: dict[str, str]) -> None:
        """All fields set by the app (e.g. "Discard changes"): the page is sent every text box's text."""
        revisions = {name: self.revision(name) + 1 for name in {*self.fields, *fields}}
        self.fields = dict(fields)  # the texts first, then the revisions (see `put`)
        self.revisions = revisions

    def revision(self, name: str) -> int:
        return self.revisions.get(name, 0)

    def tell(self, message: str, *, good_news: bool = False) -> None:
        self.message, self.good_news = message, good_news


def use_form(make_fields: Callable[[], dict[str, str]]) -> FormState:
    """The screen's form, made on its first render."""
    return use_lazy_state(lambda: FormState(make_fields()))[0]


def use_lazy_state(make: Callable[[], T]) -> tuple[T, Callable[[T], None]]:
    """`ft.use_state` whose first value is computed once, on the first render (typed: Flet's own
    signature cannot infer the value's type from a function)."""
    state: tuple[Any, Any] = ft.use_state(cast(Callable[[], Any], make))
    return state


def pp_day_text(n: int) -> str:
    if n == 0:  # "Hari ke-0" reads oddly; the birth date is day 0 (DOMAIN §4 "days since birth")
        return _("The day of birth (day 0)")
    return _("Day %(n)d after birth") % {"n": n}


def wet_diaper_expectation(n: int) -> str | None:
    expected = expected_wet_diapers(n)  # None in the first days: DOMAIN gives no number
    if expected is None:
        return None
    return _("Expected on day %(day)d: %(n)d or more") % {"day": n, "n": expected}


def visit_lines(due: VisitDue) -> tuple[str, str]:
    """The postnatal visit (kunjungan nifas) due, in words: a title and its dates."""
    names = {"kf": due.visit.value.upper(), "window": t(VISIT_WINDOWS, due.visit)}
    if due.timing is Timing.NOW:
        title = _("Postnatal visit %(kf)s (kunjungan nifas) is due: %(window)s") % names
    else:
        title = _("Next postnatal visit: %(kf)s (kunjungan nifas), %(window)s") % names
    dates = {"start": format_date(due.starts), "end": format_date(due.ends)}
    return title, _("From %(start)s to %(end)s: a visit by the midwife.") % dates
