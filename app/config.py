"""Where the app keeps its data, and how it is served."""

from __future__ import annotations

import os
import time
from contextlib import suppress
from datetime import timedelta
from pathlib import Path

from app.domain.clock import Clock, ShiftedClock, SystemClock

APP_DIR_NAME = "pijat-oksitosin"
DB_FILE_NAME = "pijat-oksitosin.sqlite3"
DATA_DIR_ENV = "PIJAT_DATA_DIR"
CLOCK_SHIFT_ENV = "PIJAT_CLOCK_SHIFT"  # seconds added to the wall clock (tests only; unset: none)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550
# The data folder: the user only (POSIX).
DIR_MODE = 0o700


def clock() -> Clock:
    """The system clock, or, when $PIJAT_CLOCK_SHIFT holds a number of seconds, the system clock
    moved by that much (the browser tests use it so a run that crosses midnight keeps its day)."""
    shift = os.environ.get(CLOCK_SHIFT_ENV)
    return ShiftedClock(timedelta(seconds=float(shift))) if shift else SystemClock()


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The directory that holds the SQLite file, created if missing.

    Order: an explicit override (command-line option), then $PIJAT_DATA_DIR, then the directory a
    packaged Flet app is given ($FLET_APP_STORAGE_DATA), then the XDG data directory. Never a cache
    or temporary directory: the diary must survive.
    """
    candidates = [override, os.environ.get(DATA_DIR_ENV), os.environ.get("FLET_APP_STORAGE_DATA")]
    chosen = next((Path(c) for c in candidates if c), None)
    if chosen is None:
        xdg = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        # The app's own folder, so one an older version made world-readable is tightened too.
        return private_dir(Path(xdg) / APP_DIR_NAME, tighten=True)
    return private_dir(chosen)


def private_dir(path: Path, *, tighten: bool = False) -> Path:
    """`path`, created if missing with access for the user only (0700 on POSIX, whatever the
    umask), and so is every parent folder it has to create. An existing folder the user chose is
    left as it is unless `tighten`: the database files in it are 0600 anyway (see app.store.db)."""
    missing = []
    folder = path
    while not folder.is_dir() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made at this moment by another process, which sets its mode
        # mkdir's mode is masked by the umask, hence the chmod.
        if os.name == "posix":
            os.chmod(folder, DIR_MODE)
    if os.name == "posix" and tighten:
        os.chmod(path, DIR_MODE)
    return path


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / DB_FILE_NAME


# A backup picked in the browser arrives here (an HTTP upload through the gate, not one WebSocket
# message: those are capped at 16 MiB) and is read and removed at once; 0700 like its parent.
UPLOADS_DIR_NAME = "incoming"


# The largest backup the app reads (app.store.backup): years of one family's diary are well under
# 1 MB, a midwife's device after three years (300 mothers) about 15 MB; anything larger is not a
# backup of this app. The upload endpoint takes one byte more, so that a larger file is "too
# large" rather than cut.
MAX_BACKUP_BYTES = 32 * 1024 * 1024


def uploads_dir(database: Path) -> Path:
    """The folder beside `database` that uploaded files land in, created private if missing."""
    return private_dir(database.parent / UPLOADS_DIR_NAME)


# An upload (a picked backup, see app.ui.files) is read and removed within seconds; one this old
# was left by a run that was killed meanwhile.
STALE_UPLOAD_S = 3600


def clear_uploads(folder: Path, *, now: float | None = None) -> None:
    """Remove the uploads a killed run left in `folder` (a backup is hers: it does not stay)."""
    limit = (time.time() if now is None else now) - STALE_UPLOAD_S
    for leftover in folder.glob("*.upload"):
        with suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()
