"""Opening the diary while other connections use it: a second visitor's open must not drop the
first one's locks (closing any descriptor of a file drops all of a process's POSIX locks on it),
and a file caught mid-checkpoint (shorter than its header says, no -wal beside it) is not damage."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.store.db import TRUNCATION_RECHECK_S, open_store
from app.store.errors import OpenErrorCode, StoreOpenError


def _cut_tail(path: Path) -> bytes:
    """Make a real diary file and cut its last page off, as it looks mid-checkpoint."""
    with open_store(path) as store:
        for i in range(50):
            store.set_setting(f"k{i}", "v" * 400)
    data = path.read_bytes()
    tail = data[-4096:]
    path.write_bytes(data[:-4096])
    return tail


def test_a_file_that_grows_back_while_opening_is_not_called_damaged(db_path):
    tail = _cut_tail(db_path)

    # The checkpoint finishes a moment after the open looked.
    def finish() -> None:
        with db_path.open("ab") as file:
            file.write(tail)

    finisher = threading.Timer(TRUNCATION_RECHECK_S / 5, finish)
    finisher.start()
    try:
        with open_store(db_path) as store:
            assert store.get_setting("k49") == "v" * 400
    finally:
        finisher.join()


def test_a_file_that_stays_short_is_damaged(db_path):
    _cut_tail(db_path)
    with pytest.raises(StoreOpenError) as err:
        open_store(db_path)
    assert err.value.code is OpenErrorCode.CORRUPT


def _write_from_another_process(path: Path) -> None:
    """Another process writes and closes; as the last connection it would remove the -wal."""
    code = (
        "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
        "db.execute(\"INSERT OR REPLACE INTO settings VALUES ('other', 'x')\"); db.commit(); db.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)


def test_a_second_open_keeps_the_first_connections_locks(db_path):
    # Closing any descriptor of the file drops this process's POSIX locks, SQLite's too: a second
    # visitor's open must not read the raw file while the first one's connection is open.
    with open_store(db_path) as first:
        _write_from_another_process(db_path)
        assert Path(f"{db_path}-wal").exists()  # the first connection still holds the file
        with open_store(db_path):
            pass
        _write_from_another_process(db_path)
        assert Path(f"{db_path}-wal").exists()  # ...and still does after a second open
        assert first.get_setting("other") == "x"
