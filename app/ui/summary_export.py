"""The visit summary in words, for the screen, the PDF and the CSV (one wording for all three).

PDF (app/ui/summary_pdf.py, loaded only when a PDF is made): fpdf2 with the bundled DejaVu Sans
(assets/fonts/, every Indonesian letter), A4 portrait, the app's name, the date it was made and
"education, not a diagnosis" on every page.

CSV: app/ui/summary_csv.py (its columns are documented there).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app import ASSETS_DIR
from app.domain.quiz import QUESTIONS, question_results
from app.domain.records import SessionRecord, SessionStatus
from app.domain.redflags import FlagGroup
from app.domain.visits import DoneTiming, Timing, VisitDue
from app.i18n import N_, _, format_date, format_decimal, format_number, format_time, ngettext
from app.services.summary import DayLine, Temperature, VisitSummary
from app.services.visits import VisitLine
from app.ui.screens.diary_labels import FLOWS, VISIT_WINDOWS, pp_day_text
from app.ui.screens.flag_labels import FLAG_TITLES
from app.ui.screens.history import STATUS_LABELS, session_summary
from app.ui.screens.labels import t
from app.ui.screens.teach_labels import PHASES, QUESTION_TEXTS, not_yet_text, who_text

APP_NAME = "Pijat Oksitosin"
FONT_DIR = ASSETS_DIR / "fonts"
GROUP_TITLES = {
    FlagGroup.BABY: N_("The baby"),
    FlagGroup.BREAST: N_("Breasts"),
    FlagGroup.MOTHER: N_("The mother herself"),
}


def disclaimer() -> str:
    """The footer, for the family who keeps the summary (the midwife wrote it with them)."""
    return _(
        "For the family: education, not a diagnosis. For a warning sign, call your midwife. If a sign says "
        "to go now, go to the nearest health facility at once or call 119."
    )


def title() -> str:
    return _("Visit summary")


def made_text(s: VisitSummary) -> str:
    return _("Made on %(date)s, %(time)s") % {
        "date": format_date(s.made_at.date(), "long"),
        "time": format_time(s.made_at),
    }


def mother_lines(s: VisitSummary) -> list[str]:
    name = s.profile.mother_name if s.profile and s.profile.mother_name else _("(no name given)")
    lines = [_("Mother: %(name)s") % {"name": name}]
    if s.profile is not None:
        lines.append(_("Baby's birth date: %(date)s") % {"date": format_date(s.profile.baby_birth_date, "long")})
    if s.postpartum_day is not None:
        lines.append(pp_day_text(s.postpartum_day))
    return lines


def range_text(s: VisitSummary) -> str:
    return _("The last 7 days: %(start)s to %(end)s") % {"start": format_date(s.start), "end": format_date(s.end)}


def day_cells(line: DayLine) -> list[str]:
    """Date, day after birth, flow, signs, feeds, wet diapers, massages ("–" where nothing was reported)."""
    r = line.report
    dash = "–"
    return [
        format_date(line.day, "EEE d MMM"),
        dash if line.postpartum_day is None else str(line.postpartum_day),
        t(FLOWS, r.flow) if r else _("no report"),
        f"{r.sign_count.score}/{r.sign_count.total}" if r else dash,
        dash if r is None or r.feeds_24h is None else format_number(r.feeds_24h),
        dash if r is None or r.wet_diapers is None else format_number(r.wet_diapers),
        str(line.massages),
    ]


def day_header() -> list[str]:
    return [_("Date"), _("Day"), _("Milk flow"), _("Signs"), _("Feeds"), _("Wet diapers"), _("Massages")]


def massage_count_text(s: VisitSummary) -> str:
    return ngettext(
        "%(total)d massage: %(done)d completed, %(pain)d stopped because it hurt, %(early)d ended early",
        "%(total)d massages: %(done)d completed, %(pain)d stopped because it hurt, %(early)d ended early",
        len(s.sessions),
    ) % {
        "total": len(s.sessions),
        "done": s.count(SessionStatus.COMPLETED),
        "pain": s.count(SessionStatus.STOPPED_PAIN),
        "early": s.count(SessionStatus.ENDED_EARLY),
    }


def comfort_text(s: VisitSummary) -> str:
    avg = s.comfort_average
    if avg is None:
        return _("Comfort: not rated")
    return _("Comfort (1-5), average: %(avg)s") % {"avg": format_decimal(avg, "0.#")}


def session_text(r: SessionRecord) -> str:
    """ "Sat 21 Nov 07:00 · Completed · 3 of 3 rounds · 12 min massaged · comfort 4/5"."""
    local = r.started_at.astimezone()
    parts = [
        f"{format_date(local.date(), 'EEE d MMM')} {format_time(local)}",
        t(STATUS_LABELS, r.status),
        session_summary(r),
    ]
    if r.comfort is not None:
        parts.append(_("comfort %(n)d/5") % {"n": r.comfort})
    return " · ".join(parts)


def visit_text(due: VisitDue, now: bool) -> str:
    names = {
        "kf": due.visit.value.upper(),
        "window": t(VISIT_WINDOWS, due.visit),
        "start": format_date(due.starts),
        "end": format_date(due.ends),
    }
    if now:
        return _("Due now: %(kf)s (%(window)s), %(start)s to %(end)s") % names
    return _("Next: %(kf)s (%(window)s), from %(start)s") % names


def quiz_lines(s: VisitSummary) -> list[str]:
    """Before and after teaching: the scores, then each question's result before -> after."""
    out = []
    for key, attempt in (("before", s.quiz.before), ("after", s.quiz.after)):
        label = t(PHASES, key)
        if attempt is None:
            out.append(f"{label}: " + _("not taken yet"))
        else:
            out.append(f"{label}: {attempt.score_pct}% ({format_date(attempt.taken_at.astimezone().date())})")
    if s.quiz.before is None and s.quiz.after is None:
        return out
    before, after = question_results(s.quiz.before), question_results(s.quiz.after)
    for n, question in enumerate(QUESTIONS, start=1):
        out.append(
            _("%(n)d. %(question)s before: %(before)s, after: %(after)s")
            % {
                "n": n,
                "question": t(QUESTION_TEXTS, question),
                "before": result_word(before[question]),
                "after": result_word(after[question]),
            }
        )
    return out


def result_word(right: bool | None) -> str:
    """A question's result in one word (the per-question table)."""
    if right is None:
        return "–"
    return _("right") if right else _("wrong")


def skills_texts(s: VisitSummary) -> list[str]:
    check = s.skills
    if check is None:
        return [_("Not checked yet.")]
    return [
        _("%(who)s: %(n)d of %(total)d steps right (%(pct)d%%), %(date)s")
        % {
            "who": who_text(check),
            "n": check.result.right,
            "total": check.result.total,
            "pct": check.score_pct,
            "date": format_date(check.checked_at.astimezone().date()),
        },
        not_yet_text(check),
    ]


def history_text(line: VisitLine) -> str:
    """One KF visit of her history: done on which day (on time, late, early), or where it stands."""
    names = {
        "kf": line.visit.value.upper(),
        "start": format_date(line.starts, "EEE d MMM"),
        "end": format_date(line.ends, "EEE d MMM"),
    }
    if line.done is not None:
        names["day"] = format_date(line.done.done_on, "EEE d MMM")
        texts = {
            DoneTiming.ON_TIME: _("%(kf)s done on %(day)s, on time"),
            DoneTiming.LATE: _("%(kf)s done on %(day)s, late (its window closed on %(end)s)"),
            DoneTiming.EARLY: _("%(kf)s done on %(day)s, before its window (%(start)s to %(end)s)"),
        }
        assert line.done_timing is not None
        text = texts[line.done_timing] % names
        if line.done.note is None:
            return text
        return _("%(visit)s. Note: %(note)s") % {"visit": text, "note": line.done.note}
    open_texts = {
        Timing.OVERDUE: _("%(kf)s not done; its window closed on %(end)s"),
        Timing.NOW: _("%(kf)s due now, until %(end)s"),
        Timing.NEXT: _("%(kf)s from %(start)s to %(end)s"),
    }
    assert line.timing is not None
    return open_texts[line.timing] % names


def visit_lines_all(s: VisitSummary) -> list[str]:
    if s.visits:
        return [history_text(line) for line in s.visits]
    lines = []
    if s.visit_now is not None:
        lines.append(visit_text(s.visit_now, True))
    if s.visit_next is not None:
        lines.append(visit_text(s.visit_next, False))
    return lines or [_("The postnatal visits (KF1-KF4) are over, or the birth date is not entered.")]


def flag_lines(s: VisitSummary, group: FlagGroup) -> list[str]:
    found = s.flags_of(group)
    if not found:
        return [_("none open")]
    return [
        _("%(flag)s (since %(date)s)") % {"flag": t(FLAG_TITLES, f.flag), "date": format_date(f.since)} for f in found
    ]


def temperature_text(temp: Temperature) -> str:
    return _("%(celsius)s °C, taken on %(date)s") % {
        "celsius": format_decimal(temp.celsius, "0.0"),
        "date": format_date(temp.day, "EEE d MMM"),
    }


def temperature_lines(s: VisitSummary) -> list[str]:
    if s.last_temperature is None:
        return [_("Not taken yet.")]
    return [temperature_text(s.last_temperature)]


def note_lines(s: VisitSummary) -> list[str]:
    if not s.notes:
        return [_("No notes in the last 7 days.")]
    return [f"{format_date(n.day, 'EEE d MMM')}: {n.text}" for n in s.notes]


@dataclass
class Section:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)


def sections(s: VisitSummary) -> list[Section]:
    """Everything after the 7-day table, in the order the screen and the PDF show it."""
    out = [
        Section("temperature", _("Her last temperature"), temperature_lines(s)),
        Section("notes", _("Her notes"), note_lines(s)),
        Section(
            "massages", _("Massages"), [massage_count_text(s), comfort_text(s), *[session_text(r) for r in s.sessions]]
        ),
    ]
    for group in (FlagGroup.BABY, FlagGroup.BREAST, FlagGroup.MOTHER):
        out.append(
            Section(
                f"flags-{group.value}",
                _("Warning signs: %(whose)s") % {"whose": t(GROUP_TITLES, group)},
                flag_lines(s, group),
            )
        )
    out += [
        Section("quiz", _("Teach-back quiz"), quiz_lines(s)),
        Section("skills", _("Skills check"), skills_texts(s)),
        Section("visit", _("Postnatal visit (KF)"), visit_lines_all(s)),
    ]
    return out


def file_name(s: VisitSummary, ext: str) -> str:
    return f"pijat-oksitosin-summary-{s.end.isoformat()}.{ext}"
