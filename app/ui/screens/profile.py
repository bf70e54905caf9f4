"""Profile (/profile, first run and later): the mother's name or nickname, the baby's birth date, and the
midwife's and the nearest health facility's phone numbers (optional; the red-flag cards call them).

The typed text lives in the component until Save; a refused save shows each error beside its field,
keeps what was typed and writes nothing."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.domain.profile import Profile as ProfileModel
from app.i18n import _
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens.diary_labels import error_text, use_form
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app

FIELDS = ("mother_name", "baby_birth_date", "midwife_phone", "facility_phone")
PHONE_EXAMPLE = "0812-3456-7890"


def profile_fields(profile: ProfileModel | None) -> dict[str, str]:
    """The form's text for a saved profile (or an empty form)."""
    if profile is None:
        return {name: "" for name in FIELDS}
    return {"mother_name": profile.mother_name or "", "baby_birth_date": profile.baby_birth_date.isoformat(),
            "midwife_phone": profile.midwife_phone or "", "facility_phone": profile.facility_phone or ""}


@ft.component
def Profile() -> ft.View:
    app = use_app()
    form = use_form(lambda: profile_fields(app.diary.profile()))
    fields, errors = form.fields, form.errors

    def edit(name: str, value: str) -> None:
        form.edit(name, value)

    def save(e: Any) -> None:
        try:
            saved, found = app.diary.save_profile(form.fields)
        except StoreWriteError as err:
            form.tell(write_problem(err.code))
            return
        if saved is None:
            form.errors = found
            return
        app.changed(_("Saved"))
        app.back()

    name = ft.TextField(
        label=_("Mother's name or nickname (optional)"), value=fields["mother_name"], max_length=60, text_size=16,
        error=error_text(errors.get("mother_name")), error_max_lines=3,
        on_change=lambda e: edit("mother_name", e.control.value or ""))
    born = ft.TextField(
        label=_("Baby's birth date"), value=fields["baby_birth_date"], text_size=16,
        hint_text=_("YYYY-MM-DD, e.g. %(example)s") % {"example": app.today().isoformat()},
        keyboard_type=ft.KeyboardType.DATETIME, helper=_("Write it as year-month-day."), helper_max_lines=2,
        error=error_text(errors.get("baby_birth_date")), error_max_lines=3,
        on_change=lambda e: edit("baby_birth_date", e.control.value or ""))
    def phone(name: str, label: str) -> ft.Control:
        box = ft.TextField(
            label=label, value=fields[name], text_size=16, keyboard_type=ft.KeyboardType.PHONE,
            hint_text=PHONE_EXAMPLE, error=error_text(errors.get(name)), error_max_lines=3,
            on_change=lambda e: edit(name, e.control.value or ""))
        return kit.tagged(box, f"field-{name}")

    controls: list[ft.Control] = [
        kit.body(_("The baby's birth date tells the app which day after birth it is, and what to expect on that day.")),
        kit.tagged(name, "field-mother_name"),
        kit.tagged(born, "field-baby_birth_date"),
        kit.heading(_("Whom to call"), 18),
        kit.body(_("With these numbers, a warning in the diary has a button that calls them."),
                 color=ft.Colors.ON_SURFACE_VARIANT),
        phone("midwife_phone", _("Midwife's phone (optional)")),
        phone("facility_phone", _("Nearest health facility's phone (optional)")),
        kit.note(_("Everything you record stays on this phone. The app never needs the internet."),
                 icon=ft.Icons.LOCK_OUTLINE),
    ]
    if form.message:
        controls.append(kit.tagged(kit.note(form.message, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER),
                                   "profile-problem"))
    return kit.screen("/profile", _("Mother and baby"), controls, on_back=lambda e: app.back(),
                      bottom=[kit.primary_button(_("Save"), save, "profile-save", icon=ft.Icons.CHECK)])
