"""Reminders (/reminders): a morning and an evening time, exported as an iCalendar file that the
phone's calendar imports (works offline; the app itself cannot ring when closed)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import Any

import flet as ft

from app.domain.ics import reminders_ics
from app.i18n import _
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens.diary_labels import use_form
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app

log = logging.getLogger(__name__)
FILE_NAME = "pengingat-pijat.ics"


def ics_text(morning: time, evening: time, *, now: datetime, start: date) -> str:
    """The calendar file's text, its event titles in the visitor's language."""
    return reminders_ics(
        morning, evening, start=start, tz_name=None, now=now,
        summary_morning=_("Morning oxytocin massage"), summary_evening=_("Evening oxytocin massage"),
        description=_("Time for the oxytocin massage. Open the Pijat Oksitosin app to be guided."),
    )


def time_error() -> str:
    return _("Please enter a time as HH:MM, e.g. 07:00.")


@ft.component
def Reminders() -> ft.View:
    app = use_app()
    form = use_form(app.diary.reminder_texts)
    texts, errors = form.fields, form.errors

    def edit(name: str, value: str) -> None:
        form.edit(name, value)

    async def export(e: Any) -> None:
        try:
            chosen, found = app.diary.save_reminder_times(form.fields)
        except StoreWriteError as err:
            form.tell(write_problem(err.code))
            return
        form.errors = found
        if chosen is None:
            form.tell("")
            return
        data = ics_text(chosen["morning"], chosen["evening"], now=app.local_now(), start=app.today()).encode()
        try:
            await ft.FilePicker().save_file(file_name=FILE_NAME, src_bytes=data,
                                            file_type=ft.FilePickerFileType.CUSTOM, allowed_extensions=["ics"])
        except Exception:  # a platform that cannot save files: say so instead of failing silently
            log.warning("saving the .ics failed", exc_info=True)
            form.tell(_("The calendar file could not be saved on this device."))
            return
        form.tell(_("The calendar file was saved. Open it to add the reminders to the phone's calendar."),
                  good_news=True)

    def field(name: str, label: str) -> ft.Control:
        box = ft.TextField(label=label, value=texts[name], keyboard_type=ft.KeyboardType.DATETIME, text_size=18,
                           error=time_error() if name in errors else None, error_max_lines=2,
                           on_change=lambda e: edit(name, e.control.value or ""))
        return kit.tagged(box, f"field-reminder-{name}")

    controls: list[ft.Control] = [
        kit.body(_("Do the massage in the morning and in the evening. Pick two times; the phone's calendar will "
                   "remind you every day, even without the internet.")),
        field("morning", _("Morning reminder (HH:MM)")),
        field("evening", _("Evening reminder (HH:MM)")),
        kit.note(_("After saving, open the file \"%(file)s\" and add it to the calendar.") % {"file": FILE_NAME},
                 icon=ft.Icons.EVENT),
    ]
    if form.message:
        saved = form.good_news
        controls.append(kit.tagged(
            ft.Row([ft.Icon(ft.Icons.CHECK_CIRCLE if saved else ft.Icons.ERROR_OUTLINE,
                            color=ft.Colors.PRIMARY if saved else kit.DANGER),
                    ft.Text(form.message, size=15, expand=True)], vertical_alignment=ft.CrossAxisAlignment.START),
            "reminders-status", live_region=True))
    return kit.screen("/reminders", _("Reminders"), controls, on_back=lambda e: app.back(),
                      bottom=[kit.primary_button(_("Save to calendar (.ics)"), export, "reminders-export",
                                                 icon=ft.Icons.DOWNLOAD)])
