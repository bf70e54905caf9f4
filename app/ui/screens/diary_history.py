"""Diary history (/diary): the chart (diary_chart), flow on massage days against other days in
counts, and every day of the range, newest first: a filled-in day shows its summary and its red
flags with edit and delete; a day not filled in opens the form for that day, so a forgotten day
can be filled in later. "All" lists a page of days at a time. Delete asks first, naming the day; a
deleted report can be brought back with Undo for the rest of the visit, until another report is
deleted (the diary service keeps it; the Undo button sits in the fixed bottom bar, in reach
wherever she scrolled, and is there again when she comes back to the diary)."""

from __future__ import annotations

from datetime import date
from typing import Any

import flet as ft

from app.domain.redflags import RULES, RedFlag, Urgency
from app.domain.report import SIGNS, DailyReport
from app.domain.trends import MassageComparison
from app.i18n import _, format_date, format_decimal, format_number, ngettext
from app.services.diary import LIST_PAGE, DayEntry
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens.diary_chart import chart
from app.ui.screens.diary_labels import FLOWS, pp_day_text, t
from app.ui.screens.flag_labels import FLAG_TITLES
from app.ui.screens.history import session_card
from app.ui.screens.report import report_route
from app.ui.screens.store_error import write_problem
from app.ui.state import use_app, use_scope


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
                        kit.flag_icon(urgent, size=20),
                        ft.Text(t(FLAG_TITLES, flag), size=15, weight=ft.FontWeight.W_600, expand=True),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                f"dayflag-{key}-{flag.value}",
            )
        )
    return kit.calm_card(
        ft.Column([kit.body(_("Red flags that day:"), size=14), *rows], spacing=4), filled=False, padding=10
    )


def unsaved_mark(key: str) -> ft.Control:
    """The mark of a day whose form holds answers typed but not saved (opening it brings them back)."""
    text = _("Not saved yet")
    return kit.tagged(
        ft.Container(
            ft.Row(
                [
                    ft.Icon(ft.Icons.EDIT_NOTE, color=ft.Colors.ON_TERTIARY_CONTAINER, size=20),
                    ft.Text(text, size=15, weight=ft.FontWeight.W_600, color=ft.Colors.ON_TERTIARY_CONTAINER),
                ],
                spacing=6,
                tight=True,
            ),
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
            border_radius=8,
            padding=ft.Padding.symmetric(horizontal=10, vertical=4),
        ),
        f"unsaved-{key}",
        label=_("%(mark)s: answers typed on this day are not in the diary yet.") % {"mark": text},
        container=True,
        exclude_semantics=True,
    )


def _day_card(entry: DayEntry, edit: Any, delete: Any) -> ft.Control:
    key = entry.day.isoformat()
    lines: list[ft.Control] = [ft.Text(day_title(entry), size=16, weight=ft.FontWeight.BOLD)]
    if entry.unsaved:
        lines.append(ft.Row([unsaved_mark(key)]))
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
    elif entry.unsaved:  # begun, not saved: the form opens with what was typed
        lines.append(
            kit.secondary_button(
                _("Go on with that day's report"), lambda e: edit(key), f"edit-{key}", icon=ft.Icons.EDIT_NOTE
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


def delete_dialog(day: date, n: int | None, confirm: Any, cancel: Any) -> ft.AlertDialog:
    """Delete asks first, naming the day (and its day after birth), and says how to bring it back."""
    named = format_date(day, "full") if n is None else f"{pp_day_text(n)} · {format_date(day, 'full')}"
    return ft.AlertDialog(
        modal=True,
        title=ft.Text(_("Delete this report?")),
        content=kit.tagged(
            ft.Column(
                [
                    ft.Text(named, size=17, weight=ft.FontWeight.BOLD),
                    ft.Text(
                        _(
                            "The report of this day will be deleted: its answers, numbers and note. You can "
                            "bring it back with Undo in the diary until you delete another report or close "
                            "the app."
                        ),
                        size=16,
                    ),
                ],
                spacing=8,
                tight=True,
            ),
            "dialog-delete-report",
        ),
        actions=[
            ft.Column(
                [
                    kit.danger_button(_("Delete the report"), confirm, "dialog-delete-yes", icon=ft.Icons.DELETE),
                    kit.text_button(_("Cancel"), cancel, "dialog-cancel"),
                ],
                spacing=10,
                horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
            )
        ],
        on_dismiss=cancel,
    )


@ft.component
def DiaryHistory() -> ft.View:
    app = use_app()
    diary = use_scope().diary
    chosen, set_chosen = ft.use_state("7")
    listed, set_listed = ft.use_state(LIST_PAGE)
    nobody_asked: date | None = None
    asking, set_asking = ft.use_state(nobody_asked)  # the day whose delete waits for her yes
    problem, set_problem = ft.use_state("")
    data = diary.history(chosen, listed)
    deleted = diary.deleted  # kept by her scope's diary: Undo outlives this screen

    def choose(value: str) -> None:
        set_listed(LIST_PAGE)
        set_chosen(value)

    def confirm(e: Any) -> None:
        day = asking  # this drawing's: the dialog was made with it
        set_asking(None)
        if day is None:
            return
        try:
            diary.delete_report(day)  # her data changed: the revision draws this again
        except StoreWriteError as err:
            set_problem(write_problem(err.code))
            return
        set_problem("")

    def undo(e: Any) -> None:
        try:
            restored = diary.undo_delete()
        except StoreWriteError as err:
            set_problem(write_problem(err.code))
            return
        if restored:
            set_problem("")
            app.tell(_("Restored"))
        else:  # a new report for that day was saved since: the newer one stays
            set_problem(_("A newer report for that day was saved since; it was kept."))
            app.refresh()  # the Undo it offered is gone

    ft.use_dialog(
        None
        if asking is None
        else delete_dialog(asking, diary.postpartum_day(asking), confirm, lambda e: set_asking(None))
    )

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
    if data.unreadable:
        kept = ngettext(
            "%(n)s record could not be read by this version of the app. It is kept as it was and goes "
            "into a backup; update the app to see it.",
            "%(n)s records could not be read by this version of the app. They are kept as they were and go "
            "into a backup; update the app to see them.",
            data.unreadable,
        ) % {"n": format_number(data.unreadable)}
        controls.insert(0, kit.tagged(kit.note(kept, icon=ft.Icons.INFO_OUTLINE), "diary-unreadable"))
    controls += [_day_card(entry, lambda key: app.go(report_route(key)), set_asking) for entry in data.days]
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
