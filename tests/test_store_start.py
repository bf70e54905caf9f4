"""What opening finds in the data folder (issue 22): every folder the app makes is 0700 whatever
the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.config import data_dir
from app.domain.prompts import Clip
from app.services.own_voice import OwnVoice, folder_for
from app.store.db import open_store
from tests.test_own_voice import tone

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions, locks and fork")

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
OTHER_MOTHER = "Dewi Lestari"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


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
