"""Massage sessions and their event log."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from uuid import UUID

from sqlite_utils import Database

from app.domain.records import (
    NewSession,
    SessionProgress,
    SessionRecord,
    SessionStatus,
    validate_comfort,
)
from app.store import removals
from app.store.repositories.base import MotherRepository, moment, utc_text, uuid_text

# The event row that closes a session, by how it ended; these are the kinds history shows.
FINISH_EVENT_KIND = {
    SessionStatus.COMPLETED: "finish",
    SessionStatus.ENDED_EARLY: "end",
    SessionStatus.STOPPED_PAIN: "stop_pain",
}

# A running session writes a heartbeat (checkpoint or event, `updated_at`) every few seconds.
# Only one silent for longer than this is "interrupted": one still beating belongs to another
# tab or process, which must keep it.
LEASE_S = 15.0
# The event a page writes when it lets go of its massage (its tab was closed or reloaded): the
# massage is free at once, before its lease runs out. A page that comes back (a reload) or takes
# it over writes another event, so the last event says whether anyone holds it.
RELEASE_EVENT = "released"

# Only the columns SessionRecord knows: a later migration may add columns to sessions, and
# SessionRecord forbids fields it does not declare.
_SESSION_COLUMNS = ", ".join(SessionRecord.model_fields)


class SessionRepository(MotherRepository):
    """One mother's massage sessions and their event log (demonstrations included, `demo`).

    A session of another mother does not exist here: `get` gives None, writes raise LookupError.
    A write given the session's UUID (`session_uuid`) raises LookupError too when the row of that
    id is no longer that session (a restore replaced the table: the id may now name one of the
    backup's).
    """

    def create(self, new: NewSession) -> int:
        """Store a started session and its 'start' event; return the session id (this file's
        handle; the session's identity is the random UUID it is given here)."""
        started = utc_text(new.started_at)
        row = {
            "uuid": str(uuid.uuid4()),
            "mother_id": self.mother_key,
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
            assert session_id is not None  # an INSERT that succeeded always has one
            self._insert_event(db, session_id, "start", started, 0.0)
        return session_id

    def record_event(
        self, session_id: int, kind: str, progress: SessionProgress, *, session_uuid: UUID | None = None
    ) -> None:
        """Log an event (pause, resume, skip, phase, restore...) and the progress it leaves."""
        if not kind:
            raise ValueError("an event needs a kind")
        with self._write() as db:
            self._update_progress(db, session_id, progress, session_uuid=session_uuid)
            self._insert_event(db, session_id, kind, utc_text(progress.at), progress.massaged_s)

    def checkpoint(self, session_id: int, progress: SessionProgress, *, session_uuid: UUID | None = None) -> None:
        """Save progress without an event: the heartbeat that lets a killed session resume."""
        with self._write() as db:
            self._update_progress(db, session_id, progress, session_uuid=session_uuid)

    def finish(
        self, session_id: int, status: SessionStatus, progress: SessionProgress, *, session_uuid: UUID | None = None
    ) -> None:
        """End a session: final progress, status, ended_at, and the closing event."""
        status = SessionStatus(status)
        if status is SessionStatus.IN_PROGRESS:
            raise ValueError("finish() needs how the session ended, not in_progress")
        at = utc_text(progress.at)
        with self._write() as db:
            self._update_progress(db, session_id, progress, status=status, ended_at=at, session_uuid=session_uuid)
            self._insert_event(db, session_id, FINISH_EVENT_KIND[status], at, progress.massaged_s)

    def rate(
        self, session_id: int, comfort: int | None, letdown: bool | None, *, session_uuid: UUID | None = None
    ) -> None:
        """The mother's answers after a session; None clears an answer."""
        comfort = validate_comfort(comfort)
        if letdown is not None and not isinstance(letdown, bool):
            raise ValueError(f"letdown must be True, False or None, got {letdown!r}")
        with self._write() as db:
            cursor = db.execute(
                "UPDATE sessions SET comfort = ?, letdown = ? "
                "WHERE id = ? AND mother_id = ? AND (? IS NULL OR uuid = ?)",
                [
                    comfort,
                    None if letdown is None else int(letdown),
                    session_id,
                    self.mother_key,
                    *_twice(session_uuid),
                ],
            )
            if cursor.rowcount == 0:
                raise LookupError(f"no session {session_id}")

    def holds(self, session_id: int, session_uuid: UUID) -> bool:
        """Whether the session is still recorded (a restore or a delete in another window may
        have removed it): one look-up by its key."""
        rows = self._rows(
            "SELECT 1 AS found FROM sessions WHERE id = ? AND mother_id = ? AND uuid = ?",
            [session_id, self.mother_key, str(session_uuid)],
        )
        return bool(rows)

    def removal_mark(self) -> int:
        """The removals noted on this file so far, for `removed_by` (app/store/removals.py)."""
        return removals.mark(self.db)

    def removed_by(self, marked: int) -> removals.Removal | None:
        """What removed records from this file in this process since `removal_mark` gave
        `marked`: a restore or a delete in another window; None if nothing did here."""
        return removals.since(self.db, marked)

    def get(self, session_id: int) -> SessionRecord | None:
        """The session, or None if there is none or it cannot be read (see `skipped`)."""
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ? AND mother_id = ?",
            [session_id, self.mother_key],
        )
        found = self._readable(rows, "id", _record)
        return found[0] if found else None

    def unfinished(self, *, now: datetime, lease_s: float = LEASE_S) -> SessionRecord | None:
        """The latest session left in progress by a closed tab or a killed app, to offer resuming.

        One whose page let it go (its last event is `RELEASE_EVENT`: the tab was closed), at once;
        else only one whose heartbeat (`updated_at`) is at least `lease_s` older than `now`: a
        session still beating is running in another tab or process and is not ours to take. A
        heartbeat more than a lease in the future means the wall clock was set back since; nobody
        has written on the new clock, so the session is interrupted too.
        """
        lease = timedelta(seconds=lease_s)
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE mother_id = ? AND status = ? "
            "AND (updated_at <= ? OR updated_at > ? OR ("
            "SELECT kind FROM session_events WHERE session_id = sessions.id ORDER BY id DESC LIMIT 1) = ?) "
            "ORDER BY started_at DESC, id DESC",
            [
                self.mother_key,
                SessionStatus.IN_PROGRESS.value,
                utc_text(now - lease),
                utc_text(now + lease),
                RELEASE_EVENT,
            ],
        )
        # Newest first; an unreadable one is skipped for the next (usually none or one row).
        for row in rows:
            found = self._readable([row], "id", _record)
            if found:
                return found[0]
        return None

    def between(self, start: datetime, end: datetime, include_demo: bool = False) -> list[SessionRecord]:
        """Sessions started in [start, end), oldest first (a day read from morning to night)."""
        demo = "" if include_demo else "AND demo = 0 "
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions "
            f"WHERE mother_id = ? AND started_at >= ? AND started_at < ? {demo}"
            "ORDER BY started_at, id",
            [self.mother_key, utc_text(start), utc_text(end)],
        )
        return self._readable(rows, "id", _record)

    def massage_days(self, start: datetime, end: datetime, tz: tzinfo | None) -> set[date]:
        """The local days in [start, end) with a completed real massage (the chart's marks): one
        indexed query, no session built. Completed means every planned round done (`outcome_of`),
        also for a row written before skipped rounds stopped counting."""
        rows = self._rows(
            "SELECT started_at FROM sessions WHERE mother_id = ? AND started_at >= ? AND started_at < ? "
            "AND demo = 0 AND status = ? AND rounds_done >= rounds_planned",
            [self.mother_key, utc_text(start), utc_text(end), SessionStatus.COMPLETED.value],
        )
        return {datetime.fromisoformat(row["started_at"]).astimezone(tz).date() for row in rows}

    def first_day(self, tz: tzinfo | None) -> date | None:
        """The local day of the oldest real (not demonstration) massage, or None."""
        at = moment(
            self._rows(
                "SELECT min(started_at) AS at FROM sessions WHERE mother_id = ? AND demo = 0", [self.mother_key]
            )[0]["at"]
        )
        return None if at is None else at.astimezone(tz).date()

    def last_event(self, session_id: int) -> str | None:
        """The kind of the session's latest event (None if it has none, or is not hers)."""
        rows = self._rows(
            "SELECT e.kind FROM session_events AS e JOIN sessions AS s ON s.id = e.session_id "
            "WHERE e.session_id = ? AND s.mother_id = ? ORDER BY e.id DESC LIMIT 1",
            [session_id, self.mother_key],
        )
        return rows[0]["kind"] if rows else None

    def has_event(self, session_id: int, kind: str) -> bool:
        """Whether the session's log holds an event of this kind (a choice made during it)."""
        rows = self._rows(
            "SELECT 1 FROM session_events AS e JOIN sessions AS s ON s.id = e.session_id "
            "WHERE e.session_id = ? AND s.mother_id = ? AND e.kind = ? LIMIT 1",
            [session_id, self.mother_key, kind],
        )
        return bool(rows)

    def events(self, session_id: int) -> list[dict[str, Any]]:
        """The event log of a session in the order it was written; `at` is an aware datetime."""
        rows = self._rows(
            "SELECT e.id, e.session_id, e.at, e.kind, e.position_s FROM session_events AS e "
            "JOIN sessions AS s ON s.id = e.session_id WHERE e.session_id = ? AND s.mother_id = ? "
            "ORDER BY e.id",
            [session_id, self.mother_key],
        )
        return [{**row, "at": moment(row["at"])} for row in rows]

    # Named like sqlite-utils' verbs; defined last because it shadows the builtin in this class.
    def list(self, *, limit: int | None = None, include_demo: bool = True) -> list[SessionRecord]:
        """Sessions newest first, for history (unreadable ones skipped, see `skipped`)."""
        demo = "" if include_demo else "AND demo = 0 "
        # LIMIT -1 is SQLite's "no limit".
        rows = self._rows(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE mother_id = ? {demo}"
            "ORDER BY started_at DESC, id DESC LIMIT ?",
            [self.mother_key, -1 if limit is None else limit],
        )
        return self._readable(rows, "id", _record)

    @staticmethod
    def _insert_event(db: Database, session_id: int, kind: str, at: str, position_s: float) -> None:
        db.execute(
            "INSERT INTO session_events (session_id, at, kind, position_s) VALUES (?, ?, ?, ?)",
            [session_id, at, kind, position_s],
        )

    def _update_progress(
        self,
        db: Database,
        session_id: int,
        progress: SessionProgress,
        *,
        status: SessionStatus | None = None,
        ended_at: str | None = None,
        session_uuid: UUID | None = None,
    ) -> None:
        # Only an in-progress session moves: a late heartbeat after finish() must not rewrite
        # what the finished session recorded.
        cursor = db.execute(
            "UPDATE sessions SET updated_at = ?, snapshot = ?, rounds_done = ?, massaged_s = ?, "
            "status = COALESCE(?, status), ended_at = COALESCE(?, ended_at) "
            "WHERE id = ? AND mother_id = ? AND status = ? AND (? IS NULL OR uuid = ?)",
            [
                utc_text(progress.at),
                json.dumps(progress.snapshot, ensure_ascii=False),
                progress.rounds_done,
                progress.massaged_s,
                None if status is None else status.value,
                ended_at,
                session_id,
                self.mother_key,
                SessionStatus.IN_PROGRESS.value,
                *_twice(session_uuid),
            ],
        )
        if cursor.rowcount == 0:
            found = db.execute(
                "SELECT status FROM sessions WHERE id = ? AND mother_id = ? AND (? IS NULL OR uuid = ?)",
                [session_id, self.mother_key, *_twice(session_uuid)],
            ).fetchone()
            if found is None:
                raise LookupError(f"no session {session_id}")
            raise ValueError(f"session {session_id} already ended ({found[0]})")


def _twice(found: UUID | None) -> list[str | None]:
    """A UUID's text for `(? IS NULL OR uuid = ?)`: no UUID given, any row of the id."""
    text = None if found is None else str(found)
    return [text, text]


def _record(row: dict[str, Any]) -> SessionRecord:
    return SessionRecord(
        **{
            **row,
            "uuid": uuid_text(row["uuid"]),
            "started_at": moment(row["started_at"]),
            "updated_at": moment(row["updated_at"]),
            "ended_at": moment(row["ended_at"]),
            "demo": bool(row["demo"]),
            "snapshot": json.loads(row["snapshot"]),
            "letdown": None if row["letdown"] is None else bool(row["letdown"]),
        }
    )
