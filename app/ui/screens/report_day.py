"""What the report form shows instead of a form when the day it was opened for cannot have a
report (a link to a day that cannot be read, is still to come, or is before the birth): why, and
ways on (today's report, the diary, Back). Never another day's form."""

from __future__ import annotations

from datetime import date
from typing import Any

import flet as ft

from app.domain.report_days import DayProblem, RequestedDay
from app.i18n import _, format_date
from app.ui import kit


def reason(requested: RequestedDay, birth_date: date | None) -> str:
    asked = format_date(requested.asked, "full") if requested.asked else ""
    if requested.problem is DayProblem.FUTURE:
        return _("%(day)s has not come yet. A report can be filled in for today or for a day before it.") % {
            "day": asked
        }
    if requested.problem is DayProblem.BEFORE_BIRTH and birth_date is not None:
        return _("%(day)s is before the baby's birth date (%(born)s). The diary starts on the day of birth.") % {
            "day": asked,
            "born": format_date(birth_date, "long"),
        }
    return _("The link does not name a day the app can read.")


def no_such_day(
    route: str,
    requested: RequestedDay,
    birth_date: date | None,
    *,
    on_back: Any,
    open_today: Any,
    open_diary: Any,
) -> ft.View:
    controls: list[ft.Control] = [
        kit.tagged(
            ft.Row(
                [
                    ft.Icon(ft.Icons.EVENT_BUSY, color=ft.Colors.PRIMARY, size=32),
                    kit.heading(_("No report form for this day"), 20),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
                wrap=True,
            ),
            "report-no-day",
        ),
        kit.tagged(kit.body(reason(requested, birth_date)), "report-no-day-reason", live_region=True),
        kit.body(_("Nothing was opened or changed."), color=ft.Colors.ON_SURFACE_VARIANT),
        kit.primary_button(_("Fill in today's report"), open_today, "report-no-day-today", icon=ft.Icons.EDIT_NOTE),
        kit.secondary_button(_("Open the diary"), open_diary, "report-no-day-diary", icon=ft.Icons.CALENDAR_MONTH),
    ]
    return kit.screen(route, _("Daily report"), controls, on_back=on_back)
