"""Open the app's one SQLite file: pragmas, migrations, and the repositories that use it.

    with open_store(config.db_path()) as store:
        session_id = store.sessions.create(new)
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from app.store.migrations import migrations
from app.store.repositories import (
    DiaryRepository,
    DraftRepository,
    ProfileRepository,
    SessionRepository,
    SettingsRepository,
)

# Long enough to ride out a checkpoint by another connection (a test, a backup), short enough
# that a stuck lock shows up as an error instead of a frozen screen.
BUSY_TIMEOUT_MS = 5000


class Store:
    """The open database and its repositories. Close it (or use `with`) when the app exits.

    `db` is the sqlite_utils Database, for repositories only: code outside app/store must not
    speak SQL. To add a repository: write the class in repositories.py (subclass `Repository`),
    then create it here next to `sessions`.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        # Flet runs event handlers and timers on worker threads that share this one connection;
        # the lock keeps one thread's transaction from swallowing another thread's writes.
        self.lock = threading.RLock()
        self.sessions = SessionRepository(db, self.lock)
        self.diary = DiaryRepository(db, self.lock)
        self.profile = ProfileRepository(db, self.lock)
        self.drafts = DraftRepository(db, self.lock)
        self._settings = SettingsRepository(db, self.lock)

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self._settings.get(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self._settings.set(key, value)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def connect(path: Path) -> Database:
    """The configured connection, without migrations (tests use it to build old schemas)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # check_same_thread=False because Flet calls us from several threads; Store.lock serializes.
    conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn)
    try:
        # Both pragmas are per connection and silently ignored inside a transaction, so they are
        # set here, first, before anything opens one.
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL: a kill mid-write leaves the last committed state readable, and readers never block
        # the writer. FULL sync: an entry the app called saved survives a power cut; the app
        # writes a few rows a minute, so the fsync cost does not matter.
        db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")
    except BaseException:
        db.close()
        raise
    return db


def open_store(path: Path) -> Store:
    """Open (creating if needed) the SQLite file at `path` and bring its schema up to date."""
    db = connect(path)
    try:
        migrations.apply(db)
    except BaseException:
        db.close()
        raise
    return Store(db)
