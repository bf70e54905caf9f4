"""Everything at once: the backup of all tables, its restore, and deleting it all."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlite_utils import Database

from app.store import backup, merge
from app.store.repositories.base import Repository
from app.store.repositories.diary import DiaryRepository
from app.store.repositories.mothers import MothersRepository
from app.store.repositories.profile import ProfileRepository
from app.store.repositories.sessions import SessionRepository
from app.store.repositories.teaching import TeachingRepository

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
    every mother, and each one's diary, sessions, profile, quiz attempts and skills checks."""
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
        repositories += [diary, sessions, profile, teaching]
    return not any(repository.skipped for repository in repositories)


class DataRepository(Repository):
    """Whole-database operations. `readable(db)` tells whether this version's repositories read
    every row of a database (a backup's, before anything of it is written)."""

    def __init__(
        self, db: Database, lock: threading.RLock, readable: Callable[[Database], bool] = every_row_readable
    ) -> None:
        super().__init__(db, lock)
        self._readable_db = readable

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
        loaded = backup.load(data, readable=self._readable_db, file_ok=file_ok)
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
        loaded = backup.load(data, readable=self._readable_db, file_ok=file_ok)
        try:
            with self._write() as db:
                merged = merge.merge_into(db.conn, loaded.db, legacy=loaded.legacy, same_mothers=same_mothers)
        finally:
            loaded.db.close()
        return merged

    def check(self, data: bytes, file_ok: FileCheck = _no_files) -> Preview:
        """What `data` would bring, or raise BackupError; writes nothing."""
        loaded = backup.load(data, readable=self._readable_db, file_ok=file_ok)
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
        return out

    def content(self) -> dict[str, dict[str, Any]]:
        """Every row of every table (what a backup holds), for comparing two databases."""
        with self._lock:
            return backup.dump(self.db)

    def erase(self) -> None:
        """Delete every row of every table, then rebuild the file (VACUUM) and empty the -wal, so
        the deleted bytes are gone from the disk, not only the rows. The schema stays."""
        with self._write() as db:
            for table in reversed(backup.data_tables(db)):
                db.execute(f'DELETE FROM "{table}"')
        self._scrub()

    def erase_mother(self, mother_id: UUID) -> None:
        """Delete one mother and everything recorded for her (every table with a `mother_id`, her
        sessions' events), then scrub the file as `erase` does. Raises LookupError for an
        unknown mother."""
        key = str(mother_id)
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
        self._scrub()

    def _scrub(self) -> None:
        with self._lock:
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
