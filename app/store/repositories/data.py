"""Everything at once: the backup of all tables, its restore, and deleting it all."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.store import backup
from app.store.repositories.base import Repository


class DataRepository(Repository):
    """Whole-database operations. `readable(db)` (given by the Store) tells whether this
    version's repositories read every row of a database."""

    def __init__(self, db: Database, lock: threading.RLock, readable: Callable[[Database], bool]) -> None:
        super().__init__(db, lock)
        self._readable_db = readable

    def export(self, *, at: datetime) -> bytes:
        """The backup file's bytes, read in one transaction (a consistent snapshot)."""
        with self._lock:
            conn = self.db.conn
            conn.execute("BEGIN")
            try:
                return backup.export(self.db, at=at)
            finally:
                conn.execute("COMMIT")

    def restore(self, data: bytes) -> dict[str, int]:
        """Replace everything with the backup's content, or raise BackupError (or StoreWriteError)
        and change nothing. Returns the number of rows restored per table."""
        loaded = backup.load(data, readable=self._readable_db)
        try:
            with self._write() as db:
                backup.replace_all(db.conn, loaded.db)
        finally:
            loaded.db.close()
        return loaded.counts

    def check(self, data: bytes) -> dict[str, int]:
        """What restoring `data` would bring (rows per table), or raise BackupError; writes nothing."""
        loaded = backup.load(data, readable=self._readable_db)
        loaded.db.close()
        return loaded.counts

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
        with self._lock:
            self.db.execute("VACUUM")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
