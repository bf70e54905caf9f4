"""Reminders (/reminders): a morning and an evening time, exported as an iCalendar file that the
phone's calendar imports (works offline; the app itself cannot ring when closed)."""

from __future__ import annotations

import logging
import re
from datetime import time

import flet as ft

from app.domain.ics import reminders_ics
from app.i18n import _
from app.ui import kit
from typing import Any as AppContext
from app.ui.screens.diary_labels import local_now, today

log = logging.getLogger(__name__)
FILE_NAME = "pengingat-pijat.ics"
DEFAULTS = {"morning": "07:00", "evening": "19:00"}
_TIME = re.compile(r"\s*(\d{1,2})[:.](\d{2})\s*")


def parse_time(text: str) -> time | None:
    match = _TIME.fullmatch(text or "")
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def ics_text(ctx: AppContext, morning: time, evening: time) -> str:
    now = local_now(ctx)
    return reminders_ics(
        morning, evening, start=today(ctx), tz_name=None, now=now,
        summary_morning=_("Morning oxytocin massage"), summary_evening=_("Evening oxytocin massage"),
        description=_("Time for the oxytocin massage. Open the Pijat Oksitosin app to be guided."),
    )


def build(ctx: AppContext) -> ft.View:
    fields = {}
    for name, label in (("morning", _("Morning reminder (HH:MM)")), ("evening", _("Evening reminder (HH:MM)"))):
        fields[name] = ft.TextField(label=label, value=ctx.store.get_setting(f"reminder_{name}") or DEFAULTS[name],
                                    keyboard_type=ft.KeyboardType.DATETIME, text_size=18)
    status = ft.Text("", size=15, color=ft.Colors.PRIMARY)

    def times() -> tuple[time, time] | None:
        ok = True
        parsed = {}
        for name, tf in fields.items():
            parsed[name] = parse_time(tf.value)
            tf.error = None if parsed[name] else _("Please enter a time as HH:MM, e.g. 07:00.")
            ok = ok and parsed[name] is not None
        if not ok:
            return None
        for name, tf in fields.items():
            ctx.store.set_setting(f"reminder_{name}", parsed[name].strftime("%H:%M"))
        return parsed["morning"], parsed["evening"]

    async def export(e) -> None:
        chosen = times()
        if chosen is None:
            ctx.page.update()
            return
        data = ics_text(ctx, *chosen).encode("utf-8")
        try:
            await ft.FilePicker().save_file(file_name=FILE_NAME, src_bytes=data, file_type=ft.FilePickerFileType.CUSTOM,
                                            allowed_extensions=["ics"])
            status.value = _("The calendar file was saved. Open it to add the reminders to the phone's calendar.")
        except Exception:  # an unsupported platform: say so instead of failing silently
            log.warning("saving the .ics failed", exc_info=True)
            status.value = _("The calendar file could not be saved on this device.")
        ctx.page.update()

    controls: list[ft.Control] = [
        kit.body(_("Do the massage in the morning and in the evening. Pick two times; the phone's calendar will "
                   "remind you every day, even without the internet.")),
        kit.tagged(fields["morning"], "field-reminder-morning"),
        kit.tagged(fields["evening"], "field-reminder-evening"),
        kit.note(_("After saving, open the file \"%(file)s\" and add it to the calendar.") % {"file": FILE_NAME},
                 icon=ft.Icons.EVENT),
        status,
    ]
    return kit.screen("/reminders", _("Reminders"), controls, on_back=lambda e: ctx.go("/"),
                      bottom=[kit.primary_button(_("Save to calendar (.ics)"), export, "reminders-export",
                                                 icon=ft.Icons.DOWNLOAD)])


@ft.component
def Reminders() -> ft.View:  # STUB
    from app.ui.state import use_app as _ua
    app = _ua()
    return kit.screen("/reminders", "Reminders", [kit.primary_button("Next", lambda e: app.go("/session/run"), "next")], on_back=lambda e: app.back())
