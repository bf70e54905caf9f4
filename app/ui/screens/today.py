"""Today (the home screen): postpartum day, open red flags (most urgent first, each with its call
buttons), notices, the mother's own check and the postnatal visit due, this morning's and evening's
massage, today's report, and the card of a massage left unfinished."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.domain.flagrules import Urgency
from app.domain.mothers import Role
from app.i18n import N_, _, format_date, format_datetime, ngettext
from app.services.diary import HalfDay
from app.ui import kit
from app.ui.screens.diary_labels import FLOWS, pp_day_text, t, visit_lines
from app.ui.screens.entries import MOTHER_PART, due_entry, report_part_route, visit_entry
from app.ui.screens.flag_labels import Calls, dial, flag_card, notice_card
from app.ui.screens.history import session_summary
from app.ui.screens.labels import TECHNIQUES
from app.ui.screens.voice_settings import voice_word
from app.ui.screens.whose import mother_name
from app.ui.state import MOTHERS_ROUTE, REPORT_ROUTE, VISIT_ROUTE, AppState, use_app, use_scope

# Only a completed massage counts as done; the others say how they ended.
HALF_DAY_WORDS = {
    HalfDay.DONE: N_("done"),
    HalfDay.STOPPED_PAIN: N_("stopped: it hurt"),
    HalfDay.ENDED_EARLY: N_("ended early"),
    HalfDay.NOT_YET: N_("not yet"),
}


def start_massage(app: AppState, ask: Any) -> None:
    """Start a new massage, unless one is unfinished: then ask first (resume or end it)."""
    c = app.scope.massage
    app.massage_removed = None  # the words about the last one were read
    if c.active or c.pending() is not None:
        ask(True)
        return
    c.reset_wizard()
    app.go("/session/setup")


def same_as_last(app: AppState, ask: Any) -> None:
    """Her last massage's build, technique, minutes and rest; the safety check is still asked, then
    straight to where to massage and Start (unless one is unfinished: then ask first)."""
    c = app.scope.massage
    if c.active or c.pending() is not None:
        ask(True)
        return
    record = c.last_choice()
    if record is None:  # gone since Today was drawn (deleted, another mother): the full way
        start_massage(app, ask)
        return
    c.repeat_last(record)
    app.go("/session/safety")


def last_choice_text(app: AppState) -> str | None:
    """'3 min a round, 1 min rest', then 'Both thumbs · Voice on' (her voice: each mother keeps her
    own) on a second line, so that no line ends in a lone "·" at 360 px; None when there is nothing
    to repeat."""
    record = app.scope.massage.last_choice()
    if record is None:
        return None
    plan = _("%(min)d min a round, %(rest)d min rest") % {"min": record.round_s // 60, "rest": record.rest_s // 60}
    return f"{plan}\n{t(TECHNIQUES, record.technique)} · {voice_word(app)}"


def _hold_unfinished(app: AppState) -> bool:
    """Make the unfinished massage this window's (taking over one a closed window left); False if none."""
    c = app.scope.massage
    if not c.active:
        record = c.pending()
        if record is None:
            return False
        c.take_over(record)
    return True


def resume_unfinished(app: AppState) -> None:
    if not _hold_unfinished(app):
        return
    app.session.refresh()
    if app.scope.massage.active:
        app.reset("/session/run")
        app.session.resume()
    else:
        app.reset("/session/finish")


def end_unfinished(app: AppState) -> None:
    if not _hold_unfinished(app):
        return
    c = app.scope.massage
    if c.active:
        c.end_early()
    app.session.refresh()
    app.reset("/session/finish")


def _status_row(label: str, state: str, done: bool, identifier: str) -> ft.Control:
    icon = ft.Icons.CHECK_CIRCLE if done else ft.Icons.RADIO_BUTTON_UNCHECKED
    return kit.tagged(
        ft.Row(
            [
                ft.Icon(icon, color=ft.Colors.PRIMARY if done else ft.Colors.OUTLINE, size=28),
                ft.Text(label, size=16),
                ft.Text(  # takes the rest of the row and wraps: "ended early (1 of 3 rounds)"
                    state,
                    size=15,
                    weight=ft.FontWeight.W_600,
                    color=ft.Colors.PRIMARY if done else ft.Colors.ON_SURFACE_VARIANT,
                    expand=True,
                    text_align=ft.TextAlign.RIGHT,
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        identifier,
        label=f"{label}: {state}",
        exclude_semantics=True,
        container=True,
    )


def massage_state(state: HalfDay, rounds: tuple[int, int] | None = None) -> tuple[str, bool]:
    """The word for a half-day, and whether it is ticked; with `rounds` (done, planned) of a massage
    that was not completed, how many rounds were done: "ended early (1 of 3 rounds)"."""
    word = t(HALF_DAY_WORDS, state)
    if rounds is not None and state is not HalfDay.DONE:
        done, total = rounds
        counted = ngettext("%(done)d of %(total)d round", "%(done)d of %(total)d rounds", total) % {
            "done": done,
            "total": total,
        }
        word = f"{word} ({counted})"
    return word, state is HalfDay.DONE


def _same_as_last(app: AppState, ask: Any) -> list[ft.Control]:
    text = last_choice_text(app)
    if text is None:
        return []
    return [
        kit.secondary_button(
            _("Same as last time"), lambda e: same_as_last(app, ask), "same-as-last", icon=ft.Icons.REPLAY
        ),
        kit.body(text, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
    ]


def _card(controls: list[ft.Control], key: str) -> ft.Control:
    """A card of Today's, keyed: cards come and go above others (a massage left elsewhere, a flag),
    and a keyed card is added or removed whole. Unkeyed, the redraw would turn each card below into
    the one above it, and the page's screen-reader tree could keep a button's old identifier."""
    return ft.Card(content=ft.Container(ft.Column(controls, spacing=10), padding=16), key=key)


def _unfinished_card(app: AppState) -> ft.Control | None:
    c = app.scope.massage
    record = c.record() if c.active else c.pending()
    if record is None:
        return None
    return _card(
        [
            # A demonstration can be resumed too, but it is never called a massage of hers.
            kit.heading(_("A demonstration was interrupted") if record.demo else _("A massage was interrupted"), 18),
            kit.body(
                _("Started %(when)s.") % {"when": format_datetime(record.started_at)} + " " + session_summary(record)
            ),
            kit.primary_button(
                _("Resume"), lambda e: resume_unfinished(app), "resume-pending", icon=ft.Icons.PLAY_ARROW
            ),
            kit.secondary_button(
                _("End it and save"), lambda e: end_unfinished(app), "end-pending", icon=ft.Icons.STOP
            ),
        ],
        "unfinished",
    )


def _mothers_card(app: AppState) -> ft.Control | None:
    """Whose day this is, and the way to the others: first on a midwife's Today, and on any phone
    that has more than one mother. A family with one mother never sees it (Settings has the list)."""
    mothers = app.visitor.mothers
    rows = mothers.summaries() if app.role is Role.MIDWIFE or mothers.active_count() > 1 else []
    active = [row for row in rows if not row.mother.archived]
    if app.role is not Role.MIDWIFE and len(active) < 2:
        return None
    chosen = next((row for row in rows if row.id == app.scope.mother_id), None)
    lines: list[ft.Control] = [kit.heading(_("Your mothers") if app.role is Role.MIDWIFE else _("Mothers"), 18)]
    if chosen is not None:
        lines.append(
            kit.tagged(
                kit.body(_("Showing: %(name)s") % {"name": mother_name(chosen)}, weight=ft.FontWeight.W_600),
                "showing-mother",
            )
        )
    if app.role is Role.MIDWIFE:  # her work with the mother shown, on the first screen without scrolling
        lines.append(visit_entry(lambda e: app.go(VISIT_ROUTE)))
    warned = [row for row in active if row.flags]  # most urgent first (MothersService.summaries)
    if warned:
        names = ", ".join(mother_name(row) for row in warned[:3]) + (", …" if len(warned) > 3 else "")
        lines.append(
            kit.tagged(
                kit.body(
                    ngettext(
                        "%(n)d mother has a warning in her last report: %(names)s",
                        "%(n)d mothers have a warning in their last report: %(names)s",
                        len(warned),
                    )
                    % {"n": len(warned), "names": names},
                    size=15,
                    color=kit.WARNING_INK,
                    weight=ft.FontWeight.W_600,
                ),
                "mothers-warned",
            )
        )
    if app.role is Role.MIDWIFE:  # her week: the KF visits due or overdue, all mothers
        lines.append(due_entry(app, len(app.visitor.due.week())))
    lines.append(
        kit.secondary_button(
            _("All mothers (%(n)d)") % {"n": len(active)},
            lambda e: app.go(MOTHERS_ROUTE),
            "open-mothers-today",
            icon=ft.Icons.GROUPS,
        )
    )
    return _card(lines, "mothers")


def _mother_card(app: AppState, summary: Any) -> ft.Control:
    """The mother's own check, one tap away, and the postnatal visit due (DOMAIN §3). Her own words
    when she uses the app; about her when the family or a midwife does."""
    she = app.role in (Role.FAMILY, Role.MIDWIFE)
    lines: list[ft.Control] = [kit.heading(_("The mother") if she else _("You, the mother"), 18)]
    if summary.visit is not None:
        title, dates = visit_lines(summary.visit)
        lines.append(
            kit.tagged(
                ft.Column(
                    [
                        kit.body(title, weight=ft.FontWeight.W_600),
                        kit.body(dates, size=15, color=ft.Colors.ON_SURFACE_VARIANT),
                    ],
                    spacing=2,
                ),
                "kf-visit",
            )
        )
    lines.append(
        kit.primary_button(
            _("Check how she feels") if she else _("Check how you feel"),
            lambda e: app.go(report_part_route(MOTHER_PART)),
            "open-mother-check",
            icon=ft.Icons.FAVORITE_BORDER,
        )
    )
    return _card(lines, "mother")


@ft.component
def Today() -> ft.View:
    app = use_app()
    scope = use_scope()
    asking, set_asking = ft.use_state(False)
    summary = scope.diary.today_summary()
    day, profile, born = summary.day, summary.profile, summary.birth_date
    controls: list[ft.Control] = []
    calls = Calls(
        midwife_tel=profile.midwife_tel if profile else None,
        facility_tel=profile.facility_tel if profile else None,
        dial=dial,
        add_phone=lambda: app.go("/profile"),
    )
    # A GO NOW sign comes before anything else on the screen: what to do now, and 119.
    urgent = [f for f in summary.flags if f.urgency is Urgency.GO_NOW]
    # She comes back from the report to where she had scrolled (down to its button): a card the report
    # has just raised would be above, cut off under the app bar. New flags: the screen's top again.
    body = kit.top_when_changed(tuple((f.flag, f.since, f.last) for f in summary.flags), app.route == "/")
    controls += [flag_card(f.flag, f.since, calls, last=f.last, today=day) for f in urgent]
    mothers = _mothers_card(app)
    if mothers is not None:
        controls.append(mothers)

    if app.massage_removed:  # a restore or delete in another window ended her massage here
        close = _("Close this message")
        note = kit.kept_note(app.massage_removed, "massage-removed", close, lambda e: app.dismiss_removed())
        controls.append(ft.Container(note, key="massage-removed"))
    unfinished = _unfinished_card(app)
    if unfinished is not None:
        controls.append(unfinished)

    if born is None:
        controls.append(
            _card(
                [
                    kit.heading(_("Welcome"), 18),
                    kit.body(_("Enter the baby's birth date so the app can count the days after birth.")),
                    kit.primary_button(
                        _("Enter the birth date"),
                        lambda e: app.go("/profile"),
                        "open-profile",
                        icon=ft.Icons.CHILD_CARE,
                    ),
                ],
                "welcome",
            )
        )
    else:
        top: list[ft.Control] = []
        if profile is not None and profile.mother_name and mothers is None:  # else the card above names her
            greeting = _("Mother: %(name)s") if app.role in (Role.FAMILY, Role.MIDWIFE) else _("Hello, %(name)s")
            top.append(kit.body(greeting % {"name": profile.mother_name}))
        n_day = summary.postpartum_day  # day 0 is a day too (the count may start at 0)
        top.append(kit.heading(pp_day_text(n_day) if n_day is not None else format_date(day), 22))
        top.append(kit.body(format_date(day, "full"), color=ft.Colors.ON_SURFACE_VARIANT))
        # DOMAIN §4 "Postpartum day = days since birth": said plainly, so nobody counts from 1.
        top.append(
            kit.body(_("Counted from the day of birth, which is day 0."), size=14, color=ft.Colors.ON_SURFACE_VARIANT)
        )
        controls.append(kit.tagged(ft.Column(top, spacing=2), "today-day", key="today-day"))

    # The other open flags of the last days' reports, most urgent first, each once with its days.
    controls += [flag_card(f.flag, f.since, calls, last=f.last, today=day) for f in summary.flags if f not in urgent]
    controls += [notice_card(notice) for notice in summary.notices]
    controls.append(_mother_card(app, summary))

    m_text, m_done = massage_state(summary.morning, summary.morning_rounds)
    e_text, e_done = massage_state(summary.evening, summary.evening_rounds)
    controls.append(
        _card(
            [
                kit.heading(_("Massage today"), 18),
                _status_row(_("This morning"), m_text, m_done, "massage-morning"),
                _status_row(_("This evening"), e_text, e_done, "massage-evening"),
                kit.primary_button(
                    _("Start a massage"), lambda e: start_massage(app, set_asking), "start-session", icon=ft.Icons.SPA
                ),
                *_same_as_last(app, set_asking),
            ],
            "massage",
        )
    )

    report = summary.report
    lines: list[ft.Control] = [
        kit.heading(_("Milk diary"), 18),
        _status_row(_("Today's report"), _("done") if report else _("not yet"), report is not None, "report-status"),
    ]
    if report is not None:
        lines.append(
            kit.body(_("%(flow)s · %(n)d of 8 signs") % {"flow": t(FLOWS, report.flow), "n": report.signs_score})
        )
    lines += [
        kit.primary_button(
            _("Edit today's report") if report else _("Fill in today's report"),
            lambda e: app.go(REPORT_ROUTE),
            "open-report",
            icon=ft.Icons.EDIT_NOTE,
        ),
        kit.secondary_button(_("Diary and trends"), lambda e: app.go("/diary"), "open-diary", icon=ft.Icons.SHOW_CHART),
    ]
    controls.append(_card(lines, "diary"))
    controls += [
        kit.secondary_button(_("Massage history"), lambda e: app.go("/history"), "open-history", icon=ft.Icons.HISTORY),
        kit.secondary_button(_("Reminders"), lambda e: app.go("/reminders"), "open-reminders", icon=ft.Icons.ALARM),
        kit.secondary_button(_("Mother and baby"), lambda e: app.go("/profile"), "edit-profile", icon=ft.Icons.PERSON),
        *([] if app.role is Role.MIDWIFE else [visit_entry(lambda e: app.go(VISIT_ROUTE))]),  # hers: at the top
    ]

    def resume_it(e: Any) -> None:
        set_asking(False)
        resume_unfinished(app)

    def end_it(e: Any) -> None:
        set_asking(False)
        end_unfinished(app)

    ft.use_dialog(
        kit.dialog(
            _("A massage is not finished yet"),
            _("Resume it, or end it and save it before starting a new one."),
            [
                kit.primary_button(_("Resume"), resume_it, "dialog-resume", icon=ft.Icons.PLAY_ARROW),
                kit.secondary_button(_("End it and save"), end_it, "dialog-end", icon=ft.Icons.STOP),
                kit.text_button(_("Cancel"), lambda e: set_asking(False), "dialog-cancel"),
            ],
            on_dismiss=lambda e: set_asking(False),
        )
        if asking
        else None
    )
    settings_button = kit.icon_button(ft.Icons.SETTINGS, _("Settings"), lambda e: app.go("/settings"), "open-settings")
    return kit.screen("/", _("Today"), controls, actions=[settings_button], body_ref=body)
