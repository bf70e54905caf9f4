"""The daily report form (/report, /report?day=YYYY-MM-DD): flow, the 8 signs, numbers, the baby's and
the breasts' danger signs, the mother's own check (DOMAIN §3), mood, note. `/report?part=mother` (from
Today's "Check how you feel") puts the mother's own check first; it is the same form and the same Save.

The form's text lives in the component (an observable `FormState`); every change is also kept as a draft
(store.drafts, "report:<day>") so closing the app keeps a half-filled report; reopened, such a form says
"Not saved yet" and offers "Discard changes". Save validates in the domain: a refused save shows each
error under its own field (every field of a report has its place), counts them beside Save, brings the
first into view (see `form_parts`), keeps everything typed and writes nothing; a saved report is
confirmed with its day and goes back where she came from (Today or the diary). A past day's form asks
about that day, not about today."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import flet as ft

from app.domain.report import SIGNS
from app.i18n import _, decimal_mark, format_date
from app.services.report_form import BODY_FLAGS, go_now_in_form
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens import form_parts
from app.ui.screens.diary_labels import (
    FLOWS,
    QUESTION_LABELS,
    SIGN_LABELS,
    pp_day_text,
    t,
    use_form,
    use_lazy_state,
    wet_diaper_expectation,
)
from app.ui.screens.entries import MOTHER_PART
from app.ui.screens.flag_labels import Calls, dial
from app.ui.screens.report_day import no_such_day
from app.ui.screens.report_parts import (
    BABY_QUESTIONS,
    BREAST_QUESTIONS,
    _Anchors,
    _baby_danger,
    _check,
    _mother_section,
    _on_day,
    _question,
    _section,
    _text_field,
    _yes_no_row,
    body_labels,
    signs_yes,
)
from app.ui.screens.store_error import write_problem
from app.ui.state import REPORT_ROUTE, use_app, use_scope

ROUTE = REPORT_ROUTE
# Every field of a report has its place on the form, where its error shows (the checklist's and
# the mother's answers under their headings); see test_every_report_field_has_a_place_on_the_form.
_PLACED = {
    "day",
    "flow",
    "signs",
    "feeds_24h",
    "wet_diapers",
    "expressed_ml",
    "colostrum_time",
    "temperature_c",
    "mood",
    "note",
    "mother_signs",
    "baby_danger",
    "baby_signs",
    *BODY_FLAGS,
    *BABY_QUESTIONS,
    *BREAST_QUESTIONS,
}


def _query(stack: list[str], name: str) -> str | None:
    for route in reversed(stack):
        parsed = urlparse(route)
        if parsed.path == ROUTE:
            values = parse_qs(parsed.query).get(name)
            return values[0] if values else None
    return None


def requested_day(stack: list[str]) -> str | None:
    """The `?day=` of the report screen in the stack (the screen is there once at most)."""
    return _query(stack, "day")


def requested_part(stack: list[str]) -> str | None:
    """The `?part=` of the report screen in the stack: the section shown first."""
    return _query(stack, "part")


def report_route(day_iso: str) -> str:
    return f"{ROUTE}?day={day_iso}"


@ft.component
def Report() -> ft.View:
    app = use_app()
    scope = use_scope()
    requested = use_lazy_state(lambda: scope.diary.report_day(requested_day(app.stack)))[0]
    if requested.day is None:  # the same for this screen's whole life: the hooks below never run
        return no_such_day(
            ROUTE,
            requested,
            scope.diary.birth_date(),
            on_back=lambda e: app.back(),
            open_today=lambda e: app.replace(ROUTE),
            open_diary=lambda e: app.replace("/diary"),
        )
    day = requested.day
    form = use_form(lambda: scope.diary.form(day, decimal_mark()))
    unsaved, set_unsaved = use_lazy_state(lambda: scope.diary.has_draft(day))
    fields, errors = form.fields, form.errors
    past = day != scope.diary.today()
    anchors = _Anchors()

    def set_field(name: str, value: str) -> None:
        typed = form.edit(name, value)
        try:
            scope.diary.keep_draft(day, typed)
        except StoreWriteError as err:  # what is typed stays on screen all the same
            form.tell(write_problem(err.code))

    async def save(e: Any) -> None:
        try:
            result = scope.diary.save_report(day, form.fields)
        except StoreWriteError as err:
            form.tell(write_problem(err.code))
            return
        if not result.ok:
            form.errors = result.errors
            await form_parts.show_first_error(
                getattr(e, "control", None), anchors.order, result.errors, app.visitor.devices
            )
            return
        app.tell(_("Saved: the report for %(day)s") % {"day": format_date(day, "long")})
        app.back()  # to Today, or to the diary when she edited a past day from there

    def discard(e: Any) -> None:
        try:
            form.replace(scope.diary.discard_draft(day, decimal_mark()))
        except StoreWriteError as err:
            form.tell(write_problem(err.code))
            return
        form.errors = {}
        set_unsaved(False)

    def set_fields(values: dict[str, str]) -> None:
        typed = form.fields
        for name, value in values.items():
            typed = form.edit(name, value)
        try:
            scope.diary.keep_draft(day, typed)
        except StoreWriteError as err:
            form.tell(write_problem(err.code))

    def text(name: str, label: str, **options: Any) -> ft.Control:
        anchors.order.append(name)
        return _text_field(fields, errors, set_field, name, label, revision=form.revision(name), **options)

    n_day = scope.diary.postpartum_day(day)
    # Errors of fields this form does not show (a value saved by another version) stay in sight at the top.
    unplaced = {name: code for name, code in errors.items() if name not in _PLACED}
    head: list[ft.Control] = [
        anchors.at(
            "day",
            kit.tagged(
                ft.Column(
                    [
                        kit.heading(pp_day_text(n_day) if n_day is not None else format_date(day, "long"), 20),
                        kit.body(format_date(day, "full"), color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=2,
                ),
                "report-day",
            ),
            *[c for name in unplaced for c in form_parts.field_error(unplaced, name)],
            errors=errors,
        ),
    ]
    if unsaved:
        head.append(form_parts.unsaved_banner(discard, "report-unsaved"))
    on_that_day = {"day": format_date(day, "long")}
    milk: list[ft.Control] = [
        anchors.at(
            "flow",
            kit.heading(
                _on_day(
                    past, _("How is your milk flowing today?"), _("How was your milk flowing on %(day)s?") % on_that_day
                ),
                18,
            ),
            kit.choice_group(
                [(code.value, t(FLOWS, code)) for code in FLOWS],
                fields["flow"] or None,
                lambda v: set_field("flow", v),
                "flow",
                columns=1,
            ),
            errors=errors,
        ),
        *_section(_("Signs of enough milk")),
        anchors.at(
            "signs",
            kit.body(_("Answer yes or no for each sign."), color=ft.Colors.ON_SURFACE_VARIANT),
            kit.tagged(
                ft.Text(
                    _("%(n)d of %(total)d signs") % {"n": signs_yes(fields), "total": len(SIGNS)},
                    size=18,
                    weight=ft.FontWeight.BOLD,
                    color=ft.Colors.PRIMARY,
                ),
                "signs-score",
            ),
            errors=errors,
        ),
        *[
            _yes_no_row(f"sign:{sign.value}", f"sign-{sign.value}", t(SIGN_LABELS, sign), fields, set_field)
            for sign in SIGNS
        ],
        *_section(_("Numbers (optional)")),
        text(
            "feeds_24h",
            _("Feeds in 24 hours"),
            number=True,
            helper=_("A baby getting enough milk feeds 8-12 times in 24 hours."),
        ),
        text(
            "wet_diapers",
            _on_day(past, _("Wet diapers today"), _("Wet diapers that day")),
            number=True,
            helper=wet_diaper_expectation(n_day) if n_day is not None else None,
        ),
        text(
            "expressed_ml",
            _on_day(past, _("Expressed milk today, ml (total)"), _("Expressed milk that day, ml (total)")),
            number=True,
            helper=_on_day(
                past,
                _("Only if you express: add up everything you expressed today."),
                _("Only if you expressed: add up everything you expressed that day."),
            ),
        ),
    ]
    if scope.diary.asks_colostrum(day):
        milk.append(
            text(
                "colostrum_time",
                _("Time colostrum or milk was first seen (HH:MM)"),
                helper=_("Only in the first days after birth."),
                time=True,
            )
        )
    labels = body_labels()
    urgent = go_now_in_form(fields, day, n_day)
    profile = scope.diary.profile()
    calls = Calls(
        midwife_tel=profile.midwife_tel if profile else None,
        facility_tel=profile.facility_tel if profile else None,
        dial=dial,
        add_phone=lambda: app.go("/profile"),
    )
    milk += [
        *_section(_("The baby")),
        anchors.at("baby_danger", *_baby_danger(fields, set_field, urgent, calls), errors=errors),
        *[
            anchors.at(
                name, _yes_no_row(name, f"field-{name}", t(QUESTION_LABELS, name), fields, set_field), errors=errors
            )
            for name in BABY_QUESTIONS
        ],
        *_section(_("Breasts and body")),
        *[anchors.at(name, _check(name, labels[name], fields, set_field), errors=errors) for name in BODY_FLAGS],
        text("temperature_c", _("Temperature in °C, if measured"), number=True),
        *[
            anchors.at(
                name, _yes_no_row(name, f"field-{name}", _question(name, past), fields, set_field), errors=errors
            )
            for name in BREAST_QUESTIONS
        ],
    ]
    mother = [anchors.at("mother_signs", *_mother_section(fields, set_field, set_fields, urgent, calls), errors=errors)]
    rest: list[ft.Control] = [
        ft.Divider(),
        anchors.at(
            "mood",
            kit.heading(
                _on_day(
                    past,
                    _("Mood today (1 = very stressed, 5 = calm)"),
                    _("Mood that day (1 = very stressed, 5 = calm)"),
                ),
                18,
            ),
            kit.choice_group(
                [(str(i), str(i)) for i in range(1, 6)],
                fields.get("mood") or None,
                lambda v: set_field("mood", v),
                "field-mood",
                question=_on_day(
                    past,
                    _("Mood today (1 = very stressed, 5 = calm)"),
                    _("Mood that day (1 = very stressed, 5 = calm)"),
                ),
            ),
            errors=errors,
        ),
        kit.body(_("Stress can block the let-down of milk."), size=14, color=ft.Colors.ON_SURFACE_VARIANT),
        text("note", _("Note (optional)"), multiline=True),
    ]
    mother_first = requested_part(app.stack) == MOTHER_PART
    controls = head + (mother + milk if mother_first else milk + mother) + rest
    # Beside Save, always in sight: why nothing was saved (the messages sit by their fields).
    bottom: list[ft.Control] = form_parts.attention(errors, "report-not-saved")
    if form.message:
        bottom.append(
            kit.tagged(
                kit.note(form.message, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER),
                "report-problem",
                live_region=True,
            )
        )
    bottom.append(kit.primary_button(_("Save"), save, "report-save", icon=ft.Icons.CHECK))
    return kit.screen(ROUTE, _("Daily report"), controls, on_back=lambda e: app.back(), bottom=bottom)
