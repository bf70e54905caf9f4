import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.domain.clock import FakeClock
from app.store.db import Store, open_store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    # A folder that does not exist yet: open_store must create it.
    return tmp_path / "data" / "pijat.sqlite3"


@pytest.fixture
def fresh_db(db_path: Path) -> Iterator[Store]:
    """A new store on a real SQLite file, with every migration applied."""
    with open_store(db_path) as store:
        yield store


@contextmanager
def mounted_tiny_fs(tmp_path: Path, size: str) -> Iterator[Path]:
    """A filesystem of its own (tmpfs, e.g. size "256k"), to fill up for real: needs the right to mount."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small filesystem here (needs root with CAP_SYS_ADMIN)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)
