"""Rows <-> domain records. With migrations.py, the only code in the app that speaks SQL.

Every method that records something does it in one transaction, so a kill at any instant leaves
either all of it or none of it: a session row never claims progress its event log lacks.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any

from sqlite_utils import Database

from app.domain.profile import Profile
from app.domain.records import (
    NewSession,
    SessionProgress,
    SessionRecord,
    SessionStatus,
    validate_comfort,
)
from app.domain.report import DailyReport

# The event row that closes a session, by how it ended; these are the kinds history shows.
FINISH_EVENT_KIND = {
    SessionStatus.COMPLETED: "finish",
    SessionStatus.ENDED_EARLY: "end",
    SessionStatus.STOPPED_PAIN: "stop_pain",
}

# Only the columns SessionRecord knows: a later migration may add columns to sessions, and
# SessionRecord forbids fields it does not declare.
_SESSION_COLUMNS = ", ".join(SessionRecord.model_fields)
# Likewise for reports: the columns DailyReport declares, nothing a later migration adds.
_REPORT_COLUMNS = ", ".join(DailyReport.model_fields)


def utc_text(moment: datetime) -> str:
    """ISO-8601 UTC text of fixed width, so comparing the text compares the instants."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass a timezone-aware datetime")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class Repository:
    """Base for repositories: one shared connection, serialized by the store's lock."""

    def __init__(self, db: Database, lock: threading.RLock) -> None:
        self.db = db
        self._lock = lock

    @contextmanager
    def _write(self) -> Iterator[Database]:
        # atomic() commits on success and rolls back on any exception, the lock keeps another
        # thread's statements out of this transaction.
        with self._lock, self.db.atomic():
            yield self.db

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        # Materialized under the lock: a lazy cursor read later could see another thread's
        # half-done transaction on the shared connection.
        with self._lock:
            return list(self.db.query(sql, params or []))


class SettingsRepository(Repository):
    """Small app preferences (language, last chosen technique...), as text."""

    def get(self, key: str, default: str | None = None) -> str | None:
        rows = self._rows("SELECT value FROM settings WHERE key = ?", [key])
        return rows[0]["value"] if rows else default

    def set(self, key: str, value: str) -> None:
        # Text only, so what comes back is exactly what went in.
        if not isinstance(value, str):
            raise TypeError(f"setting {key!r} must be text, got {type(value).__name__}")
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


class SessionRepository(Repository):
    """Massage sessions and their event log."""

    def create(self, new: NewSession) -> int:
        """Store a started session and its 'start' event; return the session id."""
        started = utc_text(new.started_at)
        row = {
            "started_at": started,
            "updated_at": started,
            "ended_at": None,
            "demo": int(new.demo),
            "round_s": new.round_s,
            "rest_s": new.rest_s,
            "rounds_planned": new.rounds_planned,
            "build": new.build,
            "technique": new.technique,
            "status": SessionStatus.IN_PROGRESS.value,
            "snapshot": json.dumps(new.snapshot, ensure_ascii=False),
            "rounds_done": 0,
            "massaged_s": 0.0,
            "comfort": None,
            "letdown": None,
        }
        with self._write() as db:
            cursor = db.execute(
                f"INSERT INTO sessions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            session_id = cursor.lastrowid
            self._insert_event(db, session_id, "start", started, 0.0)
        return session_id

    def record_event(self, session_id: int, kind: str, progress: SessionProgress) -> None:
        """Log an event (pause, resume, skip, phase, restore...) and the progress it leaves."""
        if not kind:
            raise ValueError("an event needs a kind")
        with self._write() as db:
            self._update_progress(db, session_id, progress)
            self._insert_event(db, session_id, kind, utc_text(progress.at), progress.massaged_s)

    def checkpoint(self, session_id: int, progress: SessionProgress) -> None:
        """Save progress without an event: the heartbeat that lets a killed session resume."""
        with self._write() as db:
            self._update_progress(db, session_id, progress)

    def finish(self, session_id: int, status: SessionStatus, progress: SessionProgress) -> None:
        """End a session: final progress, status, ended_at, and the closing event."""
        status = SessionStatus(status)
        if status is SessionStatus.IN_PROGRESS:
            raise ValueError("finish() needs how the session ended, not in_progress")
        at = utc_text(progress.at)
        with self._write() as db:
            self._update_progress(db, session_id, progress, status=status, ended_at=at)
            self._insert_event(db, session_id, FINISH_EVENT_KIND[status], at, progress.massaged_s)

    def rate(self, session_id: int, comfort: int | None, letdown: bool | None) -> None:
        """The mother's answers after a session; None clears an answer."""
        comfort = validate_comfort(comfort)
        if letdown is not None and not isinstance(letdown, bool):
            raise ValueError(f"letdown must be True, False or None, got {letdown!r}")
        with self._write() as db:
            cursor = db.execute(
                "UPDATE sessions SET comfort = ?, letdown = ? WHERE id = ?",
                [comfort, None if letdown is None else int(letdown), session_id],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"no session {session_id}")

    def get(self, session_id: int) -> SessionRecord | None:
        rows = self._rows(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", [session_id])
        return _record(rows[0]) if rows else None

    def unfinished(self) -> SessionRecord | None:
        """The latest session still in progress: the app was killed during it, offer to resume."""
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE status = ? "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            [SessionStatus.IN_PROGRESS.value],
        )
        return _record(rows[0]) if rows else None

    def between(
        self, start: datetime, end: datetime, include_demo: bool = False
    ) -> list[SessionRecord]:
        """Sessions started in [start, end), oldest first (a day read from morning to night)."""
        demo = "" if include_demo else "AND demo = 0 "
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions "
            f"WHERE started_at >= ? AND started_at < ? {demo}ORDER BY started_at, id",
            [utc_text(start), utc_text(end)],
        )
        return [_record(row) for row in rows]

    def events(self, session_id: int) -> list[dict[str, Any]]:
        """The event log of a session in the order it was written; `at` is an aware datetime."""
        rows = self._rows(
            "SELECT id, session_id, at, kind, position_s FROM session_events "
            "WHERE session_id = ? ORDER BY id",
            [session_id],
        )
        return [{**row, "at": _moment(row["at"])} for row in rows]

    # Named like sqlite-utils' verbs; defined last because it shadows the builtin in this class.
    def list(self, *, limit: int | None = None, include_demo: bool = True) -> list[SessionRecord]:
        """Sessions newest first, for history."""
        where = "" if include_demo else "WHERE demo = 0 "
        # LIMIT -1 is SQLite's "no limit".
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions {where}"
            "ORDER BY started_at DESC, id DESC LIMIT ?",
            [-1 if limit is None else limit],
        )
        return [_record(row) for row in rows]

    @staticmethod
    def _insert_event(db: Database, session_id: int, kind: str, at: str, position_s: float) -> None:
        db.execute(
            "INSERT INTO session_events (session_id, at, kind, position_s) VALUES (?, ?, ?, ?)",
            [session_id, at, kind, position_s],
        )

    @staticmethod
    def _update_progress(
        db: Database,
        session_id: int,
        progress: SessionProgress,
        *,
        status: SessionStatus | None = None,
        ended_at: str | None = None,
    ) -> None:
        # Only an in-progress session moves: a late heartbeat after finish() must not rewrite
        # what the finished session recorded.
        cursor = db.execute(
            "UPDATE sessions SET updated_at = ?, snapshot = ?, rounds_done = ?, massaged_s = ?, "
            "status = COALESCE(?, status), ended_at = COALESCE(?, ended_at) "
            "WHERE id = ? AND status = ?",
            [
                utc_text(progress.at),
                json.dumps(progress.snapshot, ensure_ascii=False),
                progress.rounds_done,
                progress.massaged_s,
                None if status is None else status.value,
                ended_at,
                session_id,
                SessionStatus.IN_PROGRESS.value,
            ],
        )
        if cursor.rowcount == 0:
            found = db.execute("SELECT status FROM sessions WHERE id = ?", [session_id]).fetchone()
            if found is None:
                raise LookupError(f"no session {session_id}")
            raise ValueError(f"session {session_id} already ended ({found[0]})")


def _record(row: dict[str, Any]) -> SessionRecord:
    return SessionRecord(
        **{
            **row,
            "started_at": _moment(row["started_at"]),
            "updated_at": _moment(row["updated_at"]),
            "ended_at": _moment(row["ended_at"]),
            "demo": bool(row["demo"]),
            "snapshot": json.loads(row["snapshot"]),
            "letdown": None if row["letdown"] is None else bool(row["letdown"]),
        }
    )


class ProfileRepository(Repository):
    """The family profile: one row, replaced as a whole."""

    def get(self) -> Profile | None:
        rows = self._rows("SELECT mother_name, baby_birth_date FROM profile WHERE id = 1")
        # No validation context: a birth date that was fine when entered stays loadable.
        return Profile.model_validate(rows[0]) if rows else None

    def save(self, profile: Profile, *, at: datetime) -> None:
        if not isinstance(profile, Profile):
            raise TypeError(f"expected a Profile, got {type(profile).__name__}")
        with self._write() as db:
            db.execute(
                "INSERT INTO profile (id, mother_name, baby_birth_date, updated_at) "
                "VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "mother_name = excluded.mother_name, "
                "baby_birth_date = excluded.baby_birth_date, updated_at = excluded.updated_at",
                [profile.mother_name, profile.baby_birth_date.isoformat(), utc_text(at)],
            )


class DraftRepository(Repository):
    """Half-filled forms by key (e.g. "report:2026-03-01"), as the fields' text."""

    def get(self, key: str) -> dict[str, str] | None:
        rows = self._rows("SELECT data FROM drafts WHERE key = ?", [key])
        return json.loads(rows[0]["data"]) if rows else None

    def put(self, key: str, data: dict[str, str], *, at: datetime) -> None:
        # Text only, as typed: parsing is the domain's job when the form is submitted, and a
        # draft must give back exactly what was in the fields (" 12", "37,8", "").
        if not isinstance(data, dict) or not all(
            isinstance(name, str) and isinstance(value, str) for name, value in data.items()
        ):
            raise TypeError(f"draft {key!r} must be a dict of text fields")
        with self._write() as db:
            db.execute(
                "INSERT INTO drafts (key, data, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET data = excluded.data, "
                "updated_at = excluded.updated_at",
                [key, json.dumps(data, ensure_ascii=False), utc_text(at)],
            )

    def clear(self, key: str) -> None:
        """Forget a draft (after the report is saved); clearing a missing one is fine."""
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE key = ?", [key])


class DiaryRepository(Repository):
    """The mother's daily reports, one per day, keyed by the ISO date."""

    def save(self, report: DailyReport, *, at: datetime) -> None:
        """Insert the day's report, or replace every field of the existing one (its created_at
        stays: it says when the day was first reported)."""
        row = _report_row(report)
        stamp = utc_text(at)
        updates = ", ".join(f"{column} = excluded.{column}" for column in row if column != "day")
        with self._write() as db:
            db.execute(
                f"INSERT INTO reports ({', '.join(row)}, created_at, updated_at) "
                f"VALUES ({', '.join('?' * len(row))}, ?, ?) "
                f"ON CONFLICT (day) DO UPDATE SET {updates}, updated_at = excluded.updated_at",
                [*row.values(), stamp, stamp],
            )

    def get(self, day: date) -> DailyReport | None:
        rows = self._rows(
            f"SELECT {_REPORT_COLUMNS} FROM reports WHERE day = ?", [_day_text(day)]
        )
        return _report(rows[0]) if rows else None

    def delete(self, day: date) -> DailyReport | None:
        """Remove the day's report and return it, so the UI can offer undo (see restore)."""
        key = _day_text(day)
        with self._write() as db:
            found = db.execute(
                f"SELECT {_REPORT_COLUMNS} FROM reports WHERE day = ?", [key]
            ).fetchone()
            if found is None:
                return None
            db.execute("DELETE FROM reports WHERE day = ?", [key])
        return _report(dict(zip(DailyReport.model_fields, found, strict=True)))

    def restore(self, report: DailyReport, *, at: datetime) -> None:
        """Undo a delete: put the report back as it was.

        Raises ValueError if the day has a report again (saved after the delete): undo must not
        overwrite the newer entry. created_at becomes `at`; the deleted row's is gone.
        """
        row = _report_row(report)
        stamp = utc_text(at)
        with self._write() as db:
            taken = db.execute("SELECT 1 FROM reports WHERE day = ?", [row["day"]]).fetchone()
            if taken is not None:
                raise ValueError(f"a report for {row['day']} exists again; not overwriting it")
            db.execute(
                f"INSERT INTO reports ({', '.join(row)}, created_at, updated_at) "
                f"VALUES ({', '.join('?' * len(row))}, ?, ?)",
                [*row.values(), stamp, stamp],
            )

    def days(self) -> list[date]:
        """Every day that has a report, newest first (for marking a calendar)."""
        rows = self._rows("SELECT day FROM reports ORDER BY day DESC")
        return [date.fromisoformat(row["day"]) for row in rows]

    def count(self) -> int:
        return self._rows("SELECT count(*) AS n FROM reports")[0]["n"]

    # Defined last because it shadows the builtin in this class (as SessionRepository.list).
    def list(
        self, *, start: date | None = None, end: date | None = None, limit: int | None = None
    ) -> list[DailyReport]:
        """Reports newest day first, from `start` to `end` (both included, either open).

        One query on the day key's index, so two years of history is one indexed scan.
        """
        where, params = [], []
        if start is not None:
            where.append("day >= ?")
            params.append(_day_text(start))
        if end is not None:
            where.append("day <= ?")
            params.append(_day_text(end))
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        # LIMIT -1 is SQLite's "no limit".
        rows = self._rows(
            f"SELECT {_REPORT_COLUMNS} FROM reports {clause}ORDER BY day DESC LIMIT ?",
            [*params, -1 if limit is None else limit],
        )
        return [_report(row) for row in rows]


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
    }


def _report(row: dict[str, Any]) -> DailyReport:
    # No validation context, so the "not in the future / not before birth" checks are skipped:
    # a report valid on the day it was written stays loadable.
    return DailyReport.model_validate({**row, "signs": json.loads(row["signs"])})
