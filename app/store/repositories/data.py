"""Everything at once: the backup of all tables, its restore, and deleting it all."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from app.domain.plausible import Implausible
from app.store import backup
from app.store.repositories.base import Repository
from app.store.repositories.mothers import insert_blank_mother

FileCheck = Callable[[str, bytes], bool]


def _no_files(name: str, data: bytes) -> bool:
    return False


class DataRepository(Repository):
    """Whole-database operations. `readable(db)` (given by the Store) tells whether this
    version's repositories read every row of a database."""

    def __init__(
        self,
        db: Database,
        lock: threading.RLock,
        readable: Callable[[Database], bool],
        plausible: Callable[[Database, date], Implausible | None],
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
        try:
            with self._write() as db:
                backup.replace_all(db.conn, loaded.db)
        finally:
            loaded.db.close()
        return loaded.counts, loaded.files

    def merge(self, data: bytes, file_ok: FileCheck = _no_files) -> backup.Merged:
        """Add the backup's records to what is here (see `backup.merge_into`), all of it or none;
        raises BackupError (or StoreWriteError) and changes nothing. Files are not merged: her
        recordings on this device stay."""
        loaded = backup.load(data, readable=self._readable_db, file_ok=file_ok, plausible=self._plausible)
        try:
            with self._write() as db:
                merged = backup.merge_into(db.conn, loaded.db)
        finally:
            loaded.db.close()
        return merged

    def check(self, data: bytes, file_ok: FileCheck = _no_files) -> dict[str, int]:
        """What restoring `data` would bring (rows per table), or raise BackupError; writes nothing."""
        loaded = backup.load(data, readable=self._readable_db, file_ok=file_ok, plausible=self._plausible)
        loaded.db.close()
        return loaded.counts

    def counts(self, mother_id: int | None = None) -> dict[str, int]:
        """Rows per table with a `mother_id` (only that mother's when given), and `real_sessions`:
        the massages that were not demonstrations."""
        out: dict[str, int] = {}
        with self._lock:
            for table in backup.data_tables(self.db):
                if table == "mothers":
                    where, params = ("WHERE id = ?", [mother_id]) if mother_id is not None else ("", [])
                elif "mother_id" in backup.columns(self.db, table):
                    where, params = ("WHERE mother_id = ?", [mother_id]) if mother_id is not None else ("", [])
                else:
                    continue
                out[table] = self.db.execute(f'SELECT count(*) FROM "{table}" {where}', params).fetchone()[0]
            where, params = ("AND mother_id = ?", [mother_id]) if mother_id is not None else ("", [])
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

    def erase(self, *, at: datetime) -> int:
        """Delete every row of every table and add one blank mother, as a new device has, in one
        transaction: a kill at any moment leaves the old data or a clean, usable app, never a
        device without a mother (every save would then fail). Then rebuild the file (VACUUM) and
        empty the -wal, so the deleted bytes are gone from the disk, not only the rows; a kill
        there leaves them in free pages until the next scrub, with the data already gone. The
        schema stays. Returns the new mother's id."""
        with self._write() as db:
            for table in reversed(backup.data_tables(db)):
                db.execute(f'DELETE FROM "{table}"')
            mother_id = insert_blank_mother(db.conn, at)
        self._scrub()
        return mother_id

    def erase_mother(self, mother_id: int, *, at: datetime) -> None:
        """Delete one mother and everything recorded for her (every table with a `mother_id`, her
        sessions' events, her reminder times), then scrub the file as `erase` does. The last
        mother is replaced by a blank one in the same transaction. Raises LookupError for an
        unknown mother."""
        with self._write() as db:
            if db.execute("SELECT 1 FROM mothers WHERE id = ?", [mother_id]).fetchone() is None:
                raise LookupError(f"no mother {mother_id}")
            db.execute(
                "DELETE FROM session_events WHERE session_id IN (SELECT id FROM sessions WHERE mother_id = ?)",
                [mother_id],
            )
            for table in reversed(backup.data_tables(db)):
                if "mother_id" in backup.columns(db, table):
                    db.execute(f'DELETE FROM "{table}" WHERE mother_id = ?', [mother_id])
            db.execute("DELETE FROM settings WHERE key LIKE 'reminder_%:' || ?", [str(mother_id)])
            db.execute("DELETE FROM mothers WHERE id = ?", [mother_id])
            if db.execute("SELECT count(*) FROM mothers WHERE archived_at IS NULL").fetchone()[0] == 0:
                insert_blank_mother(db.conn, at)
        self._scrub()

    def _scrub(self) -> None:
        with self._lock:
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
