"""Session step 7: the finishing touches, the mother's optional comfort rating and let-down, saved.

A demonstration says so (it is never counted as a massage); a massage stopped because it hurt
says so too.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from app.domain.records import SessionRecord, SessionStatus
from app.i18n import _
from app.ui import kit
from app.ui.screens.history import session_summary
from app.ui.state import use_app

ROUTE = "/session/finish"
COMFORT_SCALE = range(1, 6)


def outcome_texts(record: SessionRecord) -> list[tuple[str, str]]:
    """What the top of the screen says, as (kind, text): kind "heading", "pain" or "demo"."""
    texts: list[tuple[str, str]] = []
    if record.demo:
        texts.append(("heading", _("Demonstration finished")))
        texts.append(
            (
                "demo",
                _(
                    "This was a demonstration, not a real massage. It is not recorded as a "
                    "massage and does not count for this morning or this evening."
                ),
            )
        )
    elif record.status is SessionStatus.COMPLETED:
        texts.append(("heading", _("Well done!")))
    else:
        texts.append(("heading", _("Massage ended")))
    if record.status is SessionStatus.STOPPED_PAIN:
        texts.append(("pain", _("Stopped because it hurt. Next time, press more lightly.")))
    return texts


def _outcome(kind: str, text: str) -> ft.Control:
    if kind == "heading":
        return kit.heading(text)
    if kind == "pain":
        return kit.note(text, icon=ft.Icons.PAN_TOOL, color=kit.DANGER)
    return kit.note(text, icon=ft.Icons.SCHOOL_OUTLINED)


def comfort_words() -> dict[str, str]:
    """What the screen reader says for each point of the comfort scale."""
    words = {str(n): _("%(n)d of %(top)d") % {"n": n, "top": max(COMFORT_SCALE)} for n in COMFORT_SCALE}
    words["1"] = _("1 of 5, not comfortable")
    words["5"] = _("5 of 5, very comfortable")
    return words


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


@ft.component
def Finish() -> ft.View:
    app = use_app()
    c = app.scope.massage
    record = c.record()
    comfort, set_comfort = ft.use_state(record.comfort if record else None)
    letdown, set_letdown = ft.use_state(record.letdown if record else None)

    def leave() -> None:
        c.close()
        app.session.refresh()

    def save(e: Any) -> None:
        try:
            c.rate(comfort, letdown)
        except LookupError as err:  # removed meanwhile by a restore or a delete in another window
            app.session.ended_elsewhere(err)
            return
        leave()
        app.reset("/history")

    def back() -> bool:
        """The phone's Back here: leave without a rating (the massage itself is already saved)."""
        leave()
        app.reset()
        return True

    ft.use_effect(lambda: app.on_back(ROUTE, back), [])
    if record is None or record.status is SessionStatus.IN_PROGRESS:
        return kit.screen(
            ROUTE,
            _("Massage"),
            [kit.body(_("No massage to finish."))],
            bottom=[kit.primary_button(_("Back to home"), lambda e: app.reset(), "finish-home")],
        )
    controls: list[ft.Control] = [_outcome(kind, text) for kind, text in outcome_texts(record)]
    if record.demo and c.wizard.teaching:  # the midwife's demonstration: nothing to rate, back to the visit
        from_visit = True

        def done(e: Any) -> None:
            leave()
            if from_visit:
                app.reset("/visit")
            else:
                app.reset()

        controls += [
            kit.body("1. " + _("Wipe the oil off her back with the warm, wet washcloth, then dry it with a towel.")),
            kit.body("2. " + _("Now is a good moment to breastfeed.")),
        ]
        label = _("Back to the visit") if from_visit else _("Back to home")
        return kit.screen(
            ROUTE,
            _("Finish"),
            controls,
            bottom=[kit.primary_button(label, done, "finish-demo-done", icon=ft.Icons.CHECK)],
        )
    controls += [
        kit.body(session_summary(record), weight=ft.FontWeight.W_600),
        kit.body("1. " + _("Wipe the oil off her back with the warm, wet washcloth, then dry it with a towel.")),
        kit.body("2. " + _("Now is a good moment to breastfeed.")),
        ft.Divider(),
        kit.heading(_("How comfortable was it for the mother?"), 18),
        kit.body(_("1 = not comfortable, 5 = very comfortable (optional)"), color=ft.Colors.ON_SURFACE_VARIANT),
        kit.choice_group(
            [(str(n), str(n)) for n in COMFORT_SCALE],
            None if comfort is None else str(comfort),
            lambda v: set_comfort(int(v)),
            "comfort",
            question=_("How comfortable was it for the mother?"),
            spoken=comfort_words(),
        ),
        kit.heading(_("Did she feel the milk let down or drip?"), 18),
        kit.body(_("Optional"), color=ft.Colors.ON_SURFACE_VARIANT),
        kit.choice_group(
            [("yes", _("Yes")), ("no", _("No"))],
            _yes_no(letdown),
            lambda v: set_letdown(v == "yes"),
            "letdown",
            question=_("Did she feel the milk let down or drip?"),
        ),
    ]
    return kit.screen(
        ROUTE, _("Finish"), controls, bottom=[kit.primary_button(_("Save"), save, "finish-save", icon=ft.Icons.CHECK)]
    )
