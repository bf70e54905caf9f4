"""Session step 2: the safety check before every massage (DOMAIN 3, "Do not massage").

Each question has Yes / No / Not sure; the chosen answer stays highlighted. Any Yes or Not sure
leads to the calm "ask the midwife first" screen. The scrolling column is the same control
on every redraw, so tapping an answer far down keeps the list where it is.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.domain.protocol import CONTRAINDICATIONS, Contraindication
from app.i18n import _, ngettext
from app.services.session import SafetyAnswer
from app.ui import kit
from app.ui.screens.labels import CONTRAINDICATION_QUESTIONS, t
from app.ui.state import use_app

ROUTE = "/session/safety"


def answer_options() -> list[tuple[str, str]]:
    """The three answers, in the order they are shown (identifiers end in yes / no / unsure)."""
    return [
        (SafetyAnswer.YES.value, _("Yes")),
        (SafetyAnswer.NO.value, _("No")),
        (SafetyAnswer.NOT_SURE.value, _("Not sure")),
    ]


def questions_left(answers: dict[Contraindication, SafetyAnswer]) -> int:
    return sum(1 for code in CONTRAINDICATIONS if code not in answers)


def next_route(answers: dict[Contraindication, SafetyAnswer]) -> str:
    """Any Yes or Not sure: no massage today, ask the midwife first; else on to the preparation."""
    if any(answers.get(code) in (SafetyAnswer.YES, SafetyAnswer.NOT_SURE) for code in CONTRAINDICATIONS):
        return "/session/unsafe"
    return "/session/prep"


@ft.component
def Safety() -> ft.View:
    app = use_app()
    wiz = app.scope.massage.wizard
    answers, set_answers = ft.use_state(dict(wiz.safety))

    def answer(code: Contraindication, value: str) -> None:
        wiz.safety[code] = SafetyAnswer(value)
        set_answers(dict(wiz.safety))

    def answerer(code: Contraindication) -> Callable[[str], None]:
        return lambda value: answer(code, value)

    controls: list[ft.Control] = [
        kit.body(_("Before every massage, answer each question about the mother today.")),
    ]
    for code in CONTRAINDICATIONS:
        chosen = answers.get(code)
        controls.append(
            ft.Column(
                [
                    kit.body(t(CONTRAINDICATION_QUESTIONS, code), weight=ft.FontWeight.W_600),
                    kit.choice_group(
                        answer_options(), chosen.value if chosen else None, answerer(code), f"safety-{code}"
                    ),
                ],
                spacing=8,
            )
        )
    controls += [
        kit.note(
            _('Not sure? Then choose "Not sure": it is safer to ask the midwife (bidan) first.'),
            icon=ft.Icons.HELP_OUTLINE,
        ),
        # DOMAIN 3: "After a caesarean, studies started 24 hours after surgery; sit comfortably, do not
        # press near the wound."
        kit.note(
            _(
                "After a caesarean: the studies started the massage 24 hours after the operation. Let her sit "
                "comfortably and do not press near the wound."
            )
        ),
    ]
    remaining = questions_left(answers)
    bottom: list[ft.Control] = []
    if remaining:
        bottom.append(
            kit.body(
                ngettext("%(n)d question left", "%(n)d questions left", remaining) % {"n": remaining},
                color=ft.Colors.ON_SURFACE_VARIANT,
                text_align=ft.TextAlign.CENTER,
            )
        )
    bottom.append(
        kit.primary_button(_("Next"), lambda e: app.go(next_route(wiz.safety)), "safety-next", disabled=bool(remaining))
    )
    return kit.screen(ROUTE, _("Safety check"), controls, bottom=bottom, on_back=lambda e: app.back())
