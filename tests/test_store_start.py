"""What opening finds in the data folder (issue 22): a log without its database is set aside, not
replayed; an interrupted create's temporaries are removed; every folder the app makes is 0700
whatever the umask."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sqlite3
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.config import data_dir
from app.domain.profile import Profile
from app.domain.prompts import Clip
from app.domain.report import DailyReport, Flow
from app.services.own_voice import OwnVoice, folder_for
from app.store import db as store_db
from app.store.db import open_store
from tests.test_own_voice import tone

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions, locks and fork")

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
OTHER_MOTHER = "Dewi Lestari"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def other_diary(folder: Path) -> Path:
    """Another diary whose rows are still in its log (not yet checkpointed into the file)."""
    other = folder / "other.sqlite3"
    with open_store(other) as store:
        store.profile.save(Profile(mother_name=OTHER_MOTHER, baby_birth_date=date(2026, 2, 1)), at=T0)
    return other


def foreign_wal(path: Path) -> bytes:
    """Put the -wal of another diary, with a profile and a report in it, beside `path`."""
    other = other_diary(path.parent)
    live = sqlite3.connect(other)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("INSERT INTO settings VALUES ('language', 'en')")
    live.commit()
    with open_store(other) as store:  # a second connection, so the checkpoint at close does not run
        store.diary.save(DailyReport(day=date(2026, 2, 10), flow=Flow.WELL, note="from the other diary"), at=T0)
        shutil.copy(f"{other}-wal", f"{path}-wal")
    live.close()
    return Path(f"{path}-wal").read_bytes()


def foreign_journal(path: Path) -> bytes:
    """Put a hot rollback journal of another database (a write interrupted halfway) beside `path`."""
    other = path.with_name("other-journal.sqlite3")
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = 1")  # spill to the file mid-transaction, as a large write does
    conn.execute("CREATE TABLE filler (x TEXT)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    conn.execute("BEGIN")
    conn.execute("UPDATE filler SET x = 'y'")
    shutil.copy(f"{other}-journal", f"{path}-journal")
    conn.execute("ROLLBACK")
    conn.close()
    return Path(f"{path}-journal").read_bytes()


@pytest.mark.parametrize(
    "leave, suffix",
    [
        (foreign_wal, "-wal"),  # its pages would be read as the new diary's
        (foreign_journal, "-journal"),  # its pages would be written back into the new diary
    ],
)
def test_a_log_without_its_database_is_set_aside_not_replayed(
    tmp_path: Path, leave: Callable[[Path], bytes], suffix: str
):
    path = tmp_path / "pijat.sqlite3"
    kept = leave(path)
    assert not path.exists()
    with open_store(path) as store:
        assert store.db.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert store.profile.get() is None  # a new, empty diary
        assert store.diary.count() == 0
        assert store.get_setting("language") is None
        assert store.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'filler'").fetchone() == (0,)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith(f"pijat.sqlite3{suffix}.")]
    assert [p.read_bytes() for p in aside] == [kept]  # kept under another name, not deleted


def test_the_diary_s_own_log_is_still_replayed(tmp_path: Path):
    # The positive control: a -wal beside its database is the diary's latest writes.
    path = tmp_path / "pijat.sqlite3"
    with open_store(path):
        pass
    live = sqlite3.connect(path)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    with open_store(path) as store:
        store.diary.save(DailyReport(day=date(2026, 2, 10), flow=Flow.WELL), at=T0)
        saved = Path(f"{path}-wal").read_bytes()
    live.close()  # the last connection: it would checkpoint; put the log back as a kill leaves it
    Path(f"{path}-wal").write_bytes(saved)
    with open_store(path) as store:
        assert store.diary.count() == 1


# --- an interrupted create ----------------------------------------------------------------------


def _create_and_die(path: str, when: str) -> None:
    real_link = os.link

    def link(src: str, dst: str) -> None:
        if when == "after":
            real_link(src, dst)
        os.kill(os.getpid(), signal.SIGKILL)

    store_db.os.link = link  # type: ignore[assignment]  # this child process only
    open_store(Path(path))


@pytest.mark.parametrize(
    "when",
    [
        "before",  # killed with the new database built, before it is linked into place
        "after",  # killed after the link, before its temporary name is removed
    ],
)
def test_an_interrupted_create_leaves_no_temporary_after_the_next_start(tmp_path: Path, when: str):
    path = tmp_path / "data" / "pijat.sqlite3"
    path.parent.mkdir()
    child = multiprocessing.get_context("fork").Process(target=_create_and_die, args=(str(path), when))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL
    assert [p for p in path.parent.iterdir() if ".new" in p.name], "the kill left nothing to clean"
    with open_store(path) as store:
        store.set_setting("language", "id")
    assert [p.name for p in path.parent.iterdir() if ".new" in p.name] == []


# --- folders ------------------------------------------------------------------------------------


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def test_every_folder_the_app_makes_is_private(tmp_path: Path, umask: int):
    chosen = data_dir(tmp_path / "a" / "b" / "data")  # --data-dir naming folders that do not exist
    path = tmp_path / "c" / "d" / "pijat.sqlite3"  # the store's own folder, and its parent
    with open_store(path):
        pass
    OwnVoice(folder_for(path)).save(Clip.HALFWAY, tone(0.5))  # the recordings' folder
    made = [tmp_path / "a", tmp_path / "a" / "b", chosen, tmp_path / "c", path.parent, folder_for(path)]
    assert {str(p.relative_to(tmp_path)): oct(mode(p)) for p in made} == {
        str(p.relative_to(tmp_path)): oct(0o700) for p in made
    }


def test_the_default_folder_and_its_parents_are_private(tmp_path: Path, umask: int, monkeypatch):
    monkeypatch.delenv("PIJAT_DATA_DIR", raising=False)
    monkeypatch.delenv("FLET_APP_STORAGE_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    folder = data_dir()
    made = [tmp_path / "home", tmp_path / "home" / ".local", folder.parent, folder]
    assert [oct(mode(p)) for p in made] == [oct(0o700)] * len(made)


def test_a_folder_that_exists_keeps_its_mode(tmp_path: Path, umask: int):
    # The user's own folder (say, a shared one they chose) is not the app's to change.
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o755)
    data_dir(mine / "pijat")
    assert (mode(mine), mode(mine / "pijat")) == (0o755, 0o700)
