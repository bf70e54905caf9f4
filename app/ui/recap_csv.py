"""The monthly recap as a CSV file (UTF-8 with a byte-order mark, comma-separated, one header row,
`csvexport.csv_file`), one row per figure, counts only (no mother's name), columns:

    month     the month, YYYY-MM
    section   overview | visit | quiz | flags
    item      a fixed English code: mothers_visited, families_taught, skills_checks,
              skills_signed_off; kf1:on_time, kf1:late, kf1:early, kf1:no_birth_date (... kf4);
              before:attempts, before:average, before:<question> (the share who answered it
              right), before:<question>:answered (how many answered it), the same for after;
              mothers_flagged, go_now, today
    value     a number, written for machines (a decimal point, no thousands separator); empty
              where there is nothing to count (an average without a quiz)
    unit      count or percent
    text      the same in words, in the language of the app

The first rows say which days were counted (period_first, period_last: ISO dates; a month not over
yet ends today) and when the file was made (made_at: local time with its UTC offset).
"""

from __future__ import annotations

from app.domain.csvexport import csv_file, local_iso
from app.domain.quiz import QUESTIONS
from app.domain.recap import QuizRecap
from app.i18n import _
from app.services.recap import Recap
from app.ui.recap_export import flag_count_line, made_text, overview_lines, period_text, quiz_score_line, visit_line
from app.ui.screens.labels import t
from app.ui.screens.teach_labels import PHASES, QUESTION_TEXTS

CSV_COLUMNS = ("month", "section", "item", "value", "unit", "text")


def _number(value: float | None) -> object:
    return "" if value is None else f"{round(value, 1):g}"


def _quiz_rows(q: QuizRecap) -> list[tuple[str, str, object, str, str]]:
    key = q.phase.value
    rows: list[tuple[str, str, object, str, str]] = [
        ("quiz", f"{key}:attempts", q.attempts, "count", quiz_score_line(q)),
        ("quiz", f"{key}:average", _number(q.average_pct), "percent", t(PHASES, q.phase)),
    ]
    for question in QUESTIONS:
        count = q.questions[question]
        words = t(QUESTION_TEXTS, question)
        rows.append(("quiz", f"{key}:{question.value}", _number(count.percent), "percent", words))
        rows.append(("quiz", f"{key}:{question.value}:answered", count.answered, "count", words))
    return rows


def csv_rows(r: Recap) -> list[tuple[object, ...]]:
    c = r.counts
    month = c.month
    last = r.today if r.so_far else month.last
    overview = overview_lines(r)
    rows: list[tuple[str, str, object, str, str]] = [
        ("overview", "period_first", month.first.isoformat(), "", period_text(r)),
        ("overview", "period_last", last.isoformat(), "", ""),
        ("overview", "made_at", local_iso(r.made_at, r.made_at.tzinfo), "", made_text(r)),
        ("overview", "mothers_visited", c.visited, "count", overview[0]),
        ("overview", "families_taught", c.families_taught, "count", overview[1]),
        ("overview", "skills_checks", c.skills_checks, "count", _("Skills checks")),
        ("overview", "skills_signed_off", c.skills_signed_off, "count", overview[2]),
    ]
    for visit, counts in c.visits.items():
        words = visit_line(visit, counts)
        kf = visit.value
        rows += [
            ("visit", f"{kf}:on_time", counts.on_time, "count", words),
            ("visit", f"{kf}:late", counts.late, "count", ""),
            ("visit", f"{kf}:early", counts.early, "count", ""),
            ("visit", f"{kf}:no_birth_date", counts.unknown, "count", ""),
        ]
    rows += _quiz_rows(c.quiz_before) + _quiz_rows(c.quiz_after)
    rows += [
        ("flags", "mothers_flagged", len(c.flagged), "count", flag_count_line(r)),
        ("flags", "go_now", c.flagged_go_now, "count", ""),
        ("flags", "today", c.flagged_today, "count", ""),
    ]
    return [(month.code, *row) for row in rows]


def csv_bytes(r: Recap) -> bytes:
    return csv_file(CSV_COLUMNS, csv_rows(r))
