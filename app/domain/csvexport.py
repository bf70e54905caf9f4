"""CSV files of the diary for a spreadsheet: one of daily reports, one of massage sessions.

UTF-8 with a byte-order mark (so Excel on a laptop reads "Ñ" and emoji right; LibreOffice and
Google Sheets ignore it), a header row of stable column names (documented in COLUMNS and in the
README's "Your data"), one row per record, oldest first. Codes, not translated words, so a
column means the same in every language: flow is well / not_well / not_yet, yes/no answers are
yes / no / empty (not answered). Numbers are written for machines, in every language: a decimal
point and no thousands separator ("38.5", "1500"), never the screen's "38,5" (`_number`). Every
time is local time with its UTC offset, ISO 8601 ("2026-12-04T09:15:00+07:00"): a spreadsheet, or a
puskesmas in another zone, reads the hour she saw and the moment it was.

A text cell that starts with = + - @ (or a tab or carriage return) would be run as a formula by
a spreadsheet; such a cell is written with a leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo

from app.domain.postpartum import postpartum_day_or_none
from app.domain.records import SessionRecord
from app.domain.report import BABY_SIGNS, MOTHER_SIGNS, OPTIONAL_QUESTIONS, SIGNS, DailyReport

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

REPORT_COLUMNS: dict[str, str] = {
    "day": "date of the report (YYYY-MM-DD)",
    "postpartum_day": "days since birth (birth day = 0); empty without a birth date",
    "flow": "well / not_well / not_yet",
    "signs_score": "signs of enough milk present (of signs_answered)",
    "signs_answered": "checklist questions answered (of 8)",
    **{f"sign_{sign.value}": "yes / no / empty" for sign in SIGNS},
    "feeds_24h": "feeds in 24 hours",
    "wet_diapers": "wet diapers",
    "expressed_ml": "milk expressed that day, ml",
    "colostrum_first_seen": "local date and time with its UTC offset (ISO 8601)",
    "breast_pain": "yes / no",
    "breast_redness": "yes / no",
    "breast_hard_swollen": "yes / no",
    "nipples_cracked": "yes / no",
    "fever": "yes / no",
    "temperature_c": "degrees Celsius, with a decimal point (38.5)",
    "mood": "1 (very stressed) to 5 (calm)",
    **{name: "yes / no / empty" for name in OPTIONAL_QUESTIONS},
    **{f"mother_{sign.value}": "yes / no / empty" for sign in MOTHER_SIGNS},
    **{f"baby_{sign.value}": "yes (ticked under baby_danger) / empty" for sign in BABY_SIGNS},
    "note": "her note, as typed",
}
SESSION_COLUMNS: dict[str, str] = {
    "started_at": "local date and time with its UTC offset (ISO 8601: 2026-12-04T09:15:00+07:00)",
    "ended_at": "local date and time with its UTC offset; empty if not ended",
    "outcome": "completed (every round done) / ended_early (ended, or rounds skipped) / stopped_pain / in_progress",
    "rounds_done": "rounds massaged",
    "rounds_planned": "rounds planned",
    "round_minutes": "minutes per round",
    "rest_minutes": "minutes of rest between rounds",
    "massaged_minutes": "minutes of massage in all",
    "build": "heavier / slim_normal",
    "technique": "fists / thumbs / index_backs",
    "comfort": "1-5, as the mother rated it",
    "letdown": "let-down felt: yes / no / empty",
}


def safe_cell(value: object) -> object:
    """A value as a spreadsheet should see it: text that would start a formula gets a leading
    apostrophe; numbers and empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _yes_no(answer: bool | None) -> str:
    return "" if answer is None else ("yes" if answer else "no")


def _number(value: float | None) -> str:
    """A number as a spreadsheet in any language reads it: "38.5", "1500", "" for none."""
    return "" if value is None else f"{value:g}"


def local_iso(at: datetime, tz: tzinfo | None) -> str:
    """An aware time as local time with its offset ("2026-12-04T09:15:00+07:00"); `tz` None is the
    device's own zone."""
    return at.astimezone(tz).isoformat(timespec="seconds")


def _wall_iso(at: datetime, tz: tzinfo | None) -> str:
    """A time typed as the family's wall clock (naive): the same hour, with the zone's offset."""
    if at.tzinfo is not None:
        return local_iso(at, tz)
    return (at.replace(tzinfo=tz) if tz is not None else at.astimezone()).isoformat(timespec="minutes")


def csv_file(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file as spreadsheets open it: UTF-8 with a BOM (Excel reads the letters right), CRLF
    line ends, the header row, every cell through `safe_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def reports_csv(reports: Iterable[DailyReport], *, birth_date: date | None, tz: tzinfo | None = None) -> bytes:
    def row(report: DailyReport) -> list[object]:
        count = report.sign_count
        return [
            report.day.isoformat(),
            postpartum_day_or_none(birth_date, report.day) if birth_date else "",
            report.flow.value,
            count.score,
            count.answered,
            *(_yes_no(report.signs.get(sign)) for sign in SIGNS),
            _number(report.feeds_24h),
            _number(report.wet_diapers),
            _number(report.expressed_ml),
            _wall_iso(report.colostrum_first_seen, tz) if report.colostrum_first_seen else "",
            _yes_no(report.breast_pain),
            _yes_no(report.breast_redness),
            _yes_no(report.breast_hard_swollen),
            _yes_no(report.nipples_cracked),
            _yes_no(report.fever),
            _number(report.temperature_c),
            _number(report.mood),
            *(_yes_no(getattr(report, name)) for name in OPTIONAL_QUESTIONS),
            *(_yes_no(report.mother_signs.get(sign)) for sign in MOTHER_SIGNS),
            *(_yes_no(report.baby_signs.get(sign)) for sign in BABY_SIGNS),
            report.note,
        ]

    ordered = sorted(reports, key=lambda report: report.day)
    return csv_file(list(REPORT_COLUMNS), (row(report) for report in ordered))


def sessions_csv(sessions: Iterable[SessionRecord], *, tz: tzinfo | None = None) -> bytes:
    """Real massages only: a demonstration is never a massage the mother had. Times in `tz`
    (None: the device's own zone)."""

    def row(session: SessionRecord) -> list[object]:
        return [
            local_iso(session.started_at, tz),
            local_iso(session.ended_at, tz) if session.ended_at else "",
            session.status.value,
            session.rounds_done,
            session.rounds_planned,
            _number(session.round_s / 60),
            _number(session.rest_s / 60),
            _number(round(session.massaged_s / 60, 1)),
            session.build or "",
            session.technique or "",
            _number(session.comfort),
            _yes_no(session.letdown),
        ]

    ordered = sorted((s for s in sessions if not s.demo), key=lambda s: s.started_at)
    return csv_file(list(SESSION_COLUMNS), (row(session) for session in ordered))
