import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.domain.clock import FakeClock
from app.store.db import Store, open_store


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failed one: a missing tool (Chromium, a mount) or file must
    stop the run, never let it pass without the test. On a developer's machine it stays a skip."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") == "true" and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where every test must run: {reason}"


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
