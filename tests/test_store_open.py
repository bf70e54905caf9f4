"""Opening the store: broken files refused with a code and left unchanged, private permissions,
and several processes opening one data folder at once."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from app.config import data_dir
from app.domain.profile import Profile
from app.domain.records import NewSession, SessionProgress, SessionStatus
from app.domain.report import DailyReport, Flow
from app.store.db import connect, open_store
from app.store.errors import OpenErrorCode, StoreOpenError
from app.store.migrations import migrations
from tests.conftest import mounted_tiny_fs

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
SECRET = "Siti Rahayu"  # health data that must never reach an error message
NOBODY = 65534
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and fork")
pytestmark = posix_only


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_diary(path: Path, days: int = 40) -> None:
    """A real diary with enough rows to span several pages."""
    with open_store(path) as store:
        store.profile.save(Profile(mother_name=SECRET, baby_birth_date=date(2026, 2, 1)), at=T0)
        for n in range(days):
            report = DailyReport(
                day=date(2026, 2, 1) + timedelta(days=n), flow=Flow.WELL, note=f"{SECRET} {n} " + "catatan " * 20
            )
            store.diary.save(report, at=T0)


# --- running an open as an ordinary user, in a child process ------------------------------------


@pytest.fixture
def user_dir() -> Iterator[Path]:
    """A folder owned by the user the child opens as: root would ignore read-only bits, so
    under root the child drops to `nobody` and the folder is theirs."""
    folder = Path(tempfile.mkdtemp(prefix="store-open-"))
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o700 if path.is_dir() else 0o600)
        shutil.rmtree(folder)


def _give_to_user(folder: Path) -> None:
    if os.geteuid() == 0:
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)


def _child_open(reply: Connection, path: str) -> None:
    try:
        if os.geteuid() == 0:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        try:
            open_store(Path(path)).close()
            reply.send(("opened", ""))
        except StoreOpenError as exc:
            reply.send((exc.code.value, str(exc)))
    except BaseException as exc:  # anything else is a test failure: report its type
        reply.send(("unexpected " + type(exc).__name__, str(exc)))


def open_as_user(path: Path) -> tuple[str, str]:
    """(the StoreOpenError code or "opened", the exception's message) from a forked child."""
    _give_to_user(path.parent)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child_open, args=(send, str(path)))
    child.start()
    child.join(60)
    assert child.exitcode == 0, "the child hung or crashed"
    return receive.recv()


# --- broken files -------------------------------------------------------------------------------


def garbage(path: Path) -> None:
    path.write_bytes(bytes((n * 131 + 7) % 256 for n in range(8192)))


def text_file(path: Path) -> None:
    path.write_text("Catatan harian ibu\n")


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def zero_bytes_beside_a_log(path: Path) -> None:
    # SQLite would ignore the -wal and call the empty file an empty database.
    write_diary(path.with_name("other.sqlite3"))
    live = sqlite3.connect(path.with_name("other.sqlite3"))
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("INSERT INTO settings VALUES ('language', 'id')")
    live.commit()
    shutil.copy(path.with_name("other.sqlite3-wal"), f"{path}-wal")
    live.close()
    path.write_bytes(b"")


def truncated_to_half(path: Path) -> None:
    write_diary(path)
    data = path.read_bytes()
    assert len(data) >= 4 * 4096  # several pages, so half cuts pages the header counts
    path.write_bytes(data[: len(data) // 2])


def header_cut(path: Path) -> None:
    write_diary(path)
    path.write_bytes(path.read_bytes()[:50])


def damaged_page(path: Path) -> None:
    write_diary(path)
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 200] = bytes(range(200))  # page 3's b-tree header overwritten
    path.write_bytes(bytes(data))


def newer_version(path: Path) -> None:
    # A future app ran m001 and then a migration this code does not know, before m002.
    db = connect(path)
    migrations.apply(db, stop_before="m002_diary")
    db.table("_sqlite_migrations").insert(
        {"migration_set": migrations.name, "name": "m099_from_the_future", "applied_at": "x"}
    )
    db.close()


def old_file(path: Path) -> None:
    db = connect(path)
    migrations.apply(db, stop_before="m002_diary")  # m002 pending: its upgrade writes
    db.close()


def another_programs_database(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES (?)", [SECRET])
    conn.close()


def read_only_file(path: Path) -> None:
    write_diary(path, days=3)
    path.chmod(0o400)


def read_only_folder(path: Path) -> None:
    write_diary(path, days=3)
    path.parent.chmod(0o500)


def unreadable_file(path: Path) -> None:
    write_diary(path, days=3)
    path.chmod(0o000)


@pytest.mark.parametrize(
    "make_broken, code",
    [
        (garbage, OpenErrorCode.NOT_A_DATABASE),  # random bytes under our name
        (text_file, OpenErrorCode.NOT_A_DATABASE),  # shorter than a header, not SQLite
        (zero_bytes, OpenErrorCode.EMPTY_FILE),  # never silently becomes an empty diary
        (zero_bytes_beside_a_log, OpenErrorCode.EMPTY_FILE),  # nor one with a -wal beside it
        (truncated_to_half, OpenErrorCode.CORRUPT),  # a copy cut short
        (header_cut, OpenErrorCode.CORRUPT),  # SQLite's magic, then nothing
        (damaged_page, OpenErrorCode.CORRUPT),  # caught by quick_check at open, not mid-use
        (newer_version, OpenErrorCode.NEWER_VERSION),  # m002 must not be applied on top
        (another_programs_database, OpenErrorCode.NOT_A_DATABASE),  # no tables added to it
        (read_only_file, OpenErrorCode.READ_ONLY),
        (read_only_folder, OpenErrorCode.READ_ONLY),  # no room for -wal and -shm
        (unreadable_file, OpenErrorCode.UNREADABLE),
    ],
)
def test_a_file_that_cannot_be_opened_is_refused_and_left_unchanged(
    user_dir: Path, make_broken: Callable[[Path], None], code: OpenErrorCode
):
    path = user_dir / "pijat.sqlite3"
    make_broken(path)
    before = sha256(path) if os.access(path, os.R_OK) or os.geteuid() == 0 else None
    got, message = open_as_user(path)
    assert got == code.value, message
    if before is not None:
        assert sha256(path) == before
    assert SECRET not in message and "catatan" not in message


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    with mounted_tiny_fs(tmp_path, "256k") as mount_point:
        yield mount_point


def fill(folder: Path, leave: int) -> None:
    """Take all free space of the filesystem but `leave` bytes."""
    with (folder / "filler").open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError:  # ENOSPC: the filesystem is full
            pass
        filler.truncate(max(0, filler.tell() - leave))


@pytest.mark.parametrize(
    "prepare",
    [
        lambda path: None,  # a fresh folder: the new diary's schema does not fit
        old_file,  # an older version's file: its upgrade does not fit, the file stays as it was
    ],
)
def test_a_full_disk_at_open_is_refused_and_changes_nothing(tiny_fs: Path, prepare):
    path = tiny_fs / "pijat.sqlite3"
    prepare(path)
    before = sha256(path) if path.exists() else None
    fill(tiny_fs, leave=4096)
    with pytest.raises(StoreOpenError) as refused:
        open_store(path)
    assert refused.value.code is OpenErrorCode.DISK_FULL
    assert (sha256(path) if path.exists() else None) == before
    # No half-made diary, no temporary left behind (SQLite's own -wal and -shm may stay).
    left = {p.name for p in tiny_fs.iterdir()} - {f"{path.name}-wal", f"{path.name}-shm"}
    assert left == {"filler", *([path.name] if before else [])}


# --- permissions --------------------------------------------------------------------------------


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_fresh_data_folder_is_private_under_umask_022(tmp_path: Path, umask_022: None):
    folder = data_dir(tmp_path / "home" / "pijat-oksitosin")
    path = folder / "pijat.sqlite3"
    with open_store(path) as store:
        store.set_setting("language", "id")  # a write, so -wal and -shm exist
        files = {p.name: mode(p) for p in folder.iterdir()}
        assert files == {
            "pijat.sqlite3": 0o600, "pijat.sqlite3-wal": 0o600, "pijat.sqlite3-shm": 0o600
        }  # fmt: skip
    assert mode(folder) == 0o700


def test_files_an_older_version_left_readable_are_made_private(tmp_path: Path, umask_022: None):
    path = tmp_path / "pijat.sqlite3"
    connect(path).close()
    path.chmod(0o644)
    with open_store(path) as store:
        store.set_setting("language", "id")
        assert {p.name: mode(p) for p in tmp_path.iterdir()} == {
            "pijat.sqlite3": 0o600, "pijat.sqlite3-wal": 0o600, "pijat.sqlite3-shm": 0o600
        }  # fmt: skip


# --- several processes at once ------------------------------------------------------------------


def _child_writes(path: str, start: multiprocessing.synchronize.Barrier, n: int, reply: Connection) -> None:
    try:
        start.wait(30)
        with open_store(Path(path)) as store:
            at = T0 + timedelta(minutes=n)
            session_id = store.sessions.create(NewSession(
                started_at=at, demo=False, round_s=180, rest_s=30, rounds_planned=3, snapshot={}
            ))  # fmt: skip
            store.sessions.finish(
                session_id,
                SessionStatus.COMPLETED,
                SessionProgress(at=at, snapshot={}, rounds_done=3, massaged_s=540.0),
            )
            store.set_setting(f"opened_by_{n}", "yes")
            store.diary.save(DailyReport(day=date(2026, 1, 1) + timedelta(days=n), flow=Flow.WELL), at=at)
        reply.send("ok")
    except BaseException as exc:
        reply.send(f"{type(exc).__name__}: {exc}")


PROCESSES = 12


@pytest.mark.parametrize(
    "prepare",
    [
        lambda path: None,  # a fresh data folder: every process would create the file
        old_file,  # an older version's file: every process would run the same migration
    ],
)
def test_processes_opening_one_folder_at_once_never_fail(tmp_path: Path, prepare):
    path = tmp_path / "data" / "pijat.sqlite3"
    path.parent.mkdir()
    prepare(path)
    ctx = multiprocessing.get_context("fork")
    start = ctx.Barrier(PROCESSES)
    pipes = [ctx.Pipe(duplex=False) for _ in range(PROCESSES)]
    children = [
        ctx.Process(target=_child_writes, args=(str(path), start, n, send)) for n, (_, send) in enumerate(pipes)
    ]
    for child in children:
        child.start()
    results = [receive.recv() if receive.poll(120) else "no answer" for receive, _ in pipes]
    for child in children:
        child.join(30)
    assert results == ["ok"] * PROCESSES
    with open_store(path) as store:
        assert len(store.sessions.list()) == PROCESSES
        assert store.diary.count() == PROCESSES
        assert migrations.pending(store.db) == []
        assert [p.name for p in path.parent.iterdir() if p.name.endswith(".new")] == []
