"""Words for the diary's codes (flow, signs, field errors, red flags) and small shared helpers.

The domain returns codes; this module turns them into translated text. Every clinical sentence
traces to DOMAIN.md sections 3-4 (cited beside it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast

import flet as ft

from app.domain.postpartum import expected_wet_diapers
from app.domain.profile import MOTHER_NAME_MAX_CHARS
from app.domain.redflags import RULES, Notice, RedFlag, Urgency
from app.domain.report import FIELD_RANGES, NOTE_MAX_CHARS, Flow, MotherSign, Sign
from app.domain.visits import Timing, Visit, VisitDue
from app.i18n import N_, _, format_date, format_decimal, format_number
from app.ui import kit

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
_TYPED_DATE = "%d/%m/%Y"  # as the profile asks for a date (profile.DATE_TYPED)
_TOO_LONG = N_("This text is too long: at most %(max)s characters.")
_BAD_TIME = N_("Please enter a time as HH:MM, e.g. 07:30.")
_UNITS = {"expressed_ml": "ml", "temperature_c": "°C"}
TEXT_LIMITS = {"note": NOTE_MAX_CHARS, "mother_name": MOTHER_NAME_MAX_CHARS}
# Red flags: DOMAIN §3 "Red flags that send the mother to a midwife or clinic" and "The mother's own
# danger signs"; §4. A title says what was reported, the meaning why it matters, in plain words.
FLAG_TITLES = {
    # §3 mother, go now: "bleeding that soaks more than one pad an hour, or large clots"
    RedFlag.HEAVY_BLEEDING: N_("Heavy bleeding: more than one pad an hour, or large clots"),
    # §3 mother, go now: "fits (kejang)"
    RedFlag.FITS: N_("Fits (seizures)"),
    # §3 mother, go now: "a severe headache with blurred vision, pain under the ribs (ulu hati) or swelling of
    # the face and hands (post-partum pre-eclampsia)"
    RedFlag.HEADACHE_VISION_SWELLING: N_(
        "Severe headache with blurred vision, pain under the ribs, or a swollen face and hands"
    ),
    # §3 mother, go now: "difficulty breathing or chest pain"
    RedFlag.BREATHING_CHEST_PAIN: N_("Difficulty breathing or chest pain"),
    # §3 mother, go now: "one calf painful, red, warm and swollen"
    RedFlag.CALF_SWOLLEN: N_("One calf is painful, red, warm and swollen"),
    # §3 mother, go now: "thoughts of harming herself or the baby"
    RedFlag.THOUGHTS_OF_HARM: N_("Thoughts of harming yourself or the baby"),
    # §3 mother, today: "fever over 38 C"
    RedFlag.FEVER: N_("Fever of 38 °C or more"),
    # §3 mother, today: "chills after the first day"
    RedFlag.CHILLS: N_("Chills after the first day"),
    # §3 mother, today: "lochia (darah nifas) that smells bad"
    RedFlag.LOCHIA_SMELLS: N_("Lochia (the bleeding after birth) smells bad"),
    # §3 mother, today: "lower-belly pain that grows"
    RedFlag.BELLY_PAIN_GROWING: N_("Pain low in the belly that is getting worse"),
    # §3 mother, today: "pain, burning or trouble passing urine"
    RedFlag.URINE_PAIN: N_("Pain, burning or trouble when passing urine"),
    # §3 mother, today: "a stitch or caesarean wound that is red, swollen, oozing or very painful"
    RedFlag.WOUND_PROBLEM: N_("Stitches or a caesarean wound that is red, swollen, oozing or very painful"),
    # §3 mood: "sadness that lasts longer" than "about two weeks"
    RedFlag.SADNESS_LASTING: N_("Sadness, crying or worry after the first two weeks"),
    # §3 mood: "not wanting to care for herself or the baby"
    RedFlag.NO_WISH_TO_CARE: N_("Not wanting to care for yourself or the baby"),
    # §3: "fever over 38 C; a breast that is red, hot, hard, swollen or very painful; flu-like illness (mastitis)"
    RedFlag.MASTITIS: N_("Fever or feeling ill, with a painful, red or hard breast"),
    # §3: "a breast that is red, hot, hard, swollen or very painful"
    RedFlag.BREAST_INFLAMED: N_("A breast that is red, hot, hard, swollen or very painful"),
    # §3: "flu-like illness"
    RedFlag.FLU_LIKE: N_("Feeling ill, as with flu"),
    # §3: "nipples cracked or bleeding"
    RedFlag.NIPPLES_CRACKED: N_("Cracked or bleeding nipples"),
    # §3: "nipple pain that grows"
    RedFlag.NIPPLE_PAIN_WORSE: N_("Nipple pain is getting worse"),
    # §3: "nipple pain that ... lasts past day 5-7"
    RedFlag.NIPPLE_PAIN_LASTING: N_("Nipple pain that lasts past day 5-7"),
    # §3 referral rules: "milk not started by day 4"
    RedFlag.MILK_NOT_YET: N_("Milk has not come out yet after day 4"),
    # §3 baby: "feeds fewer than 8 times in 24 h"
    RedFlag.FEW_FEEDS: N_("Fewer than 8 feeds in 24 hours"),
    # §3 baby: "fewer than 6 wet diapers a day after day 5-6"
    RedFlag.FEW_WET_DIAPERS: N_("Fewer wet diapers than expected for the baby's age"),
    # §3 baby: "dark strong urine"
    RedFlag.DARK_URINE: N_("Baby's urine is dark and strong"),
    # §3 baby: "black stools after day 5"
    RedFlag.BLACK_STOOLS: N_("Baby's stools are still black after day 5"),
    # §3 baby: "very sleepy or yellow (jaundiced)"
    RedFlag.SLEEPY_OR_YELLOW: N_("Baby is very sleepy or yellow"),
    # §3 baby: "not back to birth weight by day 10-14"; §4 sign 8 answered no
    RedFlag.WEIGHT_NOT_GOING_UP: N_("Baby's weight is not going up"),
}
_DANGER_SIGN = N_("This is a danger sign after giving birth.")  # §3 "The mother's own danger signs"
_MASTITIS_SIGN = N_("This can be a sign of mastitis (an inflamed breast).")  # §3 "(mastitis: ...)"
FLAG_MEANING = {
    RedFlag.HEAVY_BLEEDING: _DANGER_SIGN,
    RedFlag.FITS: _DANGER_SIGN,
    # §3: "(post-partum pre-eclampsia)"
    RedFlag.HEADACHE_VISION_SWELLING: N_("These can be signs of pre-eclampsia after giving birth."),
    RedFlag.BREATHING_CHEST_PAIN: _DANGER_SIGN,
    RedFlag.CALF_SWOLLEN: _DANGER_SIGN,
    # §3: "thoughts of harming herself or the baby" -> "go to a health facility now (someone takes her)"
    RedFlag.THOUGHTS_OF_HARM: N_("Tell someone close to you now, so that they can go with you."),
    # §3: "fever over 38 C or chills after the first day"; "fever ... (mastitis: keep breastfeeding ...)"
    RedFlag.FEVER: N_(
        "After giving birth, a fever needs the midwife. It can also be a sign of mastitis (an inflamed breast)."
    ),
    RedFlag.CHILLS: N_("After the first day, chills need the midwife."),  # §3 "chills after the first day"
    RedFlag.LOCHIA_SMELLS: N_("Bad-smelling lochia needs the midwife."),  # §3 "lochia ... that smells bad"
    RedFlag.BELLY_PAIN_GROWING: N_("Belly pain that grows needs the midwife."),  # §3 "lower-belly pain that grows"
    RedFlag.URINE_PAIN: N_("This needs the midwife."),  # §3 "pain, burning or trouble passing urine"
    RedFlag.WOUND_PROBLEM: N_("A wound like this needs the midwife to look at it."),  # §3 "a stitch or caesarean wound"
    # §3: "sadness ... in the first days after birth is common (baby blues) and passes within about two weeks;
    # sadness that lasts longer ... needs the midwife"
    RedFlag.SADNESS_LASTING: N_(
        "In the first two weeks this is common and passes. When it lasts longer, talk to the midwife: she can help."
    ),
    # §3: "not wanting to care for herself or the baby, needs the midwife"
    RedFlag.NO_WISH_TO_CARE: N_("Talk to the midwife about it: she can help."),
    RedFlag.MASTITIS: _MASTITIS_SIGN,
    RedFlag.BREAST_INFLAMED: _MASTITIS_SIGN,
    RedFlag.FLU_LIKE: N_("Feeling ill as with flu can be a sign of mastitis (an inflamed breast)."),
    # §3: "nipples cracked or bleeding, or nipple pain that grows or lasts past day 5-7"
    RedFlag.NIPPLES_CRACKED: N_("Cracked or bleeding nipples need a midwife to look at them."),
    RedFlag.NIPPLE_PAIN_WORSE: N_("Nipple pain that gets worse needs a midwife to look at it."),
    RedFlag.NIPPLE_PAIN_LASTING: N_("Nipple pain that lasts this long needs a midwife to look at it."),
    # §4: milk "comes in" about 30-40 hours after birth to day 3-4
    RedFlag.MILK_NOT_YET: N_("Milk usually comes in between about 30-40 hours after birth and day 3-4."),
    # §4 signs of enough milk 2 and 4; §3 baby line
    RedFlag.FEW_FEEDS: N_("A baby getting enough milk feeds 8-12 times in 24 hours."),
    RedFlag.FEW_WET_DIAPERS: N_("Wet diapers show whether the baby gets enough milk."),
    # §4 sign 4: "pale urine" is a sign of enough milk; §3 "dark strong urine"
    RedFlag.DARK_URINE: N_("A baby who gets enough milk has pale urine."),
    # §4 sign 5: "yellow, seedy stools from day 4-5"
    RedFlag.BLACK_STOOLS: N_("From day 4-5 a baby's stools should turn yellow."),
    # §3 baby: "very sleepy or yellow (jaundiced)"
    RedFlag.SLEEPY_OR_YELLOW: N_("A very sleepy or yellow baby needs the midwife to check."),
    # §3 baby: "not back to birth weight by day 10-14"
    RedFlag.WEIGHT_NOT_GOING_UP: N_("A baby should be back to birth weight by day 10-14. Have the baby weighed."),
}
# Information that is not a red flag (redflags.Notice).
NOTICE_TITLES = {
    Notice.BABY_BLUES: N_("Feeling sad is common in the first days"),  # §3 "is common (baby blues)"
    Notice.WEIGH_BABY: N_("Have the baby weighed"),  # §4 sign 8 "from the midwife's or posyandu's scale"
    Notice.BIRTH_DATE_NEEDED: N_("Enter the baby's birth date"),  # §4 "Postpartum day = days since birth"
}
NOTICE_TEXTS = {
    # §3: "sadness, crying, worry or tiredness in the first days after birth is common (baby blues) and passes
    # within about two weeks; sadness that lasts longer ... needs the midwife"
    Notice.BABY_BLUES: N_(
        "Sadness, crying, worry or tiredness in the first days after birth is common "
        "(baby blues). It passes within about two weeks. If it lasts longer, call the midwife."
    ),
    # §4 sign 8: "(from the midwife's or posyandu's scale)"; §3 "not back to birth weight by day 10-14"
    Notice.WEIGH_BABY: N_(
        "Have the baby weighed at the midwife's or at the posyandu (the village health post). "
        "A baby should be back to birth weight by day 10-14."
    ),
    # §4: "Postpartum day = days since birth (the baby's birth date)"
    Notice.BIRTH_DATE_NEEDED: N_(
        "Some answers depend on how many days ago the baby was born. Enter the birth date so the app can check them."
    ),
}
# The report's yes/no questions on the baby and the breasts (report.OPTIONAL_QUESTIONS), DOMAIN §3.
QUESTION_LABELS = {
    "baby_sleepy_yellow": N_("Is the baby very sleepy, or does the baby look yellow?"),  # "very sleepy or yellow"
    "dark_urine": N_("Is the baby's urine dark and strong?"),  # "dark strong urine"
    "black_stools": N_("Are the baby's stools still black (after day 5)?"),  # "black stools after day 5"
    "breast_very_painful": N_("Is a breast very painful?"),  # "a breast that is ... very painful"
    "flu_like": N_("Do you feel ill, as with flu?"),  # "flu-like illness"
    "nipple_pain": N_("Any nipple pain today?"),  # "nipple pain that ... lasts past day 5-7"
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

# How soon (redflags.Urgency), DOMAIN §3: "go to a health facility now (someone takes her)", "contact the
# midwife today", "(mastitis: ... get help within 24 h)"; no timing given: contact the midwife or clinic.
URGENCY = {
    Urgency.GO_NOW: N_("Go to a health facility now. Someone should take you."),
    Urgency.TODAY: N_("Contact the midwife today."),
    Urgency.WITHIN_24H: N_("Contact your midwife (bidan) or clinic within 24 hours."),
    Urgency.SOON: N_("Contact your midwife (bidan) or clinic."),
}


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
        self.revisions = {**self.revisions, name: self.revision(name) + 1}
        return self.edit(name, value)

    def replace(self, fields: dict[str, str]) -> None:
        """All fields set by the app (e.g. "Discard changes"): the page is sent every text box's text."""
        self.revisions = {name: self.revision(name) + 1 for name in {*self.fields, *fields}}
        self.fields = dict(fields)

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


@dataclass(frozen=True)
class Calls:
    """What a red-flag card's buttons do: `dial(uri)` opens a `tel:` URI (on a phone, the dialer);
    `add_phone()` opens the profile where the number is missing."""

    midwife_tel: str | None = None
    facility_tel: str | None = None
    dial: Callable[[str], Awaitable[Any]] | None = None
    add_phone: Callable[[], Any] | None = None


def _call_button(
    tel: str | None, call: str, add: str, identifier: str, calls: Calls, *, icon_color: str | None = None
) -> ft.Control:
    dial, add_phone = calls.dial, calls.add_phone
    if tel is not None and dial is not None:

        async def call_it(e: Any) -> None:
            await dial(tel)

        return kit.primary_button(call, call_it, identifier, icon=ft.Icons.PHONE)
    return kit.primary_button(
        add, (lambda e: add_phone()) if add_phone else None, identifier, icon=ft.Icons.PHONE_IN_TALK_OUTLINED
    )


def midwife_call_button(calls: Calls) -> ft.Control:
    """ "Call the midwife" (or, without her number, "Add the midwife's phone"): on every red-flag card
    and on the safety stop."""
    return _call_button(calls.midwife_tel, _("Call the midwife"), _("Add the midwife's phone"), "call-midwife", calls)


def reported_when(since: date, last: date, today: date | None = None) -> str:
    """On which days a flag was reported: Today shows flags of the last days, not only of today."""

    def day_words(day: date) -> str:
        return _("today") if day == today else format_date(day)

    if since == last:
        return _("Reported %(day)s.") % {"day": day_words(last)}
    return _("Reported from %(since)s to %(last)s.") % {"since": format_date(since), "last": day_words(last)}


def flag_card(
    flag: RedFlag,
    since: date | None = None,
    calls: Calls | None = None,
    *,
    last: date | None = None,
    today: date | None = None,
) -> ft.Control:
    """A red-flag card: what was reported (and when, given `since`/`last`), what it may mean, keep
    breastfeeding where the rule says so, how soon, and the call buttons. "Go now" is unmistakable
    (solid red, white text, a large icon); the others are calm (`kit.calm_card`, in both themes)."""
    rule = RULES[flag]
    calls = calls or Calls()
    urgent = rule.urgency is Urgency.GO_NOW
    ink = ft.Colors.WHITE if urgent else None
    title = ft.Text(t(FLAG_TITLES, flag), size=19 if urgent else 17, weight=ft.FontWeight.BOLD, expand=True, color=ink)
    icon = ft.Icon(ft.Icons.WARNING_ROUNDED, color=ft.Colors.WHITE, size=44) if urgent else kit.flag_icon(False)
    lines: list[ft.Control] = [
        ft.Row(
            [icon, title], vertical_alignment=ft.CrossAxisAlignment.CENTER if urgent else ft.CrossAxisAlignment.START
        ),
        kit.body(t(FLAG_MEANING, flag), size=15, color=ink),
    ]
    if since is not None and last is not None:
        lines.insert(
            1,
            kit.tagged(
                kit.body(reported_when(since, last, today), size=14, color=ink, weight=ft.FontWeight.W_600),
                f"flag-when-{flag.value}",
            ),
        )
    if rule.keep_breastfeeding:
        lines.append(kit.body(_("Keep breastfeeding."), size=15, weight=ft.FontWeight.W_600, color=ink))
    lines.append(
        kit.body(
            t(URGENCY, rule.urgency),
            size=18 if urgent else 15,
            weight=ft.FontWeight.BOLD if urgent else ft.FontWeight.W_600,
            color=ink,
        )
    )
    if urgent:
        lines.append(
            _call_button(
                calls.facility_tel,
                _("Call the health facility"),
                _("Add the health facility's phone"),
                "call-facility",
                calls,
            )
        )
    lines.append(
        _call_button(calls.midwife_tel, _("Call the midwife"), _("Add the midwife's phone"), "call-midwife", calls)
    )
    column = ft.Column(lines, spacing=8)
    card = (
        ft.Container(column, padding=14, border_radius=12, bgcolor=kit.DANGER, border=ft.Border.all(2, kit.DANGER))
        if urgent
        else kit.calm_card(column)
    )
    if urgent:
        return kit.tagged(card, f"flag-{flag.value}", label=_("Urgent"), container=True)
    return kit.tagged(card, f"flag-{flag.value}")


def notice_card(notice: Notice) -> ft.Control:
    """Information that is not a red flag: calm, no call to action beyond its words."""
    return kit.tagged(
        ft.Container(
            ft.Column(
                [
                    kit.heading(t(NOTICE_TITLES, notice), 17),
                    kit.body(t(NOTICE_TEXTS, notice), size=15),
                ],
                spacing=6,
            ),
            padding=14,
            border_radius=12,
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
        ),
        f"notice-{notice.value}",
    )


def visit_lines(due: VisitDue) -> tuple[str, str]:
    """The postnatal visit (kunjungan nifas) due, in words: a title and its dates."""
    names = {"kf": due.visit.value.upper(), "window": t(VISIT_WINDOWS, due.visit)}
    if due.timing is Timing.NOW:
        title = _("Postnatal visit %(kf)s (kunjungan nifas) is due: %(window)s") % names
    else:
        title = _("Next postnatal visit: %(kf)s (kunjungan nifas), %(window)s") % names
    dates = {"start": format_date(due.starts), "end": format_date(due.ends)}
    return title, _("From %(start)s to %(end)s: a visit by the midwife.") % dates
