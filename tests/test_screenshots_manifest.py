"""The screenshots in docs/ show the app as it is: made by `python -m tests.screenshots` with the
catalogs as they are now, every one of them listed with its hash, and every picture the README
shows among them."""

from __future__ import annotations

import json
import re

from tests.screenshots import MANIFEST, ROOT, SHOTS, catalogs_hash, file_hash


def _manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def test_the_screenshots_were_made_with_the_current_catalogs() -> None:
    assert _manifest()["catalogs"] == catalogs_hash(), (
        "the translation catalogs changed since the screenshots were made: run `python -m tests.screenshots`"
    )


def test_every_screenshot_is_one_the_script_made() -> None:
    listed = _manifest()["pictures"]
    on_disk = {p.name: file_hash(p) for p in SHOTS.glob("*.png")}
    assert on_disk == listed


def test_the_readme_shows_only_screenshots_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"docs/screenshots/([\w.-]+\.png)", readme)
    assert shown, "the README shows the app"
    assert [name for name in shown if name not in _manifest()["pictures"]] == []


def test_the_catalog_hash_changes_with_a_word(tmp_path, monkeypatch) -> None:
    import tests.screenshots as shots

    before = catalogs_hash()
    copies = []
    for path in shots.CATALOGS:
        copy = tmp_path / path.parent.parent.name / "LC_MESSAGES" / "messages.po"
        copy.parent.mkdir(parents=True)
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(copy)
    monkeypatch.setattr(shots, "CATALOGS", tuple(copies))
    assert catalogs_hash() == before
    text = copies[0].read_text(encoding="utf-8")
    copies[0].write_text(text.replace('msgstr "Cek keamanan"', 'msgstr "Cek keselamatan"'), encoding="utf-8")
    assert catalogs_hash() != before
