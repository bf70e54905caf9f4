from collections.abc import Iterator
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
