""" "Delete all data" killed at any moment: the old data, or a clean app she can use at once.

A process of its own runs the delete on a real file and is killed (SIGKILL: no cleanup runs) before each
SQL statement it makes in turn, and at random moments in between. After each kill the app opens
the file as it would: either everything is as it was, or nothing of hers is left and one blank
mother is there; then a daily report is saved, as she would next do. Before the fix, five of the
kill points left a device with no mother, on which every save failed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.report import validate_report
from app.store.db import open_store
from tests.test_backup import BORN, T0, checksum, fill


def run_child(path: Path, kill_at: int, delay: float | None = None) -> int | None:
    """A forked process (a process of its own, as the app's server is; no interpreter start-up)
    opens the diary and deletes all. With `kill_at` = n it kills itself just before its n-th SQL
    statement of the delete (sqlite3's trace callback sees each one); with `delay` the parent
    kills it that many seconds after it started the delete. Returns how many statements a whole
    delete made, or None when it was killed."""
    ready_r, ready_w = os.pipe()
    done_r, done_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            os.close(ready_r)
            os.close(done_r)
            store = open_store(path)
            seen = 0

            def trace(statement: str) -> None:
                nonlocal seen
                seen += 1
                if seen == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)

            store.db.conn.set_trace_callback(trace)
            os.write(ready_w, b"go")
            store.data.erase(at=datetime(2026, 11, 21, tzinfo=UTC))
            store.db.conn.set_trace_callback(None)
            os.write(done_w, str(seen).encode())
        finally:
            os._exit(0)
    os.close(ready_w)
    os.close(done_w)
    assert os.read(ready_r, 2) == b"go"
    if delay is not None:
        time.sleep(delay)  # the kill's moment is what is drawn here, not a wait for something
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    told = os.read(done_r, 32)
    os.close(ready_r)
    os.close(done_r)
    return int(told) if told else None


@pytest.fixture
def pristine(tmp_path: Path) -> tuple[Path, str]:
    """A filled diary, closed: the copy every kill starts from, and its content's checksum."""
    path = tmp_path / "pristine" / "d.sqlite3"
    with open_store(path) as store:
        fill(store)
        before = checksum(store)
    return path, before


def fresh_copy(pristine: Path, into: Path) -> Path:
    if into.exists():
        shutil.rmtree(into)
    shutil.copytree(pristine.parent, into)
    return into / pristine.name


def check_usable(path: Path, before: str) -> str:
    """Open as the app does; the content is the old one or a clean device; a report saves."""
    with open_store(path) as store:
        mothers = store.mothers.list()
        if checksum(store) == before:
            outcome = "old"
        else:
            (blank,) = mothers
            assert blank.nickname is None and blank.baby_birth_date is None
            assert all(not part["rows"] for name, part in store.data.content().items() if name != "mothers")
            outcome = "clean"
        mother = store.mother(store.mothers.first_active() or mothers[0].id)
        report, errors = validate_report({"day": BORN + timedelta(days=9), "flow": "well"}, today=date(2026, 11, 21))
        assert report is not None, errors
        mother.diary.save(report, at=T0 + timedelta(days=1))  # raised StoreWriteError before the fix
        assert mother.diary.get(report.day) is not None
    return outcome


def test_delete_all_killed_at_every_statement_and_at_random_moments(pristine, tmp_path: Path):
    source, before = pristine
    # How many statements a whole delete makes.
    statements = run_child(fresh_copy(source, tmp_path / "count"), kill_at=-1)
    assert statements is not None and statements >= 5
    outcomes = []
    for kill_at in range(1, statements + 1):
        path = fresh_copy(source, tmp_path / f"at-{kill_at}")
        assert run_child(path, kill_at) is None  # it really was killed there
        outcomes.append(check_usable(path, before))
    rng = random.Random(20261204)
    for n in range(max(30 - statements, 20)):
        path = fresh_copy(source, tmp_path / f"random-{n}")
        run_child(path, kill_at=0, delay=rng.uniform(0, 0.08))
        outcomes.append(check_usable(path, before))
    assert len(outcomes) >= 30
    assert {"old", "clean"} <= set(outcomes)  # both ends were reached: the kills fell on both sides
