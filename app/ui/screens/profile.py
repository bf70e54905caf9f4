"""Profile (/profile, first run and later): the mother's name or nickname, the baby's birth date, and the
midwife's and the nearest health facility's phone numbers (optional; the red-flag cards call them), and
her own and her family's (optional; the midwife calls them from her list and the visit).

The typed text lives in the component until Save; a refused save shows each error beside its field,
counts them beside Save, scrolls to the first, keeps what was typed and writes nothing. The birth date is
typed as day/month/year (or picked in a calendar) and shown in words ("20 November 2026"). Moving it after
days that have a report asks first: those reports would be before the birth and could never be saved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import flet as ft

from app.domain.profile import MAX_BABY_AGE_DAYS
from app.domain.profile import Profile as ProfileModel
from app.i18n import _, format_date, ngettext
from app.services.diary import REPORTS_BEFORE_BIRTH
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens import form_parts
from app.ui.screens.diary_labels import FormState, error_text, use_form
from app.ui.screens.form_parts import DATE_TYPED, typed_date
from app.ui.screens.store_error import write_problem
from app.ui.state import AppState, use_app, use_scope
from app.ui.text_box import TextBox

FIELDS = ("mother_name", "baby_birth_date", "mother_phone", "family_phone", "midwife_phone", "facility_phone")
PHONE_EXAMPLE = "0812-3456-7890"


def profile_fields(profile: ProfileModel | None) -> dict[str, str]:
    """The form's text for a saved profile (or an empty form)."""
    if profile is None:
        return {name: "" for name in FIELDS}
    return {
        "mother_name": profile.mother_name or "",
        "baby_birth_date": profile.baby_birth_date.strftime(DATE_TYPED),
        "midwife_phone": profile.midwife_phone or "",
        "facility_phone": profile.facility_phone or "",
        "mother_phone": profile.mother_phone or "",
        "family_phone": profile.family_phone or "",
    }


@ft.component
def Profile() -> ft.View:
    app = use_app()
    diary = use_scope().diary
    form = use_form(lambda: profile_fields(diary.profile()))
    fields, errors = form.fields, form.errors

    def edit(name: str, value: str) -> None:
        form.edit(name, value)

    async def save(e: Any, *, delete_earlier: bool = False) -> None:
        try:
            saved, found = diary.save_profile(form.fields, delete_reports_before_birth=delete_earlier)
        except StoreWriteError as err:
            form.tell(write_problem(err.code))
            return
        if found.get("baby_birth_date") == REPORTS_BEFORE_BIRTH:
            ask_about_reports(app, form, save)
            return
        if saved is None:
            form.errors = found
            await form_parts.show_first_error(getattr(e, "control", None), FIELDS, found, app.visitor.devices)
            return
        app.tell(_("Saved"))
        app.back()

    def pick(e: Any) -> None:
        today = diary.today()
        opens_on = typed_date(form.fields["baby_birth_date"]) or today
        first = today - timedelta(days=MAX_BABY_AGE_DAYS)
        picker = form_parts.date_picker(
            form, "baby_birth_date", _("Baby's birth date"), opens_on, first=first, today=today
        )
        ft.context.page.show_dialog(picker)

    name_text = fields["mother_name"]
    name = TextBox(
        revision=form.revision("mother_name"),
        label=_("Mother's name or nickname (optional)"),
        value=name_text,
        text_size=16,
        error=error_text(errors.get("mother_name"), "mother_name"),
        error_max_lines=3,
        error_style=form_parts.ERROR_STYLE,
        on_change=lambda e: edit("mother_name", form_parts.typed(e)),
    )
    calendar = kit.icon_button(ft.Icons.CALENDAR_MONTH, _("Pick the date in a calendar"), pick, "pick-birth-date")

    def phone(name: str, label: str) -> ft.Control:
        box = TextBox(
            revision=form.revision(name),
            label=label,
            value=fields[name],
            text_size=16,
            keyboard_type=ft.KeyboardType.PHONE,
            hint_text=PHONE_EXAMPLE,
            error=error_text(errors.get(name), name),
            error_max_lines=3,
            error_style=form_parts.ERROR_STYLE,
            on_change=lambda e: edit(name, form_parts.typed(e)),
        )
        return kit.tagged(box, f"field-{name}", key=form_parts.anchor(name))

    controls: list[ft.Control] = [
        kit.body(_("The baby's birth date tells the app which day after birth it is, and what to expect on that day.")),
        kit.tagged(name, "field-mother_name", key=form_parts.anchor("mother_name")),
        form_parts.date_field(form, "baby_birth_date", _("Baby's birth date"), diary.today(), calendar),
        kit.heading(_("Her phone and her family's"), 18),
        kit.body(
            _("The midwife can call these numbers from her list of mothers and from the visit."),
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        phone("mother_phone", _("Mother's phone (optional)")),
        phone("family_phone", _("Husband's or family's phone (optional)")),
        kit.heading(_("Whom to call"), 18),
        kit.body(
            _("With these numbers, a warning in the diary has a button that calls them."),
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        phone("midwife_phone", _("Midwife's phone (optional)")),
        phone("facility_phone", _("Nearest health facility's phone (optional)")),
        kit.note(
            _("Everything you record stays on this phone. The app never needs the internet."),
            icon=ft.Icons.LOCK_OUTLINE,
        ),
    ]
    bottom: list[ft.Control] = form_parts.attention(errors, "profile-not-saved")
    if form.message:
        bottom.append(
            kit.tagged(kit.note(form.message, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER), "profile-problem")
        )
    bottom.append(kit.primary_button(_("Save"), save, "profile-save", icon=ft.Icons.CHECK))
    return kit.screen("/profile", _("Mother and baby"), controls, on_back=lambda e: app.back(), bottom=bottom)


def ask_about_reports(app: AppState, form: FormState, save: Any) -> None:
    """The birth date moved after days with a report: keep the old date, move it and delete those
    reports, or go back to the form. Nothing is written until she chooses."""
    page = ft.context.page
    born = typed_date(form.fields["baby_birth_date"])
    earlier = app.scope.diary.reports_before(born) if born else []
    n = len(earlier)

    def close(e: Any) -> None:
        page.pop_dialog()

    async def move(e: Any) -> None:
        page.pop_dialog()
        await save(e, delete_earlier=True)

    def keep(e: Any) -> None:
        page.pop_dialog()
        saved = app.scope.diary.profile()  # the form shows the saved date again (none: none)
        form.put("baby_birth_date", saved.baby_birth_date.strftime(DATE_TYPED) if saved is not None else "")

    words = {
        "n": n,
        "day": format_date(born, "long") if born else "",
        "first": format_date(earlier[0], "long") if earlier else "",
    }
    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(_("Move the birth date?")),
            semantics_label=_("Move the birth date?"),
            content=kit.tagged(
                ft.Text(
                    ngettext(
                        "The diary has %(n)d report from %(first)s, before %(day)s. "
                        "A report cannot be from before the birth: if you move the date, it is deleted.",
                        "The diary has %(n)d reports from before %(day)s (the first from %(first)s). "
                        "A report cannot be from before the birth: if you move the date, they are deleted.",
                        n,
                    )
                    % words,
                    size=16,
                ),
                "dialog-reports-before-birth",
            ),
            actions=[
                ft.Column(
                    [
                        kit.secondary_button(_("Keep the old date"), keep, "dialog-keep-date", icon=ft.Icons.EVENT),
                        kit.danger_button(
                            ngettext("Move it and delete %(n)d report", "Move it and delete %(n)d reports", n) % words,
                            move,
                            "dialog-move-date",
                            icon=ft.Icons.DELETE_OUTLINE,
                        ),
                        kit.text_button(_("Cancel"), close, "dialog-cancel"),
                    ],
                    spacing=10,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                )
            ],
        )
    )
