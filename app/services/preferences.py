"""This device's preferences: the language, the theme, the voice, whether the introduction was
seen. They are the device's (every mother and visitor shares them), never a mother's, and are
kept as text by name. No Flet here; the names are the UI's."""

from __future__ import annotations

from app.store.db import Store


class PreferencesService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, name: str) -> str | None:
        return self.store.settings.get(name)

    def set(self, name: str, value: str) -> None:
        self.store.settings.set(name, value)
