"""Open the app's one SQLite file: checks, pragmas, migrations, and the repositories that use it.

    with open_store(config.db_path()) as store:
        session_id = store.sessions.create(new)

Opening never changes a file it cannot use: a file that is empty, not a database, damaged,
read-only or from a newer version of the app raises StoreOpenError with a code, and the file
stays byte for byte as it was. A fresh database is built under a temporary name and linked into
place whole, so an empty file under the real name is always a damaged diary, never a new one.
What an interrupted run left beside it is dealt with first (app/store/leftovers.py).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import threading
import time
import weakref
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import TracebackType
from uuid import UUID

from sqlite_utils import Database

from app.config import private_dir
from app.store.errors import OpenErrorCode, StoreOpenError, open_error
from app.store.leftovers import folder_lock, temporary_for, tidy
from app.store.migrations import migrations
from app.store.repositories import (
    NO_MOTHER,
    DataRepository,
    DiaryRepository,
    DraftRepository,
    MothersRepository,
    ProfileRepository,
    RecapRepository,
    ReminderRepository,
    SessionRepository,
    SettingsRepository,
    TeachingRepository,
    VisitPlanRepository,
    VisitsRepository,
    every_row_readable,
)
from app.store.repositories.base import remember_file
from app.store.repositories.mothers import never_without_a_mother

__all__ = ["NO_MOTHER", "Store", "connect", "every_row_readable", "open_store"]

# Long enough to ride out another process's write or a checkpoint, short enough that a stuck
# lock shows up as an error instead of a frozen screen.
BUSY_TIMEOUT_MS = 5000
# Only the user may read the diary: the file and SQLite's -wal and -shm beside it (SQLite gives
# those the database file's mode).
FILE_MODE = 0o600
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
# A file that looks truncated is read again this many times, this far apart, before it is called
# damaged (see _stays_short).
TRUNCATION_RECHECKS = 3
TRUNCATION_RECHECK_S = 0.05
# Closing any descriptor of a file drops every POSIX lock this process holds on it, SQLite's
# included (sqlite.org/howtocorrupt.html, 2.2): another process could then checkpoint and delete
# the -wal under this process's connections. So the checks that open the raw file run only while
# this process has no connection to it: files with an open Store, counted here.
_connected: dict[Path, int] = {}
_connected_lock = threading.Lock()


class Store:
    """The open database and its repositories, as one mother (her UUID, `mother_id`) sees it.
    Close it (or use `with`) when the app exits.

    `diary`, `sessions`, `drafts`, `profile`, `teaching`, `reminders` and `visits` read and write her rows
    only, so code written for one family works unchanged for any mother; `store.mother(uuid)`
    gives another mother's view on the same connection (the app's `MotherScope` holds one).
    `open_store` gives the first mother's (a one-family device's; tests use it). `settings`,
    `mothers`, `visit_plan`, `recap` and `data` are the device's, shared by every mother.

    `db` is the sqlite_utils Database, for repositories only: code outside app/store must not
    speak SQL. A new repository: its own module in repositories/ (subclass `MotherRepository`
    for one mother's rows, `Repository` for the device's), exported from repositories/__init__.py
    and made here.
    """

    def __init__(self, db: Database, *, mother_id: UUID | None = None, lock: threading.RLock | None = None) -> None:
        self.db = db
        self._release: Callable[[], None] = lambda: None
        # The store that opened the connection: closing any view closes it; a view keeps it alive.
        self._root: Store = self
        # Worker threads share this connection; the lock keeps their transactions apart.
        self.lock = lock if lock is not None else threading.RLock()
        self.settings = SettingsRepository(db, self.lock)
        self.data = DataRepository(db, self.lock)
        self.mothers = MothersRepository(db, self.lock)
        self.visit_plan = VisitPlanRepository(db, self.lock)
        self.recap = RecapRepository(db, self.lock)
        if mother_id is None:
            mother_id = self._first_mother()
        self.mother_id = mother_id
        self.sessions = SessionRepository(db, self.lock, mother_id)
        self.diary = DiaryRepository(db, self.lock, mother_id)
        self.profile = ProfileRepository(db, self.lock, mother_id)
        self.drafts = DraftRepository(db, self.lock, mother_id)
        self.teaching = TeachingRepository(db, self.lock, mother_id)
        self.reminders = ReminderRepository(db, self.lock, mother_id)
        self.visits = VisitsRepository(db, self.lock, mother_id)

    def _first_mother(self) -> UUID:
        try:
            return self.mothers.first() or NO_MOTHER
        except sqlite3.OperationalError:  # a file at a schema before m004 (tests build them)
            return NO_MOTHER

    def mother(self, mother_id: UUID) -> Store:
        """The same open database as mother `mother_id` sees it. Cheap: no query; a UUID of no
        mother reads as empty."""
        view = Store(self.db, mother_id=mother_id, lock=self.lock)
        view._root = self._root
        return view

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        return self.settings.get(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self.settings.set(key, value)

    def close(self) -> None:
        root = self._root
        with root.lock:
            root.db.close()
        root._release()

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
    """The configured connection in WAL mode, without checks or migrations (tests build old
    schemas with it); creates the file if missing."""
    path = Path(path)
    private_dir(path.parent)
    db = Database(sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000))
    try:
        _configure(db)
        _enable_wal(db)
    except BaseException:
        db.close()
        raise
    return db


def open_store(path: Path) -> Store:
    """Open the SQLite file at `path`, creating it if missing, and bring its schema up to date.

    Raises StoreOpenError (with a code) for a file it cannot use, leaving the file unchanged.
    Safe when several processes open the same new or old file at once.
    """
    path = Path(path)
    try:
        private_dir(path.parent)
        with folder_lock(path.parent):  # no other process's create is under way meanwhile
            tidy(path)  # an interrupted create's temporaries; a -wal whose database is gone
            if not path.exists():
                _create(path)
    except OSError as exc:
        raise StoreOpenError(_os_code(exc), errno.errorcode.get(exc.errno or 0, "")) from exc
    key = path.resolve()
    with _connected_lock:  # one open at a time in this process; see _connected
        if not _connected.get(key):
            _check_file(path)
        store = _connect(path)
        _connected[key] = _connected.get(key, 0) + 1
    # Counted down when closed, or when dropped without closing (the connection closes then too).
    store._release = weakref.finalize(store, _disconnected, key)
    return store


def _disconnected(key: Path) -> None:
    with _connected_lock:
        _connected[key] -= 1
        if not _connected[key]:
            del _connected[key]


def _connect(path: Path) -> Store:
    try:
        # mode=rw: never create the file here; it exists, or something removed it meanwhile.
        conn = sqlite3.connect(
            path.resolve().as_uri() + "?mode=rw",
            uri=True,
            check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
    except sqlite3.Error as exc:
        raise open_error(exc) from exc
    db = Database(conn)
    try:
        _configure(db)
        # Reads only, up to the migrations: a file that fails here is left untouched.
        _check_integrity(db)
        _check_version(db)
        _migrate(db)
        _enable_wal(db)
        never_without_a_mother(db.conn)
    except sqlite3.Error as exc:
        db.close()
        raise open_error(exc) from exc
    except BaseException:
        db.close()
        raise
    _tighten(path)
    remember_file(db, path)
    return Store(db)


def _configure(db: Database) -> None:
    # Per connection and silently ignored inside a transaction, so set first. None writes.
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # FULL sync: an entry the app called saved survives a power cut; the app writes a few rows
    # a minute, so the fsync cost does not matter.
    db.execute("PRAGMA synchronous = FULL")


def _enable_wal(db: Database) -> None:
    # WAL: a kill mid-write leaves the last committed state readable, and readers never block
    # the writer. Persistent in the file, so this writes only for a file not yet in WAL mode.
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.enable_wal()


def _create(path: Path) -> None:
    """Build a new database with the full schema under a temporary name, then link it into
    place: another process opening at the same moment sees no file or a whole one."""
    tmp = temporary_for(path)
    # Created by us with the final mode, so SQLite never makes it (or its journals) umask-wide.
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    try:
        db = Database(sqlite3.connect(tmp, timeout=BUSY_TIMEOUT_MS / 1000))
        try:
            _configure(db)
            migrations.apply(db)
            db.enable_wal()
        except sqlite3.Error as exc:
            raise open_error(exc) from exc
        finally:
            db.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process was first: open its file
        except OSError:
            # A filesystem without hard links (FAT): not atomic against a second process, the
            # best it allows.
            if not path.exists():
                os.replace(tmp, path)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def _check_file(path: Path) -> None:
    """What can be told from the file without SQLite, reading only."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise StoreOpenError(OpenErrorCode.NOT_A_DATABASE, "not a regular file")
        if not os.access(path, os.R_OK):
            raise StoreOpenError(OpenErrorCode.UNREADABLE)
        with path.open("rb") as file:
            head = file.read(_HEADER_SIZE)
    except OSError as exc:
        raise StoreOpenError(_os_code(exc), errno.errorcode.get(exc.errno or 0, "")) from exc
    # Never a new diary: SQLite would take an empty file for an empty database (and ignore a
    # -wal beside it), and the migrations would make a blank diary where hers was.
    if not head:
        raise StoreOpenError(OpenErrorCode.EMPTY_FILE)
    if not head.startswith(_SQLITE_MAGIC[: len(head)]):
        raise StoreOpenError(OpenErrorCode.NOT_A_DATABASE)
    if len(head) < _HEADER_SIZE:
        raise StoreOpenError(OpenErrorCode.CORRUPT, "short header")
    wal = Path(f"{path}-wal")
    # With committed pages in the -wal (a kill mid-checkpoint) the main file may be shorter
    # than its header says, and SQLite completes it from the log; quick_check judges then.
    try:
        has_log = wal.stat().st_size > 0
    except FileNotFoundError:  # none, or a last close just checkpointed and removed it
        has_log = False
    if not has_log and info.st_size < _expected_size(head) and _stays_short(path):
        raise StoreOpenError(OpenErrorCode.CORRUPT, "truncated")
    # SQLite needs to write the file, and the folder for the -wal and -shm beside it.
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise StoreOpenError(OpenErrorCode.READ_ONLY)


def _stays_short(path: Path) -> bool:
    """Whether the file is still shorter than its header says, read again a moment later.

    Another connection's last close checkpoints the -wal into the file and then deletes it: read
    in the middle of that, the file looks short with no log beside it. A truncated file stays
    short; a checkpointed one has grown.
    """
    for _ in range(TRUNCATION_RECHECKS):
        time.sleep(TRUNCATION_RECHECK_S)
        try:
            with path.open("rb") as file:
                head = file.read(_HEADER_SIZE)
                size = os.fstat(file.fileno()).st_size
        except OSError:
            return True
        if size >= _expected_size(head):
            return False
    return True


def _expected_size(head: bytes) -> int:
    """The file size the header promises (0 when the header does not say)."""
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The page count is trusted only when written by a version that keeps it (the "version
    # valid for" number equals the change counter), as SQLite itself does.
    return page_size * pages if head[24:28] == head[92:96] else 0


def _check_integrity(db: Database) -> None:
    # quick_check reads every page's structure (milliseconds for years of a diary), so damage
    # shows at open, not halfway through saving a report.
    result = db.execute("PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        raise StoreOpenError(OpenErrorCode.CORRUPT, "quick_check")


@cache
def _known_migrations() -> frozenset[str]:
    return frozenset(m.name for m in migrations.pending(Database(memory=True)))


def _check_version(db: Database) -> None:
    applied = {m.name for m in migrations.applied(db)}
    if applied - _known_migrations():
        # Written by a newer app: its schema may mean things this code would get wrong.
        raise StoreOpenError(OpenErrorCode.NEWER_VERSION)
    if not applied and any(not name.startswith("sqlite_") for name in db.table_names()):
        # Some other program's database under our name: not ours to add tables to.
        raise StoreOpenError(OpenErrorCode.NOT_A_DATABASE, "not this app's schema")


def _migrate(db: Database) -> None:
    if not migrations.pending(db):
        return
    # One write transaction for all pending migrations, taken with BEGIN IMMEDIATE: a second
    # process opening the same file waits for it (busy_timeout), then finds nothing pending.
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        _check_version(db)  # another process may have upgraded it while this one waited
        migrations.apply(db)  # inside a transaction, each migration is a savepoint
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _tighten(path: Path) -> None:
    """Take group and other access off the database and its -wal and -shm (files made by an
    older version under a 022 umask); content is untouched."""
    if os.name != "posix":
        return
    for name in (str(path), f"{path}-wal", f"{path}-shm"):
        try:
            mode = os.stat(name).st_mode
            if mode & 0o077:
                os.chmod(name, stat.S_IMODE(mode) & 0o700)
        except OSError:
            pass  # gone meanwhile, or not ours to change: the files' content is still safe


def _os_code(exc: OSError) -> OpenErrorCode:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OpenErrorCode.DISK_FULL
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OpenErrorCode.READ_ONLY
    return OpenErrorCode.IO_ERROR
