"""The report form's parts (app/ui/screens/report.py draws the form): its sections, the yes/no
questions, the newborn's and the mother's danger signs with their GO NOW card, and its text fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.domain.redflags import RULES, FlagGroup, RedFlag, Urgency
from app.domain.report import BABY_SIGNS, MOTHER_SIGNS, MotherSign, Sign, count_signs
from app.i18n import _
from app.services.report_form import Fields, baby_key, mother_key
from app.ui import kit
from app.ui.screens import form_parts
from app.ui.screens.diary_labels import (
    BABY_SIGN_LABELS,
    MOTHER_SIGN_LABELS,
    QUESTION_LABELS,
    error_text,
    t,
)
from app.ui.screens.flag_labels import Calls, flag_card
from app.ui.text_box import TextBox

BABY_QUESTIONS = ("baby_yellow", "dark_urine", "black_stools")
BREAST_QUESTIONS = ("breast_very_painful", "nipple_pain", "flu_like")


def mother_groups() -> list[tuple[str, str, list[MotherSign]]]:
    """The mother's own danger signs in her words, grouped by how soon: (key, heading, signs)."""

    def urgent(code: MotherSign) -> Urgency | None:
        try:
            return RULES[RedFlag(code.value)].urgency
        except ValueError:  # chills and sadness: a flag only from a given day
            return None

    mood = [MotherSign.SAD, MotherSign.NO_WISH_TO_CARE]
    return [
        (
            "go_now",
            _("Go to a health facility now if you have:"),
            [s for s in MOTHER_SIGNS if urgent(s) is Urgency.GO_NOW],
        ),
        (
            "today",
            _("Contact the midwife today if you have:"),
            [s for s in MOTHER_SIGNS if s not in mood and urgent(s) is not Urgency.GO_NOW],
        ),
        ("mood", _("How you feel"), mood),
    ]


def body_labels() -> dict[str, str]:
    return {
        "breast_pain": _("Breast pain"),
        "breast_redness": _("A breast is red or hot"),
        "breast_hard_swollen": _("A breast is hard or swollen"),
        "nipples_cracked": _("Nipples cracked or bleeding"),
        "fever": _("Fever"),
    }


def signs_yes(fields: Fields) -> int:
    """The signs of enough milk in the form so far (sign 7 counts when answered no), as `count_signs`."""
    codes = {sign.value for sign in Sign}
    answers = {
        Sign(key.split(":", 1)[1]): value == "yes"
        for key, value in fields.items()
        if key.startswith("sign:") and value in ("yes", "no") and key.split(":", 1)[1] in codes
    }
    return count_signs(answers).score


def _section(title: str) -> list[ft.Control]:
    return [ft.Divider(), kit.heading(title, 18)]


def _on_day(past: bool, today_text: str, that_day_text: str) -> str:
    """A question about today, or (a past day's form) about that day."""
    return that_day_text if past else today_text


class _Anchors:
    """The form's fields in the order shown: each gets its scroll key; the first one in error is
    where a refused Save scrolls to."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def at(self, name: str, *controls: ft.Control, errors: dict[str, str] | None = None) -> ft.Control:
        """The field's controls, with its message under them (for fields that are not text boxes)."""
        self.order.append(name)
        shown = [*controls, *(form_parts.field_error(errors, name) if errors is not None else [])]
        return ft.Container(
            ft.Column(shown, spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH), key=form_parts.anchor(name)
        )


def _question(name: str, past: bool) -> str:
    if name == "nipple_pain" and past:
        return _("Any nipple pain that day?")
    return t(QUESTION_LABELS, name)


def _yes_no_row(
    name: str, identifier: str, label: str, fields: Fields, set_field: Callable[[str, str], None]
) -> ft.Control:
    """A question with Yes and No (`{identifier}-yes`, `{identifier}-no`); unanswered stays blank."""
    return ft.Column(
        [
            kit.body(label),
            kit.choice_group(
                [("yes", _("Yes")), ("no", _("No"))],
                fields.get(name) or None,
                lambda v: set_field(name, v),
                identifier,
                question=label,
            ),
        ],
        spacing=6,
    )


def _answer_all(values: dict[str, str], set_fields: Callable[[dict[str, str]], None]) -> Callable[[Any], None]:
    def handler(e: Any) -> None:
        set_fields(values)

    return handler


def _go_now(urgent: list[RedFlag], group_is_baby: bool, calls: Calls) -> list[ft.Control]:
    """The first GO NOW sign answered so far, as its card (what to do now, 119): shown at once,
    before Save."""
    found = [flag for flag in urgent if (RULES[flag].group is FlagGroup.BABY) is group_is_baby]
    return [flag_card(found[0], calls=calls)] if found else []


def _baby_danger(
    fields: Fields, set_field: Callable[[str, str], None], urgent: list[RedFlag], calls: Calls
) -> list[ft.Control]:
    """The newborn's danger signs (DOMAIN §3, [S26]) behind one question: the list is read, then
    answered once; a yes opens the signs to tick, and the GO NOW card shows at once."""
    question = t(QUESTION_LABELS, "baby_danger")
    controls: list[ft.Control] = [
        kit.tagged(kit.body(question, weight=ft.FontWeight.W_600), "baby-danger-question"),
        kit.tagged(
            ft.Column(
                [kit.body("•  " + t(BABY_SIGN_LABELS, sign), size=15) for sign in BABY_SIGNS],
                spacing=4,
            ),
            "baby-danger-list",
        ),
        kit.choice_group(
            [("yes", _("Yes")), ("no", _("No"))],
            fields.get("baby_danger") or None,
            lambda v: set_field("baby_danger", v),
            "field-baby_danger",
        ),
    ]
    controls += _go_now(urgent, True, calls)  # right under the answer: what to do now comes first
    if fields.get("baby_danger") == "yes":
        controls.append(kit.body(_("Which ones? Tick each one you see."), weight=ft.FontWeight.W_600))
        controls += [_check(baby_key(sign.value), t(BABY_SIGN_LABELS, sign), fields, set_field) for sign in BABY_SIGNS]
    return controls


def _mother_section(
    fields: Fields,
    set_field: Callable[[str, str], None],
    set_fields: Callable[[dict[str, str]], None],
    urgent: list[RedFlag],
    calls: Calls,
) -> list[ft.Control]:
    """The mother's own danger signs (DOMAIN §3), by how soon; "None of these" answers a group's
    unanswered questions no in one tap."""
    controls: list[ft.Control] = [
        ft.Divider(),
        kit.tagged(kit.heading(_("Your own health"), 18), "mother-check"),
        kit.body(
            _("These questions are about you, the mother, in the weeks after birth."),
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    for key, heading, signs in mother_groups():
        controls.append(kit.heading(heading, 17))
        if key == "mood":
            # DOMAIN §3: "sadness ... in the first days after birth is common (baby blues) and passes within
            # about two weeks; sadness that lasts longer ... needs the midwife"
            controls.append(
                kit.note(
                    _(
                        "In the first two weeks after birth, feeling sad, crying, worried or tired "
                        "is common and passes. If it lasts longer, tell the midwife."
                    )
                )
            )
        controls += [
            _yes_no_row(mother_key(sign.value), f"mother-{sign.value}", t(MOTHER_SIGN_LABELS, sign), fields, set_field)
            for sign in signs
        ]
        if key == "go_now":
            controls += _go_now(urgent, False, calls)
        blank = {mother_key(sign.value): "no" for sign in signs if not fields.get(mother_key(sign.value))}
        if key != "mood":
            controls.append(
                kit.secondary_button(
                    _("None of these"),
                    _answer_all(blank, set_fields),
                    f"mother-none-{key}",
                    icon=ft.Icons.CHECK,
                    disabled=not blank,
                )
            )
    return controls


def _check(name: str, label: str, fields: Fields, set_field: Callable[[str, str], None]) -> ft.Control:
    def toggle(value: bool) -> None:
        set_field(name, "true" if value else "false")

    return kit.check_item(label, fields.get(name) == "true", toggle, f"field-{name}")


def _text_field(
    fields: Fields,
    errors: dict[str, str],
    set_field: Callable[[str, str], None],
    name: str,
    label: str,
    *,
    number: bool = False,
    time: bool = False,
    helper: str | None = None,
    multiline: bool = False,
    revision: int = 0,
) -> ft.Control:
    """A text box with its message inside it (Flutter marks the box invalid for a screen reader).
    Numbers ask the phone for its number keyboard. The page's own text is never sent back to it
    older (`TextBox`); `revision` is the form's count of texts the app put there."""
    value = fields.get(name, "")
    keyboard = (
        ft.KeyboardType.NUMBER
        if number
        else ft.KeyboardType.DATETIME
        if time
        else ft.KeyboardType.MULTILINE
        if multiline
        else ft.KeyboardType.TEXT
    )
    box = TextBox(
        revision=revision,
        label=label,
        value=value,
        helper=helper,
        helper_max_lines=3,
        error=error_text(errors.get(name), name),
        error_max_lines=3,
        error_style=form_parts.ERROR_STYLE,
        text_size=16,
        keyboard_type=keyboard,
        multiline=multiline,
        min_lines=3 if multiline else None,
        on_change=lambda e: set_field(name, form_parts.typed(e)),
    )
    return ft.Container(kit.tagged(box, f"field-{name}"), key=form_parts.anchor(name))
