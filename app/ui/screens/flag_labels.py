"""Words and cards for the red flags and notices (app/domain/flagrules.py): what was reported, what
it may mean, how soon, and whom to call.

Every clinical sentence traces to DOMAIN.md §3-4 (cited beside it) and is stated with its source in
docs/clinical-content.md. A GO NOW card always says what to do now and offers 119, the national
medical emergency number ([S27]), whether or not a number was saved; a saved facility's or
midwife's number is offered beside it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import flet as ft

from app.domain.flagrules import RULES, FlagGroup, Notice, RedFlag, Urgency
from app.i18n import N_, _, format_date
from app.ui import kit
from app.ui.screens.diary_labels import t

EMERGENCY_NUMBER = "119"  # DOMAIN §3, [S27]: the national medical emergency number, free
EMERGENCY_TEL = f"tel:{EMERGENCY_NUMBER}"

# A title says what was reported, the meaning why it matters, in plain words.
FLAG_TITLES = {
    # §3 mother, GO NOW: "bleeding that soaks more than one pad an hour, or large clots"
    RedFlag.HEAVY_BLEEDING: N_("Heavy bleeding: more than one pad an hour, or large clots"),
    RedFlag.FITS: N_("Fits (seizures)"),  # "fits (kejang)"
    # "a severe headache with blurred vision, pain under the ribs (ulu hati) or swelling of the face and hands"
    RedFlag.HEADACHE_VISION_SWELLING: N_(
        "Severe headache with blurred vision, pain under the ribs, or a swollen face and hands"
    ),
    RedFlag.BREATHING_CHEST_PAIN: N_("Difficulty breathing or chest pain"),
    RedFlag.CALF_SWOLLEN: N_("One calf is painful, red, warm and swollen"),
    RedFlag.THOUGHTS_OF_HARM: N_("Thoughts of harming yourself or the baby"),
    # §3 mother and breast, TODAY
    RedFlag.FEVER: N_("Fever of 38 °C or more"),
    RedFlag.CHILLS: N_("Chills after the first day"),
    RedFlag.LOCHIA_SMELLS: N_("Lochia (the bleeding after birth) smells bad"),
    RedFlag.BELLY_PAIN_GROWING: N_("Pain low in the belly that is getting worse"),
    RedFlag.URINE_PAIN: N_("Pain, burning or trouble when passing urine"),
    RedFlag.WOUND_PROBLEM: N_("Stitches or a caesarean wound that is red, swollen, oozing or very painful"),
    RedFlag.SADNESS_LASTING: N_("Sadness, crying or worry after the first two weeks"),
    RedFlag.NO_WISH_TO_CARE: N_("Not wanting to care for yourself or the baby"),
    RedFlag.MASTITIS: N_("Fever or feeling ill, with a painful, red or hard breast"),
    RedFlag.BREAST_INFLAMED: N_("A breast that is red, hot, hard, swollen or very painful"),
    RedFlag.FLU_LIKE: N_("Feeling ill, as with flu"),
    # §3 SOON
    RedFlag.NIPPLES_CRACKED: N_("Cracked or bleeding nipples"),
    RedFlag.NIPPLE_PAIN_WORSE: N_("Nipple pain is getting worse"),
    RedFlag.NIPPLE_PAIN_LASTING: N_("Nipple pain that lasts past day 5-7"),
    # §3 referral rules: "milk not started by day 4"
    RedFlag.MILK_NOT_YET: N_("Milk has not come out by day 4"),
    # §3 baby, GO NOW (the Buku KIA's newborn danger signs)
    RedFlag.BABY_NOT_FEEDING: N_("The baby will not feed or is too weak to suck"),
    RedFlag.BABY_FITS: N_("The baby has fits (seizures)"),
    RedFlag.BABY_LIMP_SLEEPY: N_("The baby is limp, very sleepy or hard to wake"),
    RedFlag.BABY_BREATHING: N_("The baby breathes fast or with difficulty"),
    RedFlag.BABY_HOT_OR_COLD: N_("The baby feels hot or cold to the touch"),
    RedFlag.BABY_YELLOW_DANGER: N_("The baby is yellow on the day of birth, or the yellow reaches the palms and soles"),
    RedFlag.BABY_CORD: N_("The cord stump is red, smells bad or has pus"),
    RedFlag.BABY_VOMIT_BELLY: N_("The baby vomits everything, or the belly is swollen"),
    RedFlag.BABY_DANGER: N_("The baby has a danger sign"),
    RedFlag.SLEEPY_OR_YELLOW: N_("Baby is very sleepy or yellow"),
    # §3 baby, TODAY
    RedFlag.FEW_FEEDS: N_("Fewer than 8 feeds in 24 hours"),
    RedFlag.FEW_WET_DIAPERS: N_("Fewer wet diapers than expected for the baby's age"),
    RedFlag.DARK_URINE: N_("Baby's urine is dark and strong"),
    RedFlag.BLACK_STOOLS: N_("Baby's stools are still black after day 5"),
    RedFlag.BABY_YELLOW: N_("The baby's skin or eyes look yellow"),
    RedFlag.WEIGHT_NOT_GOING_UP: N_("Baby's weight is not going up"),
}
_DANGER_SIGN = N_("This is a danger sign after giving birth.")  # §3 "The mother's own danger signs"
_BABY_DANGER_SIGN = N_("This is a danger sign in a newborn baby.")  # §3 "newborn danger signs of the Buku KIA"
_MASTITIS_SIGN = N_("This can be a sign of mastitis (an inflamed breast).")  # §3 "(mastitis: ...)"
FLAG_MEANING = {
    RedFlag.HEAVY_BLEEDING: _DANGER_SIGN,
    RedFlag.FITS: _DANGER_SIGN,
    RedFlag.HEADACHE_VISION_SWELLING: _DANGER_SIGN,  # the signs are named, never the disease
    RedFlag.BREATHING_CHEST_PAIN: _DANGER_SIGN,
    RedFlag.CALF_SWOLLEN: _DANGER_SIGN,
    # §3: "thoughts of harming herself or the baby" -> GO NOW (someone takes her)
    RedFlag.THOUGHTS_OF_HARM: N_("Tell someone close to you now, so that they can go with you."),
    # §3: "fever over 38 C"; "(mastitis: keep breastfeeding, contact the midwife today ...)"
    RedFlag.FEVER: N_(
        "After giving birth, a fever needs the midwife. It can also be a sign of mastitis (an inflamed breast)."
    ),
    RedFlag.CHILLS: N_("After the first day, chills need the midwife."),
    RedFlag.LOCHIA_SMELLS: N_("Bad-smelling lochia needs the midwife."),
    RedFlag.BELLY_PAIN_GROWING: N_("Belly pain that grows needs the midwife."),
    RedFlag.URINE_PAIN: N_("This needs the midwife."),
    RedFlag.WOUND_PROBLEM: N_("A wound like this needs the midwife to look at it."),
    # §3: "common (baby blues) and passes within about two weeks; sadness that lasts longer ... needs the midwife"
    RedFlag.SADNESS_LASTING: N_(
        "In the first two weeks this is common and passes. When it lasts longer, talk to the midwife: she can help."
    ),
    RedFlag.NO_WISH_TO_CARE: N_("Talk to the midwife about it: she can help."),
    RedFlag.MASTITIS: _MASTITIS_SIGN,
    RedFlag.BREAST_INFLAMED: _MASTITIS_SIGN,
    RedFlag.FLU_LIKE: N_("Feeling ill as with flu can be a sign of mastitis (an inflamed breast)."),
    RedFlag.NIPPLES_CRACKED: N_("Cracked or bleeding nipples need a midwife to look at them."),
    RedFlag.NIPPLE_PAIN_WORSE: N_("Nipple pain that gets worse needs a midwife to look at it."),
    RedFlag.NIPPLE_PAIN_LASTING: N_("Nipple pain that lasts this long needs a midwife to look at it."),
    # §4: milk "comes in" about 30-40 hours after birth to day 3-4
    RedFlag.MILK_NOT_YET: N_("Milk usually comes in between about 30-40 hours after birth and day 3-4."),
    RedFlag.BABY_NOT_FEEDING: _BABY_DANGER_SIGN,
    RedFlag.BABY_FITS: _BABY_DANGER_SIGN,
    RedFlag.BABY_LIMP_SLEEPY: _BABY_DANGER_SIGN,
    # §3: "fast or difficult breathing, the lower chest drawn in"
    RedFlag.BABY_BREATHING: N_("Look for the lower chest being drawn in with each breath. This is a danger sign."),
    # §3: "hot (over 38 C) or cold (under 35.5 C) to the touch"
    RedFlag.BABY_HOT_OR_COLD: N_("Over 38 °C or under 35.5 °C is a danger sign in a newborn baby."),
    RedFlag.BABY_YELLOW_DANGER: _BABY_DANGER_SIGN,
    RedFlag.BABY_CORD: _BABY_DANGER_SIGN,
    RedFlag.BABY_VOMIT_BELLY: _BABY_DANGER_SIGN,
    RedFlag.BABY_DANGER: _BABY_DANGER_SIGN,
    # §3: '"Very sleepy" or "yellow" alone is never a calm note'
    RedFlag.SLEEPY_OR_YELLOW: N_("A very sleepy or yellow baby must be checked now."),
    # §4 signs of enough milk 2 and 4; §3 baby, TODAY
    RedFlag.FEW_FEEDS: N_("A baby getting enough milk feeds 8-12 times in 24 hours."),
    RedFlag.FEW_WET_DIAPERS: N_("Wet diapers show whether the baby gets enough milk."),
    RedFlag.DARK_URINE: N_("A baby who gets enough milk has pale urine."),
    RedFlag.BLACK_STOOLS: N_("From day 4-5 a baby's stools should turn yellow."),
    # §3 baby, TODAY: "yellow skin or eyes after the first day"
    RedFlag.BABY_YELLOW: N_("Yellow skin or eyes after the first day needs the midwife to check the baby."),
    RedFlag.WEIGHT_NOT_GOING_UP: N_("A baby should be back to birth weight by day 10-14. Have the baby weighed."),
}
# Information that is not a red flag.
NOTICE_TITLES = {
    Notice.BABY_BLUES: N_("Feeling sad is common in the first days"),  # §3 "is common (baby blues)"
    Notice.WEIGH_BABY: N_("Have the baby weighed"),  # §4 sign 8 "from the midwife's or posyandu's scale"
    Notice.BIRTH_DATE_NEEDED: N_("Enter the baby's birth date"),  # §4 "Postpartum day = days since birth"
}
NOTICE_TEXTS = {
    Notice.BABY_BLUES: N_(
        "Sadness, crying, worry or tiredness in the first days after birth is common "
        "(baby blues). It passes within about two weeks. If it lasts longer, call the midwife."
    ),
    Notice.WEIGH_BABY: N_(
        "Have the baby weighed at the midwife's or at the posyandu (the village health post). "
        "A baby should be back to birth weight by day 10-14."
    ),
    Notice.BIRTH_DATE_NEEDED: N_(
        "Some answers depend on how many days ago the baby was born. Enter the birth date so the app can check them."
    ),
}
# How soon, DOMAIN §3: three levels. GO NOW says who goes, where, and what to bring.
GO_NOW_MOTHER = N_("Go to the nearest health facility now. Someone should take you. Bring the Buku KIA.")
GO_NOW_BABY = N_("Take the baby to the nearest health facility now. Bring the Buku KIA.")
URGENCY = {
    Urgency.GO_NOW: GO_NOW_MOTHER,
    Urgency.TODAY: N_("Contact the midwife (bidan) today."),
    Urgency.SOON: N_("Tell the midwife (bidan) in the next days, or at her next visit."),
}


def urgency_text(flag: RedFlag) -> str:
    """What to do, and how soon: for the baby's danger signs, the baby is the one taken."""
    rule = RULES[flag]
    if rule.urgency is Urgency.GO_NOW and rule.group is FlagGroup.BABY:
        return _(GO_NOW_BABY)
    return t(URGENCY, rule.urgency)


async def dial(uri: str) -> None:
    """Open a `tel:` URI: on a phone, the dialer with the number."""
    await ft.UrlLauncher().launch_url(uri)


@dataclass(frozen=True)
class Calls:
    """What a red-flag card's buttons do: `dial(uri)` opens a `tel:` URI (on a phone, the dialer);
    `add_phone()` opens the profile where the number is missing."""

    midwife_tel: str | None = None
    facility_tel: str | None = None
    dial: Callable[[str], Awaitable[Any]] | None = None
    add_phone: Callable[[], Any] | None = None


def _dialer(calls: Calls, tel: str) -> Callable[[Any], Awaitable[None]] | None:
    dial = calls.dial
    if dial is None:
        return None

    async def call_it(e: Any) -> None:
        await dial(tel)

    return call_it


def _call_button(tel: str | None, call: str, add: str, identifier: str, calls: Calls) -> ft.Control:
    if tel is not None and calls.dial is not None:
        return kit.primary_button(call, _dialer(calls, tel), identifier, icon=ft.Icons.PHONE)
    add_phone = calls.add_phone
    return kit.primary_button(
        add, (lambda e: add_phone()) if add_phone else None, identifier, icon=ft.Icons.PHONE_IN_TALK_OUTLINED
    )


def midwife_call_button(calls: Calls) -> ft.Control:
    """ "Call the midwife" (or, without her number, "Add the midwife's phone"): on every calm
    red-flag card and on the safety stop."""
    return _call_button(calls.midwife_tel, _("Call the midwife"), _("Add the midwife's phone"), "call-midwife", calls)


def _on_red(label: str, on_click: Any, identifier: str, *, icon: ft.IconData) -> ft.Control:
    """A button on the red card: white, with red words, large; its name says whom it calls."""
    button = ft.FilledButton(
        content=ft.Text(label, size=18, weight=ft.FontWeight.BOLD, text_align=ft.TextAlign.CENTER),
        icon=icon,
        on_click=on_click,
        height=kit.PRIMARY_HEIGHT,
        expand=True,
        style=ft.ButtonStyle(bgcolor=ft.Colors.WHITE, color=kit.DANGER, icon_color=kit.DANGER),
    )
    return kit.tagged(ft.Row([button]), identifier)


def go_now_calls(calls: Calls) -> list[ft.Control]:
    """The GO NOW card's calls: 119 always (it works with nothing saved), then the saved facility's
    and midwife's numbers. Without saved numbers, a quiet way to add them for next time."""
    buttons = [
        _on_red(
            _("Call %(number)s (emergency, free)") % {"number": EMERGENCY_NUMBER},
            _dialer(calls, EMERGENCY_TEL),
            "call-119",
            icon=ft.Icons.EMERGENCY,
        )
    ]
    if calls.facility_tel is not None:
        buttons.append(
            _on_red(
                _("Call the health facility"), _dialer(calls, calls.facility_tel), "call-facility", icon=ft.Icons.PHONE
            )
        )
    if calls.midwife_tel is not None:
        buttons.append(
            _on_red(_("Call the midwife"), _dialer(calls, calls.midwife_tel), "call-midwife", icon=ft.Icons.PHONE)
        )
    if calls.facility_tel is None and calls.midwife_tel is None and calls.add_phone is not None:
        add_phone = calls.add_phone
        buttons.append(
            kit.tagged(
                ft.TextButton(
                    content=ft.Text(_("Save the midwife's and the facility's numbers for next time"), size=15),
                    on_click=lambda e: add_phone(),
                    height=kit.MIN_TARGET,
                    style=ft.ButtonStyle(color=ft.Colors.WHITE),
                ),
                "add-phones",
            )
        )
    return buttons


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
    breastfeeding where the rule says so, what to do and how soon, and the calls. GO NOW is
    unmistakable (solid red, white text, a large icon, 119 first); the others are calm."""
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
        when = kit.body(reported_when(since, last, today), size=14, color=ink, weight=ft.FontWeight.W_600)
        lines.insert(1, kit.tagged(when, f"flag-when-{flag.value}"))
    if rule.keep_breastfeeding:
        lines.append(kit.body(_("Keep breastfeeding."), size=15, weight=ft.FontWeight.W_600, color=ink))
    lines.append(
        kit.tagged(
            kit.body(
                urgency_text(flag),
                size=18 if urgent else 15,
                weight=ft.FontWeight.BOLD if urgent else ft.FontWeight.W_600,
                color=ink,
            ),
            f"flag-todo-{flag.value}",
        )
    )
    if urgent:
        lines += go_now_calls(calls)
    else:
        lines.append(midwife_call_button(calls))
    column = ft.Column(lines, spacing=10)
    card = (
        ft.Container(column, padding=14, border_radius=12, bgcolor=kit.DANGER, border=ft.Border.all(2, kit.DANGER))
        if urgent
        else kit.calm_card(column)  # calm colours in both themes: no red for what is not urgent
    )
    name = f"flag-{flag.value}"  # its identifier, and its key in a list of cards (see today._card)
    if urgent:
        return kit.tagged(card, name, label=_("Urgent"), container=True, key=name)
    return kit.tagged(card, name, key=name)


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
        key=f"notice-{notice.value}",
    )
