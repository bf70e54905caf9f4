"""Where the app keeps its data, and how it is served."""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "pijat-oksitosin"
DB_FILE_NAME = "pijat-oksitosin.sqlite3"
DATA_DIR_ENV = "PIJAT_DATA_DIR"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550


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
        chosen = Path(xdg) / APP_DIR_NAME
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / DB_FILE_NAME
