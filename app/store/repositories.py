"""Rows <-> domain records. With migrations.py, the only code in the app that speaks SQL.

Every method that records something does it in one transaction, so a kill at any instant leaves
either all of it or none of it: a session row never claims progress its event log lacks.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from app.domain.records import (
    NewSession,
    SessionProgress,
    SessionRecord,
    SessionStatus,
    validate_comfort,
)

# The event row that closes a session, by how it ended; these are the kinds history shows.
FINISH_EVENT_KIND = {
    SessionStatus.COMPLETED: "finish",
    SessionStatus.ENDED_EARLY: "end",
    SessionStatus.STOPPED_PAIN: "stop_pain",
}

# Only the columns SessionRecord knows: a later migration may add columns to sessions, and
# SessionRecord forbids fields it does not declare.
_SESSION_COLUMNS = ", ".join(SessionRecord.model_fields)


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
