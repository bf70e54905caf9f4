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
from app.domain.redflags import RULES, RedFlag, Urgency
from app.domain.report import Flow, Sign
from app.i18n import N_, _
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
    Sign.NIPPLE_PAIN_NOT_WORSE: N_("Nipple pain is not getting worse"),
    Sign.WEIGHT_GOING_UP: N_("Baby's weight is going up (midwife's or posyandu scale)"),
}
FIELD_ERRORS = {
    "required": N_("Please fill this in."),
    "not_a_number": N_("Please enter a number, e.g. 8."),
    "not_integer": N_("Please enter a whole number."),
    "too_small": N_("This number is too small."),
    "too_large": N_("This number is too large."),
    "too_long": N_("This text is too long."),
    "invalid_date": N_("Please enter a date as YYYY-MM-DD."),
    "future_date": N_("This date is in the future."),
    "before_birth": N_("This is before the baby's birth date."),
    "too_old": N_("This date is more than a year ago."),
    "invalid_choice": N_("Please choose one of the options."),
    "unknown_field": N_("Please choose one of the options."),
}
# Red flags: DOMAIN §3 "Red flags that send the mother to a midwife or clinic" and §4.
FLAG_TITLES = {
    RedFlag.FEVER: N_("Fever of 38 °C or more"),
    RedFlag.BREAST_INFLAMED: N_("A breast that is red, hot, hard or swollen"),
    RedFlag.MASTITIS: N_("Fever with a red or hard breast"),
    RedFlag.NIPPLES_CRACKED: N_("Cracked or bleeding nipples"),
    RedFlag.NIPPLE_PAIN_WORSE: N_("Nipple pain is getting worse"),
    RedFlag.FEW_WET_DIAPERS: N_("Fewer wet diapers than expected for the baby's age"),
    RedFlag.FEW_FEEDS: N_("Fewer than 8 feeds in 24 hours"),
    RedFlag.MILK_NOT_YET: N_("Milk has not come out yet after day 4"),
}
FLAG_MEANING = {
    # §3: "(mastitis: keep breastfeeding, get help within 24 h)"
    RedFlag.FEVER: N_("A fever can be a sign of mastitis (an inflamed breast)."),
    RedFlag.BREAST_INFLAMED: N_("This can be a sign of mastitis (an inflamed breast)."),
    RedFlag.MASTITIS: N_("This can be a sign of mastitis (an inflamed breast)."),
    # §3: "nipples cracked or bleeding, or nipple pain that grows"
    RedFlag.NIPPLES_CRACKED: N_("Cracked or bleeding nipples need a midwife to look at them."),
    RedFlag.NIPPLE_PAIN_WORSE: N_("Nipple pain that grows needs a midwife to look at it."),
    # §4 signs of enough milk 2 and 4; §3 baby line
    RedFlag.FEW_WET_DIAPERS: N_("Wet diapers show whether the baby gets enough milk."),
    RedFlag.FEW_FEEDS: N_("A baby getting enough milk feeds 8-12 times in 24 hours."),
    # §4: milk "comes in" about 30-40 hours after birth to day 3-4
    RedFlag.MILK_NOT_YET: N_("Milk usually comes in between about 30-40 hours after birth and day 3-4."),
}
T = TypeVar("T")

URGENCY = {
    Urgency.WITHIN_24H: N_("Contact your midwife (bidan) or clinic within 24 hours."),
    Urgency.SOON: N_("Contact your midwife (bidan) or clinic."),
}


def t(table: dict[Any, str], code: Any) -> str:
    msg = table.get(code)
    return _(msg) if msg else str(code)


def error_text(code: str | None) -> str | None:
    return None if code is None else t(FIELD_ERRORS, code)


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

    def edit(self, name: str, value: str) -> dict[str, str]:
        """Keep what was typed; the field's error goes once she corrects it."""
        self.fields = {**self.fields, name: value}
        if name in self.errors:
            self.errors = {k: v for k, v in self.errors.items() if k != name}
        return self.fields

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
    return _("Day %(n)d after birth") % {"n": n}


def wet_diaper_expectation(n: int) -> str | None:
    expected = expected_wet_diapers(n)  # None in the first days: DOMAIN gives no number
    if expected is None:
        return None
    return _("Expected on day %(day)d: %(n)d or more") % {"day": n, "n": expected}


def flag_card(flag: RedFlag, since: date | None = None) -> ft.Control:
    """A calm card: what it may mean, keep breastfeeding where the rule says so, contact the bidan."""
    rule = RULES[flag]
    lines: list[ft.Control] = [
        ft.Row([ft.Icon(ft.Icons.FAVORITE_BORDER, color=kit.DANGER),
                ft.Text(t(FLAG_TITLES, flag), size=17, weight=ft.FontWeight.BOLD, expand=True)],
               vertical_alignment=ft.CrossAxisAlignment.START),
        kit.body(t(FLAG_MEANING, flag), size=15),
    ]
    if rule.keep_breastfeeding:
        lines.append(kit.body(_("Keep breastfeeding."), size=15, weight=ft.FontWeight.W_600))
    lines.append(kit.body(t(URGENCY, rule.urgency), size=15, weight=ft.FontWeight.W_600))
    return kit.tagged(ft.Container(ft.Column(lines, spacing=6), padding=14, border_radius=12,
                                   bgcolor=ft.Colors.ERROR_CONTAINER,
                                   border=ft.Border.all(1, kit.DANGER)), f"flag-{flag.value}")
