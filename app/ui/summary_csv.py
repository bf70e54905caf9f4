"""The visit summary as a CSV file (UTF-8 with a byte-order mark so spreadsheets read the letters
right, comma-separated, one header row), one row per fact, columns:

    section   mother | day | temperature | note | massage | flag | quiz | skills | visit_done (a KF
              visit done: item kf1-kf4, value on_time / late / early) | visit
    date      ISO date (YYYY-MM-DD) the fact belongs to, or empty
    time      when it happened, local time with its UTC offset, ISO 8601
              (2026-12-04T09:15:00+07:00): massages, quizzes, skills checks; else empty
    item      what the row says, a fixed English code: name, baby_birth_date, postpartum_day, flow,
              signs_score, feeds_24h, wet_diapers, massages, temperature_c, note, status, minutes,
              rounds_done, rounds_planned, comfort, the red flag's code, before / after (the quiz's
              score), before:<question> / after:<question> (one question's result: 1 right, 0 wrong,
              empty not answered), score_pct and the skills step's code, kf1-kf4 ...
    value     the value as a number or a code (e.g. 6, well, completed, 80, 12.5): a number is
              written for machines in every language, a decimal point, no thousands separator
    unit      the value's unit, a fixed code: min, rounds, days, count, percent, celsius,
              scale_1_5, right_1_0; empty for codes and words
    text      the same in words, in the language of the app

A cell that starts with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a
spreadsheet shows it as text and never runs it as a formula.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.csvexport import csv_file, local_iso
from app.domain.quiz import question_results
from app.i18n import _, format_date, format_decimal, ngettext
from app.services.summary import VisitSummary
from app.ui.screens.diary_labels import FLOWS, pp_day_text
from app.ui.screens.flag_labels import FLAG_TITLES
from app.ui.screens.history import STATUS_LABELS
from app.ui.screens.labels import t
from app.ui.screens.teach_labels import PHASES, QUESTION_TEXTS, STEP_SHORT, who_text
from app.ui.summary_export import history_text, temperature_text, visit_text

CSV_COLUMNS = ("section", "date", "time", "item", "value", "unit", "text")


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _when(at: datetime) -> tuple[str, str]:
    """The date and the time columns of a moment, in the device's zone."""
    local = at.astimezone()
    return local.date().isoformat(), local_iso(at, None)


def minutes_text(minutes: float) -> str:
    return _("%(min)s min massaged") % {"min": format_decimal(minutes, "0.#")}


def rounds_text(done: int, planned: int) -> str:
    return ngettext("%(done)d of %(total)d round", "%(done)d of %(total)d rounds", planned) % {
        "done": done,
        "total": planned,
    }


def csv_rows(s: VisitSummary) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    name = s.profile.mother_name if s.profile else None
    rows.append(("mother", "", "", "name", name or "", "", name or ""))
    if s.profile is not None:
        born = s.profile.baby_birth_date
        rows.append(("mother", _iso(born), "", "baby_birth_date", _iso(born), "", format_date(born, "long")))
    if s.postpartum_day is not None:
        rows.append(
            ("mother", _iso(s.end), "", "postpartum_day", s.postpartum_day, "days", pp_day_text(s.postpartum_day))
        )
    for line in s.days:
        r = line.report
        day = _iso(line.day)
        if r is not None:
            score = f"{r.sign_count.score}/{r.sign_count.total}"
            rows.append(("day", day, "", "flow", r.flow.value, "", t(FLOWS, r.flow)))
            rows.append(("day", day, "", "signs_score", r.sign_count.score, "count", score))
            if r.feeds_24h is not None:
                rows.append(("day", day, "", "feeds_24h", r.feeds_24h, "count", _("Feeds")))
            if r.wet_diapers is not None:
                rows.append(("day", day, "", "wet_diapers", r.wet_diapers, "count", _("Wet diapers")))
        rows.append(("day", day, "", "massages", line.massages, "count", _("Massages")))
    if s.last_temperature is not None:
        temp = s.last_temperature
        rows.append(
            ("temperature", _iso(temp.day), "", "temperature_c", temp.celsius, "celsius", temperature_text(temp))
        )
    for noted in s.notes:
        rows.append(("note", _iso(noted.day), "", "note", noted.text, "", noted.text))
    for m in s.sessions:
        day, at = _when(m.started_at)
        minutes = round(m.minutes_massaged, 1)
        rows.append(("massage", day, at, "status", m.status.value, "", t(STATUS_LABELS, m.status)))
        rows.append(("massage", day, at, "minutes", minutes, "min", minutes_text(minutes)))
        rows.append(
            ("massage", day, at, "rounds_done", m.rounds_done, "rounds", rounds_text(m.rounds_done, m.rounds_planned))
        )
        rows.append(("massage", day, at, "rounds_planned", m.rounds_planned, "rounds", ""))
        if m.comfort is not None:
            rows.append(("massage", day, at, "comfort", m.comfort, "scale_1_5", f"{m.comfort}/5"))
    for f in s.flags:
        rows.append(("flag", _iso(f.since), "", f.flag.value, f.group.value, "", t(FLAG_TITLES, f.flag)))
    for key, attempt in (("before", s.quiz.before), ("after", s.quiz.after)):
        if attempt is not None:
            day, at = _when(attempt.taken_at)
            rows.append(("quiz", day, at, key, attempt.score_pct, "percent", t(PHASES, key)))
            # One row per question: item "before:where", value 1 right / 0 wrong / empty not answered.
            for question, right in question_results(attempt).items():
                value = "" if right is None else int(right)
                rows.append(
                    ("quiz", day, at, f"{key}:{question.value}", value, "right_1_0", t(QUESTION_TEXTS, question))
                )
    if s.skills is not None:
        check = s.skills
        day, at = _when(check.checked_at)
        rows.append(("skills", day, at, "score_pct", check.score_pct, "percent", who_text(check)))
        for step in check.result.asked:
            done = check.steps.get(step, False)
            rows.append(("skills", day, at, step.value, int(done), "right_1_0", t(STEP_SHORT, step)))
    for kf in s.visits:
        if kf.done is not None:
            assert kf.done_timing is not None
            rows.append(
                ("visit_done", _iso(kf.done.done_on), "", kf.visit.value, kf.done_timing.value, "", history_text(kf))
            )
    for due in (s.visit_now, s.visit_next):
        if due is not None:
            rows.append(
                (
                    "visit",
                    _iso(due.starts),
                    "",
                    due.visit.value,
                    due.timing.value,
                    "",
                    visit_text(due, due is s.visit_now),
                )
            )
    return rows


def csv_bytes(s: VisitSummary) -> bytes:
    return csv_file(CSV_COLUMNS, csv_rows(s))
