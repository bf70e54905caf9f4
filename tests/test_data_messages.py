"""The words Your data uses after a merge: only what changed is named, in the visitor's language."""

from __future__ import annotations

from app import i18n
from app.domain.prompts import Clip
from app.services.data import Inventory, Restored
from app.store.merge import Merged
from app.ui.screens.data_texts import merged_text, replace_text


def test_a_merge_names_only_what_it_changed() -> None:
    with i18n.using("en"):
        text = merged_text(Restored(merged=Merged(reports_added=2, reports_kept=1, sessions_added=1)))
    assert text == ("Merged: 2 daily reports added; 1 massage added; 1 day kept as on this phone.")


def test_a_merge_that_brought_nothing_says_so() -> None:
    with i18n.using("en"):
        assert merged_text(Restored(merged=Merged(reports_kept=3))) == (
            "Nothing new: this phone already has everything in this backup."
        )
    with i18n.using("id"):
        said = merged_text(Restored(merged=Merged(reports_kept=3)))
    assert said != "Nothing new: this phone already has everything in this backup." and "cadangan" in said


def test_in_indonesian() -> None:
    with i18n.using("id"):
        text = merged_text(Restored(merged=Merged(mothers_added=1, reports_updated=2)))
    assert text.startswith("Digabungkan: ") and "1 " in text and "2 " in text and "added" not in text


def test_replace_says_what_it_deletes_before_she_confirms() -> None:
    found = Restored(reports=3, sessions=1)
    here = Inventory(mothers=2, reports=41, sessions=12, recordings=18)
    with i18n.using("en"):
        text = replace_text(found, here)
    assert "The backup holds 3 daily reports and 1 massage." in text
    assert "Replace deletes what is on this phone now: 41 daily reports, 12 massages and 18 recorded prompts" in text
    assert "not ended" not in text
    with i18n.using("en"):
        running = replace_text(found, Inventory(mothers=1, reports=0, sessions=0, unfinished=1))
    assert "A massage that has not ended (perhaps running in another tab) would be lost too." in running
    with i18n.using("id"):
        text = replace_text(found, here)
    assert "41 catatan harian" in text and "18 " in text


def test_the_device_inventory_counts_recordings_and_unfinished_massages(tmp_path) -> None:
    from datetime import UTC, datetime

    from app.domain.clock import FakeClock
    from app.domain.records import NewSession
    from app.services.data import DataService
    from app.services.own_voice import OwnVoice
    from app.store.db import open_store
    from tests.test_backup_meaning import _wav

    with open_store(tmp_path / "d.sqlite3") as store:
        own = OwnVoice(tmp_path / "voice")
        own.folder.mkdir()
        own.path(Clip.HALFWAY).write_bytes(_wav(1.0))
        at = datetime(2026, 11, 20, tzinfo=UTC)
        store.sessions.create(
            NewSession(started_at=at, demo=False, round_s=180, rest_s=60, rounds_planned=3, snapshot={})
        )
        found = DataService(store, FakeClock(start_wall=at), own=own).inventory()
    assert (found.recordings, found.unfinished, found.sessions) == (1, 1, 1)
