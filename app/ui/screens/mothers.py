"""The mothers on this device (/mothers): a midwife's or kader's list of the mothers she visits,
each with her postpartum day, the KF visit due, her last report, her open red flags and her last
massage. Tap a mother to look at her (Today, diary, history and reminders become hers); add one,
edit one (her profile form), archive one (with confirmation) and restore her from "Archived".

The order is who needs her now (app.domain.caseload); mothers past day 42 are in "Finished"
(collapsed) by themselves, and a midwife can keep one on the list. Only pages of 10 rows are built
(mothers_pages.py). A family with one mother reaches it only from Settings. One store call reads
every row (a few SQL queries whatever the number of mothers); the name search works on what it
read, across every mother, not only the shown page.
"""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

import flet as ft

from app.domain.redflags import RULES, Urgency
from app.domain.visits import Timing
from app.i18n import _, format_date, format_datetime, ngettext
from app.services.mothers import MotherSummary, the_list
from app.ui import kit
from app.ui.screens import form_parts
from app.ui.screens import mothers_pages as pages
from app.ui.screens.call_links import call_links
from app.ui.screens.diary_labels import pp_day_text, t
from app.ui.screens.entries import due_entry, recap_entry
from app.ui.screens.flag_labels import FLAG_TITLES
from app.ui.screens.history import STATUS_LABELS
from app.ui.screens.whose import mother_name, name_of
from app.ui.state import MOTHERS_ROUTE, PROFILE_ROUTE, AppState, use_app, use_visitor
from app.ui.text_box import TextBox

ROUTE = MOTHERS_ROUTE  # its buttons: Today, Settings, the introduction
FILTER_FROM = 8  # more mothers than this: a name filter above the list


def row_lines(s: MotherSummary) -> list[ft.Control]:
    """The lines under her name. To show more (quiz and skills results), append a line here."""
    muted = ft.Colors.ON_SURFACE_VARIANT
    if s.postpartum_day is None:
        day = _("Birth date not entered yet")
    else:
        day = pp_day_text(s.postpartum_day)
        if s.visit is not None:  # the postnatal visit (kunjungan nifas) due, as on her Today
            kf = {"kf": s.visit.visit.value.upper()}
            day += " · " + (_("visit %(kf)s due") % kf if s.visit.timing is Timing.NOW else _("next visit %(kf)s") % kf)
    lines: list[ft.Control] = [kit.body(day, size=15)]
    if s.flags:
        worst = s.flags[0]  # most urgent first
        urgent = RULES[worst].urgency is Urgency.GO_NOW
        text = ngettext("%(n)d warning: %(title)s", "%(n)d warnings, the most urgent: %(title)s", len(s.flags)) % {
            "n": len(s.flags),
            "title": t(FLAG_TITLES, worst),
        }
        lines.append(
            ft.Row(
                [
                    kit.flag_icon(urgent, size=20),
                    ft.Text(
                        text,
                        size=15,
                        color=kit.WARNING_INK if urgent else None,
                        expand=True,
                        weight=ft.FontWeight.BOLD if urgent else ft.FontWeight.W_600,
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
                spacing=6,
            )
        )
    elif s.last_report_day is not None and not s.report_is_history:
        lines.append(kit.body(_("No warnings in her last report"), size=15, color=muted))
    report = (
        _("Last report: %(day)s") % {"day": format_date(s.last_report_day)}
        if s.last_report_day is not None
        else _("No report yet")
    )
    lines.append(kit.body(report, size=15, color=muted))
    if s.last_massage_at is not None and s.last_massage_status is not None:
        massage = _("Last massage: %(when)s, %(how)s") % {
            "when": format_datetime(s.last_massage_at, "short"),
            "how": _(STATUS_LABELS[s.last_massage_status]).lower(),
        }
    else:
        massage = _("No massage yet")
    lines.append(kit.body(massage, size=15, color=muted))
    taught = teaching_line(s)
    if taught:
        lines.append(kit.body(taught, size=15, color=muted))
    return lines


def teaching_line(s: MotherSummary) -> str:
    """ "Quiz: 40% before, 90% after · Skills: 86%", or what of it exists ("" when nothing yet)."""
    parts = []
    if s.quiz_before_pct is not None or s.quiz_after_pct is not None:
        scores = []
        if s.quiz_before_pct is not None:
            scores.append(_("%(pct)s%% before") % {"pct": s.quiz_before_pct})
        if s.quiz_after_pct is not None:
            scores.append(_("%(pct)s%% after") % {"pct": s.quiz_after_pct})
        parts.append(_("Quiz: %(scores)s") % {"scores": ", ".join(scores)})
    if s.skills_pct is not None:
        parts.append(_("Skills: %(pct)s%%") % {"pct": s.skills_pct})
    return " · ".join(parts)


def _row(app: AppState, s: MotherSummary, *, can_archive: bool, ask_archive: Any) -> ft.Control:
    chosen = s.id == app.scope.mother_id
    name = mother_name(s)
    head: list[ft.Control] = [ft.Text(name, size=18, weight=ft.FontWeight.BOLD, expand=True)]
    if chosen:
        head.append(
            ft.Container(
                ft.Text(_("Showing now"), size=13, weight=ft.FontWeight.W_600, color=ft.Colors.ON_PRIMARY),
                bgcolor=ft.Colors.PRIMARY,
                border_radius=8,
                padding=ft.Padding.symmetric(horizontal=8, vertical=4),
            )
        )
    open_label = _("Open %(name)s") % {"name": name}
    body = ft.Container(
        ft.Column([ft.Row(head, vertical_alignment=ft.CrossAxisAlignment.CENTER), *row_lines(s)], spacing=4),
        on_click=lambda e: open_mother(app, s.id),
        ink=True,
        border_radius=8,
        padding=ft.Padding.only(bottom=4),
    )
    # Words beside the icons: an archive icon alone is not known to everyone.
    actions: list[ft.Control] = [
        _action(
            _("Edit"),
            ft.Icons.EDIT_OUTLINED,
            lambda e: edit_mother(app, s.id),
            f"edit-mother-{s.id}",
            _("Edit %(name)s") % {"name": name},
        ),
    ]
    if can_archive:
        actions.append(
            _action(
                _("Archive"),
                ft.Icons.ARCHIVE_OUTLINED,
                lambda e: ask_archive(s.id),
                f"archive-mother-{s.id}",
                _("Archive %(name)s") % {"name": name},
            )
        )
    actions.append(ft.Container(expand=True))
    actions.append(
        kit.tagged(
            ft.FilledTonalButton(
                content=ft.Text(_("Open"), size=16, weight=ft.FontWeight.W_600),
                icon=ft.Icons.ARROW_FORWARD,
                height=kit.MIN_TARGET,
                on_click=lambda e: open_mother(app, s.id),
            ),
            f"open-mother-{s.id}",
            label=open_label,
        )
    )
    kept = pages.kept_line(s, name, lambda i: keep_mother(app, i, kept=False))
    # The chosen one has a frame, not a fill: a fill would hide her Open button's own colour.
    return ft.Card(
        content=ft.Container(
            ft.Column(
                [
                    kit.tagged(body, f"mother-{s.id}"),
                    *call_links(s.mother, name, suffix=f"-{s.id}"),
                    *([kept] if kept else []),
                    ft.Row(actions, spacing=4),
                ],
                spacing=6,
            ),
            padding=ft.Padding.only(left=14, top=12, right=10, bottom=8),
            border=ft.Border.all(2, ft.Colors.PRIMARY) if chosen else None,
            border_radius=12,
        )
    )


def _action(text: str, icon: ft.IconData, on_click: Any, identifier: str, label: str) -> ft.Control:
    button = ft.TextButton(
        content=ft.Text(text, size=15),
        icon=icon,
        on_click=on_click,
        height=kit.MIN_TARGET,
        style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=8)),
    )
    return ft.Semantics(
        content=button,
        identifier=identifier,
        label=label,
        button=True,
        container=True,
        exclude_semantics=True,
        on_tap=on_click,
    )


def _archived_row(app: AppState, s: MotherSummary) -> ft.Control:
    name = mother_name(s)
    return kit.tagged(
        ft.Row(
            [
                ft.Text(name, size=16, expand=True),
                kit.tagged(
                    ft.OutlinedButton(
                        content=ft.Text(_("Restore"), size=16),
                        icon=ft.Icons.UNARCHIVE_OUTLINED,
                        height=kit.MIN_TARGET,
                        on_click=lambda e: restore_mother(app, s.id),
                    ),
                    f"restore-mother-{s.id}",
                    label=_("Restore %(name)s") % {"name": name},
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        f"archived-mother-{s.id}",
    )


def _can_switch(app: AppState) -> bool:
    if app.can_switch():
        return True
    app.tell(_("A massage is running. End it first, then choose another mother."))
    return False


def open_mother(app: AppState, mother_id: UUID) -> None:
    """Look at her: Today shows her day."""
    if _can_switch(app):
        app.choose_mother(mother_id)
        app.reset()


def edit_mother(app: AppState, mother_id: UUID) -> None:
    if _can_switch(app):
        app.choose_mother(mother_id)
        app.go(PROFILE_ROUTE)


def add_mother(app: AppState) -> None:
    if _can_switch(app):
        app.add_mother()
        app.go(PROFILE_ROUTE)


def archive_mother(app: AppState, mother_id: UUID) -> None:
    app.visitor.mothers.archive(mother_id)
    if mother_id == app.scope.mother_id:  # she is off the list: look at the first one still on it
        app.choose_mother(app.visitor.mothers.default_mother_id())
    app.tell(_("Archived. Her records are kept."))


def restore_mother(app: AppState, mother_id: UUID) -> None:
    app.visitor.mothers.restore(mother_id)
    app.tell(_("Restored"))


def keep_mother(app: AppState, mother_id: UUID, kept: bool = True) -> None:
    """Bring a mother past day 42 back to the list (`kept`), or let her go to Finished again."""
    app.visitor.mothers.keep(mother_id, kept)
    app.tell(_("She stays on the list.") if kept else _("Moved to Finished."))


@ft.component
def Mothers() -> ft.View:
    app = use_app()
    mothers = use_visitor().mothers
    asking, set_asking = ft.use_state(cast(UUID | None, None))  # the mother whose archiving waits for a yes
    wanted, set_wanted = ft.use_state("")
    shown, set_shown = ft.use_state(pages.PAGE)  # active rows built (pages of them)
    finished_open, set_finished_open = ft.use_state(False)
    finished_shown, set_finished_shown = ft.use_state(pages.PAGE)
    everyone = mothers.the_list(name=name_of)
    found = the_list(everyone.everyone, wanted, name_of) if wanted.strip() else everyone
    active, finished, archived = found.active, found.finished, found.archived
    can_archive = len(everyone.active) + len(everyone.finished) > 1

    def search(e: Any) -> None:
        set_wanted(form_parts.typed(e))
        set_shown(pages.PAGE)  # a new search starts at its first page
        set_finished_shown(pages.PAGE)

    # The KF visits due this week, and the month's recap: both across all mothers.
    controls: list[ft.Control] = [ft.Row([due_entry(app, in_row=True), recap_entry(app, in_row=True)], spacing=8)]
    if len(everyone.everyone) > FILTER_FROM:
        controls.append(
            kit.tagged(
                TextBox(
                    label=_("Find a mother by name"),
                    value=wanted,
                    text_size=16,
                    prefix_icon=ft.Icons.SEARCH,
                    on_change=search,
                ),
                "mothers-filter",
            )
        )
    if not app.can_switch():
        controls.append(
            kit.note(_("A massage is running. End it first, then choose another mother."), icon=ft.Icons.SPA)
        )
    controls.append(
        kit.body(
            ngettext("%(n)d mother. Tap one to see her day.", "%(n)d mothers. Tap one to see her day.", len(active))
            % {"n": len(active)},
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    )
    controls += [_row(app, s, can_archive=can_archive, ask_archive=set_asking) for s in active[:shown]]
    more = pages.more_button(shown, len(active), lambda: set_shown(shown + pages.PAGE), "mothers-more")
    if more is not None:
        controls.append(more)
    if finished:
        is_open = finished_open or bool(wanted.strip())  # a search shows every mother it finds
        controls.append(pages.finished_heading(len(finished), is_open, lambda: set_finished_open(not finished_open)))
        if is_open:
            controls.append(pages.finished_note())
            controls += [
                pages.finished_row(s, mother_name(s), lambda i: open_mother(app, i), lambda i: keep_mother(app, i))
                for s in finished[:finished_shown]
            ]
            more = pages.more_button(
                finished_shown,
                len(finished),
                lambda: set_finished_shown(finished_shown + pages.PAGE),
                "finished-more",
            )
            if more is not None:
                controls.append(more)
    if archived:
        controls.append(kit.tagged(kit.heading(_("Archived (%(n)d)") % {"n": len(archived)}, 18), "archived"))
        controls.append(
            kit.body(
                _("Their records are kept. Restore a mother to see her day again."),
                size=15,
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
        )
        controls += [_archived_row(app, s) for s in archived]

    def confirm(e: Any) -> None:
        mother_id = asking
        set_asking(None)
        if mother_id is not None:
            archive_mother(app, mother_id)

    who = next((mother_name(s) for s in everyone.everyone if s.id == asking), "")
    ft.use_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(_("Archive %(name)s?") % {"name": who}),
            semantics_label=_("Archive %(name)s?") % {"name": who},
            content=ft.Text(
                _(
                    "She leaves the list. Her reports and massages are kept, and you can restore her "
                    "from Archived at any time."
                )
            ),
            actions=[
                kit.primary_button(_("Archive"), confirm, "dialog-archive", icon=ft.Icons.ARCHIVE_OUTLINED),
                kit.text_button(_("Cancel"), lambda e: set_asking(None), "dialog-cancel"),
            ],
            on_dismiss=lambda e: set_asking(None),
        )
        if asking
        else None
    )
    title = _("Your mothers") if app.role == "midwife" else _("Mothers")
    return kit.screen(
        ROUTE,
        title,
        controls,
        on_back=(lambda e: app.back()) if len(app.stack) > 1 else None,
        bottom=[
            kit.primary_button(_("Add a mother"), lambda e: add_mother(app), "add-mother", icon=ft.Icons.PERSON_ADD_ALT)
        ],
    )
