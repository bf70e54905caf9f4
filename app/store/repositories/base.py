"""What every repository shares: the connection, its lock, write transactions, skipped rows."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from pydantic import ValidationError
from sqlite_utils import Database

from app.store.errors import StoreWriteError, WriteErrorCode, write_error

log = logging.getLogger(__name__)

T = TypeVar("T")

# What reading a row a newer version wrote can raise: an unknown code fails validation, odd
# text fails parsing (json, ISO dates), a missing value fails the model's types.
UNREADABLE_ROW_ERRORS: tuple[type[Exception], ...] = (
    ValidationError,
    ValueError,
    TypeError,
    KeyError,
)


def utc_text(moment: datetime) -> str:
    """ISO-8601 UTC text of fixed width, so comparing the text compares the instants."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: pass a timezone-aware datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def remember_file(db: Database, path: Path) -> None:
    """Note which file `db` was opened on (its device and inode), for `file_still_there`."""
    found = os.stat(path)
    db._pijat_file = (str(path), found.st_dev, found.st_ino)  # type: ignore[attr-defined]


def file_still_there(db: Database) -> bool:
    """Whether the file `db` was opened on is still at its path (a database in memory, or one
    opened without `remember_file`, always is)."""
    known = getattr(db, "_pijat_file", None)
    if known is None:
        return True
    path, device, inode = known
    try:
        now = os.stat(path)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (device, inode)


# The mother of a store on a database that has none (a backup being checked, a device just
# erased): the nil UUID, which no mother has, so her repositories read as empty.
NO_MOTHER = UUID(int=0)


class Repository:
    """Base for repositories: one shared connection, serialized by the store's lock."""

    def __init__(self, db: Database, lock: threading.RLock) -> None:
        self.db = db
        self._lock = lock
        # Keys of rows this code could not read, in the order first met (see `skipped`).
        self._skipped: dict[Hashable, None] = {}

    @property
    def skipped(self) -> list[Any]:
        """Ids of the rows skipped by reads since the store was opened (for "n entries could not
        be read"): rows a newer version of the app wrote, with codes this version lacks."""
        with self._lock:
            return list(self._skipped)

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One write transaction: all of it is committed, or none of it.

        BEGIN IMMEDIATE takes the write lock up front, so a second process waits (busy_timeout)
        instead of failing with "database is locked" when a deferred read turns into a write.
        Any SQLite failure becomes a StoreWriteError with a code; other errors (LookupError,
        ValueError from the checks inside) propagate as they are, after the rollback.
        """
        with self._lock:
            conn = self.db.conn
            if not file_still_there(self.db):
                # The data folder was deleted or replaced while the app ran: SQLite would go on
                # writing into a file nobody can open again, and every save would vanish unsaid.
                raise StoreWriteError(WriteErrorCode.FILE_GONE)
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise write_error(exc) from exc
            try:
                yield self.db
                conn.execute("COMMIT")
            except BaseException as exc:
                _rollback(conn)
                if isinstance(exc, sqlite3.Error):
                    raise write_error(exc) from exc
                raise

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        # Materialized under the lock: a lazy cursor read later could see another thread's
        # half-done transaction on the shared connection.
        with self._lock:
            return list(self.db.query(sql, params or []))

    def _readable(self, rows: list[dict[str, Any]], key: str, convert: Callable[[dict[str, Any]], T]) -> list[T]:
        """Convert each row, skipping (and remembering) the ones this code cannot read, so one
        odd row never locks the user out of the rest."""
        good = []
        for row in rows:
            try:
                good.append(convert(row))
            except UNREADABLE_ROW_ERRORS as exc:
                self._skip(row.get(key), exc)
        return good

    def _skip(self, row_id: Hashable, exc: Exception) -> None:
        # The error's type only: pydantic's message quotes the row's values (health data).
        log.warning("skipped unreadable %s row %r (%s)", type(self).__name__, row_id, type(exc).__name__)
        with self._lock:
            self._skipped[row_id] = None


class MotherRepository(Repository):
    """A repository of one mother's rows: every query it makes is limited to her, `mother_id`
    (her UUID; the rows name her by its text, `self.mother_key`).

    Get one from `Store.mother(mother_id)`, never by hand: the store makes one of each per
    mother, on the same connection and lock. A row of another mother is, to this repository,
    a row that does not exist (None, or LookupError for a write).
    """

    def __init__(self, db: Database, lock: threading.RLock, mother_id: UUID) -> None:
        super().__init__(db, lock)
        if not isinstance(mother_id, UUID):
            raise TypeError(f"mother_id must be a UUID, got {mother_id!r}")
        self.mother_id = mother_id
        self.mother_key = str(mother_id)


def uuid_text(text: str) -> UUID:
    """A UUID as the store writes it (lower-case, hyphenated); anything else is not one of ours."""
    found = UUID(text)
    if str(found) != text:
        raise ValueError("not a UUID in its canonical form")
    return found


def _rollback(conn: sqlite3.Connection) -> None:
    # An error such as SQLITE_FULL may already have ended the transaction; a failing rollback
    # (I/O) must not hide the error that caused it.
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.exception("rollback failed")
