"""The bundled fonts cover every character the app writes beyond ASCII: the web client would
otherwise ask the server (several times a second, for as long as the text shows) for a fallback font
it does not have."""

from __future__ import annotations

import re
from pathlib import Path

from fontTools.ttLib import TTFont

from app import ASSETS_DIR
from app.ui import theme as app_theme

ROOT = Path(__file__).resolve().parents[1]
# Scripts the tests type to check input handling, never written by the app itself.
NOT_WRITTEN = re.compile(r"[\u0600-\u06ff\u0900-\u097f\uff00-\uffef]")


def _written() -> set[str]:
    """Every non-ASCII character in the app's code and its Indonesian catalog."""
    files = [*ROOT.joinpath("app").rglob("*.py"), ROOT / "locales" / "id" / "LC_MESSAGES" / "messages.po"]
    text = "".join(p.read_text("utf-8") for p in files)
    return {c for c in text if ord(c) > 0x7E and not NOT_WRITTEN.match(c)}


def test_the_punctuation_font_has_every_character_the_app_writes():
    font = TTFont(ASSETS_DIR / app_theme.FONTS[app_theme.PUNCTUATION_FONT])
    cmap = font.getBestCmap()
    letters = {c for c in _written() if c.isalpha()}  # Ñ and the like: the default font has letters
    assert "·" in _written()  # "3 of 3 rounds · 1 min massaged": the character that asked for a font
    assert sorted(c for c in _written() - letters if ord(c) not in cmap) == []
    assert (ASSETS_DIR / "fonts" / "LICENSE-DejaVu.txt").is_file()


def test_the_theme_falls_back_to_the_bundled_fonts():
    light, dark = app_theme.themes()
    for theme in (light, dark):
        assert theme.text_theme is not None and theme.text_theme.body_medium is not None
        assert theme.text_theme.body_medium.font_family_fallback == [app_theme.PUNCTUATION_FONT, app_theme.EMOJI_FONT]
