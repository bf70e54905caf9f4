"""What an interrupted run can leave beside the diary, dealt with before the diary is opened.

- A new database is built as a temporary (`.<name>.<pid>.<random>.new`, see `temporary_for`) and
  linked into place whole; a process killed meanwhile leaves it, and SQLite's journals of it,
  behind. Nothing in them is the diary: they are removed.
- A `-wal` (or rollback `-journal`) whose database is gone is not the log of the diary about to be
  created: SQLite keeps no mark of which database a log belongs to, and would replay its pages into
  the new file. It is set aside under another name instead (kept: it is not ours to delete).

Both run under `folder_lock`, which every process that creates a database here also holds, so
nothing of a create still under way in another process is ever taken for a leftover.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from glob import escape
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; creates in two processes at once stay rare
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

TEMPORARY_SUFFIX = ".new"
# SQLite's files beside a database.
JOURNALS = ("-journal", "-wal", "-shm")
# Logs that could be replayed into a database of the same name (the -shm is only an index of the
# -wal, rebuilt from it, and is removed instead).
REPLAYED = ("-wal", "-journal")
SET_ASIDE = ".without-database-"
ENDINGS = (TEMPORARY_SUFFIX, *(f"{TEMPORARY_SUFFIX}{journal}" for journal in JOURNALS))


def temporary_for(path: Path) -> Path:
    """A name of its own for building a new database beside `path` (hidden, this process's)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (POSIX advisory, released when the descriptor closes, so
    also when the process dies). Best effort: a folder that cannot be opened is not locked, and
    what follows fails on it in its own, reported way."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def tidy(path: Path) -> None:
    """Remove the temporaries interrupted creates left beside `path`, and set aside a log whose
    database `path` does not exist. Call it under `folder_lock(path.parent)`."""
    for leftover in path.parent.glob(f".{escape(path.name)}.*{TEMPORARY_SUFFIX}*"):
        if leftover.name.endswith(ENDINGS) and not leftover.is_dir():
            # A read-only folder: harmless where it is, and opening says what is wrong.
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
    if path.exists() or path.is_symlink():
        return
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for suffix in REPLAYED:
        log_file = Path(f"{path}{suffix}")
        if log_file.exists():
            aside = log_file.with_name(f"{log_file.name}{SET_ASIDE}{stamp}-{secrets.token_hex(2)}")
            os.rename(log_file, aside)
            log.warning("a %s file without its database was set aside, not replayed", suffix)
    Path(f"{path}-shm").unlink(missing_ok=True)
