"""Mark a KF visit done (/visit/done, `?kf=kf2` to start with that visit): which visit, the day
(today unless changed) and a short note. A refused save shows each error beside its field, keeps
what was typed and writes nothing; a saved one is confirmed and the visit screen shows it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import flet as ft

from app.domain.profile import MAX_BABY_AGE_DAYS
from app.domain.visits import Visit
from app.i18n import _, format_date
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens import form_parts
from app.ui.screens.diary_labels import VISIT_WINDOWS, error_text, t, use_form
from app.ui.screens.form_parts import DATE_TYPED, typed_date
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app, use_scope
from app.ui.text_box import TextBox

ROUTE = "/visit/done"
FIELDS = ("visit", "done_on", "visit_note")


def done_route(visit: Visit) -> str:
    return f"{ROUTE}?kf={visit.value}"


def _requested(stack: list[str]) -> Visit | None:
    for route in reversed(stack):
        parsed = urlparse(route)
        if parsed.path == ROUTE:
            values = parse_qs(parsed.query).get("kf")
            return Visit(values[0]) if values and values[0] in {v.value for v in Visit} else None
    return None


@ft.component
def VisitDone() -> ft.View:
    app = use_app()
    visits = use_scope().visits

    def first_fields() -> dict[str, str]:
        chosen = _requested(app.stack) or visits.suggested()
        kept = visits.done().get(chosen)
        day = kept.done_on if kept is not None else visits.today()
        note = kept.note or "" if kept is not None else ""
        return {"visit": chosen.value, "done_on": day.strftime(DATE_TYPED), "visit_note": note}

    form = use_form(first_fields)
    fields, errors = form.fields, form.errors
    today = visits.today()
    kf = fields["visit"].upper()

    def choose(value: str) -> None:
        form.edit("visit", value)
        kept = visits.done().get(Visit(value))
        if kept is not None:  # changing a done visit: its day and note, to edit
            form.put("done_on", kept.done_on.strftime(DATE_TYPED))
            form.put("visit_note", kept.note or "")

    async def save(e: Any) -> None:
        typed = {"visit": form.fields["visit"], "done_on": form.fields["done_on"], "note": form.fields["visit_note"]}
        try:
            done, found = visits.mark(typed)
        except StoreWriteError as err:
            form.tell(write_problem(err.code))
            return
        if done is None:
            form.errors = {("visit_note" if name == "note" else name): code for name, code in found.items()}
            await form_parts.show_first_error(getattr(e, "control", None), FIELDS, form.errors, app.visitor.devices)
            return
        app.tell(
            _("%(kf)s visit marked done on %(day)s.")
            % {"kf": done.visit.value.upper(), "day": format_date(done.done_on, "EEE d MMM")}
        )
        app.back()

    def pick(e: Any) -> None:
        born = visits.birth_date() or today - timedelta(days=MAX_BABY_AGE_DAYS)
        opens_on = min(max(typed_date(form.fields["done_on"]) or today, born), today)
        picker = form_parts.date_picker(form, "done_on", _("Day of the visit"), opens_on, first=born, today=today)
        ft.context.page.show_dialog(picker)

    options = [(v.value, v.value.upper()) for v in Visit]
    question = _("Which postnatal visit?")
    window = t(VISIT_WINDOWS, Visit(fields["visit"])) if fields["visit"] in {v.value for v in Visit} else ""
    calendar = kit.icon_button(
        ft.Icons.CALENDAR_MONTH, _("Pick the day of the visit in a calendar"), pick, "pick-done-on"
    )
    note_box = TextBox(
        revision=form.revision("visit_note"),
        label=_("Note (optional)"),
        value=fields["visit_note"],
        text_size=16,
        helper=_("For example what you checked, or what to look at next time."),
        helper_max_lines=3,
        error=error_text(errors.get("visit_note"), "visit_note"),
        error_max_lines=3,
        error_style=form_parts.ERROR_STYLE,
        keyboard_type=ft.KeyboardType.MULTILINE,
        multiline=True,
        min_lines=2,
        on_change=lambda e: form.edit("visit_note", form_parts.typed(e)),
    )
    controls: list[ft.Control] = [
        kit.heading(question, 18),
        ft.Container(
            kit.choice_group(options, fields["visit"], choose, "done-visit", question=question),
            key=form_parts.anchor("visit"),
        ),
        *form_parts.field_error(errors, "visit"),
        kit.body(window, color=ft.Colors.ON_SURFACE_VARIANT),
        form_parts.date_field(form, "done_on", _("Day of the visit"), today, calendar),
        ft.Container(kit.tagged(note_box, "field-visit_note"), key=form_parts.anchor("visit_note")),
    ]
    bottom: list[ft.Control] = form_parts.attention(errors, "visit-done-not-saved")
    if form.message:
        bottom.append(
            kit.tagged(kit.note(form.message, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER), "visit-problem")
        )
    bottom.append(
        kit.primary_button(_("Save: %(kf)s visit done") % {"kf": kf}, save, "visit-done-save", icon=ft.Icons.CHECK)
    )
    return kit.screen(ROUTE, _("Mark a visit done"), controls, on_back=lambda e: app.back(), bottom=bottom)
