"""The words Your data uses after a merge: only what changed is named, in the visitor's language."""

from __future__ import annotations

from app import i18n
from app.services.data import Restored
from app.store.merge import Merged
from app.ui.screens.data_texts import merged_text


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
