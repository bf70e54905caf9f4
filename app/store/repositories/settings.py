"""Small app preferences (language, last chosen technique...), as text."""

from __future__ import annotations

from app.store.repositories.base import Repository


class SettingsRepository(Repository):
    """Small app preferences (language, last chosen technique...), as text. A mother's own one
    is kept under `name:<her UUID>` and deleted with her."""

    def get(self, key: str, default: str | None = None) -> str | None:
        rows = self._rows("SELECT value FROM settings WHERE key = ?", [key])
        return rows[0]["value"] if rows else default

    def set(self, key: str, value: str) -> None:
        # Text only, so what comes back is exactly what went in.
        if not isinstance(value, str):
            raise TypeError(f"setting {key!r} must be text, got {type(value).__name__}")
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
