"""The app's themes (light and dark, from one seed colour) and the fonts it bundles."""

from __future__ import annotations

import dataclasses

import flet as ft

# Deep teal keeps >= 7:1 contrast with white text, readable in sunlight (kit's DANGER: deep red).
SEED = "#00695C"

# Emoji the mother types (a note, a nickname) come from this bundled font (assets/fonts, OFL-1.1):
# Flutter's web client would fetch a fallback font from the internet, which the app never reaches.
EMOJI_FONT = "Noto Emoji"
# Punctuation the app writes itself ("3 of 3 rounds · 1 min", "–", "…", "°"): without a font of its
# own for them the web client asks the app's server for a Noto Sans Symbols file it does not have,
# several times a second for as long as the text is on screen (assets/fonts/README.md).
PUNCTUATION_FONT = "App Punctuation"
FONTS = {EMOJI_FONT: "fonts/NotoEmoji-Regular.ttf", PUNCTUATION_FONT: "fonts/DejaVuSans-Punctuation.ttf"}


def _text_theme() -> ft.TextTheme:
    """Every text style of the theme falls back to the bundled fonts for glyphs the default font lacks.
    A style given here replaces the theme's whole style (Flet does not merge it with Material's), so
    it also names the text colour: without it, text is black on the dark theme's dark background."""
    fallback = ft.TextStyle(font_family_fallback=[PUNCTUATION_FONT, EMOJI_FONT], color=ft.Colors.ON_SURFACE)
    return ft.TextTheme(
        **{
            f.name: fallback
            for f in dataclasses.fields(ft.TextTheme)
            if f.name.endswith(("_large", "_medium", "_small"))
        }
    )


def themes() -> tuple[ft.Theme, ft.Theme]:
    light = ft.Theme(color_scheme_seed=SEED, use_material3=True, text_theme=_text_theme())
    dark = ft.Theme(color_scheme_seed=SEED, use_material3=True, text_theme=_text_theme())
    return light, dark
