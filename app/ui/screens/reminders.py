"""Reminders (/reminders): a morning and an evening time, exported as an iCalendar file that the
phone's calendar imports (works offline; the app itself cannot ring when closed).

Many Android calendars (Google Calendar's app among them) cannot import an .ics file from the
phone; the screen says so and gives the steps that work on every Android phone: two daily alarms
in the Clock app. (Local notifications from the app itself would need a Flutter extension
built into the APK; none was verified with Flet 1.0.5 here: see the README.)"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import flet as ft

from app.domain.daypart import TimeOfDay, time_of_day
from app.i18n import N_, _, format_time
from app.localzone import zone_name
from app.services.reminders import REMINDER_DEFAULTS
from app.services.report_form import parse_time
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens import form_parts
from app.ui.screens.diary_labels import use_form
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app, use_scope
from app.ui.text_box import TextBox

FILE_NAME = "pengingat-pijat.ics"


# A reminder's title names the part of the day its hour falls in (daypart.time_of_day).
TITLES = {
    TimeOfDay.PAGI: N_("Morning oxytocin massage"),
    TimeOfDay.SIANG: N_("Midday oxytocin massage"),
    TimeOfDay.SORE: N_("Afternoon oxytocin massage"),
    TimeOfDay.MALAM: N_("Evening oxytocin massage"),
}


def reminder_title(at: time) -> str:
    return _(TITLES[time_of_day(at)])


def ics_text(morning: time, evening: time, *, now: datetime, start: date, tz_name: str | None = None) -> str:
    """The calendar file's text, its event titles in the visitor's language and by the hour chosen."""
    from app.domain.ics import reminders_ics  # icalendar (with dateutil) loads only when a file is made

    return reminders_ics(
        morning,
        evening,
        start=start,
        tz_name=tz_name,
        now=now,
        summary_morning=reminder_title(morning),
        summary_evening=reminder_title(evening),
        description=_("Time for the oxytocin massage. Open the Pijat Oksitosin app to be guided."),
    )


def clock_steps(texts: dict[str, str]) -> list[str]:
    """What works on every Android phone: two daily alarms in the Clock app, at her two times."""
    return [
        _(
            "Many Android phones cannot add a calendar file: the calendar app does not offer to open it. "
            "Then set two alarms instead:"
        ),
        _("1. Open the Clock app and choose Alarm."),
        _("2. Add an alarm at %(morning)s and one at %(evening)s.") % texts,
        _('3. Set each to repeat every day, and name it "Pijat oksitosin".'),
    ]


def time_error() -> str:
    return _("Please enter a time as HH:MM, e.g. 07:00.")


def _shown_times(texts: dict[str, str]) -> dict[str, str]:
    """The two times as she typed them, or the defaults' look while a field is being edited."""
    shown = {}
    for name, default in REMINDER_DEFAULTS.items():
        at = parse_time(texts.get(name, "")) or parse_time(default)
        shown[name] = format_time(at) if at is not None else default
    return shown


@ft.component
def Reminders() -> ft.View:
    app = use_app()
    scope = use_scope()
    form = use_form(scope.reminders.texts)
    texts, errors = form.fields, form.errors

    def edit(name: str, value: str) -> None:
        form.edit(name, value)

    async def export(e: Any) -> None:
        try:
            chosen, found = scope.reminders.save(form.fields)
        except StoreWriteError as err:
            form.tell(write_problem(err.code))
            return
        form.errors = found
        if chosen is None:
            form.tell("")
            return
        now = scope.diary.local_now()
        data = ics_text(
            chosen["morning"], chosen["evening"], now=now, start=now.date(), tz_name=zone_name(now)
        ).encode()
        if not await app.visitor.files.offer(FILE_NAME, data, "text/calendar"):
            # a platform that cannot save files: say so instead of failing silently
            form.tell(_("The calendar file could not be saved on this device."))
            return
        form.tell(
            _("The calendar file was saved. Open it to add the reminders to the phone's calendar."), good_news=True
        )

    def field(name: str, label: str) -> ft.Control:
        box = TextBox(
            revision=form.revision(name),
            label=label,
            value=texts[name],
            keyboard_type=ft.KeyboardType.DATETIME,
            text_size=18,
            error=time_error() if name in errors else None,
            error_max_lines=2,
            on_change=lambda e: edit(name, form_parts.typed(e)),
        )
        return kit.tagged(box, f"field-reminder-{name}")

    controls: list[ft.Control] = [
        kit.body(
            _(
                "Do the massage in the morning and in the evening. Pick two times; the phone's calendar will "
                "remind you every day, even without the internet."
            )
        ),
        field("morning", _("Morning reminder (HH:MM)")),
        field("evening", _("Evening reminder (HH:MM)")),
        kit.note(
            _('After saving, open the file "%(file)s" and add it to the calendar.') % {"file": FILE_NAME},
            icon=ft.Icons.EVENT,
        ),
        kit.tagged(
            ft.Container(
                ft.Column(
                    [
                        kit.heading(_("If the calendar cannot open the file"), 17),
                        *[kit.body(line, size=15) for line in clock_steps(_shown_times(texts))],
                    ],
                    spacing=6,
                ),
                padding=14,
                border_radius=12,
                border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
            ),
            "reminders-android",
        ),
    ]
    if form.message:
        saved = form.good_news
        controls.append(
            kit.tagged(
                ft.Row(
                    [
                        ft.Icon(
                            ft.Icons.CHECK_CIRCLE if saved else ft.Icons.ERROR_OUTLINE,
                            color=ft.Colors.PRIMARY if saved else kit.DANGER,
                        ),
                        ft.Text(form.message, size=15, expand=True),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                "reminders-status",
                live_region=True,
            )
        )
    return kit.screen(
        "/reminders",
        _("Reminders"),
        controls,
        on_back=lambda e: app.back(),
        bottom=[kit.primary_button(_("Save to calendar (.ics)"), export, "reminders-export", icon=ft.Icons.DOWNLOAD)],
    )
