"""Session step 2: the safety check before every massage (DOMAIN 3, "Do not massage").

It first reads her diary: a temperature of 38 C or more, fever or feeling ill recorded today, or an
open GO NOW or TODAY flag of hers stops the massage with the reason and the midwife's number, unless
the midwife has said it is OK. Then each question has Yes / No / Not sure; the chosen answer stays
highlighted. Any Yes or Not sure leads to the calm "ask the midwife first" screen. After an operasi
sesar it asks whether the midwife has said the massage is OK. The scrolling column is the same
control on every redraw, so tapping an answer far down keeps the list where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.domain.protocol import CONTRAINDICATIONS, Contraindication
from app.domain.safety import Stop, TodayStop
from app.i18n import _, format_decimal, ngettext
from app.services.wizard import SafetyAnswer, Wizard
from app.ui import kit
from app.ui.screens.diary_labels import use_lazy_state
from app.ui.screens.flag_labels import FLAG_TITLES, Calls, dial, midwife_call_button
from app.ui.screens.labels import CONTRAINDICATION_QUESTIONS, t
from app.ui.state import AppState, use_app

ROUTE = "/session/safety"


def answer_options() -> list[tuple[str, str]]:
    """The three answers, in the order they are shown (identifiers end in yes / no / unsure)."""
    return [
        (SafetyAnswer.YES.value, _("Yes")),
        (SafetyAnswer.NO.value, _("No")),
        (SafetyAnswer.NOT_SURE.value, _("Not sure")),
    ]


def next_route(wiz: Wizard) -> str:
    """Any Yes or Not sure, or an operasi sesar without the midwife's OK: no massage today, ask the
    midwife first; else on to the preparation ("Same as last time": straight to where to massage,
    which also says to warm and oil the hands, and Start)."""
    if not wiz.safe_to_start():
        return "/session/unsafe"
    return "/session/landmarks" if wiz.same_as_last else "/session/prep"


def stop_text(stop: Stop) -> str:
    """One reason from her diary, in words."""
    if stop.reason is TodayStop.TEMPERATURE:
        return _("Her temperature today: %(t)s °C") % {"t": format_decimal(stop.temperature_c or 0)}
    if stop.reason is TodayStop.FEVER:
        return _("Fever recorded in today's report")
    if stop.reason is TodayStop.FEELING_ILL:
        return _("Feeling ill or chills recorded in today's report")
    return t(FLAG_TITLES, stop.flag)


def _today_stop(app: AppState, wiz: Wizard, calls: Calls, go_on: Callable[[], None]) -> list[ft.Control]:
    """Her diary says not today: the reasons, the midwife's number, and a way on only with her OK."""
    return [
        kit.tagged(
            ft.Column(
                [
                    ft.Icon(ft.Icons.FRONT_HAND_OUTLINED, size=56, color=kit.DANGER),
                    kit.heading(_("Not today without the midwife's OK")),
                    kit.body(_("Her diary says:")),
                    *[kit.body("•  " + stop_text(stop), weight=ft.FontWeight.W_600) for stop in wiz.today],
                    kit.body(
                        _(
                            "With this, the massage may not be safe for her today. Ask the midwife (bidan) "
                            "first; she can tell you when it is safe."
                        )
                    ),
                ],
                spacing=10,
            ),
            "safety-today-stop",
            container=True,
        ),
        midwife_call_button(calls),
        kit.secondary_button(_("The midwife said it is OK today"), lambda e: go_on(), "safety-today-ok"),
    ]


def _caesarean(wiz: Wizard, answer: Callable[[str, str], None]) -> list[ft.Control]:
    """DOMAIN §3: after an operasi sesar, the midwife's OK first; no hours are given."""
    question = _("Was the baby born by operasi sesar (a caesarean)?")
    controls: list[ft.Control] = [
        kit.body(question, weight=ft.FontWeight.W_600),
        kit.choice_group(
            [(SafetyAnswer.YES.value, _("Yes")), (SafetyAnswer.NO.value, _("No"))],
            wiz.caesarean.value if wiz.caesarean else None,
            lambda v: answer("caesarean", v),
            "safety-caesarean",
        ),
    ]
    if wiz.caesarean is SafetyAnswer.YES:
        chosen = wiz.caesarean_ok
        controls += [
            kit.body(_("Has the midwife (bidan) said the massage is OK for her?"), weight=ft.FontWeight.W_600),
            kit.choice_group(
                answer_options(), chosen.value if chosen else None, lambda v: answer("ok", v), "safety-caesarean-ok"
            ),
        ]
        if chosen is SafetyAnswer.YES:
            controls.append(
                kit.note(_("Let her sit comfortably, and never press near the wound."), icon=ft.Icons.HEALING)
            )
    return controls


@ft.component
def Safety() -> ft.View:
    app = use_app()
    wiz = app.scope.massage.wizard
    use_lazy_state(app.scope.massage.read_today)  # what her diary says, read once as the check opens

    def answers() -> tuple[Any, ...]:
        return (dict(wiz.safety), wiz.caesarean, wiz.caesarean_ok, wiz.today_ok)

    # What she has answered so far (the wizard keeps it for the next steps): a new answer draws again.
    _answered, set_answered = ft.use_state(answers())

    def redraw() -> None:
        set_answered(answers())

    def answer(code: Contraindication, value: str) -> None:
        wiz.safety[code] = SafetyAnswer(value)
        redraw()

    def answer_caesarean(which: str, value: str) -> None:
        if which == "caesarean":
            wiz.caesarean = SafetyAnswer(value)
            if wiz.caesarean is SafetyAnswer.NO:
                wiz.caesarean_ok = None
        else:
            wiz.caesarean_ok = SafetyAnswer(value)
        redraw()

    def midwife_ok() -> None:
        wiz.today_ok = True
        redraw()

    def answerer(code: Contraindication) -> Callable[[str], None]:
        return lambda value: answer(code, value)

    profile = app.scope.diary.profile()
    calls = Calls(midwife_tel=profile.midwife_tel if profile else None, dial=dial, add_phone=lambda: app.go("/profile"))

    def go_home(e: Any) -> None:
        app.scope.massage.reset_wizard()
        app.reset()

    home = kit.primary_button(_("Back to home"), go_home, "safety-home", icon=ft.Icons.HOME)
    if wiz.stopped_today:
        return kit.screen(
            ROUTE,
            _("Safety check"),
            _today_stop(app, wiz, calls, midwife_ok),
            bottom=[home],
            on_back=lambda e: app.back(),
        )

    controls: list[ft.Control] = [
        kit.body(_("Before every massage, answer each question about the mother today.")),
    ]
    for code in CONTRAINDICATIONS:
        chosen = wiz.safety.get(code)
        controls.append(
            ft.Column(
                [
                    kit.body(t(CONTRAINDICATION_QUESTIONS, code), weight=ft.FontWeight.W_600),
                    kit.choice_group(
                        answer_options(),
                        chosen.value if chosen else None,
                        answerer(code),
                        f"safety-{code}",
                        question=t(CONTRAINDICATION_QUESTIONS, code),
                    ),
                ],
                spacing=8,
            )
        )
    controls.append(ft.Column(_caesarean(wiz, answer_caesarean), spacing=8))
    controls.append(
        kit.note(
            _('Not sure? Then choose "Not sure": it is safer to ask the midwife (bidan) first.'),
            icon=ft.Icons.HELP_OUTLINE,
        )
    )
    remaining = wiz.questions_left()
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
        kit.primary_button(_("Next"), lambda e: app.go(next_route(wiz)), "safety-next", disabled=bool(remaining))
    )
    return kit.screen(ROUTE, _("Safety check"), controls, bottom=bottom, on_back=lambda e: app.back())
