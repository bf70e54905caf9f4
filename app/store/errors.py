"""What the store raises when the file cannot be opened or a write cannot be kept.

Each error carries a `code` the UI turns into a translated message ("the phone's storage is
full: free some space"). The message of the exception itself is for logs: it names the code and
SQLite's error name, never a value from a row (no names, notes or measurements).
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum


class OpenErrorCode(StrEnum):
    # The file is not an SQLite database at all (another file under our name, garbage bytes).
    NOT_A_DATABASE = "not_a_database"
    # Zero bytes: never replaced by an empty diary, the lost one may still be in a backup.
    EMPTY_FILE = "empty_file"
    # A database, but damaged: truncated, or pages that fail SQLite's own checks.
    CORRUPT = "corrupt"
    # The file or its folder cannot be written (the store needs both: -wal and -shm live there).
    READ_ONLY = "read_only"
    # The file cannot even be read (permissions).
    UNREADABLE = "unreadable"
    DISK_FULL = "disk_full"
    # Written by a newer version of the app: migrations this code does not know.
    NEWER_VERSION = "newer_version"
    # Another process held the write lock for longer than the busy timeout.
    BUSY = "busy"
    IO_ERROR = "io_error"


class WriteErrorCode(StrEnum):
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    BUSY = "busy"
    CORRUPT = "corrupt"
    IO_ERROR = "io_error"
    # SQLite refused the change: a constraint or a trigger's RAISE.
    REFUSED = "refused"
    # The day already holds a record this version cannot read: it is kept, never overwritten
    # (a newer version wrote it, or a code this one does not know).
    UNREADABLE_KEPT = "unreadable_kept"
    UNKNOWN = "unknown"


class StoreError(Exception):
    """Base of the store's own errors."""


class StoreOpenError(StoreError):
    """The database file cannot be used; it was left exactly as it was."""

    def __init__(self, code: OpenErrorCode, detail: str = "") -> None:
        self.code = OpenErrorCode(code)
        super().__init__(f"cannot open the database: {self.code.value}" + (f" ({detail})" if detail else ""))


class StoreWriteError(StoreError):
    """A write failed and was rolled back as a whole: nothing of it is in the file."""

    def __init__(self, code: WriteErrorCode, detail: str = "") -> None:
        self.code = WriteErrorCode(code)
        super().__init__(f"cannot save: {self.code.value}" + (f" ({detail})" if detail else ""))


# SQLite's primary result codes (the low byte of an extended code), from sqlite3.h.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 5, 6, 8, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_CONSTRAINT, _SQLITE_NOTADB = 13, 14, 19, 26
# No room to size the -shm file beside the database: a full disk, reported as an I/O error.
_SQLITE_IOERR_SHMSIZE = _SQLITE_IOERR | (19 << 8)


def sqlite_name(exc: sqlite3.Error) -> str:
    """SQLite's name for the error (e.g. SQLITE_FULL): safe to log, unlike its message text."""
    return str(getattr(exc, "sqlite_errorname", "") or type(exc).__name__)


def _primary(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code == _SQLITE_IOERR_SHMSIZE:
        return _SQLITE_FULL
    return None if code is None else int(code) & 0xFF


def write_code(exc: sqlite3.Error) -> WriteErrorCode:
    return {
        _SQLITE_FULL: WriteErrorCode.DISK_FULL,
        _SQLITE_READONLY: WriteErrorCode.READ_ONLY,
        _SQLITE_BUSY: WriteErrorCode.BUSY,
        _SQLITE_LOCKED: WriteErrorCode.BUSY,
        _SQLITE_CORRUPT: WriteErrorCode.CORRUPT,
        _SQLITE_NOTADB: WriteErrorCode.CORRUPT,
        _SQLITE_IOERR: WriteErrorCode.IO_ERROR,
        _SQLITE_CANTOPEN: WriteErrorCode.IO_ERROR,
        _SQLITE_CONSTRAINT: WriteErrorCode.REFUSED,
    }.get(_primary(exc) or -1, WriteErrorCode.UNKNOWN)


def open_code(exc: sqlite3.Error) -> OpenErrorCode:
    return {
        _SQLITE_NOTADB: OpenErrorCode.NOT_A_DATABASE,
        _SQLITE_CORRUPT: OpenErrorCode.CORRUPT,
        _SQLITE_FULL: OpenErrorCode.DISK_FULL,
        _SQLITE_READONLY: OpenErrorCode.READ_ONLY,
        _SQLITE_CANTOPEN: OpenErrorCode.READ_ONLY,
        _SQLITE_BUSY: OpenErrorCode.BUSY,
        _SQLITE_LOCKED: OpenErrorCode.BUSY,
    }.get(_primary(exc) or -1, OpenErrorCode.IO_ERROR)


def write_error(exc: sqlite3.Error) -> StoreWriteError:
    return StoreWriteError(write_code(exc), sqlite_name(exc))


def open_error(exc: sqlite3.Error) -> StoreOpenError:
    return StoreOpenError(open_code(exc), sqlite_name(exc))
