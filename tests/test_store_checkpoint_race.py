"""Opening the diary while another connection's last close is checkpointing the -wal into the
file: for a moment the file is shorter than its header says and has no -wal beside it. That is
not damage; a second tab opened right then must open the diary, not the "damaged" screen."""

from __future__ import annotations

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
