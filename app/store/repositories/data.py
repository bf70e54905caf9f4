"""Everything at once: the backup of all tables, its restore, and deleting it all."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlite_utils import Database

from app.domain.plausible import Implausible, MotherRecords, RecordKind, first_implausible
from app.store import backup, merge, removals
from app.store.repositories.base import Repository
from app.store.repositories.diary import DiaryRepository
from app.store.repositories.mothers import MothersRepository, insert_blank_mother
from app.store.repositories.profile import ProfileRepository
from app.store.repositories.sessions import SessionRepository
from app.store.repositories.teaching import TeachingRepository
from app.store.repositories.visits import VisitsRepository

FileCheck = Callable[[str, bytes], bool]


def _no_files(name: str, data: bytes) -> bool:
    return False


@dataclass(frozen=True)
class Preview:
    """What a backup would bring (rows per table), before anything is written; and for a backup
    made before mothers had UUIDs, the nicknames of its mothers who look like mothers here (a
    merge asks whether they are the same women before joining them)."""

    counts: dict[str, int]
    lookalikes: list[str | None]


def every_row_readable(db: Database) -> bool:
    """Whether this version's repositories read every row of `db` (a backup being restored):
    every mother, and each one's diary, sessions, profile, quiz attempts, skills checks and done
    visits."""
    lock = threading.RLock()
    mothers = MothersRepository(db, lock)
    repositories: list[Repository] = [mothers]
    for mother in mothers.list():
        diary, sessions = DiaryRepository(db, lock, mother.id), SessionRepository(db, lock, mother.id)
        profile, teaching = ProfileRepository(db, lock, mother.id), TeachingRepository(db, lock, mother.id)
        diary.list()
        sessions.list()
        profile.get()
        teaching.quizzes()
        teaching.skills()
        visits = VisitsRepository(db, lock, mother.id)
        visits.done()
        repositories += [diary, sessions, profile, teaching, visits]
    return not any(repository.skipped for repository in repositories)


def first_implausible_in(db: Database, made: date) -> Implausible | None:
    """The first record of `db` (a backup being restored) no form would have accepted by `made`."""
    lock = threading.RLock()
    mothers = MothersRepository(db, lock)

    def records(mother_id: UUID) -> MotherRecords:
        diary, sessions = DiaryRepository(db, lock, mother_id), SessionRepository(db, lock, mother_id)
        profile, teaching = ProfileRepository(db, lock, mother_id).get(), TeachingRepository(db, lock, mother_id)
        dated: list[tuple[RecordKind, datetime]] = [(RecordKind.MASSAGE, s.started_at) for s in sessions.list()]
        dated += [(RecordKind.QUIZ, q.taken_at) for q in teaching.quizzes()]
        dated += [(RecordKind.SKILLS, c.checked_at) for c in teaching.skills()]
        done = [record.done for record in VisitsRepository(db, lock, mother_id).done()]
        return MotherRecords(profile.baby_birth_date if profile else None, diary.list(), dated, done)

    return first_implausible((records(m.id) for m in mothers.list()), made)


class DataRepository(Repository):
    """Whole-database operations. `readable(db)` tells whether this version's repositories read
    every row of a database (a backup's, before anything of it is written)."""

    def __init__(
        self,
        db: Database,
        lock: threading.RLock,
        readable: Callable[[Database], bool] = every_row_readable,
        plausible: Callable[[Database, date], Implausible | None] = first_implausible_in,
    ) -> None:
        super().__init__(db, lock)
        self._readable_db = readable
        self._plausible = plausible

    def export(self, *, at: datetime, files: dict[str, bytes] | None = None) -> bytes:
        """The backup file's bytes (with `files`), read in one transaction (a consistent snapshot)."""
        with self._lock:
            conn = self.db.conn
            conn.execute("BEGIN")
            try:
                return backup.export(self.db, at=at, files=files)
            finally:
                conn.execute("COMMIT")

    def restore(self, data: bytes, file_ok: FileCheck = _no_files) -> tuple[dict[str, int], dict[str, bytes]]:
        """Replace every table with the backup's content, or raise BackupError (or StoreWriteError)
        and change nothing. Returns the rows restored per table, and the backup's files (checked
        by `file_ok`) for the caller to put in place."""
        loaded = backup.load(data, readable=self._readable_db, file_ok=file_ok, plausible=self._plausible)
        removals.note(self.db, removals.Removal.RESTORE)  # a massage running in another tab goes too
        try:
            with self._write() as db:
                backup.replace_all(db.conn, loaded.db)
        finally:
            loaded.db.close()
        return loaded.counts, loaded.files

    def merge(self, data: bytes, file_ok: FileCheck = _no_files, *, same_mothers: bool = False) -> merge.Merged:
        """Add the backup's records to what is here (see app/store/merge.py), all of it or none;
        raises BackupError (or StoreWriteError) and changes nothing. `same_mothers`: the user
        said the look-alike mothers of a pre-UUID backup are the ones here (see `check`). Files
        are not merged: her recordings on this device stay."""
        loaded = backup.load(data, readable=self._readable_db, file_ok=file_ok, plausible=self._plausible)
        try:
            with self._write() as db:
                merged = merge.merge_into(db.conn, loaded.db, legacy=loaded.legacy, same_mothers=same_mothers)
        finally:
            loaded.db.close()
        return merged

    def check(self, data: bytes, file_ok: FileCheck = _no_files) -> Preview:
        """What `data` would bring, or raise BackupError; writes nothing."""
        loaded = backup.load(data, readable=self._readable_db, file_ok=file_ok, plausible=self._plausible)
        try:
            with self._lock:
                found = merge.lookalikes(self.db.conn, loaded.db) if loaded.legacy else []
        finally:
            loaded.db.close()
        return Preview(loaded.counts, found)

    def counts(self, mother_id: UUID | None = None) -> dict[str, int]:
        """Rows per table with a `mother_id` (only that mother's when given), and `real_sessions`:
        the massages that were not demonstrations."""
        out: dict[str, int] = {}
        key = None if mother_id is None else str(mother_id)
        with self._lock:
            for table in backup.data_tables(self.db):
                if table == "mothers":
                    where, params = ("WHERE id = ?", [key]) if key is not None else ("", [])
                elif "mother_id" in backup.columns(self.db, table):
                    where, params = ("WHERE mother_id = ?", [key]) if key is not None else ("", [])
                else:
                    continue
                out[table] = self.db.execute(f'SELECT count(*) FROM "{table}" {where}', params).fetchone()[0]
            where, params = ("AND mother_id = ?", [key]) if key is not None else ("", [])
            out["real_sessions"] = self.db.execute(
                f"SELECT count(*) FROM sessions WHERE demo = 0 {where}", params
            ).fetchone()[0]
            # Massages not ended: one may be running in another tab right now.
            out["unfinished_sessions"] = self.db.execute(
                f"SELECT count(*) FROM sessions WHERE status = 'in_progress' {where}", params
            ).fetchone()[0]
        return out

    def content(self) -> dict[str, dict[str, Any]]:
        """Every row of every table (what a backup holds), for comparing two databases."""
        with self._lock:
            return backup.dump(self.db)

    def erase(self, *, at: datetime) -> UUID:
        """Delete every row of every table and add one blank mother, as a new device has, in one
        transaction: a kill at any moment leaves the old data or a clean, usable app, never a
        device without a mother (every save would then fail). Then rebuild the file (VACUUM) and
        empty the -wal, so the deleted bytes are gone from the disk, not only the rows; a kill
        there leaves them in free pages until the next scrub, with the data already gone. The
        schema stays. Returns the new mother's UUID."""
        removals.note(self.db, removals.Removal.ERASE)
        with self._write() as db:
            for table in reversed(backup.data_tables(db)):
                db.execute(f'DELETE FROM "{table}"')
            mother_id = insert_blank_mother(db.conn, at)
        self._scrub()
        return mother_id

    def erase_mother(self, mother_id: UUID, *, at: datetime) -> None:
        """Delete one mother and everything recorded for her (every table with a `mother_id`: her
        reminders too; her sessions' events), then scrub the file as `erase` does. The last
        mother is replaced by a blank one in the same transaction. Raises LookupError for an
        unknown mother."""
        key = str(mother_id)
        removals.note(self.db, removals.Removal.ERASE_MOTHER)
        with self._write() as db:
            if db.execute("SELECT 1 FROM mothers WHERE id = ?", [key]).fetchone() is None:
                raise LookupError(f"no mother {mother_id}")
            db.execute(
                "DELETE FROM session_events WHERE session_id IN (SELECT id FROM sessions WHERE mother_id = ?)", [key]
            )
            for table in reversed(backup.data_tables(db)):
                if "mother_id" in backup.columns(db, table):
                    db.execute(f'DELETE FROM "{table}" WHERE mother_id = ?', [key])
            db.execute("DELETE FROM mothers WHERE id = ?", [key])
            db.execute("DELETE FROM settings WHERE key GLOB ?", [f"*:{key}"])  # her own preferences
            if db.execute("SELECT count(*) FROM mothers WHERE archived_at IS NULL").fetchone()[0] == 0:
                insert_blank_mother(db.conn, at)
        self._scrub()

    def _scrub(self) -> None:
        with self._lock:
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
