"""What last removed records from a file under another window's feet, so that window can say why.

Each visitor (browser tab) has its own connection to the one SQLite file. A restore that replaces
everything, "Delete all data" or "Delete this mother" in one tab removes a massage another tab may
be running; that tab finds its massage's row gone (`SessionRepository.holds`) and asks here what
removed it, to tell the family in words ("the data was replaced by a backup") rather than
guessing. Kept per file, in this process: a removal made by another process leaves no note, and
the window says only that the massage is no longer on this phone.

A removal is noted before its transaction starts: a window that sees the row gone always finds
the note (one noted for a restore that then failed is never asked for: nothing was removed).
"""

from __future__ import annotations

import threading
from enum import StrEnum

from sqlite_utils import Database


class Removal(StrEnum):
    RESTORE = "restore"  # everything replaced by a backup
    ERASE = "erase"  # "Delete all data"
    ERASE_MOTHER = "erase_mother"  # one mother and everything recorded for her


# file (device, inode) -> every removal noted on it, oldest first (a few in a process's life).
_noted: dict[tuple[int, int] | int, list[Removal]] = {}
_lock = threading.Lock()


def _key(db: Database) -> tuple[int, int] | int:
    known = getattr(db, "_pijat_file", None)  # set when a store opens its file (base.remember_file)
    return (known[1], known[2]) if known is not None else id(db)


def note(db: Database, removal: Removal) -> None:
    with _lock:
        _noted.setdefault(_key(db), []).append(removal)


def mark(db: Database) -> int:
    """How many removals were noted on this file so far: pass it to `since` later."""
    with _lock:
        return len(_noted.get(_key(db), ()))


def since(db: Database, marked: int) -> Removal | None:
    """The last removal noted on this file after `mark` returned `marked`, or None."""
    with _lock:
        found = _noted.get(_key(db), [])
        return found[-1] if len(found) > marked else None
