"""Diary history (/diary): the chart (diary_chart), flow on massage days against other days in
counts, and every day of the range, newest first: a filled-in day shows its summary and its red
flags with edit and delete; a day not filled in opens the form for that day, so a forgotten day
can be filled in later. "All" lists a page of days at a time. A deleted report can be brought
back with Undo for a few seconds (the Undo button sits in the fixed bottom bar, in reach wherever
she scrolled)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import flet as ft

from app.domain.redflags import RULES, RedFlag, Urgency
from app.domain.report import SIGNS, DailyReport
from app.domain.trends import MassageComparison
from app.i18n import _, format_date, format_decimal, ngettext
from app.services.diary import LIST_PAGE, DayEntry
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens.diary_chart import chart
from app.ui.screens.diary_labels import FLAG_TITLES, FLOWS, pp_day_text, t
from app.ui.screens.history import session_card
from app.ui.screens.report import report_route
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app, use_scope

UNDO_SECONDS = 10  # how long Undo stays offered after a delete


def well_of(n_well: int, days: int) -> str:
    return ngettext("flowing well on %(well)d of %(days)d day", "flowing well on %(well)d of %(days)d days", days) % {
        "well": n_well,
        "days": days,
    }


def comparison(c: MassageComparison | None) -> ft.Control:
    if c is None:
        return kit.body(
            _(
                "When the days shown have reports both on days with a massage and on days without one, "
                "a comparison appears here."
            ),
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    return kit.tagged(
        ft.Column(
            [
                kit.heading(_("Days with and without a massage"), 18),
                kit.body(_("On days with a massage: %(text)s.") % {"text": well_of(c.massage.well, c.massage.days)}),
                kit.body(_("On days without a massage: %(text)s.") % {"text": well_of(c.other.well, c.other.days)}),
                # DOMAIN §4: milk "comes in" about 30-40 hours after birth to day 3-4, massage or not.
                kit.note(
                    _(
                        "This compares your own record only; it is not a medical test. Milk usually flows more as the "
                        "first days pass anyway (it comes in around day 3-4), so a difference here does not prove that "
                        "the massage caused it."
                    )
                ),
            ],
            spacing=8,
        ),
        "diary-compare",
    )


def report_summary(r: DailyReport) -> str:
    parts = [t(FLOWS, r.flow), _("%(n)d of %(total)d signs") % {"n": r.signs_score, "total": len(SIGNS)}]
    if r.feeds_24h is not None:
        parts.append(ngettext("%(n)d feed", "%(n)d feeds", r.feeds_24h) % {"n": r.feeds_24h})
    if r.wet_diapers is not None:
        parts.append(ngettext("%(n)d wet diaper", "%(n)d wet diapers", r.wet_diapers) % {"n": r.wet_diapers})
    if r.expressed_ml is not None:
        parts.append(_("%(n)d ml expressed") % {"n": r.expressed_ml})
    if r.temperature_c is not None:
        parts.append(_("%(t)s °C") % {"t": format_decimal(r.temperature_c, "0.0")})
    return " · ".join(parts)


def day_title(entry: DayEntry) -> str:
    if entry.postpartum_day is not None:
        return f"{pp_day_text(entry.postpartum_day)} · {format_date(entry.day)}"
    return format_date(entry.day, "full")


def day_flags(key: str, flags: list[RedFlag]) -> ft.Control:
    """That day's red flags, named on their own day (the advice and call buttons are on Today)."""
    rows: list[ft.Control] = []
    for flag in flags:
        urgent = RULES[flag].urgency is Urgency.GO_NOW
        rows.append(
            kit.tagged(
                ft.Row(
                    [
                        ft.Icon(
                            ft.Icons.WARNING_ROUNDED if urgent else ft.Icons.FAVORITE_BORDER, color=kit.DANGER, size=20
                        ),
                        ft.Text(t(FLAG_TITLES, flag), size=15, weight=ft.FontWeight.W_600, expand=True),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                f"dayflag-{key}-{flag.value}",
            )
        )
    return ft.Container(
        ft.Column([kit.body(_("Red flags that day:"), size=14), *rows], spacing=4),
        padding=10,
        border_radius=10,
        bgcolor=ft.Colors.ERROR_CONTAINER,
        border=ft.Border.all(1, kit.DANGER),
    )


def _day_card(entry: DayEntry, edit: Any, delete: Any) -> ft.Control:
    key = entry.day.isoformat()
    lines: list[ft.Control] = [ft.Text(day_title(entry), size=16, weight=ft.FontWeight.BOLD)]
    if entry.report is not None:
        lines.append(kit.body(report_summary(entry.report), size=15))
        if entry.flags:
            lines.append(day_flags(key, entry.flags))
        if entry.report.note:
            lines.append(
                kit.body(entry.report.note, size=14, italic=True, max_lines=3, overflow=ft.TextOverflow.ELLIPSIS)
            )
        lines.append(
            ft.Row(
                [
                    kit.secondary_button(
                        _("Edit"), lambda e: edit(key), f"edit-{key}", icon=ft.Icons.EDIT, in_row=True
                    ),
                    kit.secondary_button(
                        _("Delete"),
                        lambda e: delete(entry.day),
                        f"delete-{key}",
                        icon=ft.Icons.DELETE_OUTLINE,
                        in_row=True,
                    ),
                ],
                spacing=8,
            )
        )
    else:
        lines.append(
            kit.tagged(
                ft.Text(_("Not filled in"), size=15, italic=True, color=ft.Colors.ON_SURFACE_VARIANT), f"empty-{key}"
            )
        )
        lines.append(
            kit.secondary_button(
                _("Fill in that day's report"), lambda e: edit(key), f"edit-{key}", icon=ft.Icons.EDIT_NOTE
            )
        )
    lines += [session_card(s) for s in entry.sessions]
    return kit.tagged(ft.Card(content=ft.Container(ft.Column(lines, spacing=8), padding=14)), f"day-{key}")


def _undo_bar(report: DailyReport, undo: Any) -> list[ft.Control]:
    return [
        kit.tagged(
            ft.Text(_("The report of %(date)s was deleted.") % {"date": format_date(report.day)}, size=15),
            "diary-deleted",
            live_region=True,
        ),
        kit.secondary_button(_("Undo"), undo, "diary-undo", icon=ft.Icons.UNDO),
    ]


@ft.component
def DiaryHistory() -> ft.View:
    app = use_app()
    diary = use_scope().diary
    chosen, set_chosen = ft.use_state("7")
    listed, set_listed = ft.use_state(LIST_PAGE)
    nothing_deleted: DailyReport | None = None
    deleted, set_deleted = ft.use_state(nothing_deleted)
    problem, set_problem = ft.use_state("")
    data = diary.history(chosen, listed)

    def choose(value: str) -> None:
        set_listed(LIST_PAGE)
        set_chosen(value)

    def delete(day: date) -> None:
        try:
            removed = diary.delete_report(day)
        except StoreWriteError as err:
            set_problem(write_problem(err.code))
            return
        set_deleted(removed)

    def undo(e: Any) -> None:
        try:
            restored = diary.undo_delete()
        except StoreWriteError as err:
            set_problem(write_problem(err.code))
            return
        set_deleted(None)
        if restored:
            app.tell(_("Restored"))
        else:  # a new report for that day was saved since: the newer one stays
            set_problem(_("A newer report for that day was saved since; it was kept."))

    async def expire() -> None:
        if deleted is None:
            return
        await asyncio.sleep(UNDO_SECONDS)
        if diary.deleted is deleted:
            diary.forget_deleted()
        set_deleted(None)

    # The no-op cleanup makes Flet cancel a waiting expiry when the screen closes.
    ft.use_effect(expire, [deleted], cleanup=lambda: None)

    controls: list[ft.Control] = [
        kit.choice_group([("7", _("7 days")), ("30", _("30 days")), ("all", _("All"))], chosen, choose, "range"),
        chart(data.points, data.massage_days),
        comparison(data.comparison),
        kit.heading(_("By day"), 18),
        # DOMAIN §4: "Postpartum day = days since birth (the baby's birth date)": the birth date is day 0.
        kit.body(
            _(
                "Days are counted from the birth: the day of birth is day 0, the next day is day 1. "
                "A day not filled in can still be filled in."
            ),
            size=14,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    if problem:
        controls.insert(
            0, kit.tagged(kit.note(problem, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER), "diary-problem")
        )
    controls += [_day_card(entry, lambda key: app.go(report_route(key)), delete) for entry in data.days]
    if data.more:
        controls.append(
            kit.secondary_button(
                _("Show older days"), lambda e: set_listed(listed + LIST_PAGE), "diary-more", icon=ft.Icons.EXPAND_MORE
            )
        )
    return kit.screen(
        "/diary",
        _("Diary and trends"),
        controls,
        on_back=lambda e: app.back(),
        bottom=_undo_bar(deleted, undo) if deleted is not None else None,
    )
