"""This device's preferences: the language, the theme, whether the introduction was seen; and a
mother's own ones (the massage's voice: on a midwife's device with several mothers, one mother's
"silent" is never another's). Kept as text by name. No Flet here; the names are the UI's."""

from __future__ import annotations

from uuid import UUID

from app.store.db import Store


def _hers(name: str, mother_id: UUID) -> str:
    return f"{name}:{mother_id}"


class PreferencesService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, name: str) -> str | None:
        return self.store.settings.get(name)

    def set(self, name: str, value: str) -> None:
        self.store.settings.set(name, value)

    def get_for(self, mother_id: UUID, name: str) -> str | None:
        """Her own choice; else the device's (what a device chose before choices were hers)."""
        own = self.store.settings.get(_hers(name, mother_id))
        return own if own is not None else self.get(name)

    def set_for(self, mother_id: UUID, name: str, value: str) -> None:
        """Her own choice: the device's and the other mothers' stay as they were."""
        self.store.settings.set(_hers(name, mother_id), value)
