"""The monthly recap in words, for the screen, the PDF (recap_pdf.py) and the CSV (recap_csv.py):
one wording for all three, in the app's language.

The files carry counts only, never a mother's name: they leave the phone (a chat, a puskesmas
computer) and a monthly report needs counts. The screen, which stays on her phone, also names the
mothers with a warning sign, since she is the one who follows them up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from app.domain.quiz import QUESTIONS
from app.domain.recap import Month, QuizRecap, VisitCounts
from app.domain.redflags import Urgency
from app.domain.visits import Visit
from app.i18n import N_, _, format_date, format_decimal, format_time, ngettext
from app.services.recap import Recap
from app.ui.screens.diary_labels import VISIT_WINDOWS
from app.ui.screens.labels import t
from app.ui.screens.teach_labels import PHASES, QUESTION_TEXTS

LEVELS = {
    Urgency.GO_NOW: N_("go to a health facility now"),
    Urgency.TODAY: N_("contact the midwife today"),
}


def title() -> str:
    return _("Monthly recap")


def month_text(month: Month) -> str:
    """ "November 2026" (the month's name in the app's language)."""
    return format_date(month.first, "LLLL y")


def period_text(r: Recap) -> str:
    """The days counted: "1 Nov to 30 Nov 2026", or up to today in a month not over yet."""
    month = r.counts.month
    if r.so_far:
        return _("From %(start)s to today, %(end)s (the month is not over yet)") % {
            "start": format_date(month.first, "d MMM"),
            "end": format_date(r.today, "d MMM y"),
        }
    return _("From %(start)s to %(end)s") % {
        "start": format_date(month.first, "d MMM"),
        "end": format_date(month.last, "d MMM y"),
    }


def made_text(r: Recap) -> str:
    return _("Made on %(date)s, %(time)s") % {
        "date": format_date(r.made_at.date(), "long"),
        "time": format_time(r.made_at),
    }


def scope_text() -> str:
    """What the recap counts, said on the screen and in both files."""
    return _(
        "Every mother on this phone. A mother visited: a postnatal visit (KF) marked done in the month, or a quiz "
        "or a skills check in the month. A family taught: a quiz or a skills check in the month."
    )


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{format_decimal(value, '0')}%"


def overview_lines(r: Recap) -> list[str]:
    c = r.counts
    return [
        _("Mothers visited: %(n)d") % {"n": c.visited},
        _("Families taught: %(n)d") % {"n": c.families_taught},
        ngettext(
            "Skills signed off (every step right): %(n)d family, in %(checks)d skills check",
            "Skills signed off (every step right): %(n)d families, in %(checks)d skills checks",
            c.skills_signed_off,
        )
        % {"n": c.skills_signed_off, "checks": c.skills_checks},
    ]


def visit_line(visit: Visit, counts: VisitCounts) -> str:
    text = _("%(kf)s (%(window)s): %(on_time)d on time, %(late)d late") % {
        "kf": visit.value.upper(),
        "window": t(VISIT_WINDOWS, visit),
        "on_time": counts.on_time,
        "late": counts.late,
    }
    if counts.early:
        text += ", " + _("%(n)d before the window") % {"n": counts.early}
    if counts.unknown:
        text += ", " + _("%(n)d without a birth date") % {"n": counts.unknown}
    return text


def visit_lines(r: Recap) -> list[str]:
    return [visit_line(visit, counts) for visit, counts in r.counts.visits.items()]


def quiz_score_line(q: QuizRecap) -> str:
    label = t(PHASES, q.phase)
    if not q.attempts:
        return _("%(phase)s: no quiz in the month") % {"phase": label}
    return ngettext(
        "%(phase)s: %(n)d quiz, average score %(pct)s",
        "%(phase)s: %(n)d quizzes, average score %(pct)s",
        q.attempts,
    ) % {"phase": label, "n": q.attempts, "pct": percent_text(q.average_pct)}


def question_lines(r: Recap) -> list[str]:
    """Each question: the share who answered it right, before and after teaching."""
    before, after = r.counts.quiz_before, r.counts.quiz_after
    if not before.attempts and not after.attempts:
        return []
    return [
        _("%(n)d. %(question)s Right before: %(before)s, after: %(after)s")
        % {
            "n": n,
            "question": t(QUESTION_TEXTS, question),
            "before": percent_text(before.questions[question].percent),
            "after": percent_text(after.questions[question].percent),
        }
        for n, question in enumerate(QUESTIONS, start=1)
    ]


def quiz_lines(r: Recap) -> list[str]:
    return [quiz_score_line(r.counts.quiz_before), quiz_score_line(r.counts.quiz_after), *question_lines(r)]


def flag_count_line(r: Recap) -> str:
    c = r.counts
    return ngettext(
        "Mothers with a warning sign: %(n)d (%(go_now)d to go to a health facility now, %(today)d to contact "
        "the midwife today)",
        "Mothers with a warning sign: %(n)d (%(go_now)d to go to a health facility now, %(today)d to contact "
        "the midwife today)",
        len(c.flagged),
    ) % {"n": len(c.flagged), "go_now": c.flagged_go_now, "today": c.flagged_today}


def flagged_texts(r: Recap) -> list[tuple[UUID, str]]:
    """Each mother with a warning sign (for the screen only): her name, the level, the first day."""
    out = []
    for f in r.counts.flagged:
        mother = r.mothers.get(f.mother_id)
        name = (mother.nickname or _("Mother %(n)d") % {"n": mother.number}) if mother else _("(no name given)")
        text = _("%(name)s: %(level)s, from %(day)s") % {
            "name": name,
            "level": t(LEVELS, f.urgency),
            "day": format_date(f.first_day, "EEE d MMM"),
        }
        out.append((f.mother_id, text))
    return out


def flag_lines(r: Recap, *, names: bool) -> list[str]:
    """The count, then (`names`, on the screen only) each mother: her name, the level, the day."""
    return [flag_count_line(r), *(text for _id, text in flagged_texts(r) if names)]


@dataclass
class Section:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)


def sections(r: Recap, *, names: bool = False) -> list[Section]:
    """Everything the recap says, in the order the screen and the PDF show it."""
    return [
        Section("overview", _("Mothers and families"), overview_lines(r)),
        Section("visits", _("Postnatal visits done (KF1-KF4)"), visit_lines(r)),
        Section("quiz", _("Teach-back quiz, before and after teaching"), quiz_lines(r)),
        Section("flags", _("Warning signs in the daily reports"), flag_lines(r, names=names)),
    ]


def file_name(r: Recap, ext: str) -> str:
    return f"pijat-oksitosin-recap-{r.counts.month.code}.{ext}"
