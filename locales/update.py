"""Refresh the catalogs after changing user-visible strings: `python locales/update.py`.

Extracts every `_()`, `ngettext()` and `N_()` string from app/ into messages.pot, merges it into each
language's messages.po (new entries arrive empty; translate them), and fills the English catalog
from the English message ids. tests/test_i18n.py fails while any entry is empty or fuzzy.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POT = HERE / "messages.pot"
LANGUAGES = ("id", "en")


def main() -> None:
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run([*pybabel, "extract", "-F", str(HERE / "babel.cfg"), "-k", "N_", "-o", str(POT),
                    "--no-location", "--sort-output", "--project", "pijat-oksitosin", "."],
                   check=True, cwd=ROOT)
    for lang in LANGUAGES:
        po = HERE / lang / "LC_MESSAGES" / "messages.po"
        action = "update" if po.exists() else "init"
        extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if action == "update" else []
        subprocess.run([*pybabel, action, "-i", str(POT), "-d", str(HERE), "-l", lang, "--no-wrap", *extra],
                       check=True, cwd=ROOT)
    _fill_english(HERE / "en" / "LC_MESSAGES" / "messages.po")


def _fill_english(po: Path) -> None:
    """English is the source language: its translations are the ids themselves."""
    with po.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id if isinstance(message.id, str) else tuple(message.id)
        message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog, width=0, omit_header=False, no_location=True)


if __name__ == "__main__":
    main()
