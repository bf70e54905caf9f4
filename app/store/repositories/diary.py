"""A mother's daily reports, one per day, keyed by (mother, ISO date)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from app.domain.report import OPTIONAL_QUESTIONS, DailyReport
from app.domain.trends import TrendRow
from app.store.errors import StoreWriteError, WriteErrorCode
from app.store.repositories.base import UNREADABLE_ROW_ERRORS, MotherRepository, utc_text

# The columns DailyReport declares, nothing a later migration adds.
_REPORT_COLUMNS = ", ".join(DailyReport.model_fields)


class DiaryRepository(MotherRepository):
    """One mother's daily reports, one per day, keyed by the ISO date.

    Reads skip a row this version cannot read (a flow code a newer version added) and list its
    day in `skipped`, so Today and the diary still open.
    """

    def save(self, report: DailyReport, *, at: datetime) -> None:
        """Insert the day's report, or replace every field of the existing one (its created_at
        stays: it says when the day was first reported). A report of that day this version cannot
        read is never overwritten: StoreWriteError(UNREADABLE_KEPT), and it stays as it is."""
        row = _report_row(report)
        stamp = utc_text(at)
        updates = ", ".join(f"{column} = excluded.{column}" for column in row if column != "day")
        with self._write() as db:
            existing = list(
                db.query(
                    f"SELECT {_REPORT_COLUMNS} FROM reports WHERE mother_id = ? AND day = ?",
                    [self.mother_key, _day_text(report.day)],
                )
            )
            if existing and not self._readable(existing, "day", report_from_row):
                raise StoreWriteError(WriteErrorCode.UNREADABLE_KEPT)
            db.execute(
                f"INSERT INTO reports (mother_id, {', '.join(row)}, created_at, updated_at) "
                f"VALUES (?, {', '.join('?' * len(row))}, ?, ?) "
                f"ON CONFLICT (mother_id, day) DO UPDATE SET {updates}, "
                "updated_at = excluded.updated_at",
                [self.mother_key, *row.values(), stamp, stamp],
            )

    def get(self, day: date) -> DailyReport | None:
        """The day's report, or None if there is none or it cannot be read (see `skipped`)."""
        rows = self._rows(
            f"SELECT {_REPORT_COLUMNS} FROM reports WHERE mother_id = ? AND day = ?",
            [self.mother_key, _day_text(day)],
        )
        found = self._readable(rows, "day", report_from_row)
        return found[0] if found else None

    def delete(self, day: date) -> DailyReport | None:
        """Remove the day's report and return it, so the UI can offer undo (see restore).

        A report this version cannot read is not deleted (no undo could bring it back): None.
        """
        key = _day_text(day)
        with self._write() as db:
            found = db.execute(
                f"SELECT {_REPORT_COLUMNS} FROM reports WHERE mother_id = ? AND day = ?",
                [self.mother_key, key],
            ).fetchone()
            if found is None:
                return None
            try:
                report = report_from_row(dict(zip(DailyReport.model_fields, found, strict=True)))
            except UNREADABLE_ROW_ERRORS as exc:
                self._skip(key, exc)
                return None
            db.execute("DELETE FROM reports WHERE mother_id = ? AND day = ?", [self.mother_key, key])
        return report

    def restore(self, report: DailyReport, *, at: datetime) -> None:
        """Undo a delete: put the report back as it was.

        Raises ValueError if the day has a report again (saved after the delete): undo must not
        overwrite the newer entry. created_at becomes `at`; the deleted row's is gone.
        """
        row = _report_row(report)
        stamp = utc_text(at)
        with self._write() as db:
            taken = db.execute(
                "SELECT 1 FROM reports WHERE mother_id = ? AND day = ?", [self.mother_key, row["day"]]
            ).fetchone()
            if taken is not None:
                raise ValueError(f"a report for {row['day']} exists again; not overwriting it")
            db.execute(
                f"INSERT INTO reports (mother_id, {', '.join(row)}, created_at, updated_at) "
                f"VALUES (?, {', '.join('?' * len(row))}, ?, ?)",
                [self.mother_key, *row.values(), stamp, stamp],
            )

    def days(self) -> list[date]:
        """Every day that has a report, newest first (for marking a calendar)."""
        rows = self._rows("SELECT day FROM reports WHERE mother_id = ? ORDER BY day DESC", [self.mother_key])
        return self._readable(rows, "day", lambda row: date.fromisoformat(row["day"]))

    def trend(self, *, start: date, end: date) -> list[TrendRow]:
        """The chart's reading of each day from `start` to `end`, oldest first: the flow and the
        signs count only, so years of a diary are one indexed scan without building reports."""
        rows = self._rows(
            "SELECT day, flow, signs FROM reports WHERE mother_id = ? AND day >= ? AND day <= ? ORDER BY day",
            [self.mother_key, _day_text(start), _day_text(end)],
        )
        return self._readable(
            rows, "day", lambda row: TrendRow.of(date.fromisoformat(row["day"]), row["flow"], json.loads(row["signs"]))
        )

    def first_day(self) -> date | None:
        """The oldest day with a report (the day key's index: one step), or None."""
        found = self._rows("SELECT min(day) AS day FROM reports WHERE mother_id = ?", [self.mother_key])[0]["day"]
        return None if found is None else date.fromisoformat(found)

    def count(self) -> int:
        rows = self._rows("SELECT count(*) AS n FROM reports WHERE mother_id = ?", [self.mother_key])
        return int(rows[0]["n"])

    # Defined last because it shadows the builtin in this class (as SessionRepository.list).
    def list(
        self, *, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[DailyReport]:
        """Reports newest day first, from `start` to `end` (both included, either open).

        One query on the (mother, day) key's index, so two years of history is one indexed scan. A row
        this version cannot read is skipped (see `skipped`), so `limit` may return fewer.
        """
        where: list[str] = ["mother_id = ?"]
        params: list[Any] = [self.mother_key]
        if start is not None:
            where.append("day >= ?")
            params.append(_day_text(start))
        if end is not None:
            where.append("day <= ?")
            params.append(_day_text(end))
        clause = f"WHERE {' AND '.join(where)} "
        # LIMIT -1 is SQLite's "no limit".
        rows = self._rows(
            f"SELECT {_REPORT_COLUMNS} FROM reports {clause}ORDER BY day DESC LIMIT ?",
            [*params, -1 if limit is None else limit],
        )
        return self._readable(rows, "day", report_from_row)


def _day_text(day: date) -> str:
    # A datetime is a date too, and its isoformat() would carry a time that never matches a key.
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"expected a date, got {day!r}")
    return day.isoformat()


def _report_row(report: DailyReport) -> dict[str, Any]:
    if not isinstance(report, DailyReport):
        raise TypeError(f"expected a DailyReport, got {type(report).__name__}")
    seen = report.colostrum_first_seen
    return {
        "day": _day_text(report.day),
        "flow": report.flow.value,
        "signs": json.dumps({sign.value: answer for sign, answer in report.signs.items()}),
        "feeds_24h": report.feeds_24h,
        "wet_diapers": report.wet_diapers,
        "expressed_ml": report.expressed_ml,
        # As entered: naive stays naive, an offset stays that offset.
        "colostrum_first_seen": None if seen is None else seen.isoformat(),
        "breast_pain": int(report.breast_pain),
        "breast_redness": int(report.breast_redness),
        "breast_hard_swollen": int(report.breast_hard_swollen),
        "nipples_cracked": int(report.nipples_cracked),
        "fever": int(report.fever),
        "temperature_c": report.temperature_c,
        "mood": report.mood,
        "note": report.note,
        **{
            question: None if (answer := getattr(report, question)) is None else int(answer)
            for question in OPTIONAL_QUESTIONS
        },
        "mother_signs": json.dumps({sign.value: answer for sign, answer in report.mother_signs.items()}),
        "baby_signs": json.dumps({sign.value: answer for sign, answer in report.baby_signs.items()}),
    }


def report_from_row(row: dict[str, Any]) -> DailyReport:
    # No validation context, so the "not in the future / not before birth" checks are skipped:
    # a report valid on the day it was written stays loadable.
    return DailyReport.model_validate(
        {
            **row,
            "signs": json.loads(row["signs"]),
            "mother_signs": json.loads(row["mother_signs"]),
            "baby_signs": json.loads(row["baby_signs"]),
        }
    )
